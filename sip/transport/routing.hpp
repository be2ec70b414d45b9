#pragma once
/// @file
/// Where messages go: response routing (RFC 3261 18.2.2 with RFC 3581
/// rport) and the transport choice for large requests (18.1.1). Pure
/// functions: the layer above calls them, layer::send_response() follows
/// their answer.

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

/// The MTU threshold of RFC 3261 18.1.1 when the path MTU is unknown.
inline constexpr std::size_t unknown_mtu_threshold = 1300;

/// RFC 3261 18.1.1: a request of @p message_size bytes planned over
/// @p planned goes over TCP instead when @p planned is UDP and the request
/// is within 200 bytes of @p path_mtu, or larger than 1300 bytes when the
/// path MTU is unknown. Call it before writing the Via (its transport
/// names the choice); TCP and TLS stay as they are.
transport_kind request_transport(std::size_t message_size, transport_kind planned,
                                 std::optional<std::size_t> path_mtu = std::nullopt) noexcept;

} // namespace cpm::sip::transport
