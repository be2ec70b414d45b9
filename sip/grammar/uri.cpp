#include "sip/uri.hpp"

#include "sip/abnf/grammar/core_rules.hpp"
#include "sip/abnf/unescape.hpp"
#include "sip/error.hpp"
#include "sip/grammar/parse_into.hpp"

#include <algorithm>

namespace cpm::sip {

namespace {
namespace g = abnf::grammar;
namespace x3 = boost::spirit::x3;
using abnf::cc_alpha;
using abnf::cc_digit;
using abnf::cc_hex;
using abnf::cc_hnv_unreserved;
using abnf::cc_password;
using abnf::cc_reserved;
using abnf::cc_token;
using abnf::cc_unreserved;
using abnf::cc_user_unreserved;

// RFC 3261 25.1 (rules taken from RFC 2396)
const auto escaped = '%' >> g::cls(cc_hex) >> g::cls(cc_hex);
const auto scheme = g::cls(cc_alpha) >> *(g::alphanum | x3::char_("+.-"));

// SIP-URI: user = 1*( unreserved / escaped / user-unreserved ),
// password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )
const auto user = +(g::cls(cc_unreserved | cc_user_unreserved) | escaped);
const auto password = *(g::cls(cc_unreserved | cc_password) | escaped);
// host candidates; abnf::classify_host() decides (RFC 5954 IPv4/IPv6 forms)
const auto ipv6_reference = '[' >> *(g::cls(cc_hex) | x3::char_(":.")) >> ']';
constexpr g::class_run_parser host_name_or_v4{abnf::cc_hostname};
// headers = "?" header *( "&" header ); header = hname "=" hvalue
const auto hnv_char = g::cls(cc_hnv_unreserved | cc_unreserved) | escaped;
const auto headers = (+hnv_char >> '=' >> *hnv_char) % '&';

// absoluteURI = scheme ":" ( hier-part / opaque-part )
const auto uric = g::cls(cc_reserved | cc_unreserved) | escaped;
const auto uric_no_slash = g::cls(cc_unreserved) | escaped | x3::char_(";?:@&=+$,");
const auto pchar = g::cls(cc_unreserved) | escaped | x3::char_(":@&=+$,");
// path-segments = segment *( "/" segment ); segment = *pchar *( ";" param )
const auto abs_path = '/' >> (*(pchar | ';') % '/');
// authority = srvr / reg-name: every srvr character is a reg-name one except
// the brackets of an IPv6 reference (RFC 2732), so one loop covers both.
const auto authority = *(g::cls(cc_unreserved) | escaped | x3::char_("$,;:@&=+") | ipv6_reference);
const auto net_path = x3::lit("//") >> authority >> -abs_path;
const auto hier_part = (net_path | abs_path) >> -('?' >> *uric);
const auto opaque_part = uric_no_slash >> *uric;

// RFC 3966: visual-separator = "-" / "." / "(" / ")"
const auto visual_separator = x3::char_("-.()");
const auto phonedigit = g::cls(cc_digit) | visual_separator;
const auto phonedigit_hex = g::cls(cc_hex) | x3::char_("*#") | visual_separator;

constexpr bool is_visual_separator(char c) noexcept
{
    return c == '-' || c == '.' || c == '(' || c == ')';
}

std::string_view view(char const* from, char const* to) noexcept
{
    return {from, static_cast<std::size_t>(to - from)};
}

/// Builds the errors of one URI grammar: offsets relative to the whole
/// input, sentences prefixed with the element ("SIP-URI: ...").
class failer {
public:
    failer(std::string_view whole, std::string_view element) : whole_(whole), element_(element) {}

    abnf::parse_error operator()(char const* at, std::string_view what) const
    {
        std::string sentence;
        sentence.reserve(element_.size() + 2 + what.size());
        sentence.append(element_).append(": ").append(what);
        return abnf::make_parse_error(whole_, at, errc::bad_uri, std::move(sentence));
    }

