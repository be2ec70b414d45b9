#pragma once
/// @file
/// RFC 3261 section 25.1 core rules as Spirit X3 parsers (private: only
/// grammar .cpp files include this). No skipper anywhere: SIP whitespace is
/// explicit grammar. The parsers are stateless constexpr objects, so every
/// grammar that composes them inlines them.

#include "sip/abnf/char_class.hpp"
#include "sip/abnf/host.hpp"

#include <boost/spirit/home/x3.hpp>

#include <memory>

#include <string_view>

namespace cpm::sip::abnf::grammar {

namespace x3 = boost::spirit::x3;

/// Matches one byte of a char_class from the shared table.
struct class_char_parser : x3::parser<class_char_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    std::uint16_t cls;
    constexpr explicit class_char_parser(std::uint16_t c) : cls(c) {}
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const
    {
        if (first != last && is(*first, cls)) {
            ++first;
            return true;
        }
        return false;
    }
};
constexpr class_char_parser cls(std::uint16_t c) { return class_char_parser(c); }

/// 1*byte of a char_class as one tight loop (X3's +cls() steps through the
/// kleene machinery per byte; tokens and words are most of a SIP message).
struct class_run_parser : x3::parser<class_run_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    std::uint16_t cls;
    constexpr explicit class_run_parser(std::uint16_t c) : cls(c) {}
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const
    {
        char const* const from = std::to_address(first);
        char const* const to = run_end(from, std::to_address(last), cls);
        if (to == from)
            return false;
        first += to - from;
        return true;
    }
};

/// Runs the (namespace-scope, never rebuilt) parser @p p at @p pos; on a
/// match advances @p pos and stores the matched text in @p out. Building
/// an X3 expression per call copies its sub-parsers, so hot grammars are
/// written as sequences of match()/skip() over static parsers instead of
/// expressions with capturing actions.
template <class P>
bool match(char const*& pos, char const* end, P const& p, std::string_view& out)
{
    char const* it = pos;
    if (!x3::parse(it, end, p))
        return false;
    out = std::string_view(pos, static_cast<std::size_t>(it - pos));
    pos = it;
    return true;
}

/// Runs @p p at @p pos and advances past what it matched.
template <class P>
bool skip(char const*& pos, char const* end, P const& p)
{
    char const* it = pos;
    if (!x3::parse(it, end, p))
        return false;
    pos = it;
    return true;
}

/// Action that stores the matched range of x3::raw[] into a string_view.
inline auto into(std::string_view& dst)
{
    return [&dst](auto& ctx) {
        auto const& r = x3::_attr(ctx);
        dst = std::string_view(&*r.begin(), static_cast<std::size_t>(r.end() - r.begin()));
    };
}

/// Action that validates the matched range with @p pred (rejects on false).
template <class Pred>
auto check(Pred pred)
{
    return [pred](auto& ctx) {
        auto const& r = x3::_attr(ctx);
        x3::_pass(ctx) = pred(std::string_view(&*r.begin(), static_cast<std::size_t>(r.end() - r.begin())));
    };
}

inline const auto wsp = cls(cc_wsp);
inline const auto crlf = x3::lit("\r\n");
/// LWS = [*WSP CRLF] 1*WSP  (a folded line continues after CRLF + WSP)
inline const auto lws = -(*wsp >> crlf) >> +wsp;
/// SWS = [LWS]
inline const auto sws = -lws;
inline const auto hcolon = *wsp >> ':' >> sws;

inline const auto semi = sws >> ';' >> sws;
inline const auto comma = sws >> ',' >> sws;
inline const auto equal = sws >> '=' >> sws;
inline const auto slash = sws >> '/' >> sws;
inline const auto colon = sws >> ':' >> sws;
inline const auto star = sws >> '*' >> sws;
inline const auto laquot = sws >> '<';
inline const auto raquot = '>' >> sws;
inline const auto ldquot = sws >> '"';
inline const auto rdquot = '"' >> sws;

