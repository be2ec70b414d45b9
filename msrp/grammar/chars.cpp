#include "msrp/grammar/chars.hpp"

#include "sip/abnf/grammar/core_rules.hpp"

#include <cstdint>

namespace cpm::msrp::grammar {

std::size_t utf8_nonascii_length(std::string_view s) noexcept
{
    // RFC 4975 section 9 imports UTF8-NONASCII from RFC 3261: the shared rule.
    char const* it = s.data();
    if (!boost::spirit::x3::parse(it, s.data() + s.size(), abnf::grammar::utf8_nonascii))
        return 0;
    return static_cast<std::size_t>(it - s.data());
}

std::size_t utf8text_length(std::string_view s) noexcept
{
    std::size_t i = 0;
    while (i < s.size()) {
        auto const c = static_cast<unsigned char>(s[i]);
        if (c == '\t' || (c >= 0x20 && c <= 0x7e)) {
            ++i;
            continue;
        }
        std::size_t const n = utf8_nonascii_length(s.substr(i));
        if (n == 0)
            break;
        i += n;
    }
    return i;
}

std::size_t quoted_string_length(std::string_view s) noexcept
{
    if (s.empty() || s[0] != '"')
        return 0;
    std::size_t i = 1;
    while (i < s.size()) {
        auto const c = static_cast<unsigned char>(s[i]);
        if (c == '"')
            return i + 1;
        if (c == '\\') {
            if (i + 1 < s.size() && (s[i + 1] == '\\' || s[i + 1] == '"')) {
                i += 2;
                continue;
            }
            return 0;
        }
        // qdtext = SP / HTAB / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII
        if (c == ' ' || c == '\t' || (c >= 0x21 && c <= 0x7e)) {
            ++i;
            continue;
        }
        std::size_t const n = utf8_nonascii_length(s.substr(i));
        if (n == 0)
            return 0;
        i += n;
    }
    return 0;
}

bool parse_digits(std::string_view s, std::uint64_t& out) noexcept
{
    if (s.empty() || s.size() > 19)
        return false;
    std::uint64_t v = 0;
    for (char c : s) {
        if (!abnf::is_digit(c))
            return false;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    out = v;
    return true;
}

} // namespace cpm::msrp::grammar
