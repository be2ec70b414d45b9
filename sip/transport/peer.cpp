#include "sip/transport/peer.hpp"

#include <functional>
#include <ostream>

namespace cpm::sip::transport {

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