inline const auto alphanum = cls(cc_alphanum);
inline constexpr class_run_parser token{cc_token};
inline constexpr class_run_parser word{cc_word};

inline const auto utf8_cont = x3::char_('\x80', '\xbf');
/// UTF8-NONASCII per RFC 3261 25.1 (lead byte decides the continuation count).
inline const auto utf8_nonascii =
      (x3::char_('\xc0', '\xdf') >> utf8_cont)
    | (x3::char_('\xe0', '\xef') >> x3::repeat(2)[utf8_cont])
    | (x3::char_('\xf0', '\xf7') >> x3::repeat(3)[utf8_cont])
    | (x3::char_('\xf8', '\xfb') >> x3::repeat(4)[utf8_cont])
    | (x3::char_('\xfc', '\xfd') >> x3::repeat(5)[utf8_cont]);

/// quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
inline const auto quoted_pair =
    '\\' >> (x3::char_('\x00', '\x09') | x3::char_('\x0b', '\x0c') | x3::char_('\x0e', '\x7f'));
// Plain characters (and single SP/HTAB, which LWS would also match) are
// tried first: they are almost every byte, and LWS costs a backtrack.
inline const auto qdtext = cls(cc_qdtext | cc_wsp) | lws | utf8_nonascii;
/// quoted-string without the leading SWS (callers place SWS explicitly).
inline const auto quoted_string_body = '"' >> *(qdtext | quoted_pair) >> '"';
inline const auto quoted_string = sws >> quoted_string_body;

/// comment = LPAREN *(ctext / quoted-pair / comment) RPAREN (nesting is
/// bounded by the recursion in comment_parser).
struct comment_parser : x3::parser<comment_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    static constexpr int max_depth = 32;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const
    {
        return parse_depth(first, last, ctx, rctx, 0);
    }
    template <class It, class Ctx, class RCtx>
    bool parse_depth(It& first, It const& last, Ctx const& ctx, RCtx& rctx, int depth) const
    {
        if (depth >= max_depth || first == last || *first != '(')
            return false;
        It it = first;
        ++it;
        auto const ctext = cls(cc_ctext | cc_wsp) | lws | utf8_nonascii | quoted_pair;
        while (it != last && *it != ')') {
            if (*it == '(') {
                if (!parse_depth(it, last, ctx, rctx, depth + 1))
                    return false;
            } else if (!ctext.parse(it, last, ctx, rctx, x3::unused)) {
                return false;
            }
        }
        if (it == last)
            return false;
        first = ++it;
        return true;
    }
};
inline constexpr comment_parser comment{};

/// host = hostname / IPv4address / IPv6reference, validated by abnf/host.
inline const auto ipv6_reference = '[' >> +(cls(cc_hex) | x3::char_(":.")) >> ']';
struct host_parser : x3::parser<host_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr&) const
    {
        It it = first;
        if (it != last && *it == '[') {
            if (!ipv6_reference.parse(it, last, ctx, rctx, x3::unused))
                return false;
        } else {
            while (it != last && is(*it, cc_hostname))
                ++it;
        }
        if (it == first || !classify_host(std::string_view(&*first, static_cast<std::size_t>(it - first))))
            return false;
        first = it;
        return true;
    }
};
inline constexpr host_parser host{};
inline constexpr class_run_parser port{cc_digit};

/// An unbracketed IPv6address: RFC 3261 via-received allows one as a
/// parameter value ("received=2001:db8::9:255", RFC 5118 4.5).
inline const auto ipv6_address = x3::raw[+(cls(cc_hex) | x3::char_(":."))]
                                 [check([](std::string_view s) { return is_ipv6(s); })];
/// gen-value = token / host / quoted-string (plus ipv6_address, above)
inline const auto gen_value = quoted_string_body | ipv6_reference | ipv6_address | token;
/// generic-param = token [ EQUAL gen-value ]
inline const auto generic_param = token >> -(equal >> gen_value);

} // namespace cpm::sip::abnf::grammar
