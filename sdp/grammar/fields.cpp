#include "sdp/grammar/fields.hpp"

#include "sdp/detail/scan.hpp"
#include "sip/abnf/host.hpp"

namespace cpm::sdp::grammar {

namespace {

using detail::cursor;
using detail::to_number;

constexpr bool is_base64_char(char c) noexcept
{
    return abnf::is_alpha(c) || abnf::is_digit(c) || c == '+' || c == '/';
}

/// time = POS-DIGIT 9*DIGIT, or "0" (start-time / stop-time).
bool is_time(std::string_view t, bool allow_zero) noexcept
{
    if (t == "0")
        return allow_zero;
    return t.size() >= 10 && t[0] != '0' && to_number(t).has_value();
}

/// typed-time = 1*DIGIT [fixed-len-time-unit]; repeat-interval adds POS-DIGIT.
bool is_typed_time(std::string_view t, bool positive) noexcept
{
    if (!t.empty() && (t.back() == 'd' || t.back() == 'h' || t.back() == 'm' || t.back() == 's'))
        t.remove_suffix(1);
    if (!to_number(t))
        return false;
    return !positive || t[0] != '0';
}

/// email-safe: any byte but NUL, CR, LF and the quoting characters ( ) < >.
constexpr bool is_email_safe(char c) noexcept
{
    return detail::is_byte_string_char(c) && c != '(' && c != ')' && c != '<' && c != '>';
}

/// addr-spec (RFC 5322 3.4.1), checked as local-part "@" domain without
/// whitespace or quoting characters (quoted local parts are not accepted).
bool is_addr_spec(std::string_view s) noexcept
{
    auto const at = s.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == s.size())
        return false;
    for (char c : s)
        if (!detail::is_non_ws_char(c) || !is_email_safe(c))
            return false;
    return s.find('@') == at;
}

/// phone = ["+"] DIGIT 1*(SP / "-" / DIGIT)
bool is_phone(std::string_view s) noexcept
{
    if (!s.empty() && s[0] == '+')
        s.remove_prefix(1);
    if (s.size() < 2 || !abnf::is_digit(s[0]))
        return false;
    for (char c : s.substr(1))
        if (c != ' ' && c != '-' && !abnf::is_digit(c))
            return false;
    return true;
}

/// The text inside a trailing "(...)" or "<...>" of @p v and what precedes
/// it, for the two decorated forms of e= and p=; false when @p v does not
/// end in @p close.
bool split_decorated(std::string_view v, char open, char close, std::string_view& before, std::string_view& inside) noexcept
{
    if (v.empty() || v.back() != close)
        return false;
    auto const o = v.rfind(open);
    if (o == std::string_view::npos)
        return false;
    before = v.substr(0, o);
    inside = v.substr(o + 1, v.size() - o - 2);
    return true;
}

bool all_email_safe(std::string_view s) noexcept
{
    for (char c : s)
        if (!is_email_safe(c))
            return false;
    return !s.empty();
}

/// token *("/" token)
std::string_view take_proto(cursor& c) noexcept
{
    char const* const start = c.pos;
    if (c.take_token().empty())
        return {};
    while (c.peek() == '/') {
        cursor probe = c;
        probe.eat('/');
        if (probe.take_token().empty())
            break;
        c = probe;
    }
    return {start, static_cast<std::size_t>(c.pos - start)};
}

} // namespace

field_error parse_version(std::string_view v, std::uint32_t& out)
{
    // RFC 8866 5.1: this memo describes version 0, the only one defined.
    if (v != "0")
        return {v.data(), "v= the version must be 0"};
    out = 0;
    return {};
}

