#pragma once
/// @file
/// Who a message came from or goes to: an address, a port, a transport
/// kind, and (on stream transports) the connection that carries it.

#include <boost/asio/ip/address.hpp>

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string_view>

namespace cpm::sip::transport {

/// The transports this layer runs (RFC 3261 18: UDP and TCP; 26.2: TLS).
enum class transport_kind : std::uint8_t { udp, tcp, tls };

/// RFC 3261 18: TCP and TLS are reliable (stream) transports, UDP is not.
constexpr bool is_reliable(transport_kind kind) noexcept { return kind != transport_kind::udp; }

/// RFC 3261 19.1.2: 5060 for UDP and TCP, 5061 for TLS.
constexpr std::uint16_t default_port(transport_kind kind) noexcept
{
    return kind == transport_kind::tls ? 5061 : 5060;
}

/// The Via sent-protocol transport token ("UDP", "TCP", "TLS").
std::string_view via_token(transport_kind kind) noexcept;

/// The kind named by a Via transport token (any case), or nullopt for
/// transports this layer does not run (SCTP, WS, ...).
std::optional<transport_kind> kind_from_via(std::string_view token) noexcept;

/// Opaque name of one stream connection, unique within the process for
/// the life of the layer. RFC 3261 18.2.2: a response goes back on the
/// connection its request arrived on, so inbound messages carry it and
/// send() accepts it. Datagrams carry connection_id::none.
enum class connection_id : std::uint64_t { none = 0 };

/// A transport address: where a message came from or goes to.
struct peer {
    boost::asio::ip::address address;
    std::uint16_t port = 0;
    transport_kind kind = transport_kind::udp;

    friend bool operator==(peer const&, peer const&) = default;
};

/// "UDP", "TCP" or "TLS" (logs, test output).
std::ostream& operator<<(std::ostream& out, transport_kind kind);
/// The id's number (logs, test output).
std::ostream& operator<<(std::ostream& out, connection_id id);
/// "UDP 192.0.2.1:5060" ("TLS [2001:db8::1]:5061" for IPv6).
std::ostream& operator<<(std::ostream& out, peer const& p);

/// Hash of a peer, for connection tables.
struct peer_hash {
    std::size_t operator()(peer const& p) const noexcept;
};

} // namespace cpm::sip::transport
