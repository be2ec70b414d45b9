#pragma once
/// @file
/// Private character rules and a small cursor shared by the SDP line and
/// attribute grammars (RFC 8866 section 9 generic sub-rules).

#include "sip/abnf/char_class.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace cpm::sdp::detail {

namespace abnf = cpm::sip::abnf;

/// RFC 8866 token-char: the RFC 3261 token characters plus # $ & ^ { | }.
constexpr bool is_token_char(char c) noexcept
{
    return abnf::is_token_char(c) || c == '#' || c == '$' || c == '&' || c == '^' || c == '{' || c == '|' ||
           c == '}';
}
/// RFC 2045 5.1 token (media type, subtype, parameter attribute): any CHAR
/// but SPACE, CTLs and tspecials.
constexpr bool is_mime_token_char(char c) noexcept
{
    auto const u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f && std::string_view("()<>@,;:\\\"/[]?=").find(c) == std::string_view::npos;
}
/// non-ws-string = 1*(VCHAR / %x80-FF)
constexpr bool is_non_ws_char(char c) noexcept
{
    auto const u = static_cast<unsigned char>(c);
    return (u >= 0x21 && u <= 0x7e) || u >= 0x80;
}
/// byte-string = 1*(%x01-09 / %x0B-0C / %x0E-FF)
constexpr bool is_byte_string_char(char c) noexcept
{
    return c != '\0' && c != '\r' && c != '\n';
}

/// A forward cursor over one value. Every take_*() either consumes what it
/// names and returns it, or consumes nothing and returns an empty view.
struct cursor {
    char const* pos;
    char const* end;

    explicit cursor(std::string_view s) noexcept : pos(s.data()), end(s.data() + s.size()) {}

    bool done() const noexcept { return pos == end; }
    char peek() const noexcept { return pos == end ? '\0' : *pos; }
    std::string_view rest() const noexcept { return {pos, static_cast<std::size_t>(end - pos)}; }

    bool eat(char c) noexcept
    {
        if (pos == end || *pos != c)
            return false;
        ++pos;
        return true;
    }
    bool eat(std::string_view lit) noexcept
    {
        if (rest().substr(0, lit.size()) != lit)
            return false;
        pos += lit.size();
        return true;
    }
    template <class Pred>
    std::string_view take_while(Pred pred) noexcept
    {
        char const* const start = pos;
        while (pos != end && pred(*pos))
            ++pos;
        return {start, static_cast<std::size_t>(pos - start)};
    }
    std::string_view take_token() noexcept { return take_while(is_token_char); }
    std::string_view take_digits() noexcept { return take_while(abnf::is_digit); }
    std::string_view take_non_ws() noexcept { return take_while(is_non_ws_char); }
};

/// 1*DIGIT as a number; nullopt when empty, not all digits, or above @p max.
inline std::optional<std::uint64_t> to_number(std::string_view digits, std::uint64_t max = UINT64_MAX) noexcept
{
    if (digits.empty())
        return std::nullopt;
    std::uint64_t v = 0;
    for (char c : digits) {
        if (!abnf::is_digit(c))
            return std::nullopt;
        auto const d = static_cast<std::uint64_t>(c - '0');
        if (v > (max - d) / 10)
            return std::nullopt;
        v = v * 10 + d;
    }
    return v;
}

} // namespace cpm::sdp::detail