    /// "invalid character in <where>", or the escape / end-of-input variant.
    abnf::parse_error bad_char(char const* at, char const* end, std::string_view where) const
    {
        // A well-formed escape where none is allowed (the host) is just an
        // invalid character.
        bool const bad_escape = at != end && *at == '%' &&
                                !(end - at >= 3 && abnf::is(at[1], cc_hex) && abnf::is(at[2], cc_hex));
        std::string what = at == end ? "unexpected end of " : bad_escape ? "malformed %-escape in " : "invalid character in ";
        return (*this)(at, what.append(where));
    }

private:
    std::string_view whole_;
    std::string_view element_;
};

/// @p raw with %-escapes decoded into @p scratch when it has any (the text
/// was validated, so every '%' starts an escape).
std::string_view decoded(std::string_view raw, std::string& scratch)
{
    if (!abnf::has_escapes(raw))
        return raw;
    scratch = abnf::percent_decode(raw).value_or(std::string(raw));
    return scratch;
}

bool is_global_number_digits(std::string_view s) noexcept
{
    // global-number-digits = "+" *phonedigit DIGIT *phonedigit
    if (s.size() < 2 || s.front() != '+')
        return false;
    bool digit = false;
    for (char c : s.substr(1)) {
        if (abnf::is_digit(c))
            digit = true;
        else if (!is_visual_separator(c))
            return false;
    }
    return digit;
}

// RFC 3261 19.1.1 uri-parameters with a defined syntax. Each may also be
// read as other-param, but a value breaking its own rule is refused, as the
// Via parser does for the same names.
abnf::result<void> read_known_params(sip_uri_parts& s, failer const& fail)
{
    std::string scratch;
    for (auto const& prm : s.params) {
        // RFC 3261 19.1.4: an escaped unreserved character is the character.
        auto const name = decoded(prm.name, scratch);
        auto const is = [&name](std::string_view n) { return abnf::iequals(name, n); };
        if (is("lr")) {
            s.lr = true;
            continue;
        }
        if (is("gr")) {
            // RFC 5627 section 3.1: gr [ "=" pvalue ]
            if (!s.has_gr) {
                s.has_gr = true;
                s.gr = prm.value;
            }
            continue;
        }
        bool const token_valued = is("transport") || is("user") || is("method");
        if (!token_valued && !is("ttl") && !is("maddr"))
            continue;
        if (!prm.has_value)
            return fail(prm.name.data(), std::string(name) + " parameter needs a value");
        std::string value_scratch;
        auto const value = decoded(prm.value, value_scratch);
        if (token_valued) {
            if (!abnf::all_of(value, cc_token))
                return fail(prm.value.data(), std::string(name) + " must be a token");
            auto& slot = is("transport") ? s.transport : is("user") ? s.user_param : s.method;
            if (slot.empty())
                slot = prm.value;
        } else if (is("ttl")) {
            // ttl = 1*3DIGIT ; 0 to 255
            auto const ttl = abnf::parse_port(value);
            if (!ttl || value.size() > 3 || *ttl > 255)
                return fail(prm.value.data(), "ttl must be 0-255");
            if (!s.ttl)
                s.ttl = static_cast<std::uint8_t>(*ttl);
        } else {
            // maddr-param = "maddr=" host
            if (!abnf::classify_host(value))
                return fail(prm.value.data(), "maddr must be a host");
            if (s.maddr.empty())
                s.maddr = prm.value;
        }
    }
    return {};
}

// SIP-URI / SIPS-URI after "sip:" / "sips:", into @p s (default-built):
// [ userinfo ] hostport uri-parameters [ headers ]
abnf::result<void> parse_sip_parts(char const* p, char const* const end, failer const& fail, sip_uri_parts& s)
{
    // userinfo = ( user / telephone-subscriber ) [ ":" password ] "@"
    // No other component may hold an unescaped '@', so userinfo is present
    // exactly when one follows. A telephone-subscriber must escape what the
    // user rule lacks (RFC 3261 25.1), so "user" covers both.
    if (std::find(p, end, '@') != end) {
        if (!g::match(p, end, user, s.user))
            return *p == '@' ? fail(p, "empty user before '@'") : fail.bad_char(p, end, "user");
        if (*p == ':') {
            ++p;
            g::match(p, end, password, s.password);
            s.has_password = true;
        }
        if (*p != '@')
            return fail.bad_char(p, end, s.has_password ? "password" : "user");
        ++p;
        s.has_userinfo = true;
    }

    // hostport = host [ ":" port ]
    char const* const host_at = p;
    if (p != end && *p == '[') {
        if (!x3::parse(p, end, ipv6_reference))
            return fail(host_at, "IPv6 reference without closing ']'");
    } else if (!x3::parse(p, end, host_name_or_v4)) {
        return fail(host_at, s.has_userinfo ? "expected host after '@'" : "expected host");
    }
    s.host = view(host_at, p);
    auto const kind = abnf::classify_host(s.host);
    if (!kind)
        return fail(host_at, *host_at == '[' ? "invalid IPv6 address in host" : "invalid host");
    s.host_type = *kind;
    if (p != end && *p == ':') {
        char const* const port_at = ++p;
        std::string_view digits;
        g::match(p, end, g::port, digits);
        if (digits.empty())
            return fail(port_at, "expected port after ':'");
        s.port = abnf::parse_port(digits);
        if (!s.port)
            return fail(port_at, "port out of range");
    }

    // uri-parameters = *( ";" uri-parameter )
    auto const tail = view(p, end);
    auto const plen = abnf::parse_params(tail, abnf::param_syntax::uri);
    s.params = abnf::make_param_list(tail.substr(0, plen), abnf::param_syntax::uri);
    p += plen;
    if (p != end && *p != '?') {
        if (*p == ';' || !s.params.empty())
            return fail.bad_char(p, end, "uri-parameter");
        return fail.bad_char(p, end, s.port ? "port" : "host");
    }
    if (auto r = read_known_params(s, fail); !r)
        return r.error();

    if (p != end) {
        char const* const headers_at = ++p; // past '?'
        std::string_view raw_headers;
        if (!g::match(p, end, headers, raw_headers))
            return fail(headers_at, "expected hname=hvalue after '?'");
        s.headers = uri_header_list(raw_headers);
        if (p != end)
            return fail.bad_char(p, end, "header");
    }
    return {};
}

// telephone-subscriber = global-number / local-number
// global-number = global-number-digits *par
// local-number  = local-number-digits *par context *par
// Into @p t (default-built).
abnf::result<void> parse_tel_parts(char const* p, char const* const end, failer const& fail, tel_uri_parts& t)
{
    char const* const number_at = p;
    if (p != end && *p == '+') {
        t.global = true;
        x3::parse(p, end, '+' >> *phonedigit);
        t.number = view(number_at, p);
        if (!is_global_number_digits(t.number))
            return fail(number_at, "global number needs at least one digit");
    } else {
        // local-number-digits = *phonedigit-hex (HEXDIG / "*" / "#") *phonedigit-hex
        x3::parse(p, end, *phonedigit_hex);
        t.number = view(number_at, p);
        if (std::all_of(t.number.begin(), t.number.end(), is_visual_separator))
            return fail(number_at, "expected a global (+...) or local phone number");
    }

    auto const tail = view(p, end);
    auto const plen = abnf::parse_params(tail, abnf::param_syntax::tel);
    t.params = abnf::make_param_list(tail.substr(0, plen), abnf::param_syntax::tel);
    p += plen;
    if (p != end) {
        if (*p == ';' || !t.params.empty())
            return fail.bad_char(p, end, "parameter");
        return fail.bad_char(p, end, "phone number");
    }

    for (auto const& prm : t.params) {
        // RFC 3966 section 3: a parameter name, isub, ext and phone-context
        // each appear at most once.
        for (auto const& earlier : t.params) {
            if (earlier.name.data() == prm.name.data())
                break;
            if (abnf::iequals(earlier.name, prm.name))
                return fail(prm.name.data(), "parameter " + std::string(prm.name) + " appears more than once");
        }
        auto const is = [&prm](std::string_view n) { return abnf::iequals(prm.name, n); };
        bool const known = is("phone-context") || is("ext") || is("isub");
        if (known && !prm.has_value)
            return fail(prm.name.data(), std::string(prm.name) + " needs a value");
        if (is("phone-context")) {
            // descriptor = domainname / global-number-digits
            if (!is_global_number_digits(prm.value) && !abnf::is_hostname(prm.value))
                return fail(prm.value.data(), "phone-context must be a domain name or a global number");
            if (t.phone_context.empty())
                t.phone_context = prm.value;
        } else if (is("ext")) {
            // extension = ";ext=" 1*phonedigit
            if (!std::all_of(prm.value.begin(), prm.value.end(),
                             [](char c) { return abnf::is_digit(c) || is_visual_separator(c); }))
                return fail(prm.value.data(), "ext must be phone digits");
            if (t.extension.empty())
                t.extension = prm.value;
        } else if (is("isub")) {
            // isdn-subaddress = ";isub=" 1*uric (RFC 2396 uric has no brackets)
            auto const bad = prm.value.find_first_of("[]");
            if (bad != std::string_view::npos)
                return fail(prm.value.data() + bad, "isub must be made of uric characters");
            if (t.isub.empty())
                t.isub = prm.value;
        } else if (prm.has_value) {
            // pvalue = 1*paramchar: only isub may carry the other uric
            auto const bad = prm.value.find_first_of("?@=,");
            if (bad != std::string_view::npos)
                return fail(prm.value.data() + bad, "invalid character in parameter value");
        }
    }
    // RFC 3966 5.1.5: local numbers MUST have a phone-context parameter.
    if (!t.global && t.phone_context.empty())
        return fail(number_at, "local number requires phone-context");
    return {};
}

} // namespace

uri_kind classify_scheme(std::string_view scheme) noexcept
{
    if (abnf::iequals(scheme, "sip"))
        return uri_kind::sip;
    if (abnf::iequals(scheme, "sips"))
        return uri_kind::sips;
    if (abnf::iequals(scheme, "tel"))
        return uri_kind::tel;
    return uri_kind::absolute;
}

// Into @p u, so the parts are written where they stay instead of being
// copied out of nested results.
abnf::result<void> grammar::parse_uri_into(std::string_view text, uri& u)
{
    u.raw = text;
    char const* const begin = text.data();
    char const* const end = begin + text.size();
    char const* p = begin;
    failer const generic(text, "URI");
    if (p == end)
        return generic(p, "empty");
    if (!g::match(p, end, scheme, u.scheme))
        return generic(p, "must start with a scheme");
    if (p == end || *p != ':')
        return generic(p, "expected ':' after the scheme");
    ++p;
    u.rest = view(p, end);
    u.kind = classify_scheme(u.scheme);
    switch (u.kind) {
    case uri_kind::sip:
    case uri_kind::sips:
        return parse_sip_parts(p, end, failer(text, u.kind == uri_kind::sip ? "SIP-URI" : "SIPS-URI"), u.sip);
    case uri_kind::tel:
        return parse_tel_parts(p, end, failer(text, "tel URI"), u.tel);
    case uri_kind::absolute:
        break;
    }
    // absoluteURI = scheme ":" ( hier-part / opaque-part )
    if (p == end)
        return generic(p, "nothing after the scheme");
    x3::parse(p, end, hier_part | opaque_part);
    if (p != end)
        return generic.bad_char(p, end, "absoluteURI");
    return {};
}

abnf::result<uri> parse_uri(std::string_view text)
{
    return grammar::built_in_place<uri>([&](uri& u) { return grammar::parse_uri_into(text, u); });
}

abnf::result<tel_uri_parts> parse_telephone_subscriber(std::string_view text)
{
    return grammar::built_in_place<tel_uri_parts>([&](tel_uri_parts& t) {
        return parse_tel_parts(text.data(), text.data() + text.size(), failer(text, "telephone-subscriber"), t);
    });
}

uri_header_list::iterator& uri_header_list::iterator::operator++() noexcept
{
    pos_ = next_;
    if (pos_ == nullptr)
        return *this;
    // hname and hvalue cannot hold an unescaped '&' or '='.
    char const* const amp = std::find(pos_, end_, '&');
    char const* const eq = std::find(pos_, amp, '=');
    current_.name = view(pos_, eq);
    current_.value = eq == amp ? std::string_view{} : view(eq + 1, amp);
    next_ = amp == end_ ? nullptr : amp + 1;
    return *this;
}

std::size_t uri_header_list::size() const noexcept
{
    return raw_.empty() ? 0 : static_cast<std::size_t>(std::count(raw_.begin(), raw_.end(), '&')) + 1;
}

std::optional<uri_header> uri_header_list::find(std::string_view name) const noexcept
{
    for (auto const& h : *this)
        if (abnf::iequals(h.name, name))
            return h;
    return std::nullopt;
}

std::string uri_header::name_text() const
{
    return abnf::percent_decode(name).value_or(std::string(name));
}

std::string uri_header::value_text() const
{
    return abnf::percent_decode(value).value_or(std::string(value));
}

std::string sip_uri_parts::user_text() const
{
    return abnf::percent_decode(user).value_or(std::string(user));
}

std::string sip_uri_parts::password_text() const
{
    return abnf::percent_decode(password).value_or(std::string(password));
}

bool sip_uri_parts::user_is_phone() const noexcept
{
    return abnf::iequals(user_param, "phone");
}

std::string tel_uri_parts::number_digits() const
{
    std::string out;
    out.reserve(number.size());
    for (char c : number)
        if (!is_visual_separator(c))
            out.push_back(c);
    return out;
}

} // namespace cpm::sip
