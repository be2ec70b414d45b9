#pragma once
// Private: the RFC 3862 section 3.6 character classes (NAMECHAR, TOKENCHAR,
// HEADERCHAR, Str-char) as small constexpr tests, shared by the parser, the
// escape codec and the builder.

#include <cstddef>
#include <string_view>

namespace cpm::cpim::detail {

/// NAMECHAR = %x21 / %x23-27 / %x2a-2b / %x2d / %x5e-60 / %x7c / %x7e / ALPHA / DIGIT
constexpr bool is_namechar(char ch) noexcept
{
    auto const c = static_cast<unsigned char>(ch);
    return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2a || c == 0x2b || c == 0x2d ||
           (c >= 0x5e && c <= 0x60) || c == 0x7c || c == 0x7e || (c >= 'A' && c <= 'Z') ||
           (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/// Length of the UTF8-multi sequence at @p p (RFC 3862 3.6: lead byte
/// C0-DF, E0-EF, F0-F7, F8-FB or FC-FD, then 1 to 5 bytes 80-BF), or 0.
constexpr std::size_t utf8_multi_length(char const* p, char const* end) noexcept
{
    auto const lead = static_cast<unsigned char>(*p);
    std::size_t n = 0;
    if (lead >= 0xc0 && lead <= 0xdf) n = 2;
    else if (lead >= 0xe0 && lead <= 0xef) n = 3;
    else if (lead >= 0xf0 && lead <= 0xf7) n = 4;
    else if (lead >= 0xf8 && lead <= 0xfb) n = 5;
    else if (lead >= 0xfc && lead <= 0xfd) n = 6;
    else return 0;
    if (static_cast<std::size_t>(end - p) < n)
        return 0;
    for (std::size_t i = 1; i < n; ++i) {
        auto const c = static_cast<unsigned char>(p[i]);
        if (c < 0x80 || c > 0xbf)
            return 0;
    }
    return n;
}

/// Length of the TOKENCHAR at @p p (NAMECHAR / "." / UCS-high), or 0.
constexpr std::size_t tokenchar_length(char const* p, char const* end) noexcept
{
    if (is_namechar(*p) || *p == '.')
        return 1;
    return utf8_multi_length(p, end);
}

/// Length of the UCS-no-CTL character at @p p (%x20-7E / UTF8-multi), or 0.
/// HEADERCHAR adds Escape, whose characters are all UCS-no-CTL themselves.
constexpr std::size_t headerchar_length(char const* p, char const* end) noexcept
{
    auto const c = static_cast<unsigned char>(*p);
    if (c >= 0x20 && c <= 0x7e)
        return 1;
    return utf8_multi_length(p, end);
}

/// Bytes of the Header-value at the start of @p text: *HEADERCHAR.
constexpr std::size_t scan_header_value(std::string_view text) noexcept
{
    char const* p = text.data();
    char const* const end = p + text.size();
    while (p != end) {
        std::size_t const n = headerchar_length(p, end);
        if (n == 0)
            break;
        p += n;
    }
    return static_cast<std::size_t>(p - text.data());
}

/// Bytes of the Name (1*NAMECHAR) at the start of @p text (0 if none).
constexpr std::size_t scan_name(std::string_view text) noexcept
{
    std::size_t n = 0;
    while (n < text.size() && is_namechar(text[n]))
        ++n;
    return n;
}

/// Bytes of the Token (1*TOKENCHAR) at the start of @p text (0 if none).
constexpr std::size_t scan_token(std::string_view text) noexcept
{
    char const* p = text.data();
    char const* const end = p + text.size();
    while (p != end) {
        std::size_t const n = tokenchar_length(p, end);
        if (n == 0)
            break;
        p += n;
    }
    return static_cast<std::size_t>(p - text.data());
}

constexpr bool is_hexdig(char c) noexcept
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// Length of the Escape at @p p (RFC 3862 2.3: "\" followed by "u" 4HEXDIG,
/// b, t, n, r, DQUOTE, "'" or "\"), or 0.
constexpr std::size_t escape_length(char const* p, char const* end) noexcept
{
    if (end - p < 2 || p[0] != '\\')
        return 0;
    switch (p[1]) {
    case 'b': case 't': case 'n': case 'r': case '"': case '\'': case '\\':
        return 2;
    case 'u':
        if (end - p < 6)
            return 0;
        for (int i = 2; i < 6; ++i)
            if (!is_hexdig(p[i]))
                return 0;
        return 6;
    default:
        return 0;
    }
}

/// Bytes of the String at the start of @p text: DQUOTE *( Str-char / Escape )
/// DQUOTE, with Str-char = %x20-21 / %x23-5B / %x5D-7E / UCS-high (0 if none).
constexpr std::size_t scan_string(std::string_view text) noexcept
{
    char const* const begin = text.data();
    char const* const end = begin + text.size();
    if (begin == end || *begin != '"')
        return 0;
    char const* p = begin + 1;
    while (p != end && *p != '"') {
        auto const c = static_cast<unsigned char>(*p);
        std::size_t n = 0;
        if (c == '\\')
            n = escape_length(p, end);
        else if (c >= 0x20 && c <= 0x7e)
            n = 1;
        else
            n = utf8_multi_length(p, end);
        if (n == 0)
            return 0;
        p += n;
    }
    if (p == end)
        return 0;
    return static_cast<std::size_t>(p + 1 - begin);
}

} // namespace cpm::cpim::detail
