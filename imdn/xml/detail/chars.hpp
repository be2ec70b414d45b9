#pragma once
// Private to the XML reader: the XML 1.0 (fifth edition) character classes
// as one 256-entry table for the ASCII fast paths, UTF-8 decoding with the
// Char / NameStartChar / NameChar ranges of section 2.2 and 2.3 for the rest,
// and the reference reader shared by the parser (which validates) and the
// decoders (which expand).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace cpm::imdn::xml::detail {

enum : std::uint8_t {
    ch_text = 1 << 0,       ///< character data byte needing no attention: not < & ] CR, not a control, ASCII
    ch_attr_dq = 1 << 1,    ///< plain in a "..." attribute value: not < & " TAB LF CR, not a control, ASCII
    ch_attr_sq = 1 << 2,    ///< plain in a '...' attribute value
    ch_name_start = 1 << 3, ///< ASCII NameStartChar: A-Z a-z _ :
    ch_name = 1 << 4,       ///< ASCII NameChar: NameStartChar - . 0-9
    ch_space = 1 << 5,      ///< S: SP TAB LF CR
    ch_plain = 1 << 6,      ///< ASCII Char: TAB LF CR and 0x20-0x7F
    ch_ncname = 1 << 7,     ///< ASCII NameChar other than ':' (Namespaces in XML 1.0 NCNameChar)
};

constexpr std::array<std::uint8_t, 256> make_table()
{
    std::array<std::uint8_t, 256> t{};
    for (int c = 0x20; c < 0x80; ++c) {
        t[c] |= ch_plain | ch_text | ch_attr_dq | ch_attr_sq;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':')
            t[c] |= ch_name_start | ch_name;
        if ((c >= '0' && c <= '9') || c == '-' || c == '.')
            t[c] |= ch_name;
        if ((t[c] & ch_name) != 0 && c != ':')
            t[c] |= ch_ncname;
    }
    for (unsigned char c : std::string_view("\t\n\r"))
        t[c] |= ch_plain | ch_space;
    t['\t'] |= ch_text;
    t['\n'] |= ch_text;
    t[' '] |= ch_space;
    for (unsigned char c : std::string_view("<&]"))
        t[c] &= static_cast<std::uint8_t>(~ch_text);
    for (unsigned char c : std::string_view("<&\""))
        t[c] &= static_cast<std::uint8_t>(~ch_attr_dq);
    for (unsigned char c : std::string_view("<&'"))
        t[c] &= static_cast<std::uint8_t>(~ch_attr_sq);
    return t;
}

inline constexpr std::array<std::uint8_t, 256> table = make_table();

inline bool has(char c, std::uint8_t cls) noexcept
{
    return (table[static_cast<unsigned char>(c)] & cls) != 0;
}

/// The first byte at or after @p p that is not of class @p cls, or @p end;
/// unrolled by four, so the bound is checked once per four bytes.
inline char const* skip(char const* p, char const* end, std::uint8_t cls) noexcept
{
    while (end - p >= 4) {
        if (!has(p[0], cls))
            return p;
        if (!has(p[1], cls))
            return p + 1;
        if (!has(p[2], cls))
            return p + 2;
        if (!has(p[3], cls))
            return p + 3;
        p += 4;
    }
    while (p < end && has(*p, cls))
        ++p;
    return p;
}

