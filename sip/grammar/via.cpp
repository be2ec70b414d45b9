#include "sip/via.hpp"

#include "sip/abnf/grammar/core_rules.hpp"
#include "sip/grammar/parse_into.hpp"
#include "sip/grammar/value_error.hpp"

namespace cpm::sip {

namespace {
namespace g = abnf::grammar;
namespace x3 = boost::spirit::x3;
} // namespace

abnf::result<void> grammar::parse_via_into(std::string_view value, std::size_t* consumed, via& v)
{
    char const* const begin = value.data();
    char const* const end = begin + value.size();
    char const* p = begin;

    // sent-protocol = protocol-name SLASH protocol-version SLASH transport;
    // "SIP/2.0/" without SWS around the slashes is checked in one compare.
    constexpr std::string_view sip_2_0 = "SIP/2.0/";
    bool const common = value.size() > sip_2_0.size() && abnf::iequals(value.substr(0, sip_2_0.size()), sip_2_0);
    if (common) {
        v.protocol_name = value.substr(0, 3);
        v.protocol_version = value.substr(4, 3);
        p += sip_2_0.size();
    }
    if (!((common || (g::match(p, end, g::token, v.protocol_name) && g::skip(p, end, g::slash) &&
                      g::match(p, end, g::token, v.protocol_version) && g::skip(p, end, g::slash))) &&
          g::match(p, end, g::token, v.transport)))
        return grammar::value_error(value, p, "Via: expected SIP/2.0/<transport>");
    // LWS sent-by: one SP before a non-blank is read without the grammar.
    bool const one_space = end - p >= 2 && p[0] == ' ' && !(abnf::is_wsp(p[1]) || p[1] == '\r' || p[1] == '\n');
    if (one_space)
        ++p;
    else if (!g::skip(p, end, g::lws))
        return grammar::value_error(value, p, "Via: expected whitespace before sent-by");
    char const* const host_at = p;
    if (!g::match(p, end, g::host, v.host))
        return grammar::value_error(value, host_at, "Via: sent-by is not a valid host");
    char const* const port_at = p;
    std::string_view port_text;
    // COLON port: ":5060" right after the host is the common spelling and is
    // read without the grammar; whitespace around the colon takes it.
    bool const tight = end - p >= 2 && p[0] == ':' && abnf::is_digit(p[1]);
    if (tight || g::skip(p, end, g::colon)) {
        if (tight)
            ++p;
        if (!g::match(p, end, g::port, port_text) || !(v.port = abnf::parse_port(port_text)))
            return grammar::value_error(value, port_at, "Via: port out of range");
    }
    // *( SEMI via-params ): validated and interpreted in one pass.
    std::string_view rest(p, static_cast<std::size_t>(end - p));
    char const* bad_at = nullptr;
    char const* bad_text = nullptr;
    auto const reject = [&](abnf::param const& prm, char const* text) {
        if (bad_at == nullptr) {
            bad_at = prm.name.data();
            bad_text = text;
        }
    };
    std::size_t const plen = abnf::parse_params_visit(rest, abnf::param_syntax::header, [&](abnf::param const& prm) {
        if (abnf::iequals(prm.name, "branch")) {
            if (!prm.has_value || prm.is_quoted())
                return reject(prm, "Via: branch must be a token");
            v.branch = prm.value;
        } else if (abnf::iequals(prm.name, "received")) {
            // RFC 3261 received = IPv4address / IPv6address (RFC 5118 also sees it bracketed)
            auto const kind = abnf::classify_host(prm.value);
            if (kind != abnf::host_kind::ipv4 && kind != abnf::host_kind::ipv6 && !abnf::is_ipv6(prm.value))
                return reject(prm, "Via: received must be an IP address");
            v.received = prm.value;
        } else if (abnf::iequals(prm.name, "maddr")) {
            if (!abnf::classify_host(prm.value))
                return reject(prm, "Via: maddr must be a host");
            v.maddr = prm.value;
        } else if (abnf::iequals(prm.name, "ttl")) {
            auto const ttl = abnf::parse_port(prm.value);
            if (!ttl || *ttl > 255 || prm.value.size() > 3)
                return reject(prm, "Via: ttl must be 0-255");
            v.ttl = static_cast<std::uint8_t>(*ttl);
        } else if (abnf::iequals(prm.name, "rport")) {
            v.has_rport = true;
            if (prm.has_value) {
                v.rport = abnf::parse_port(prm.value);
                if (!v.rport)
                    return reject(prm, "Via: rport must be a port number");
            }
        }
    });
    if (bad_at != nullptr)
        return grammar::value_error(value, bad_at, bad_text);
    v.params = abnf::make_param_list(rest.substr(0, plen), abnf::param_syntax::header);
    p += plen;
    v.raw = std::string_view(begin, static_cast<std::size_t>(p - begin));
    // Either the value ends (after SWS) or a COMMA introduces the next via-parm.
    g::skip(p, end, g::sws);
    if (p != end) {
        if (!g::skip(p, end, g::comma))
            return grammar::value_error(value, p, "Via: unexpected character after via-parm");
        if (consumed == nullptr)
            return grammar::value_error(value, p, "Via: unexpected character after via-parm");
    }
    if (consumed != nullptr)
        *consumed = static_cast<std::size_t>(p - begin);
    return {};
}

abnf::result<via> parse_via(std::string_view value, std::size_t* consumed)
{
    return grammar::built_in_place<via>([&](via& v) { return grammar::parse_via_into(value, consumed, v); });
}

abnf::result<via_list> parse_via_list(std::string_view value)
{
    via_list out;
    std::size_t pos = 0;
    while (pos < value.size() || out.empty()) {
        std::size_t used = 0;
        auto one = parse_via(value.substr(pos), &used);
        if (!one) {
            auto e = one.error();
            e = abnf::make_parse_error(value, value.data() + pos + e.offset, e.code, std::move(e.message));
            return e;
        }
        out.push_back(*one);
        if (used == 0)
            break;
        pos += used;
        if (pos == value.size() && value.substr(0, pos).find(',', static_cast<std::size_t>(one->raw.data() + one->raw.size() - value.data())) != std::string_view::npos)
            return grammar::value_error(value, value.data() + pos, "Via: expected a via-parm after ','");
    }
    return out;
}

} // namespace cpm::sip
