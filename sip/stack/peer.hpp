#pragma once
/// @file
/// Where a message comes from or goes to, as the stack core sees it: an
/// address, a port and the transport protocol (RFC 3261 18).

#include "sip/transaction/events.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace cpm::sip::stack {

/// The transport protocols of RFC 3261 18 and 26.2 (TLS).
enum class protocol : std::uint8_t { udp, tcp, tls };

/// A remote transport address.
struct peer {
    std::string address; ///< IP address literal (or host name the driver resolves)
    std::uint16_t port = 0;
    stack::protocol protocol = protocol::udp;

    friend bool operator==(peer const&, peer const&) = default;
};

/// 17.1.1.2, 17.1.2.2: UDP is unreliable (the transaction machines
/// retransmit); TCP and TLS are reliable.
constexpr transaction::transport_kind kind_of(protocol p) noexcept
{
    return p == protocol::udp ? transaction::transport_kind::unreliable : transaction::transport_kind::reliable;
}

/// The transport token of a Via for @p p (RFC 3261 20.42: "UDP", "TCP", "TLS").
constexpr std::string_view via_token(protocol p) noexcept
{
    switch (p) {
    case protocol::udp: return "UDP";
    case protocol::tcp: return "TCP";
    case protocol::tls: return "TLS";
    }
    return "UDP";
}

} // namespace cpm::sip::stack
