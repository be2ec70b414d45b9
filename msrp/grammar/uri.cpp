#include "msrp/uri.hpp"

#include "msrp/error.hpp"
#include "msrp/grammar/chars.hpp"
#include "sip/abnf/char_class.hpp"

#include <string>

namespace cpm::msrp {

namespace {

namespace abnf = sip::abnf;
using grammar::error_at;

// RFC 3986: userinfo = *( unreserved / pct-encoded / sub-delims / ":" )
bool is_userinfo(std::string_view s) noexcept
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        char const c = s[i];
        if (grammar::is_uri_unreserved(c) || c == ':')
            continue;
        if (c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' || c == '*' || c == '+' ||
            c == ',' || c == ';' || c == '=')
            continue;
        if (c == '%' && i + 2 < s.size() && abnf::is(s[i + 1], abnf::cc_hex) && abnf::is(s[i + 2], abnf::cc_hex)) {
            i += 2;
            continue;
        }
        return false;
    }
    return true;
}

abnf::parse_error uri_error(std::string_view text, char const* at, std::string sentence)
{
    return error_at(text, at, "MSRP URI: " + std::move(sentence), errc::bad_uri);
}

// One URI-parameter at the start of @p s (after its ';'): token ["=" token].
// Returns its length, 0 when malformed.
std::size_t param_length(std::string_view s) noexcept
{
    std::size_t n = grammar::token_length(s);
    if (n == 0)
        return 0;
    if (n < s.size() && s[n] == '=') {
        std::size_t const v = grammar::token_length(s.substr(n + 1));
        if (v == 0)
            return 0;
        n += 1 + v;
    }
    return n;
}

} // namespace

uri_params::iterator& uri_params::iterator::operator++() noexcept
{
    if (rest_.empty() || rest_.front() != ';') {
        done_ = true;
        current_ = {};
        return *this;
    }
    rest_.remove_prefix(1);
    std::size_t const n = param_length(rest_);
    std::string_view const item = rest_.substr(0, n);
    rest_.remove_prefix(n);
    auto const eq = item.find('=');
    current_.name = item.substr(0, eq);
    current_.has_value = eq != std::string_view::npos;
    current_.value = current_.has_value ? item.substr(eq + 1) : std::string_view(item.data() + item.size(), 0);
    done_ = false;
    return *this;
}

std::optional<uri_param> uri_params::find(std::string_view name) const noexcept
{
    for (auto const& p : *this)
        if (abnf::iequals(p.name, name))
            return p;
    return std::nullopt;
}