field_error parse_origin(std::string_view v, origin& out)
{
    static constexpr std::string_view shape =
        "o= expected <username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>";
    cursor c(v);
    out.username = c.take_non_ws();
    if (out.username.empty() || !c.eat(' '))
        return {c.pos, shape};
    out.session_id = c.take_digits();
    if (out.session_id.empty() || !c.eat(' '))
        return {c.pos, "o= sess-id must be digits"};
    out.session_version = c.take_digits();
    if (out.session_version.empty() || !c.eat(' '))
        return {c.pos, "o= sess-version must be digits"};
    out.nettype = c.take_token();
    if (out.nettype.empty() || !c.eat(' '))
        return {c.pos, shape};
    out.addrtype = c.take_token();
    if (out.addrtype.empty() || !c.eat(' '))
        return {c.pos, shape};
    out.address = c.take_non_ws();
    if (out.address.empty() || !c.done())
        return {c.pos, "o= expected one unicast address at the end"};
    return {};
}

field_error parse_text(std::string_view v, std::string_view what)
{
    // The line splitter already refused NUL, CR and LF inside the line.
    if (v.empty())
        return {v.data(), what};
    return {};
}

field_error parse_uri(std::string_view v)
{
    // URI-reference (RFC 3986) never holds whitespace or control bytes.
    cursor c(v);
    if (c.take_non_ws().empty() || !c.done())
        return {c.pos, "u= expected a URI without spaces"};
    return {};
}

field_error parse_email(std::string_view v)
{
    // RFC 8866 9: address-and-comment / dispname-and-address / addr-spec
    static constexpr std::string_view shape =
        "e= expected <addr-spec>, <addr-spec> (<comment>) or <display name> <<addr-spec>>";
    std::string_view before, inside;
    if (split_decorated(v, '<', '>', before, inside)) {
        // dispname-and-address = 1*email-safe 1*SP "<" addr-spec ">"
        if (before.size() < 2 || before.back() != ' ' || !all_email_safe(before) || !is_addr_spec(inside))
            return {v.data(), shape};
        return {};
    }
    if (split_decorated(v, '(', ')', before, inside)) {
        // address-and-comment = addr-spec 1*SP "(" 1*email-safe ")"
        auto const end = before.find_last_not_of(' ');
        if (end == std::string_view::npos || end + 1 == before.size() || !is_addr_spec(before.substr(0, end + 1)) ||
            !all_email_safe(inside))
            return {v.data(), shape};
        return {};
    }
    return is_addr_spec(v) ? field_error{} : field_error{v.data(), shape};
}

field_error parse_phone(std::string_view v)
{
    // RFC 8866 9: phone *SP "(" 1*email-safe ")" / 1*email-safe "<" phone ">" / phone
    static constexpr std::string_view shape = "p= expected <phone>, <phone> (<comment>) or <name> <<phone>>";
    std::string_view before, inside;
    if (split_decorated(v, '<', '>', before, inside)) {
        if (!all_email_safe(before) || !is_phone(inside))
            return {v.data(), shape};
        return {};
    }
    if (split_decorated(v, '(', ')', before, inside)) {
        auto const end = before.find_last_not_of(' ');
        if (end == std::string_view::npos || !is_phone(before.substr(0, end + 1)) || !all_email_safe(inside))
            return {v.data(), shape};
        return {};
    }
    return is_phone(v) ? field_error{} : field_error{v.data(), shape};
}

