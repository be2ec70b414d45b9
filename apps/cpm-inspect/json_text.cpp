#include "json_text.hpp"

#include <cstddef>
#include <cstdint>

namespace cpm::inspect {

namespace {

/// Length of the well-formed UTF-8 sequence at @p s[at], 0 when malformed.
std::size_t utf8_sequence(std::string_view s, std::size_t at) noexcept
{
    auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(s[i]); };
    std::uint8_t const b0 = byte(at);
    if (b0 < 0x80)
        return 1;
    std::size_t len = 0;
    std::uint8_t lo = 0x80;
    std::uint8_t hi = 0xBF;
    // RFC 3629 section 4: the second byte's range depends on the first.
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (at + len > s.size())
        return 0;
    if (byte(at + 1) < lo || byte(at + 1) > hi)
        return 0;
    for (std::size_t i = 2; i < len; ++i)
        if (byte(at + i) < 0x80 || byte(at + i) > 0xBF)
            return 0;
    return len;
}

std::string base64(std::string_view bytes)
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    auto at = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[k])); };
    for (; i + 3 <= bytes.size(); i += 3) {
        std::uint32_t const n = at(i) << 16 | at(i + 1) << 8 | at(i + 2);
        for (int shift = 18; shift >= 0; shift -= 6)
            out += alphabet[(n >> shift) & 0x3F];
    }
    if (std::size_t const rest = bytes.size() - i; rest != 0) {
        std::uint32_t const n = at(i) << 16 | (rest == 2 ? at(i + 1) << 8 : 0);
        out += alphabet[(n >> 18) & 0x3F];
        out += alphabet[(n >> 12) & 0x3F];
        out += rest == 2 ? alphabet[(n >> 6) & 0x3F] : '=';
        out += '=';
    }
    return out;
}

} // namespace

bool is_utf8(std::string_view s) noexcept
{
    for (std::size_t i = 0; i < s.size();) {
        std::size_t const n = utf8_sequence(s, i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

boost::json::string text(std::string_view s)
{
    if (is_utf8(s))
        return boost::json::string(s);
    boost::json::string out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t const n = utf8_sequence(s, i);
        if (n == 0) {
            out.append("\xEF\xBF\xBD"); // U+FFFD REPLACEMENT CHARACTER
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return out;
}

boost::json::object octets_json(std::string_view bytes)
{
    boost::json::object o;
    o["length"] = bytes.size();
    if (bytes.empty())
        return o;
    if (is_utf8(bytes))
        o["text"] = boost::json::string(bytes);
    else
        o["base64"] = base64(bytes);
    return o;
}

} // namespace cpm::inspect
