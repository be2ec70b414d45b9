#include "sip/abnf/host.hpp"

#include "sip/abnf/char_class.hpp"

namespace cpm::sip::abnf {

namespace {
int hex_digit_value(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    return (to_lower(c) - 'a') + 10;
}
} // namespace

bool is_hostname(std::string_view s) noexcept
{
    // hostname = *( domainlabel "." ) toplabel [ "." ]; a label is alphanum,
    // then alphanum or '-', not ending in '-'; the toplabel starts with a
    // letter. One pass: each byte is checked against the byte before it.
    if (!s.empty() && s.back() == '.')
        s.remove_suffix(1);
    if (s.empty())
        return false;
    char prev = '.';
    std::size_t top = 0; // where the last label starts
    for (std::size_t i = 0; i < s.size(); ++i) {
        char const c = s[i];
        if (c == '.') {
            if (prev == '.' || prev == '-')
                return false;
            top = i + 1;
        } else if (c == '-') {
            if (prev == '.')
                return false;
        } else if (!is(c, cc_alphanum)) {
            return false;
        }
        prev = c;
    }
    return prev != '-' && is_alpha(s[top]);
}

bool is_ipv4(std::string_view s) noexcept
{
    int parts = 0;
    std::size_t i = 0;
    while (true) {
        std::size_t const start = i;
        unsigned value = 0;
        while (i < s.size() && is_digit(s[i]) && i - start < 3)
            value = value * 10 + static_cast<unsigned>(s[i++] - '0');
        std::size_t const len = i - start;
        if (len == 0 || value > 255 || (len > 1 && s[start] == '0'))
            return false;
        if (++parts == 4)
            return i == s.size();
        if (i >= s.size() || s[i] != '.')
            return false;
        ++i;
    }
}

bool is_ipv6(std::string_view s) noexcept
{
    // Up to eight 16-bit groups, one "::" standing for one or more zero
    // groups, optionally ending in an IPv4 address worth two groups.
    int groups = 0;
    bool compressed = false;
    std::size_t i = 0;
    if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
        compressed = true;
        i = 2;
        if (i == s.size())
            return true;
    } else if (!s.empty() && s[0] == ':') {
        return false;
    }
    while (i < s.size()) {
        std::size_t const start = i;
        while (i < s.size() && is(s[i], cc_hex) && i - start < 4)
            ++i;
        if (i < s.size() && s[i] == '.') {
            // Embedded IPv4 must be the tail.
            if (!is_ipv4(s.substr(start)))
                return false;
            groups += 2;
            i = s.size();
            break;
        }
        if (i == start)
            return false;
        ++groups;
        if (i == s.size())
            break;
        if (s[i] != ':')
            return false;
        ++i;
        if (i < s.size() && s[i] == ':') {
            if (compressed)
                return false;
            compressed = true;
            ++i;
            if (i == s.size())
                break;
            // RFC 3261's IPv6address (hexpart ":" IPv4address) admits "::" then
            // ":" before an IPv4 tail; RFC 5118 4.10 asks parsers to accept it.
            if (s[i] == ':' && s.find('.', i) != std::string_view::npos)
                ++i;
        } else if (i == s.size()) {
            return false; // trailing single ':'
        }
    }
    return compressed ? groups <= 7 : groups == 8;
}

std::optional<host_kind> classify_host(std::string_view s) noexcept
{
    if (s.size() >= 2 && s.front() == '[' && s.back() == ']')
        return is_ipv6(s.substr(1, s.size() - 2)) ? std::optional{host_kind::ipv6} : std::nullopt;
    if (!s.empty() && is_digit(s.back()) && is_ipv4(s))
        return host_kind::ipv4;
    if (is_hostname(s))
        return host_kind::hostname;
    return std::nullopt;
}

std::optional<ipv6_groups> ipv6_value(std::string_view s) noexcept
{
    if (!is_ipv6(s))
        return std::nullopt;
    ipv6_groups head{};
    ipv6_groups tail{};
    std::size_t nhead = 0;
    std::size_t ntail = 0;
    bool gap = false;
    auto const push = [&](std::uint16_t v) {
        auto& n = gap ? ntail : nhead;
        if (n >= 8)
            return false;
        (gap ? tail : head)[n++] = v;
        return true;
    };
    std::size_t i = 0;
    if (s.substr(0, 2) == "::") {
        gap = true;
        i = 2;
    }
    while (i < s.size()) {
        std::size_t j = i;
        while (j < s.size() && s[j] != ':' && s[j] != '.')
            ++j;
        if (j < s.size() && s[j] == '.') {
            // Trailing dotted quad: two groups.
            unsigned octets[4] = {};
            int k = 0;
            for (std::size_t m = i; m < s.size() && k < 4; ++m) {
                if (s[m] == '.')
                    ++k;
                else
                    octets[k] = octets[k] * 10 + static_cast<unsigned>(s[m] - '0');
            }
            if (!push(static_cast<std::uint16_t>(octets[0] << 8 | octets[1])) ||
                !push(static_cast<std::uint16_t>(octets[2] << 8 | octets[3])))
                return std::nullopt;
            break;
        }
        unsigned v = 0;
        for (std::size_t m = i; m < j; ++m)
            v = v * 16 + static_cast<unsigned>(hex_digit_value(s[m]));
        if (!push(static_cast<std::uint16_t>(v)))
            return std::nullopt;
        i = j;
        if (i < s.size()) {
            if (i + 1 < s.size() && s[i + 1] == ':') {
                gap = true;
                i += 2;
                // RFC 5118 4.10: ":::" before an IPv4 tail is tolerated and
                // means "::".
                if (i < s.size() && s[i] == ':')
                    ++i;
            } else {
                ++i;
            }
        }
    }
    if (nhead + ntail > 8)
        return std::nullopt;
    ipv6_groups out{};
    for (std::size_t k = 0; k < nhead; ++k)
        out[k] = head[k];
    for (std::size_t k = 0; k < ntail; ++k)
        out[8 - ntail + k] = tail[k];
    return out;
}

} // namespace cpm::sip::abnf
