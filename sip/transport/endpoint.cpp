#include "sip/transport/endpoint.hpp"

#include "sip/abnf/char_class.hpp"

#include <charconv>

namespace cpm::sip::transport {

std::variant<endpoint, std::string> parse_endpoint(std::string_view text)
{
    endpoint out;
    auto const colon = text.find(':');
    if (colon == std::string_view::npos)
        return std::string("expected <udp|tcp|tls>:<address>[:<port>]");
    std::string_view const scheme = text.substr(0, colon);
    if (abnf::iequals(scheme, "udp"))
        out.kind = transport_kind::udp;
    else if (abnf::iequals(scheme, "tcp"))
        out.kind = transport_kind::tcp;
    else if (abnf::iequals(scheme, "tls"))
        out.kind = transport_kind::tls;
    else
        return "unknown transport '" + std::string(scheme) + "' (udp, tcp or tls)";
    std::string_view rest = text.substr(colon + 1);
    std::string_view host;
    std::string_view port;
    bool const bracketed = !rest.empty() && rest.front() == '[';
    if (bracketed) {
        auto const close = rest.find(']');
        if (close == std::string_view::npos)
            return std::string("IPv6 address without ']'");
        host = rest.substr(1, close - 1);
        rest.remove_prefix(close + 1);
        if (!rest.empty() && rest.front() != ':')
            return std::string("expected ':' after the IPv6 address");
        port = rest.empty() ? std::string_view{} : rest.substr(1);
    } else {
        auto const last = rest.find(':');
        host = rest.substr(0, last);
        port = last == std::string_view::npos ? std::string_view{} : rest.substr(last + 1);
        // An unbracketed IPv6 literal would be ambiguous with the port.
        if (port.find(':') != std::string_view::npos)
            return std::string("write an IPv6 address in brackets: [::1]:5060");
    }
    boost::system::error_code ec;
    out.address = boost::asio::ip::make_address(std::string(host), ec);
    if (ec || bracketed != out.address.is_v6())
        return "'" + std::string(host) + "' is not an IP address";
    if (port.empty() && text.back() != ':') {
        out.port = default_port(out.kind);
        return out;
    }
    unsigned value = 0;
    auto const r = std::from_chars(port.data(), port.data() + port.size(), value);
    if (r.ec != std::errc() || r.ptr != port.data() + port.size() || value > 65535)
        return std::string("port must be 0 to 65535");
    out.port = static_cast<std::uint16_t>(value);
    return out;
}

std::string to_string(endpoint const& e)
{
    std::string out(via_token(e.kind));
    for (char& c : out)
        c = abnf::to_lower(c);
    out += ' ';
    if (e.address.is_v6())
        out += '[' + e.address.to_string() + ']';
    else
        out += e.address.to_string();
    out += ':' + std::to_string(e.port);
    return out;
}

} // namespace cpm::sip::transport
