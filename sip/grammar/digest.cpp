#include "sip/digest.hpp"

#include "sip/grammar/header_rules.hpp"

#include <array>
#include <initializer_list>
#include <string>
#include <utility>

namespace cpm::sip {

namespace {
using grammar::header_error;
using grammar::view;
namespace x3 = boost::spirit::x3;
namespace g = abnf::grammar;

// token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const auto token68 = +(g::cls(abnf::cc_alphanum) | x3::char_("-._~+/")) >> *x3::lit('=');
const auto auth_value = g::quoted_string_body | g::token;
// qop-options body: qop-value *("," qop-value), with LWS tolerated around ','
const auto qop_list = g::token % g::comma;

template <class Rule>
bool whole(std::string_view s, Rule const& rule)
{
    char const* p = s.data();
    char const* const end = p + s.size();
    return g::skip(p, end, rule) && p == end;
}

bool is(abnf::param const& p, std::string_view name) noexcept
{
    return abnf::iequals(p.name, name);
}

bool is_digest_scheme(std::string_view scheme) noexcept
{
    return abnf::iequals(scheme, "Digest");
}

// auth-param *(COMMA auth-param), auth-param = auth-param-name EQUAL ( token / quoted-string ),
// appended to @p out (the params of the value decoded, so they are not copied again).
abnf::result<void> auth_param_list(auth_params& out, std::string_view text, std::string_view header)
{
    return grammar::walk_comma_list(
        text, header, "an auth-param (name=value)", grammar::empty_list::rejected,
        [&](std::string_view item, std::size_t& length) -> abnf::result<void> {
            abnf::param prm;
            prm.has_value = true;
            char const* p = item.data();
            char const* const end = item.data() + item.size();
            if (!(g::match(p, end, g::token, prm.name) && g::skip(p, end, g::equal) &&
                  g::match(p, end, auth_value, prm.value)))
                return header_error(item, item.data(), header, "expected an auth-param (name=token or name=\"text\")");
            length = static_cast<std::size_t>(p - item.data());
            out.push_back(prm);
            return {};
        });
}

// auth-scheme LWS ( auth-param *(COMMA auth-param) / token68 ), into the
// scheme, params and token68 of @p a (a challenge or credentials).
template <class Auth>
abnf::result<void> split(Auth& a, std::string_view value, std::string_view header)
{
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    if (!g::match(p, end, g::token, a.scheme))
        return header_error(value, p, header, "expected an auth-scheme (Digest, ...)");
    char const* const after_scheme = p;
    if (!g::skip(p, end, g::lws) || p == end)
        return header_error(value, after_scheme, header, "expected auth-params after the auth-scheme");
    std::string_view const rest = view(p, end);
    auto params = auth_param_list(a.params, rest, header);
    if (params)
        return {};
    a.params.clear();
    if (!is_digest_scheme(a.scheme) && whole(rest, token68)) {
        a.token68 = rest;
        return {};
    }
    return grammar::rebase(value, rest, params.error(), header);
}

// Reads the typed Digest fields, with sentences naming header and field.
class reader {
public:
    reader(std::string_view value, std::string_view header) : value_(value), header_(header) {}

