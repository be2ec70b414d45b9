#pragma once
/// @file
/// The checks a UAS (or proxy) applies to a new request before its
/// transaction user sees it (RFC 3261 8.2, 16.3; RFC 4475 3.3 "semantic"
/// cases): the faults the parser recorded (defect.hpp), size, Max-Forwards
/// for a proxy, and Require (a UA) or Proxy-Require (a proxy). Each fault
/// gets the response the RFC names.

#include "sip/message.hpp"
#include "sip/stack/config.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace cpm::sip::stack {

/// The error response a request gets instead of reaching the TU.
struct rejection {
    unsigned status = 0;
    std::string_view reason;
    std::string warning;     ///< text of a 399 Warning (20.43) saying what is wrong; empty: none
    std::string unsupported; ///< 420: the Unsupported value (8.2.2.3)
};

/// The first fault of @p request, or nullopt when it may go on. In order:
/// SIP version (505, 21.5.20), the grammar-level faults that make it
/// unanswerable in substance (400 with a Warning: missing or repeated
/// mandatory headers, CSeq method mismatch, Content-Length larger than the
/// body, malformed Request-URI), Request-URI scheme (416, 8.2.2.1), size
/// (513, 21.5.13), Max-Forwards 0 at a proxy (483, 16.3 step 3), Require at
/// a UA (420, 8.2.2.3) or Proxy-Require at a proxy (420, 16.3 step 5), both
/// ignored in CANCEL and ACK. The caller never answers an
/// ACK (17): it drops one that has a fault.
std::optional<rejection> check_request(sip::message const& request, config const& cfg);

/// Appends to @p out the response for @p r to @p request: the 8.2.6
/// skeleton with To tag @p to_tag, a Warning (code 399, agent @p agent)
/// when r.warning is set, Unsupported for a 420.
void write_rejection(std::string& out, sip::message const& request, rejection const& r, std::string_view agent,
                     std::string_view to_tag);

} // namespace cpm::sip::stack
