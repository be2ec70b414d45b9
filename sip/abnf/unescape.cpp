#include "sip/abnf/unescape.hpp"

#include "sip/abnf/char_class.hpp"

namespace cpm::sip::abnf {

std::string unquote(std::string_view quoted)
{
    if (quoted.size() < 2 || quoted.front() != '"' || quoted.back() != '"')
        return std::string(quoted);
    quoted = quoted.substr(1, quoted.size() - 2);
    std::string out;
    out.reserve(quoted.size());
    for (std::size_t i = 0; i < quoted.size(); ++i) {
        if (quoted[i] == '\\' && i + 1 < quoted.size())
            ++i;
        out.push_back(quoted[i]);
    }
    return out;
}

namespace {
int hex_value(char c) noexcept
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
} // namespace

std::optional<std::string> percent_decode(std::string_view escaped)
{
    std::string out;
    out.reserve(escaped.size());
    for (std::size_t i = 0; i < escaped.size(); ++i) {
        if (escaped[i] != '%') {
            out.push_back(escaped[i]);
            continue;
        }
        if (i + 2 >= escaped.size())
            return std::nullopt;
        int const hi = hex_value(escaped[i + 1]);
        int const lo = hex_value(escaped[i + 2]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return out;
}

} // namespace cpm::sip::abnf
