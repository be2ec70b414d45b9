#pragma once
// Private: rules and helpers shared by the grammars of the headers decoded on
// access (contact.cpp, token_list.cpp, digest.cpp, ...): error sentences that
// name their header, and the COMMA-list walk most of those headers share.
// Offsets are always relative to the value being decoded.

#include "sip/abnf/grammar/core_rules.hpp"
#include "sip/abnf/params.hpp"
#include "sip/cseq.hpp"
#include "sip/grammar/value_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace cpm::sip::grammar {

namespace x3 = boost::spirit::x3;
namespace g = abnf::grammar;

/// "<header>: <sentence>".
inline std::string named(std::string_view header, std::string_view sentence)
{
    std::string text;
    text.reserve(header.size() + 2 + sentence.size());
    text.append(header).append(": ").append(sentence);
    return text;
}

/// An error at @p at (inside @p value) whose sentence names @p header.
inline abnf::parse_error header_error(std::string_view value, char const* at, std::string_view header,
                                      std::string_view sentence)
{
    return value_error(value, at, named(header, sentence));
}

/// Re-anchors @p e, reported by a sub-parser relative to @p part (a view
/// inside @p value), onto @p value, and names @p header unless it already does.
inline abnf::parse_error rebase(std::string_view value, std::string_view part, abnf::parse_error const& e,
                                std::string_view header)
{
    std::string_view const msg = e.message;
    bool const has_name = msg.size() > header.size() && msg.substr(0, header.size()) == header &&
                          msg[header.size()] == ':';
    return abnf::make_parse_error(value, part.data() + e.offset, e.code,
                                  has_name ? e.message : named(header, e.message));
}

inline std::string_view view(char const* b, char const* e) noexcept
{
    return {b, static_cast<std::size_t>(e - b)};
}

/// Skips SWS (RFC 3261 25.1: [[*WSP CRLF] 1*WSP]). Whitespace without a
/// fold, the usual case, is skipped by hand; a CR goes to the grammar.
inline void skip_sws(char const*& p, char const* end)
{
    char const* q = p;
    while (q != end && abnf::is_wsp(*q))
        ++q;
    if (q != end && *q == '\r')
        g::skip(p, end, g::sws);
    else
        p = q;
}

/// Skips SWS and fails with "unexpected character after <element>" unless
/// the value ends there.
inline abnf::result<void> expect_end(std::string_view value, char const* p, std::string_view header,
                                     std::string_view element)
{
    char const* const end = value.data() + value.size();
    skip_sws(p, end);
    if (p != end)
        return header_error(value, p, header, std::string("unexpected character after ") + std::string(element));
    return {};
}

/// Whether a list header may have an empty value (Supported, Allow, Accept...).
enum class empty_list : std::uint8_t { rejected, allowed };

/// Walks `element *(COMMA element)` (RFC 3261 7.3.1). @p parse_one(rest,
/// length) parses one element at the start of @p rest (returning an
/// abnf::result of anything) and stores the bytes it covers in @p length;
/// this walk checks the separators, so a trailing or doubled comma is an
/// error that names @p element.
template <class ParseOne>
abnf::result<void> walk_comma_list(std::string_view value, std::string_view header, std::string_view element,
                                   empty_list empty, ParseOne&& parse_one)
{
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    skip_sws(p, end);
    if (p == end) {
        if (empty == empty_list::allowed)
            return {};
        return header_error(value, p, header, "expected " + std::string(element));
    }
    while (true) {
        std::string_view const rest = view(p, end);
        std::size_t length = 0;
        if (auto const one = parse_one(rest, length); !one)
            return rebase(value, rest, one.error(), header);
        p += length;
        skip_sws(p, end);
        if (p == end)
            return {};
        if (*p != ',')
            return header_error(value, p, header, "expected ',' or the end of the value after " + std::string(element));
        ++p;
        skip_sws(p, end);
        if (p == end || *p == ',')
            return header_error(value, p, header, "expected " + std::string(element) + " after ','");
    }
}

/// walk_comma_list() collecting the elements into a @p List (a
/// small_vector of the element type, sized so that the usual count of
/// elements needs no heap allocation).
template <class List, class ParseOne>
abnf::result<List> parse_comma_list(std::string_view value, std::string_view header, std::string_view element,
                                    empty_list empty, ParseOne&& parse_one)
{
    // Built inside the result (returned by NRVO), so the elements are not
    // copied once more on the way out.
    abnf::result<List> out(boost::system::in_place_value);
    List& items = *out;
    auto walked = walk_comma_list(value, header, element, empty,
                                  [&](std::string_view rest, std::size_t& length) -> abnf::result<void> {
                                      auto one = parse_one(rest, length);
                                      if (!one)
                                          return std::move(one).error();
                                      items.push_back(std::move(*one));
                                      return {};
                                  });
    if (!walked)
        out = std::move(walked).error();
    return out;
}

/// delta-seconds = 1*DIGIT, in 32 bits (RFC 3261 25.1), for parameters:
/// @p what names the element ("expires parameter").
inline abnf::result<std::uint32_t> delta_seconds(std::string_view value, std::string_view text, char const* at,
                                                 std::string_view header, std::string_view what)
{
    auto n = parse_uint32(text, header);
    if (!n)
        return header_error(value, at, header, std::string(what) + " must be delta-seconds (1*DIGIT, below 2**32)");
    return *n;
}

/// scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )  (RFC 3261 25.1)
inline const auto scheme = g::cls(abnf::cc_alpha) >> *(g::cls(abnf::cc_alphanum) | x3::char_("+.-")); // "-" last: inside, X3 reads a range
/// "<" absoluteURI ">" as Alert-Info, Call-Info, Error-Info and the
/// Identity info param write it: the URI runs to '>' and holds no whitespace
/// or quote (its own grammar is the URI parser's business).
inline const auto bracketed_absolute_uri = scheme >> ':' >> +(x3::char_ - x3::char_("<>\" \t\r\n"));

/// The parameter list at the start of @p rest (header syntax) and its length.
inline abnf::param_list leading_params(std::string_view rest, std::size_t& length)
{
    length = abnf::parse_params(rest, abnf::param_syntax::header);
    return abnf::make_param_list(rest.substr(0, length), abnf::param_syntax::header);
}

/// leading_params() handing each parameter to @p f(param const&) as it is
/// validated, so a header reads the parameters it knows in the same pass.
template <class F>
abnf::param_list leading_params(std::string_view rest, std::size_t& length, F&& f)
{
    length = abnf::parse_params_visit(rest, abnf::param_syntax::header, f);
    return abnf::make_param_list(rest.substr(0, length), abnf::param_syntax::header);
}

/// The first error a parameter visitor found: a visitor cannot return one,
/// so it records it here and ignores the parameters after it.
class first_error {
public:
    /// Whether an error was recorded (the visitor then has nothing more to do).
    explicit operator bool() const noexcept { return error_.has_value(); }
    void set(abnf::parse_error e)
    {
        if (!error_)
            error_ = std::move(e);
    }
    abnf::parse_error const& get() const noexcept { return *error_; }

private:
    std::optional<abnf::parse_error> error_;
};

/// The body of a quoted-string param value (between the quotes, quoted-pairs
/// kept), or nullopt when the value is not quoted.
inline std::optional<std::string_view> quoted_body(abnf::param const& p) noexcept
{
    if (!p.is_quoted())
        return std::nullopt;
    return p.value.substr(1, p.value.size() - 2);
}

} // namespace cpm::sip::grammar
