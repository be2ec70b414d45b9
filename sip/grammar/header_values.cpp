#include "sip/header_values.hpp"

#include "sip/grammar/header_rules.hpp"

#include <charconv>

namespace cpm::sip {

namespace {
using grammar::header_error;
using grammar::view;
namespace x3 = boost::spirit::x3;
namespace g = abnf::grammar;

const auto digit = g::cls(abnf::cc_digit);
const auto digits = +digit;
// 1*DIGIT [ "." *DIGIT ] (Timestamp), and the delay's *(DIGIT) [ "." *(DIGIT) ]
const auto decimal = digits >> -('.' >> *digit);
const auto delay = *digit >> -('.' >> *digit);
const auto dot = x3::lit('.');
// TEXT-UTF8char = %x21-7E / UTF8-NONASCII
const auto text_utf8_char = g::cls(abnf::cc_qdtext) | x3::char_('"') | x3::char_('\\') | g::utf8_nonascii;
// TEXT-UTF8-TRIM = 1*TEXT-UTF8char *(*LWS TEXT-UTF8char)
const auto text_utf8 = *(text_utf8_char | g::lws);

// delta-seconds at the start of @p value, then the parameters: the shape of
// Session-Expires, Min-SE and (after its comment) Retry-After.
abnf::result<session_expires> delta_and_params(std::string_view value, std::string_view header)
{
    session_expires se;
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    std::string_view text;
    if (!g::match(p, end, digits, text))
        return header_error(value, p, header, "expected delta-seconds");
    auto n = grammar::delta_seconds(value, text, text.data(), header, "the interval");
    if (!n)
        return n.error();
    se.delta = *n;
    std::size_t plen = 0;
    se.params = grammar::leading_params(view(p, end), plen);
    if (auto r = grammar::expect_end(value, p + plen, header, "the parameters"); !r)
        return r.error();
    return se;
}

double to_double(std::string_view text) noexcept
{
    double d = 0;
    std::from_chars(text.data(), text.data() + text.size(), d);
    return d;
}
} // namespace

std::optional<std::uint16_t> parse_qvalue(std::string_view text) noexcept
{
    if (text.empty() || text.size() > 5 || (text[0] != '0' && text[0] != '1'))
        return std::nullopt;
    unsigned value = text[0] == '1' ? 1000u : 0u;
    if (text.size() == 1)
        return static_cast<std::uint16_t>(value);
    if (text[1] != '.')
        return std::nullopt;
    unsigned scale = 100;
    for (char c : text.substr(2)) {
        if (!abnf::is_digit(c) || (text[0] == '1' && c != '0'))
            return std::nullopt;
        value += static_cast<unsigned>(c - '0') * scale;
        scale /= 10;
    }
    return static_cast<std::uint16_t>(value);
}

abnf::result<std::uint32_t> parse_delta_seconds(std::string_view value, std::string_view header)
{
    auto n = parse_uint32(value, header);
    if (!n)
        return header_error(value, value.data(), header, "expected delta-seconds (1*DIGIT, below 2**32)");
    return *n;
}

abnf::result<session_expires> parse_session_expires(std::string_view value)
{
    constexpr std::string_view header = "Session-Expires";
    auto se = delta_and_params(value, header);
    if (!se)
        return se;
    // RFC 4028 section 4: refresher-param = "refresher" EQUAL ("uas" / "uac")
    if (auto const r = se->params.find("refresher")) {
        if (r->value == "uac")
            se->refresher = refresher::uac;
        else if (r->value == "uas")
            se->refresher = refresher::uas;
        else
            return header_error(value, r->name.data(), header, "refresher must be uac or uas");
    }
    return se;
}

abnf::result<session_expires> parse_min_se(std::string_view value)
{
    return delta_and_params(value, "Min-SE");
}

abnf::result<retry_after> parse_retry_after(std::string_view value)
{
    constexpr std::string_view header = "Retry-After";
    retry_after ra;
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    std::string_view text;
    if (!g::match(p, end, digits, text))
        return header_error(value, p, header, "expected delta-seconds");
    auto n = grammar::delta_seconds(value, text, text.data(), header, "the retry interval");
    if (!n)
        return n.error();
    ra.delta = *n;
    // [ comment ]: RFC 3261 writes it without separating whitespace, and
    // every example puts a space before it.
    char const* const before_comment = p;
    if (!(g::skip(p, end, g::sws) && g::match(p, end, g::comment, ra.comment))) {
        p = before_comment;
        g::skip(p, end, g::sws);
        if (p != end && *p == '(')
            return header_error(value, p, header, "unterminated or malformed comment");
        p = before_comment;
    }
    std::size_t plen = 0;
    ra.params = grammar::leading_params(view(p, end), plen);
    if (auto r = grammar::expect_end(value, p + plen, header, "the parameters"); !r)
        return r.error();
    if (auto const d = ra.params.find("duration")) {
        auto dn = grammar::delta_seconds(value, d->value, d->name.data(), header, "duration");
        if (!dn)
            return dn.error();
        ra.duration = *dn;
    }
    return ra;
}

double timestamp::time_value() const noexcept
{
    return to_double(time);
}

double timestamp::delay_value() const noexcept
{
    return to_double(delay);
}

abnf::result<timestamp> parse_timestamp(std::string_view value)
{
    constexpr std::string_view header = "Timestamp";
    timestamp t;
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    if (!g::match(p, end, decimal, t.time))
        return header_error(value, p, header, "expected a number (1*DIGIT [\".\" *DIGIT])");
    // [ LWS delay ]
    if (char const* q = p; g::skip(q, end, g::lws) && g::match(q, end, delay, t.delay))
        p = q;
    if (auto r = grammar::expect_end(value, p, header, "the delay"); !r)
        return r.error();
    return t;
}

abnf::result<mime_version> parse_mime_version(std::string_view value)
{
    constexpr std::string_view header = "MIME-Version";
    std::string_view major, minor;
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    // On a mismatch the sentence points at the start, as one X3 sequence would.
    if (char const* q = p; g::match(q, end, digits, major) && g::skip(q, end, dot) && g::match(q, end, digits, minor))
        p = q;
    if (p == value.data() || p != end)
        return header_error(value, p, header, "expected <major>.<minor> digits");
    auto a = parse_uint32(major, header);
    auto b = parse_uint32(minor, header);
    if (!a || !b)
        return header_error(value, value.data(), header, "version number too large");
    return mime_version{*a, *b};
}

abnf::result<std::uint32_t> parse_rseq(std::string_view value)
{
    auto n = parse_uint32(value, "RSeq");
    if (!n || *n == 0 || *n >= 0x80000000u)
        return header_error(value, value.data(), "RSeq", "response-num must be 1 to 2**31-1");
    return *n;
}

abnf::result<rack> parse_rack(std::string_view value)
{
    constexpr std::string_view header = "RAck";
    rack r;
    std::string_view rseq, cseq;
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    if (char const* q = p; g::match(q, end, digits, rseq) && g::skip(q, end, g::lws) && g::match(q, end, digits, cseq) &&
                           g::skip(q, end, g::lws) && g::match(q, end, g::token, r.method_text))
        p = q;
    if (p == value.data() || p != end)
        return header_error(value, p, header, "expected <response-num> <CSeq-num> <method>");
    auto a = parse_rseq(rseq);
    if (!a)
        return header_error(value, rseq.data(), header, "response-num must be 1 to 2**31-1");
    auto b = parse_uint32(cseq, header);
    if (!b || *b >= 0x80000000u)
        return header_error(value, cseq.data(), header, "CSeq-num must be below 2**31");
    r.rseq = *a;
    r.cseq = *b;
    r.method = method_from_text(r.method_text);
    return r;
}

abnf::result<std::string_view> parse_token_value(std::string_view value, std::string_view header)
{
    std::string_view t;
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    if (!g::match(p, end, g::token, t) || p != end)
        return header_error(value, p, header, "the value must be one token");
    return t;
}

abnf::result<refer_sub> parse_refer_sub(std::string_view value)
{
    constexpr std::string_view header = "Refer-Sub";
    refer_sub rs;
    std::string_view word;
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    g::match(p, end, g::token, word);
    if (abnf::iequals(word, "true"))
        rs.value = true;
    else if (abnf::iequals(word, "false"))
        rs.value = false;
    else
        return header_error(value, value.data(), header, "expected true or false");
    std::size_t plen = 0;
    rs.params = grammar::leading_params(view(p, end), plen);
    if (auto r = grammar::expect_end(value, p + plen, header, "the parameters"); !r)
        return r.error();
    return rs;
}

abnf::result<std::string_view> parse_text_utf8(std::string_view value, std::string_view header)
{
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    g::skip(p, end, text_utf8);
    if (p != end)
        return header_error(value, p, header, "control character or malformed UTF-8 in the text");
    return value;
}

abnf::result<std::string_view> parse_cpm_id(std::string_view value, std::string_view header)
{
    std::string_view id;
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    if (!g::match(p, end, g::word, id) || p != end)
        return header_error(value, p, header, "expected one identifier (a token or word, e.g. a UUID)");
    return id;
}

} // namespace cpm::sip