abnf::result<uri> parse_uri(std::string_view text)
{
    uri u;
    u.text = text;
    auto const sep = text.find("://");
    if (sep == std::string_view::npos)
        return uri_error(text, text.data(), "expected msrp:// or msrps://");
    u.scheme = text.substr(0, sep);
    if (abnf::iequals(u.scheme, "msrps"))
        u.secure = true;
    else if (!abnf::iequals(u.scheme, "msrp"))
        return uri_error(text, text.data(), "expected msrp:// or msrps://");

    // The authority runs to the session-id's "/" or the transport's ";".
    // Only userinfo may hold ';' (a sub-delim), so a ';' before the last
    // '@' of the authority belongs to it.
    std::string_view rest = text.substr(sep + 3);
    std::size_t const slash = rest.find('/');
    std::size_t const at = rest.substr(0, slash).rfind('@');
    std::size_t host_start = 0;
    if (at != std::string_view::npos) {
        u.userinfo = rest.substr(0, at);
        if (!is_userinfo(*u.userinfo))
            return uri_error(text, u.userinfo->data(), "malformed userinfo");
        host_start = at + 1;
    }
    std::string_view hostport = rest.substr(host_start);
    std::size_t host_end = 0;
    if (!hostport.empty() && hostport.front() == '[') {
        host_end = hostport.find(']');
        if (host_end == std::string_view::npos)
            return uri_error(text, hostport.data(), "unterminated IPv6 reference");
        ++host_end;
    } else {
        host_end = hostport.find_first_of(":/;");
        if (host_end == std::string_view::npos)
            host_end = hostport.size();
    }
    u.host = hostport.substr(0, host_end);
    auto const kind = abnf::classify_host(u.host);
    if (u.host.empty() || !kind)
        return uri_error(text, u.host.data(), "expected a hostname, IPv4 address or [IPv6 address]");
    u.host_kind = *kind;
    std::string_view tail = hostport.substr(host_end);
    if (!tail.empty() && tail.front() == ':') {
        std::size_t const port_end = tail.find_first_of("/;");
        std::string_view const digits = tail.substr(1, port_end == std::string_view::npos ? std::string_view::npos : port_end - 1);
        u.port = abnf::parse_port(digits);
        if (!u.port)
            return uri_error(text, digits.data(), "port must be 1 to 5 digits, at most 65535");
        tail.remove_prefix(1 + digits.size());
    }
    u.authority = std::string_view(rest.data(), static_cast<std::size_t>(tail.data() - rest.data()));

    if (!tail.empty() && tail.front() == '/') {
        std::size_t n = 1;
        while (n < tail.size() && (grammar::is_uri_unreserved(tail[n]) || tail[n] == '+' || tail[n] == '=' || tail[n] == '/'))
            ++n;
        u.session_id = tail.substr(1, n - 1);
        if (u.session_id.empty())
            return uri_error(text, tail.data() + 1, "session-id must not be empty");
        tail.remove_prefix(n);
    }
    if (tail.empty() || tail.front() != ';')
        return uri_error(text, tail.data(), "expected ;<transport>");
    std::size_t n = 1;
    while (n < tail.size() && abnf::is(tail[n], abnf::cc_alphanum))
        ++n;
    u.transport = tail.substr(1, n - 1);
    if (u.transport.empty())
        return uri_error(text, tail.data() + 1, "transport must be alphanumeric");
    tail.remove_prefix(n);

    std::string_view const params = tail;
    while (!tail.empty()) {
        if (tail.front() != ';')
            return uri_error(text, tail.data(), "unexpected character after the transport");
        std::size_t const len = param_length(tail.substr(1));
        if (len == 0)
            return uri_error(text, tail.data() + 1, "URI-parameter must be token[=token]");
        tail.remove_prefix(1 + len);
    }
    u.params = uri_params(params);
    return u;
}

namespace {

bool same_host(uri const& a, uri const& b) noexcept
{
    // RFC 4975 6.1: IP addresses compare for address equivalence; other
    // authorities as case-insensitive strings.
    if (a.host_kind != b.host_kind)
        return false;
    if (a.host_kind == abnf::host_kind::ipv6) {
        auto const inner = [](std::string_view h) { return h.substr(1, h.size() - 2); };
        return abnf::ipv6_value(inner(a.host)) == abnf::ipv6_value(inner(b.host));
    }
    // dec-octet forbids leading zeros: one IPv4 text per address.
    return abnf::iequals(a.host, b.host);
}

} // namespace

bool equivalent(uri const& a, uri const& b) noexcept
{
    return a.secure == b.secure && same_host(a, b) && a.port == b.port && a.session_id == b.session_id &&
           abnf::iequals(a.transport, b.transport);
}

abnf::result<std::vector<uri>> parse_path(std::string_view value, std::string_view header)
{
    std::vector<uri> out;
    std::size_t pos = 0;
    while (true) {
        std::size_t const end = value.find(' ', pos);
        std::string_view const item = value.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        if (item.empty())
            return error_at(value, value.data() + pos,
                            std::string(header) + ": expected MSRP-URI *(SP MSRP-URI)", errc::bad_uri);
        auto u = parse_uri(item);
        if (!u) {
            auto e = u.error();
            return error_at(value, item.data() + e.offset, std::string(header) + ": " + e.message, errc::bad_uri);
        }
        out.push_back(*u);
        if (end == std::string_view::npos)
            return out;
        pos = end + 1;
    }
}

} // namespace cpm::msrp
