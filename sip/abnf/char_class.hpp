#pragma once
/// @file
/// RFC 3261 section 25 character classes as one 256-entry table, for the
/// hand-written scanners on the hot path and for the X3 grammars alike.

#include <array>
#include <cstdint>
#include <string_view>

namespace cpm::sip::abnf {

enum char_class : std::uint16_t {
    cc_alpha = 1 << 0,
    cc_digit = 1 << 1,
    cc_hex = 1 << 2,
    cc_mark = 1 << 3,            ///< - _ . ! ~ * ' ( )
    cc_token = 1 << 4,           ///< alphanum - . ! % * _ + ` ' ~
    cc_word = 1 << 5,            ///< token plus ( ) < > : \ " / [ ] ? { }
    cc_user_unreserved = 1 << 6, ///< & = + $ , ; ? /
    cc_param_unreserved = 1 << 7,///< [ ] / : & + $
    cc_hnv_unreserved = 1 << 8,  ///< [ ] / ? : + $
    cc_password = 1 << 9,        ///< & = + $ ,  (with unreserved)
    cc_reserved = 1 << 10,       ///< ; / ? : @ & = + $ ,
    cc_wsp = 1 << 11,            ///< SP HTAB
    cc_qdtext = 1 << 12,         ///< %x21 %x23-5B %x5D-7E (ASCII part)
    cc_ctext = 1 << 13,          ///< %x21-27 %x2A-5B %x5D-7E (ASCII part)
    cc_alphanum = cc_alpha | cc_digit,
    cc_unreserved = 1 << 14,     ///< alphanum / mark
    cc_hostname = 1 << 15,       ///< alphanum - .  (the bytes of hostname and IPv4address)
};

namespace detail {
constexpr std::array<std::uint16_t, 256> make_char_table()
{
    std::array<std::uint16_t, 256> t{};
    auto add = [&t](std::string_view chars, std::uint16_t cls) {
        for (char c : chars)
            t[static_cast<unsigned char>(c)] |= cls;
    };
    for (int c = 'a'; c <= 'z'; ++c) t[c] |= cc_alpha | cc_token | cc_word | cc_unreserved;
    for (int c = 'A'; c <= 'Z'; ++c) t[c] |= cc_alpha | cc_token | cc_word | cc_unreserved;
    for (int c = '0'; c <= '9'; ++c) t[c] |= cc_digit | cc_hex | cc_token | cc_word | cc_unreserved;
    for (int c = 'a'; c <= 'f'; ++c) t[c] |= cc_hex;
    for (int c = 'A'; c <= 'F'; ++c) t[c] |= cc_hex;
    for (int c = 0; c < 256; ++c)
        if (t[c] & (cc_alpha | cc_digit)) t[c] |= cc_hostname;
    add("-.", cc_hostname);
    add("-_.!~*'()", cc_mark | cc_unreserved);
    add("-.!%*_+`'~", cc_token | cc_word);
    add("()<>:\\\"/[]?{}", cc_word);
    add("&=+$,;?/", cc_user_unreserved);
    add("[]/:&+$", cc_param_unreserved);
    add("[]/?:+$", cc_hnv_unreserved);
    add("&=+$,", cc_password);
    add(";/?:@&=+$,", cc_reserved);
    add(" \t", cc_wsp);
    for (int c = 0x21; c <= 0x7e; ++c) {
        if (c != 0x22 && c != 0x5c) t[c] |= cc_qdtext;
        if (c != 0x28 && c != 0x29 && c != 0x5c) t[c] |= cc_ctext;
    }
    return t;
}
} // namespace detail

inline constexpr std::array<std::uint16_t, 256> char_table = detail::make_char_table();

constexpr bool is(char c, std::uint16_t cls) noexcept
{
    return (char_table[static_cast<unsigned char>(c)] & cls) != 0;
}
/// Where the run of bytes of class @p cls starting at @p p ends (@p p when
/// none). Four bytes per end check: tokens, words and parameter values are
/// mostly 4-40 bytes, so the loop runs at a few instructions a byte.
constexpr char const* run_end(char const* p, char const* end, std::uint16_t cls) noexcept
{
    while (end - p >= 4) {
        if (!is(p[0], cls)) return p;
        if (!is(p[1], cls)) return p + 1;
        if (!is(p[2], cls)) return p + 2;
        if (!is(p[3], cls)) return p + 3;
        p += 4;
    }
    while (p != end && is(*p, cls))
        ++p;
    return p;
}
constexpr bool is_token_char(char c) noexcept { return is(c, cc_token); }
constexpr bool is_digit(char c) noexcept { return is(c, cc_digit); }
constexpr bool is_alpha(char c) noexcept { return is(c, cc_alpha); }
constexpr bool is_wsp(char c) noexcept { return c == ' ' || c == '\t'; }

/// True when every byte of @p s is in @p cls and @p s is not empty.
constexpr bool all_of(std::string_view s, std::uint16_t cls) noexcept
{
    if (s.empty())
        return false;
    for (char c : s)
        if (!is(c, cls))
            return false;
    return true;
}

constexpr char to_lower(char c) noexcept
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}

/// ASCII case-insensitive equality (SIP tokens, header names, parameters).
constexpr bool iequals(std::string_view a, std::string_view b) noexcept
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i]))
            return false;
    return true;
}

} // namespace cpm::sip::abnf