field_error parse_connection(std::string_view v, connection& out)
{
    static constexpr std::string_view shape = "c= expected <nettype> <addrtype> <connection-address>";
    cursor c(v);
    out.nettype = c.take_token();
    if (out.nettype.empty() || !c.eat(' '))
        return {c.pos, shape};
    out.addrtype = c.take_token();
    if (out.addrtype.empty() || !c.eat(' '))
        return {c.pos, shape};
    char const* const addr_at = c.pos;
    std::string_view const whole = c.take_non_ws();
    if (whole.empty() || !c.done())
        return {c.pos, shape};
    auto const slash = whole.find('/');
    out.address = whole.substr(0, slash);
    out.ttl.reset();
    out.address_count.reset();
    if (slash == std::string_view::npos)
        return {};
    // RFC 8866 5.7: IP4 multicast is addr/ttl[/numaddr], IP6 multicast
    // addr[/numaddr]; other address types take no suffix.
    std::string_view rest = whole.substr(slash + 1);
    auto const slash2 = rest.find('/');
    std::string_view const first = rest.substr(0, slash2);
    std::string_view const second = slash2 == std::string_view::npos ? std::string_view{} : rest.substr(slash2 + 1);
    if (out.addrtype == "IP4") {
        if (!abnf::is_ipv4(out.address))
            return {addr_at, "c= a /ttl suffix needs an IP4 multicast address"};
        auto const octet = to_number(out.address.substr(0, out.address.find('.')));
        if (!octet || *octet < 224 || *octet > 239)
            return {addr_at, "c= a /ttl suffix needs an IP4 multicast address (224-239)"};
        auto const ttl = to_number(first, 255);
        if (!ttl || (first.size() > 1 && first[0] == '0'))
            return {first.data(), "c= ttl must be 0-255"};
        out.ttl = static_cast<std::uint8_t>(*ttl);
        if (slash2 != std::string_view::npos) {
            auto const n = to_number(second, UINT32_MAX);
            if (!n || *n == 0 || second[0] == '0')
                return {second.data(), "c= the address count must be a positive integer"};
            out.address_count = static_cast<std::uint32_t>(*n);
        }
        return {};
    }
    if (out.addrtype == "IP6") {
        if (!abnf::is_ipv6(out.address))
            return {addr_at, "c= a /numaddr suffix needs an IP6 multicast address"};
        auto const n = to_number(first, UINT32_MAX);
        if (slash2 != std::string_view::npos || !n || *n == 0 || first[0] == '0')
            return {first.data(), "c= the address count must be a positive integer"};
        out.address_count = static_cast<std::uint32_t>(*n);
        return {};
    }
    return {whole.data() + slash, "c= only IP4 and IP6 multicast addresses take a '/' suffix"};
}

field_error parse_bandwidth(std::string_view v, bandwidth& out)
{
    cursor c(v);
    out.type = c.take_token();
    if (out.type.empty() || !c.eat(':'))
        return {c.pos, "b= expected <bwtype>:<bandwidth>"};
    auto const digits = c.take_digits();
    auto const n = to_number(digits);
    if (!n || !c.done())
        return {c.pos, "b= bandwidth must be digits"};
    out.value = *n;
    return {};
}

field_error parse_time(std::string_view v, time_description& out)
{
    cursor c(v);
    auto const start = c.take_digits();
    if (!is_time(start, true) || !c.eat(' '))
        return {start.data(), "t= expected <start-time> <stop-time> (0 or at least 10 digits each)"};
    auto const stop = c.take_digits();
    if (!is_time(stop, true) || !c.done())
        return {stop.data(), "t= expected <start-time> <stop-time> (0 or at least 10 digits each)"};
    out.start = *to_number(start);
    out.stop = *to_number(stop);
    return {};
}

field_error parse_repeat(std::string_view v, repeat_time& out)
{
    static constexpr std::string_view shape = "r= expected <repeat-interval> <active-duration> <offset>...";
    cursor c(v);
    out.interval = c.take_non_ws();
    if (!is_typed_time(out.interval, true) || !c.eat(' '))
        return {out.interval.data(), shape};
    out.duration = c.take_non_ws();
    if (!is_typed_time(out.duration, false))
        return {out.duration.data(), shape};
    out.offsets.clear();
    while (c.eat(' ')) {
        auto const t = c.take_non_ws();
        if (!is_typed_time(t, false))
            return {t.data(), shape};
        out.offsets.push_back(t);
    }
    if (out.offsets.empty() || !c.done())
        return {c.pos, shape};
    return {};
}

