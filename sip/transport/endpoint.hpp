#pragma once
/// @file
/// A listen or server address as the apps take it on their command lines:
/// "udp:127.0.0.1:5060", "tcp:[::1]:0", "tls:192.0.2.1:5061".

#include "sip/transport/peer.hpp"

#include <boost/asio/ip/address.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace cpm::sip::transport {

/// A transport, an IP address and a port (0: any free one, for listening).
struct endpoint {
    transport_kind kind = transport_kind::udp;
    boost::asio::ip::address address;
    std::uint16_t port = 0;

    friend bool operator==(endpoint const&, endpoint const&) = default;
};

/// Reads "<udp|tcp|tls>:<IPv4 or [IPv6]>[:<port>]" (the transport in any
/// case; without a port, RFC 3261 19.1.2's default for the transport).
/// Returns the endpoint, or a sentence naming what is wrong
/// ("--listen: port must be 0 to 65535").
std::variant<endpoint, std::string> parse_endpoint(std::string_view text);

/// "udp 127.0.0.1:5060" ("tcp [::1]:5060" for IPv6): the form the apps print.
std::string to_string(endpoint const& e);

} // namespace cpm::sip::transport
