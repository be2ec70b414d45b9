#pragma once
// Private: the character sets of RFC 4975 section 9 that differ from the
// RFC 3261 ones in sip/abnf (MSRP's token is the MIME/HTTP token), and the
// small scanners shared by the MSRP grammars.

#include "sip/abnf/char_class.hpp"
#include "sip/abnf/parse_error.hpp"
#include "msrp/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cpm::msrp::grammar {

namespace abnf = sip::abnf;

/// token = 1*(%x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E)
constexpr bool is_token_char(char ch) noexcept
{
    auto const c = static_cast<unsigned char>(ch);
    return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2a || c == 0x2b || c == 0x2d || c == 0x2e ||
           (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x5e && c <= 0x7e);
}

/// The MSRP token at the start of @p s (may be empty).
constexpr std::size_t token_length(std::string_view s) noexcept
{
    std::size_t n = 0;
    while (n < s.size() && is_token_char(s[n]))
        ++n;
    return n;
}

constexpr bool is_token(std::string_view s) noexcept
{
    return !s.empty() && token_length(s) == s.size();
}

/// ident = ALPHANUM 3*31ident-char; ident-char = ALPHANUM / "." / "-" / "+" / "%" / "="
constexpr bool is_ident_char(char c) noexcept
{
    return abnf::is(c, abnf::cc_alphanum) || c == '.' || c == '-' || c == '+' || c == '%' || c == '=';
}

constexpr bool is_ident(std::string_view s) noexcept
{
    if (s.size() < 4 || s.size() > 32 || !abnf::is(s.front(), abnf::cc_alphanum))
        return false;
    for (char c : s)
        if (!is_ident_char(c))
            return false;
    return true;
}

/// RFC 3986 unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"
constexpr bool is_uri_unreserved(char c) noexcept
{
    return abnf::is(c, abnf::cc_alphanum) || c == '-' || c == '.' || c == '_' || c == '~';
}

/// Length of the UTF8-NONASCII sequence at the start of @p s (RFC 4975
/// section 9, the RFC 3261 definition), or 0 when there is none.
std::size_t utf8_nonascii_length(std::string_view s) noexcept;

/// utf8text = *(HTAB / %x20-7E / UTF8-NONASCII). Returns the offset of the
/// first byte that does not fit, or s.size().
std::size_t utf8text_length(std::string_view s) noexcept;

/// quoted-string = DQUOTE *(qdtext / qd-esc) DQUOTE with
/// qd-esc = (BACKSLASH BACKSLASH) / (BACKSLASH DQUOTE). Returns its length
/// at the start of @p s, or 0 when there is none.
std::size_t quoted_string_length(std::string_view s) noexcept;

/// A parse error at @p at inside @p text (offsets relative to @p text).
inline abnf::parse_error error_at(std::string_view text, char const* at, std::string message,
                                  errc code = errc::bad_header_value)
{
    return abnf::make_parse_error(text, at, code, std::move(message));
}

/// Parses 1*DIGIT into a 64-bit value; false when empty, not all digits or
/// too large.
bool parse_digits(std::string_view s, std::uint64_t& out) noexcept;

} // namespace cpm::msrp::grammar
