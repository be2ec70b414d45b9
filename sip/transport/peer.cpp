#include "sip/transport/peer.hpp"

#include "sip/abnf/char_class.hpp"

#include <functional>
#include <ostream>

namespace cpm::sip::transport {

std::string_view via_token(transport_kind kind) noexcept
{
    switch (kind) {
    case transport_kind::udp: return "UDP";
    case transport_kind::tcp: return "TCP";
    case transport_kind::tls: return "TLS";
    }
    return "UDP";
}

std::optional<transport_kind> kind_from_via(std::string_view token) noexcept
{
    // RFC 3261 20.42: the transport token is case-insensitive.
    for (auto kind : {transport_kind::udp, transport_kind::tcp, transport_kind::tls})
        if (abnf::iequals(token, via_token(kind)))
            return kind;
    return std::nullopt;
}

std::ostream& operator<<(std::ostream& out, transport_kind kind)
{
    return out << via_token(kind);
}

std::ostream& operator<<(std::ostream& out, connection_id id)
{
    return out << static_cast<std::uint64_t>(id);
}

std::ostream& operator<<(std::ostream& out, peer const& p)
{
    out << p.kind << ' ';
    if (p.address.is_v6())
        return out << '[' << p.address.to_string() << "]:" << p.port;
    return out << p.address.to_string() << ':' << p.port;
}

std::size_t peer_hash::operator()(peer const& p) const noexcept
{
    std::size_t h = 0;
    if (p.address.is_v4()) {
        h = std::hash<std::uint32_t>{}(p.address.to_v4().to_uint());
    } else {
        auto const bytes = p.address.to_v6().to_bytes();
        h = std::hash<std::string_view>{}(std::string_view(reinterpret_cast<char const*>(bytes.data()), bytes.size()));
    }
    return h ^ (std::size_t(p.port) << 8 | std::size_t(p.kind)) * 0x9e3779b97f4a7c15ull;
}

} // namespace cpm::sip::transport