/// Decodes one UTF-8 sequence at @p p (a byte >= 0x80); returns its length
/// and sets @p cp, or 0 when malformed (RFC 3629: no overlongs, no
/// surrogates, nothing past U+10FFFF).
inline int decode_utf8(char const* p, char const* end, char32_t& cp) noexcept
{
    auto const b0 = static_cast<unsigned char>(p[0]);
    int len;
    char32_t min;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
        len = 2;
        cp = b0 & 0x1fu;
        min = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
        len = 3;
        cp = b0 & 0x0fu;
        min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        len = 4;
        cp = b0 & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    if (end - p < len)
        return 0;
    for (int i = 1; i < len; ++i) {
        auto const b = static_cast<unsigned char>(p[i]);
        if ((b & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (b & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

/// XML 1.0 [2] Char.
inline bool is_char(char32_t c) noexcept
{
    if (c < 0x20)
        return c == 0x9 || c == 0xa || c == 0xd;
    return c <= 0xd7ff || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/// XML 1.0 [4] NameStartChar, for code points >= 0x80.
inline bool is_name_start(char32_t c) noexcept
{
    return (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xf6) || (c >= 0xf8 && c <= 0x2ff) ||
           (c >= 0x370 && c <= 0x37d) || (c >= 0x37f && c <= 0x1fff) || (c >= 0x200c && c <= 0x200d) ||
           (c >= 0x2070 && c <= 0x218f) || (c >= 0x2c00 && c <= 0x2fef) || (c >= 0x3001 && c <= 0xd7ff) ||
           (c >= 0xf900 && c <= 0xfdcf) || (c >= 0xfdf0 && c <= 0xfffd) || (c >= 0x10000 && c <= 0xeffff);
}

/// XML 1.0 [4a] NameChar, for code points >= 0x80.
inline bool is_name_char(char32_t c) noexcept
{
    return is_name_start(c) || c == 0xb7 || (c >= 0x300 && c <= 0x36f) || (c >= 0x203f && c <= 0x2040);
}

/// Appends @p cp to @p out as UTF-8.
inline void append_utf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
        out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
}

/// What read_reference found at an '&'.
enum class reference_kind { ok, malformed, not_a_char, undefined_entity };

struct reference {
    reference_kind kind = reference_kind::malformed;
    char32_t cp = 0;            ///< the character it stands for
    char const* next = nullptr; ///< just past the ';' (when ok)
    std::string_view name;      ///< the entity name (for undefined_entity)
};

/// Reads the reference at @p p (which points at '&'): XML 1.0 [66] CharRef
/// or [68] EntityRef. Without a DTD only the five predefined entities
/// (section 4.6) are declared.
inline reference read_reference(char const* p, char const* end) noexcept
{
    reference r;
    ++p;
    if (p < end && *p == '#') {
        ++p;
        bool const hex = p < end && *p == 'x';
        if (hex)
            ++p;
        char const* const digits = p;
        char32_t v = 0;
        for (; p < end && *p != ';'; ++p) {
            int d;
            if (*p >= '0' && *p <= '9')
                d = *p - '0';
            else if (hex && *p >= 'a' && *p <= 'f')
                d = *p - 'a' + 10;
            else if (hex && *p >= 'A' && *p <= 'F')
                d = *p - 'A' + 10;
            else
                return r;
            v = v * (hex ? 16 : 10) + static_cast<char32_t>(d);
            if (v > 0x10ffff)
                v = 0x110000; // stays out of range, no overflow
        }
        if (p == digits || p == end)
            return r;
        r.cp = v;
        r.next = p + 1;
        r.kind = is_char(v) ? reference_kind::ok : reference_kind::not_a_char;
        return r;
    }
    char const* const name = p;
    if (p < end && static_cast<unsigned char>(*p) < 0x80 && !has(*p, ch_name_start))
        return r;
    while (p < end && *p != ';' && (has(*p, ch_name) || static_cast<unsigned char>(*p) >= 0x80))
        ++p;
    if (p == name || p == end || *p != ';')
        return r;
    r.name = std::string_view(name, static_cast<std::size_t>(p - name));
    r.next = p + 1;
    if (r.name == "lt")
        r.cp = '<';
    else if (r.name == "gt")
        r.cp = '>';
    else if (r.name == "amp")
        r.cp = '&';
    else if (r.name == "apos")
        r.cp = '\'';
    else if (r.name == "quot")
        r.cp = '"';
    else {
        r.kind = reference_kind::undefined_entity;
        return r;
    }
    r.kind = reference_kind::ok;
    return r;
}

} // namespace cpm::imdn::xml::detail
