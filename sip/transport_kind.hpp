#pragma once
/// @file
/// The transport protocols a SIP element runs (RFC 3261 18: UDP and TCP;
/// 26.2: TLS), their Via tokens and default ports, and the choice of one
/// for a request by its size (18.1.1). Shared by the transport layer, which
/// runs them, and the stack core, which decides where a message goes.

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string_view>

namespace cpm::sip {

/// The transports of RFC 3261 18 and 26.2.
enum class transport_kind : std::uint8_t { udp, tcp, tls };

/// RFC 3261 18: TCP and TLS are reliable (stream) transports, UDP is not.
constexpr bool is_reliable(transport_kind kind) noexcept { return kind != transport_kind::udp; }

/// RFC 3261 19.1.2: 5060 for UDP and TCP, 5061 for TLS.
constexpr std::uint16_t default_port(transport_kind kind) noexcept
{
    return kind == transport_kind::tls ? 5061 : 5060;
}

/// The Via sent-protocol transport token (RFC 3261 20.42: "UDP", "TCP", "TLS").
std::string_view via_token(transport_kind kind) noexcept;

/// The kind named by a Via transport token (any case), or nullopt for
/// transports this stack does not run (SCTP, WS, ...).
std::optional<transport_kind> kind_from_via(std::string_view token) noexcept;

/// "UDP", "TCP" or "TLS" (logs, test output).
std::ostream& operator<<(std::ostream& out, transport_kind kind);

/// The MTU threshold of RFC 3261 18.1.1 when the path MTU is unknown.
inline constexpr std::size_t unknown_mtu_threshold = 1300;

/// RFC 3261 18.1.1: a request of @p message_size bytes planned over
/// @p planned goes over TCP instead when @p planned is UDP and the request
/// is within 200 bytes of @p path_mtu, or larger than 1300 bytes when the
/// path MTU is unknown. TCP and TLS stay as they are.
transport_kind request_transport(std::size_t message_size, transport_kind planned,
                                 std::optional<std::size_t> path_mtu = std::nullopt) noexcept;

} // namespace cpm::sip
