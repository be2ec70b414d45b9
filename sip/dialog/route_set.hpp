#pragma once
/// @file
/// The route set of a dialog (RFC 3261 12.1.1, 12.1.2) and where an
/// in-dialog request goes (12.2.1.1: Request-URI and Route fields, for loose
/// and strict routers alike).

#include "sip/dialog/error.hpp"
#include "sip/message.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cpm::sip::dialog {

/// One route: a Record-Route entry kept for the dialog's lifetime (owned).
struct route_entry {
    std::string value; ///< the name-addr with its parameters, as written ("<sip:p1.example.com;lr>")
    std::string uri;   ///< the URI inside the angle brackets
    bool lr = false;   ///< the URI has ;lr (RFC 3261 16.12: a loose router)

    friend bool operator==(route_entry const&, route_entry const&) = default;
};

using route_set = std::vector<route_entry>;

/// Whom a route set is for: the UAS keeps Record-Route in order, the UAC
/// reverses it (12.1.1, 12.1.2).
enum class role : std::uint8_t { uac, uas };

/// The route set @p m's Record-Route fields give @p side: every entry of
/// every field, top first for the UAS, reversed for the UAC; empty when
/// there is none. errc::bad_record_route when a field is malformed or an
/// entry is not a SIP or SIPS URI.
result<route_set> route_set_of(sip::message const& m, role side);

/// Where a request goes: the Request-URI and the Route values, in order.
struct request_target {
    std::string request_uri;
    std::vector<std::string> route;
};

/// RFC 3261 12.2.1.1. An empty route set: Request-URI = remote target, no
/// Route. A first route with ;lr: Request-URI = remote target, Route = the
/// route set. Otherwise (a strict router, RFC 2543): Request-URI = the first
/// route's URI stripped of what a Request-URI may not carry (19.1.1 table 1:
/// the method parameter and the headers), Route = the other routes followed
/// by <remote target>.
request_target target_for(route_set const& routes, std::string_view remote_target);

} // namespace cpm::sip::dialog
