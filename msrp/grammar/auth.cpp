// RFC 4976 section 8: the Digest header fields of MSRP relays.
//
//   WWW-Authenticate = "WWW-Authenticate:" SP "Digest" SP digest-param
//                      *("," SP digest-param)
//   Authorization = "Authorization:" SP credentials
//   credentials = "Digest" SP digest-response *( "," SP digest-response)
//   Authentication-Info = "Authentication-Info:" SP ainfo *("," ainfo)
//
// A parameter is name "=" value; the values of the Digest names RFC 4976
// constrains are checked, any other is auth-param = token "=" (token /
// quoted-string). The SP after a comma is optional here: the RFC writes it
// for two of the three fields only.

#include "msrp/headers.hpp"

#include "msrp/grammar/chars.hpp"
#include "msrp/grammar/params.hpp"
#include "sip/abnf/char_class.hpp"

#include <string>

namespace cpm::msrp {

namespace abnf = sip::abnf;
using grammar::error_at;

parameter const* digest::find(std::string_view name) const noexcept
{
    for (auto const& p : params)
        if (abnf::iequals(p.name, name))
            return &p;
    return nullptr;
}

namespace {

enum class field : std::uint8_t { challenge, credentials, info };

bool lhex(std::string_view s) noexcept
{
    for (char c : s)
        if (!abnf::is_digit(c) && !(c >= 'a' && c <= 'f'))
            return false;
    return true;
}

bool quoted(std::string_view v) noexcept
{
    return v.size() >= 2 && v.front() == '"';
}

// Checks the value of a Digest parameter RFC 4976 gives a syntax for;
// returns the sentence tail on error, nullptr when fine.
char const* check_value(parameter const& p, field kind) noexcept
{
    auto const is = [&p](std::string_view n) { return abnf::iequals(p.name, n); };
    if (is("realm") || is("nonce") || is("opaque") || is("username") || is("cnonce") || is("nextnonce"))
        return quoted(p.value) ? nullptr : "must be a quoted-string";
    if (is("stale"))
        return abnf::iequals(p.value, "true") || abnf::iequals(p.value, "false") ? nullptr : "must be true or false";
    if (is("response")) // request-digest = DQUOTE 32LHEX DQUOTE
        return p.value.size() == 34 && quoted(p.value) && lhex(p.value.substr(1, 32)) ? nullptr
                                                                                      : "must be 32 lower-case hex digits in quotes";
    if (is("rspauth")) // response-digest = DQUOTE *LHEX DQUOTE
        return quoted(p.value) && lhex(p.value.substr(1, p.value.size() - 2)) ? nullptr
                                                                              : "must be lower-case hex digits in quotes";
    if (is("nc")) // nc-value = 8LHEX
        return p.value.size() == 8 && lhex(p.value) ? nullptr : "must be 8 lower-case hex digits";
    if (is("qop")) {
        // Challenges offer qop-options = "qop=" DQUOTE qop-list DQUOTE;
        // credentials and Authentication-Info echo one qop-value (a token).
        if (kind == field::challenge)
            return quoted(p.value) ? nullptr : "must be a quoted list of qop values";
        return quoted(p.value) ? "must be one qop value (a token)" : nullptr;
    }
    return nullptr;
}

abnf::result<digest> parse_digest(std::string_view value, field kind, std::string_view header)
{
    digest d;
    std::string_view rest = value;
    if (kind != field::info) {
        // ABNF literals are case-insensitive: "Digest" in any case.
        if (!abnf::iequals(rest.substr(0, 7), "digest "))
            return error_at(value, value.data(), std::string(header) + ": expected Digest <parameters>");
        d.scheme = rest.substr(0, 6);
        rest.remove_prefix(7);
    }
    while (true) {
        parameter p;
        std::size_t const n = grammar::token_length(rest);
        if (n == 0 || n >= rest.size() || rest[n] != '=')
            return error_at(value, rest.data() + (n < rest.size() ? n : rest.size()),
                            std::string(header) + ": expected <name>=<token or quoted-string>");
        p.name = rest.substr(0, n);
        std::size_t const v = grammar::param_value_length(rest.substr(n + 1));
        if (v == 0)
            return error_at(value, rest.data() + n + 1,
                            std::string(header) + ": " + std::string(p.name) + " must be a token or a quoted-string");
        p.value = rest.substr(n + 1, v);
        p.has_value = true;
        if (char const* problem = check_value(p, kind))
            return error_at(value, p.value.data(), std::string(header) + ": " + std::string(p.name) + " " + problem);
        d.params.push_back(p);
        rest.remove_prefix(n + 1 + v);
        if (rest.empty())
            return d;
        if (rest.front() != ',')
            return error_at(value, rest.data(), std::string(header) + ": expected , between parameters");
        rest.remove_prefix(1);
        if (!rest.empty() && rest.front() == ' ')
            rest.remove_prefix(1);
    }
}

} // namespace

abnf::result<digest> parse_www_authenticate(std::string_view value)
{
    return parse_digest(value, field::challenge, "MSRP WWW-Authenticate");
}

abnf::result<digest> parse_authorization(std::string_view value)
{
    return parse_digest(value, field::credentials, "MSRP Authorization");
}

abnf::result<digest> parse_authentication_info(std::string_view value)
{
    return parse_digest(value, field::info, "MSRP Authentication-Info");
}

} // namespace cpm::msrp
