#pragma once
/// @file
/// Who a message came from or goes to: an address, a port, a transport
/// kind, and (on stream transports) the connection that carries it.

#include "sip/transport_kind.hpp"

#include <boost/asio/ip/address.hpp>

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string_view>

namespace cpm::sip::transport {

// The transport kinds are the stack's (sip/transport_kind.hpp), named here too.
using sip::default_port;
using sip::is_reliable;
using sip::kind_from_via;
using sip::transport_kind;
using sip::via_token;

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

/// The id's number (logs, test output).
std::ostream& operator<<(std::ostream& out, connection_id id);
/// "UDP 192.0.2.1:5060" ("TLS [2001:db8::1]:5061" for IPv6).
std::ostream& operator<<(std::ostream& out, peer const& p);

/// Hash of a peer, for connection tables.
struct peer_hash {
    std::size_t operator()(peer const& p) const noexcept;
};

} // namespace cpm::sip::transport
