#pragma once
/// @file
/// Validators for the RFC 3261 host production (hostname, IPv4address,
/// IPv6reference) with the RFC 5954 corrections (dec-octet, IPv6 forms).

#include <array>
#include <optional>
#include <cstdint>
#include <string_view>

namespace cpm::sip::abnf {

enum class host_kind : std::uint8_t { hostname, ipv4, ipv6 };

/// hostname = *( domainlabel "." ) toplabel [ "." ]
bool is_hostname(std::string_view s) noexcept;
/// IPv4address with dec-octets 0-255 (RFC 5954 section 4.1).
bool is_ipv4(std::string_view s) noexcept;
/// IPv6address (RFC 4291 text forms, embedded IPv4 allowed), no brackets.
bool is_ipv6(std::string_view s) noexcept;
/// Classifies a host as written in a URI or Via ("[...]" for IPv6); nullopt
/// when it is none of the three.
std::optional<host_kind> classify_host(std::string_view s) noexcept;
/// An IPv6 address as eight 16-bit groups.
using ipv6_groups = std::array<std::uint16_t, 8>;
/// The 128-bit value of an IPv6address (no brackets), for comparison by
/// address (RFC 5954 section 4); nullopt unless is_ipv6(s).
std::optional<ipv6_groups> ipv6_value(std::string_view s) noexcept;
/// Parses a port (1*DIGIT, at most 65535). Inline: every Via and most
/// URIs on the hot path carry one.
inline std::optional<std::uint16_t> parse_port(std::string_view s) noexcept
{
    if (s.empty() || s.size() > 5)
        return std::nullopt;
    unsigned value = 0;
    for (char c : s) {
        unsigned const d = static_cast<unsigned char>(c) - unsigned{'0'};
        if (d > 9)
            return std::nullopt;
        value = value * 10 + d;
    }
    if (value > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

} // namespace cpm::sip::abnf
