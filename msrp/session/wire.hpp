#pragma once
/// @file
/// The few messages a session writes besides SEND chunks: transaction
/// responses (RFC 4975 7.2) and REPORTs (RFC 4975 7.1.2), in wire form.

#include "msrp/headers.hpp"
#include "msrp/message.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace cpm::msrp {

/// The comment written after a status code ("OK", "Bad Request", ...).
std::string_view reason_phrase(std::uint16_t code) noexcept;

/// The Failure-Report of @p request; absent (or unreadable) is "yes"
/// (RFC 4975 7.1.1).
report_mode failure_report_of(head const& request) noexcept;

/// RFC 4975 7.2: whether a request carrying @p failure_report is answered
/// with @p code: "yes" every response, "partial" only errors, "no" none.
/// REPORT requests are never answered (RFC 4975 7.1.2).
bool wants_response(head const& request, report_mode failure_report, std::uint16_t code) noexcept;

/// Appends the response @p code to @p request (write_response of
/// serialize.hpp, no body).
void append_response(head const& request, std::uint16_t code, std::string& out);

/// Appends a REPORT about @p send (make_report of serialize.hpp: its
/// Message-ID, @p range, Status 000 @p code) with transaction id @p tid.
void append_report(head const& send, std::string_view tid, byte_range const& range, std::uint16_t code,
                   std::string& out);

} // namespace cpm::msrp
