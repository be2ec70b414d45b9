#pragma once
/// @file
/// Where responses go: RFC 3261 18.2.2 with RFC 3581 rport. A pure
/// function: the layer above calls it, layer::send_response() follows its
/// answer.

#include "sip/transport/error.hpp"
#include "sip/transport/peer.hpp"
#include "sip/via.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace cpm::sip::transport {

/// Where a response goes, owned (no views into the request).
struct response_route {
    /// Reliable transports: the connection the request arrived on, tried
    /// first (none for UDP, or when it is not known).
    connection_id connection = connection_id::none;
    /// Otherwise (or when that connection is gone): this host (an IP
    /// literal or a domain name to resolve) and port, over @c kind.
    std::string host;
    std::uint16_t port = 0;
    transport_kind kind = transport_kind::udp;
};

/// RFC 3261 18.2.2 for a response whose topmost Via is @p top_via (as
/// stamped by the server transport, 18.2.1) to a request that arrived on
/// @p arrived_on:
/// - reliable (TCP, TLS): that connection; else the address in
///   "received" (or the sent-by host) at the sent-by port (or the default);
/// - unreliable (UDP): "maddr" at the sent-by port; else "received" at
///   "rport" (RFC 3581 4) or the sent-by port; else the sent-by host and port.
/// Fails with errc::unsupported_transport for a Via transport this layer
/// does not run.
result<response_route> route_response(sip::via const& top_via, connection_id arrived_on = connection_id::none);

} // namespace cpm::sip::transport
