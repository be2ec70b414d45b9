// Fuzz target: cpm::sip::parse_uri (SIP, SIPS, tel and absolute URIs) on
// arbitrary bytes, and equivalent() on pairs of URIs.
//
// Properties checked on every input:
// - parsing never crashes, hangs or reads outside the input; an error
//   points inside the input and says something;
// - a parsed URI is the whole input, every view lies inside it (the shared
//   checks of sip_checks.hpp, which also walk parameters and headers and
//   decode %-escapes), and equivalent(u, u) holds;
// - a SIP/SIPS URI is exactly the concatenation of its parts (scheme ':'
//   [user [':' password] '@'] host [':' port] params ['?' headers]), and
//   re-parsing a copy of its text gives the same parts at the same offsets;
// - a tel URI's number and parameters are those of its telephone-subscriber;
// - the input split in two (at its first LF, or in the middle when it has
//   none) gives two URIs for which equivalent() is symmetric.

#include "sip/uri.hpp"
#include "sip_checks.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace {

using cpm::fuzz::require;
using cpm::sip::uri;

/// Offset of @p part inside @p whole (the part must be a view of it).
std::size_t offset_in(std::string_view whole, std::string_view part)
{
    return static_cast<std::size_t>(part.data() - whole.data());
}

/// raw == scheme ":" [user [":" password] "@"] host [":" port] params ["?" headers]
void check_sip_layout(uri const& u)
{
    auto const& s = u.sip;
    std::string_view const raw = u.raw;
    auto at = [&](std::size_t pos, std::string_view part, char const* what) {
        require(part.empty() || (part.data() == raw.data() + pos && raw.substr(pos, part.size()) == part), what);
    };
    at(0, u.scheme, "SIP-URI: scheme first");
    std::size_t pos = u.scheme.size();
    require(pos < raw.size() && raw[pos] == ':', "SIP-URI: ':' after the scheme");
    ++pos;
    require(u.rest.data() == raw.data() + pos && u.rest.size() == raw.size() - pos, "SIP-URI: rest after the scheme");
    if (s.has_userinfo) {
        at(pos, s.user, "SIP-URI: user after the scheme");
        pos += s.user.size();
        if (s.has_password) {
            require(pos < raw.size() && raw[pos] == ':', "SIP-URI: ':' before the password");
            at(++pos, s.password, "SIP-URI: password after ':'");
            pos += s.password.size();
        } else {
            require(s.password.empty(), "SIP-URI: no password without ':'");
        }
        require(pos < raw.size() && raw[pos] == '@', "SIP-URI: '@' after userinfo");
        ++pos;
    } else {
        require(s.user.empty() && s.password.empty() && !s.has_password, "SIP-URI: no user without userinfo");
    }
    require(!s.host.empty(), "SIP-URI: a host");
    at(pos, s.host, "SIP-URI: host after userinfo");
    pos += s.host.size();
    if (s.port) {
        require(pos < raw.size() && raw[pos] == ':', "SIP-URI: ':' before the port");
        ++pos;
        unsigned long value = 0;
        std::size_t digits = 0;
        while (pos < raw.size() && raw[pos] >= '0' && raw[pos] <= '9') {
            value = value * 10 + static_cast<unsigned long>(raw[pos] - '0');
            require(value <= 65535, "SIP-URI: port in range");
            ++pos;
            ++digits;
        }
        require(digits > 0 && value == *s.port, "SIP-URI: port digits say the port");
    }
    at(pos, s.params.raw(), "SIP-URI: params after hostport");
    require(s.params.empty() || s.params.raw().front() == ';', "SIP-URI: params start with ';'");
    pos += s.params.raw().size();
    if (!s.headers.empty()) {
        require(pos < raw.size() && raw[pos] == '?', "SIP-URI: '?' before the headers");
        at(++pos, s.headers.raw(), "SIP-URI: headers after '?'");
        pos += s.headers.raw().size();
    }
    require(pos == raw.size(), "SIP-URI: the parts make up the whole URI");
}

/// Re-parses a copy of @p u's text: the same parts at the same offsets.
void check_reparse(uri const& u)
{
    auto const copy = std::make_unique<char[]>(u.raw.size());
    std::copy(u.raw.begin(), u.raw.end(), copy.get());
    std::string_view const text(copy.get(), u.raw.size());
    auto const again = cpm::sip::parse_uri(text);
    require(again.has_value(), "re-parse: the URI text parses again");
    auto const& a = u.sip;
    auto const& b = again->sip;
    auto same = [&](std::string_view x, std::string_view y, char const* what) {
        require(x == y && (x.empty() || offset_in(u.raw, x) == offset_in(text, y)), what);
    };
    require(again->kind == u.kind && again->raw == text, "re-parse: kind");
    same(u.scheme, again->scheme, "re-parse: scheme");
    same(a.user, b.user, "re-parse: user");
    same(a.password, b.password, "re-parse: password");
    same(a.host, b.host, "re-parse: host");
    same(a.params.raw(), b.params.raw(), "re-parse: params");
    same(a.headers.raw(), b.headers.raw(), "re-parse: headers");
    same(a.transport, b.transport, "re-parse: transport");
    same(a.user_param, b.user_param, "re-parse: user param");
    same(a.method, b.method, "re-parse: method");
    same(a.maddr, b.maddr, "re-parse: maddr");
    same(a.gr, b.gr, "re-parse: gr");
    require(a.has_userinfo == b.has_userinfo && a.has_password == b.has_password && a.host_type == b.host_type &&
                a.port == b.port && a.ttl == b.ttl && a.lr == b.lr && a.has_gr == b.has_gr,
            "re-parse: flags and numbers");
    require(cpm::sip::equivalent(u, *again) && cpm::sip::equivalent(*again, u), "re-parse: equivalent to the original");
}

/// RFC 3966: a tel URI is "tel:" telephone-subscriber.
void check_tel(uri const& u)
{
    auto const sub = cpm::sip::parse_telephone_subscriber(u.rest);
    require(sub.has_value(), "tel URI: its rest is a telephone-subscriber");
    require(sub->global == u.tel.global && sub->number == u.tel.number && sub->params.raw() == u.tel.params.raw() &&
                sub->phone_context == u.tel.phone_context,
            "tel URI: the same parts as its telephone-subscriber");
}

/// Parses @p text; checks what any parsed URI must satisfy.
cpm::sip::abnf::result<uri> parse_and_check(std::string_view text)
{
    auto u = cpm::sip::parse_uri(text);
    if (!u) {
        cpm::fuzz::check_error(u.error(), text.size());
        return u;
    }
    require(u->raw == text && u->raw.data() == text.data(), "a URI is its whole input");
    cpm::fuzz::view_checker check(text);
    check(*u);
    if (u->is_sip_or_sips()) {
        check_sip_layout(*u);
        check_reparse(*u);
    } else if (u->kind == cpm::sip::uri_kind::tel) {
        check_tel(*u);
    }
    return u;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    parse_and_check(input);

    auto const lf = input.find('\n');
    std::size_t const cut = lf != std::string_view::npos ? lf : input.size() / 2;
    auto const a = parse_and_check(input.substr(0, cut));
    auto const b = parse_and_check(input.substr(std::min(input.size(), cut + (lf != std::string_view::npos ? 1 : 0))));
    if (a && b) {
        bool const ab = cpm::sip::equivalent(*a, *b);
        require(ab == cpm::sip::equivalent(*b, *a), "equivalent() is symmetric");
        require(!ab || a->kind == b->kind, "equivalent URIs have the same kind");
    }
    return 0;
}
