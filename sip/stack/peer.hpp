#pragma once
/// @file
/// Where a message comes from or goes to, as the stack core sees it: an
/// address (or a host name the driver resolves), a port and the transport
/// (RFC 3261 18).

#include "sip/transaction/events.hpp"
#include "sip/transport_kind.hpp"

#include <cstdint>
#include <string>

namespace cpm::sip::stack {

using sip::transport_kind;

/// A remote transport address.
struct peer {
    std::string address; ///< IP address literal (or host name the driver resolves)
    std::uint16_t port = 0;
    transport_kind kind = transport_kind::udp;

    friend bool operator==(peer const&, peer const&) = default;
};

/// 17.1.1.2, 17.1.2.2: UDP is unreliable (the transaction machines
/// retransmit); TCP and TLS are reliable.
constexpr transaction::transport_kind reliability(transport_kind k) noexcept
{
    return is_reliable(k) ? transaction::transport_kind::reliable : transaction::transport_kind::unreliable;
}

} // namespace cpm::sip::stack