field_error parse_zone(std::string_view v, std::vector<zone_adjustment>& out)
{
    static constexpr std::string_view shape = "z= expected <time> [-]<offset> pairs";
    cursor c(v);
    out.clear();
    do {
        zone_adjustment z;
        z.time = c.take_digits();
        if (!is_time(z.time, false) || !c.eat(' '))
            return {z.time.data(), shape};
        char const* const at = c.pos;
        c.eat('-');
        auto const t = c.take_non_ws();
        if (!is_typed_time(t, false))
            return {at, shape};
        z.offset = std::string_view(at, static_cast<std::size_t>(c.pos - at));
        out.push_back(z);
    } while (c.eat(' '));
    if (!c.done())
        return {c.pos, shape};
    return {};
}

field_error parse_key(std::string_view v, key& out)
{
    // RFC 8866 5.12: the method names are case-sensitive.
    cursor c(v);
    if (c.eat("prompt")) {
        out = {v.substr(0, 6), {}};
        return c.done() ? field_error{} : field_error{c.pos, "k= nothing may follow prompt"};
    }
    for (std::string_view const m : {"clear", "base64", "uri"}) {
        cursor probe(v);
        if (!probe.eat(m) || !probe.eat(':'))
            continue;
        out = {v.substr(0, m.size()), probe.rest()};
        if (m == "clear")
            return out.value.empty() ? field_error{probe.pos, "k= clear: needs a key"} : field_error{};
        if (m == "uri")
            return parse_uri(out.value).at ? field_error{probe.pos, "k= uri: needs a URI"} : field_error{};
        // base64 = *base64-unit [base64-pad]
        auto const body = out.value.substr(0, out.value.find_last_not_of('=') + 1);
        std::size_t const pad = out.value.size() - body.size();
        for (char ch : body)
            if (!is_base64_char(ch))
                return {probe.pos, "k= base64: is not base64"};
        if (pad > 2 || out.value.size() % 4 != 0 || (out.value.empty() && pad != 0))
            return {probe.pos, "k= base64: is not base64"};
        return {};
    }
    return {v.data(), "k= expected prompt, clear:, base64: or uri:"};
}

field_error parse_attribute(std::string_view v, attribute& out)
{
    cursor c(v);
    out.name = c.take_token();
    if (out.name.empty())
        return {c.pos, "a= expected <attribute-name>[:<attribute-value>]"};
    if (c.done()) {
        out.value = {};
        out.has_value = false;
        return {};
    }
    if (!c.eat(':'))
        return {c.pos, "a= expected ':' after the attribute name"};
    out.value = c.rest();
    out.has_value = true;
    if (out.value.empty())
        return {c.pos, "a= an attribute value after ':' must not be empty"};
    return {};
}

field_error parse_media(std::string_view v, media_description& out)
{
    static constexpr std::string_view shape = "m= expected <media> <port> <proto> <fmt>";
    cursor c(v);
    out.media = c.take_token();
    if (out.media.empty() || !c.eat(' '))
        return {c.pos, shape};
    auto const port = c.take_digits();
    auto const p = to_number(port, 65535);
    if (port.empty())
        return {c.pos, shape};
    if (!p)
        return {port.data(), "m= port out of range (0-65535)"};
    out.port = static_cast<std::uint16_t>(*p);
    out.port_count.reset();
    if (c.eat('/')) {
        auto const count = c.take_digits();
        auto const n = to_number(count, UINT32_MAX);
        if (!n || *n == 0 || count[0] == '0')
            return {count.data(), "m= the port count must be a positive integer"};
        out.port_count = static_cast<std::uint32_t>(*n);
    }
    if (!c.eat(' '))
        return {c.pos, shape};
    out.proto = take_proto(c);
    if (out.proto.empty() || c.peek() != ' ')
        return {c.pos, shape};
    out.formats.clear();
    while (c.eat(' ')) {
        auto const fmt = c.take_token();
        if (fmt.empty())
            return {c.pos, "m= each <fmt> must be a token"};
        out.formats.push_back(fmt);
    }
    if (!c.done())
        return {c.pos, "m= each <fmt> must be a token"};
    return {};
}

} // namespace cpm::sdp::grammar