    abnf::parse_error fail(abnf::param const& p, std::string_view what) const
    {
        return header_error(value_, p.name.data(), header_, std::string(p.name) + " must be " + std::string(what));
    }
    abnf::result<std::string_view> quoted(abnf::param const& p) const
    {
        if (!p.is_quoted())
            return fail(p, "a quoted-string");
        return p.value.substr(1, p.value.size() - 2);
    }
    abnf::result<std::string_view> token(abnf::param const& p) const
    {
        if (p.is_quoted())
            return fail(p, "a token (unquoted)");
        return p.value;
    }
    abnf::result<bool> flag(abnf::param const& p) const
    {
        if (abnf::iequals(p.value, "true"))
            return true;
        if (abnf::iequals(p.value, "false"))
            return false;
        return fail(p, "true or false");
    }
    // nc-value = 8LHEX (either case accepted)
    abnf::result<std::uint32_t> nonce_count(abnf::param const& p) const
    {
        if (p.value.size() != 8 || !abnf::all_of(p.value, abnf::cc_hex))
            return fail(p, "8 hex digits");
        std::uint32_t n = 0;
        for (char c : p.value)
            n = n * 16 + static_cast<std::uint32_t>(abnf::is_digit(c) ? c - '0' : (abnf::to_lower(c) - 'a' + 10));
        return n;
    }
    // A quoted run of hex digits whose length is one of @p sizes (none: any).
    abnf::result<std::string_view> quoted_hex(abnf::param const& p, std::initializer_list<std::size_t> sizes,
                                              std::string_view what) const
    {
        auto body = quoted(p);
        if (!body)
            return body;
        bool size_ok = sizes.size() == 0;
        for (auto n : sizes)
            size_ok = size_ok || body->size() == n;
        if (!size_ok || !(body->empty() || abnf::all_of(*body, abnf::cc_hex)))
            return fail(p, what);
        return body;
    }
    // message-qop = "qop" EQUAL qop-value; a quoted value is tolerated.
    abnf::result<std::string_view> qop(abnf::param const& p) const
    {
        std::string_view const v = p.is_quoted() ? p.value.substr(1, p.value.size() - 2) : p.value;
        if (!abnf::all_of(v, abnf::cc_token))
            return fail(p, "a qop-value token (auth, auth-int)");
        return v;
    }
    abnf::result<token_list> qop_options(abnf::param const& p) const
    {
        auto body = quoted(p);
        if (!body)
            return body.error();
        char const* b = body->data();
        char const* e = b + body->size();
        g::skip(b, e, g::sws);
        while (e > b && (abnf::is_wsp(e[-1]) || e[-1] == '\r' || e[-1] == '\n'))
            --e;
        if (!whole(view(b, e), qop_list))
            return fail(p, "a quoted list of qop-value tokens (\"auth,auth-int\")");
        return token_list(view(b, e), ',');
    }
    abnf::result<void> no_duplicates(auth_params const& params) const
    {
        // RFC 7616 3.3, 3.4: each directive appears at most once.
        for (std::size_t i = 1; i < params.size(); ++i)
            for (std::size_t j = 0; j < i; ++j)
                if (abnf::iequals(params[i].name, params[j].name))
                    return header_error(value_, params[i].name.data(), header_,
                                        "duplicate " + std::string(params[i].name) + " parameter");
        return {};
    }
    abnf::parse_error missing(std::string_view name) const
    {
        return header_error(value_, value_.data(), header_, "Digest " + std::string(name) + " parameter is missing");
    }

private:
    std::string_view value_;
    std::string_view header_;
};

template <class T, class R>
abnf::result<void> set(T& dst, R&& r)
{
    if (!r)
        return r.error();
    dst = *r;
    return {};
}

abnf::result<void> set_algorithm(digest_algorithm& alg, std::string_view& text, reader const& rd,
                                 abnf::param const& p)
{
    auto t = rd.token(p);
    if (!t)
        return t.error();
    text = *t;
    alg = digest_algorithm_from(*t);
    return {};
}
} // namespace

digest_algorithm digest_algorithm_from(std::string_view token) noexcept
{
    struct entry {
        std::string_view name;
        digest_algorithm value;
    };
    static constexpr std::array<entry, 6> table{{
        {"MD5", digest_algorithm::md5},
        {"MD5-sess", digest_algorithm::md5_sess},
        {"SHA-256", digest_algorithm::sha_256},
        {"SHA-256-sess", digest_algorithm::sha_256_sess},
        {"SHA-512-256", digest_algorithm::sha_512_256},
        {"SHA-512-256-sess", digest_algorithm::sha_512_256_sess},
    }};
    for (auto const& e : table)
        if (abnf::iequals(e.name, token))
            return e.value;
    return token.empty() ? digest_algorithm::unspecified : digest_algorithm::other;
}

bool challenge::is_digest() const noexcept
{
    return is_digest_scheme(scheme);
}

bool credentials::is_digest() const noexcept
{
    return is_digest_scheme(scheme);
}

/// What challenges and credentials share (RFC 3261 25.1 / RFC 7616): the
/// scheme, its raw parameters or token68, and for Digest no parameter given
/// twice. Returns whether the value is Digest (whose parameters the caller
/// then interprets).
template <class Auth>
abnf::result<bool> read_scheme_and_params(Auth& a, std::string_view value, std::string_view header)
{
    if (auto r = split(a, value, header); !r)
        return r.error();
    if (!a.is_digest())
        return false;
    if (auto r = reader(value, header).no_duplicates(a.params); !r)
        return r.error();
    return true;
}

abnf::result<challenge> parse_challenge(std::string_view value, std::string_view header)
{
    challenge c;
    auto digest = read_scheme_and_params(c, value, header);
    if (!digest)
        return digest.error();
    if (!*digest)
        return c;
    reader const rd(value, header);
    for (auto const& p : c.params) {
        abnf::result<void> r;
        if (is(p, "realm"))
            r = set(c.realm, rd.quoted(p));
        else if (is(p, "domain"))
            r = set(c.domain, rd.quoted(p));
        else if (is(p, "nonce"))
            r = set(c.nonce, rd.quoted(p));
        else if (is(p, "opaque"))
            r = set(c.opaque, rd.quoted(p));
        else if (is(p, "stale"))
            r = set(c.stale, rd.flag(p));
        else if (is(p, "algorithm"))
            r = set_algorithm(c.algorithm, c.algorithm_text, rd, p);
        else if (is(p, "qop"))
            r = set(c.qop_options, rd.qop_options(p));
        else if (is(p, "charset"))
            r = set(c.charset, rd.token(p));
        else if (is(p, "userhash"))
            r = set(c.userhash, rd.flag(p));
        if (!r)
            return r.error();
    }
    if (c.realm.data() == nullptr)
        return rd.missing("realm");
    if (c.nonce.data() == nullptr)
        return rd.missing("nonce");
    return c;
}

abnf::result<credentials> parse_credentials(std::string_view value, std::string_view header)
{
    credentials c;
    auto digest = read_scheme_and_params(c, value, header);
    if (!digest)
        return digest.error();
    if (!*digest)
        return c;
    reader const rd(value, header);
    for (auto const& p : c.params) {
        abnf::result<void> r;
        if (is(p, "username"))
            r = set(c.username, rd.quoted(p));
        else if (is(p, "realm"))
            r = set(c.realm, rd.quoted(p));
        else if (is(p, "nonce"))
            r = set(c.nonce, rd.quoted(p));
        else if (is(p, "uri"))
            r = set(c.uri, rd.quoted(p));
        else if (is(p, "response"))
            // request-digest: 32 hex digits for MD5, 64 for the SHA-2 ones
            // (RFC 7616 3.4.1); empty in an IMS initial REGISTER (3GPP TS 24.229 5.1.1.2).
            r = set(c.response, rd.quoted_hex(p, {0, 32, 64}, "32 or 64 hex digits in quotes"));
        else if (is(p, "cnonce"))
            r = set(c.cnonce, rd.quoted(p));
        else if (is(p, "opaque"))
            r = set(c.opaque, rd.quoted(p));
        else if (is(p, "algorithm"))
            r = set_algorithm(c.algorithm, c.algorithm_text, rd, p);
        else if (is(p, "qop"))
            r = set(c.qop, rd.qop(p));
        else if (is(p, "nc")) {
            c.nc = p.value;
            r = set(c.nonce_count, rd.nonce_count(p));
        } else if (is(p, "userhash"))
            r = set(c.userhash, rd.flag(p));
        if (!r)
            return r.error();
    }
    // RFC 3261 22.4 / RFC 7616 3.4: the fields every digest response carries.
    std::pair<std::string_view, std::string_view> const required[] = {
        {"username", c.username}, {"realm", c.realm}, {"nonce", c.nonce}, {"uri", c.uri}, {"response", c.response}};
    for (auto const& [name, field] : required)
        if (field.data() == nullptr)
            return rd.missing(name);
    if (!c.qop.empty() && c.cnonce.data() == nullptr)
        return rd.missing("cnonce (required with qop)");
    if (!c.qop.empty() && !c.nonce_count)
        return rd.missing("nc (required with qop)");
    return c;
}

abnf::result<authentication_info> parse_authentication_info(std::string_view value)
{
    constexpr std::string_view header = "Authentication-Info";
    authentication_info a;
    if (auto r = auth_param_list(a.params, value, header); !r)
        return r.error();
    reader const rd(value, header);
    if (auto r = rd.no_duplicates(a.params); !r)
        return r.error();
    for (auto const& p : a.params) {
        abnf::result<void> r;
        if (is(p, "nextnonce"))
            r = set(a.nextnonce, rd.quoted(p));
        else if (is(p, "qop"))
            r = set(a.qop, rd.qop(p));
        else if (is(p, "rspauth"))
            r = set(a.rspauth, rd.quoted_hex(p, {}, "hex digits in quotes"));
        else if (is(p, "cnonce"))
            r = set(a.cnonce, rd.quoted(p));
        else if (is(p, "nc")) {
            a.nc = p.value;
            r = set(a.nonce_count, rd.nonce_count(p));
        }
        if (!r)
            return r.error();
    }
    return a;
}

} // namespace cpm::sip
