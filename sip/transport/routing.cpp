#include "sip/transport/routing.hpp"

namespace cpm::sip::transport {

result<response_route> route_response(sip::via const& top_via, connection_id arrived_on)
{
    auto const kind = kind_from_via(top_via.transport);
    if (!kind)
        return make_error_code(errc::unsupported_transport);

    response_route route;
    route.kind = *kind;
    // RFC 3261 18.2.2: sent-by port, else the transport's default port.
    std::uint16_t const sent_by_port = top_via.port.value_or(default_port(*kind));
    route.port = sent_by_port;

    if (is_reliable(*kind)) {
        // RFC 3261 18.2.2: "If the "sent-protocol" is a reliable transport
        // protocol ... the response MUST be sent using the existing
        // connection to the source of the original request", else a new
        // connection to the IP address in "received" (if present) at the
        // sent-by port. RFC 3581 rport applies to unreliable transports only.
        route.connection = arrived_on;
        route.host = std::string(top_via.received.empty() ? top_via.host : top_via.received);
        return route;
    }
    if (!top_via.maddr.empty()) {
        // RFC 3261 18.2.2: "Otherwise, if the Via header field value
        // contains a "maddr" parameter, the response MUST be forwarded to
        // the address listed there, using the port indicated in "sent-by"".
        route.host = std::string(top_via.maddr);
        return route;
    }
    if (!top_via.received.empty()) {
        // RFC 3581 4: with both "received" and "rport", the response goes
        // to the received address and the rport port; RFC 3261 18.2.2:
        // otherwise to "received" at the sent-by port.
        route.host = std::string(top_via.received);
        if (top_via.rport)
            route.port = *top_via.rport;
        return route;
    }
    // RFC 3261 18.2.2: "Otherwise, ... the response MUST be sent to the
    // address indicated by the "sent-by" value, using the procedures in
    // Section 5 of [4]" (RFC 3263; the resolver does that part).
    route.host = std::string(top_via.host);
    return route;
}

} // namespace cpm::sip::transport
