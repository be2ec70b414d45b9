#include "sip/transport_kind.hpp"

#include "sip/abnf/char_class.hpp"

#include <ostream>

namespace cpm::sip {

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

transport_kind request_transport(std::size_t message_size, transport_kind planned,
                                 std::optional<std::size_t> path_mtu) noexcept
{
    if (planned != transport_kind::udp)
        return planned;
    // RFC 3261 18.1.1: "If a request is within 200 bytes of the path MTU,
    // or if it is larger than 1300 bytes and the path MTU is unknown, the
    // request MUST be sent using an RFC 2914 congestion controlled
    // transport protocol, such as TCP."
    bool const too_large = path_mtu ? message_size + 200 >= *path_mtu : message_size > unknown_mtu_threshold;
    return too_large ? transport_kind::tcp : planned;
}

} // namespace cpm::sip
