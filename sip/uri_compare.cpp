// URI equivalence: RFC 3261 19.1.4 (SIP, SIPS), RFC 5954 section 4 (IP
// literals), RFC 3966 section 4 (tel). Nothing here allocates.

#include "sip/uri.hpp"

#include "sip/abnf/char_class.hpp"
#include "sip/abnf/unescape.hpp"
#include "sip/header_id.hpp"

#include <array>
#include <cstdint>
#include <optional>

namespace cpm::sip {

namespace {

int hex_value(char c) noexcept
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// RFC 3261 19.1.4: "Characters other than those in the reserved set are
// equivalent to their '%' HEX HEX encoding." A component is read as units:
// an escaped unreserved character is that character, while an escaped
// reserved one ("%40") stays distinct from the literal ('@').
struct unit {
    char c = 0;
    bool escaped_reserved = false;
};

class unit_reader {
public:
    explicit unit_reader(std::string_view s) noexcept : s_(s) {}

    bool next(unit& u) noexcept
    {
        if (i_ >= s_.size())
            return false;
        if (s_[i_] == '%' && i_ + 2 < s_.size()) {
            int const hi = hex_value(s_[i_ + 1]);
            int const lo = hex_value(s_[i_ + 2]);
            if (hi >= 0 && lo >= 0) {
                u.c = static_cast<char>(hi * 16 + lo);
                u.escaped_reserved = abnf::is(u.c, abnf::cc_reserved);
                i_ += 3;
                return true;
            }
        }
        u.c = s_[i_++];
        u.escaped_reserved = false;
        return true;
    }

private:
    std::string_view s_;
    std::size_t i_ = 0;
};

bool same_text(std::string_view a, std::string_view b, bool ignore_case) noexcept
{
    unit_reader ra(a);
    unit_reader rb(b);
    unit ua;
    unit ub;
    while (true) {
        bool const more_a = ra.next(ua);
        bool const more_b = rb.next(ub);
        if (!more_a || !more_b)
            return more_a == more_b;
        if (ua.escaped_reserved != ub.escaped_reserved)
            return false;
        char const x = ignore_case ? abnf::to_lower(ua.c) : ua.c;
        char const y = ignore_case ? abnf::to_lower(ub.c) : ub.c;
        if (x != y)
            return false;
    }
}

// Hosts compare case-insensitively, with no escapes (RFC 3261 19.1.2); IPv6
// references compare by address (RFC 5954 section 4). IPv4 text has one
// form per address since dec-octet forbids leading zeros.
bool same_host(std::string_view a, std::string_view b) noexcept
{
    if (a.size() > 2 && b.size() > 2 && a.front() == '[' && b.front() == '[') {
        auto const inner = [](std::string_view h) { return h.substr(1, h.size() - 2); };
        if (abnf::is_ipv6(inner(a)) && abnf::is_ipv6(inner(b))) {
            auto const va = abnf::ipv6_value(inner(a));
            auto const vb = abnf::ipv6_value(inner(b));
            return va && vb && *va == *vb;
        }
    }
    return abnf::iequals(a, b);
}

std::optional<abnf::param> find_param(abnf::param_list const& list, std::string_view name) noexcept
{
    for (auto const& p : list)
        if (same_text(p.name, name, true))
            return p;
    return std::nullopt;
}

bool is_first_of_its_name(abnf::param_list const& list, abnf::param const& p) noexcept
{
    auto const first = find_param(list, p.name);
    return first && first->name.data() == p.name.data();
}

bool sip_params_match(abnf::param_list const& a, abnf::param_list const& b) noexcept
{
    // "A user, ttl, or method uri-parameter appearing in only one URI never
    // matches", nor does maddr; transport follows from "a URI omitting any
    // component with a default value will not match" (19.1.4).
    for (std::string_view name : {"user", "ttl", "method", "maddr", "transport"})
        if (find_param(a, name).has_value() != find_param(b, name).has_value())
            return false;
    // "Any uri-parameter appearing in both URIs must match"; the others are
    // ignored. A repeated name is judged by its first occurrence.
    for (auto const& pa : a) {
        if (!is_first_of_its_name(a, pa))
            continue;
        auto const pb = find_param(b, pa.name);
        if (!pb)
            continue;
        if (pa.has_value != pb->has_value)
            return false;
        bool const host_valued = same_text(pa.name, "maddr", true) && !abnf::has_escapes(pa.value) &&
                                 !abnf::has_escapes(pb->value);
        if (host_valued ? !same_host(pa.value, pb->value) : !same_text(pa.value, pb->value, true))
            return false;
    }
    return true;
}

bool same_header_name(std::string_view a, std::string_view b) noexcept
{
    // Compact and long forms name the same header ("t" and "To").
    if (!abnf::has_escapes(a) && !abnf::has_escapes(b)) {
        auto const id = lookup_header(a);
        if (id != header_id::unknown)
            return id == lookup_header(b);
    }
    return same_text(a, b, true);
}

std::size_t count_header(uri_header_list const& list, uri_header const& h) noexcept
{
    std::size_t n = 0;
    for (auto const& x : list)
        // Header values follow each header's own rules (19.1.4 defers to
        // section 20); the only rule they all share is exact text, so values
        // compare case-sensitively, escapes folded.
        if (same_header_name(x.name, h.name) && same_text(x.value, h.value, false))
            ++n;
    return n;
}

bool sip_headers_match(uri_header_list const& a, uri_header_list const& b) noexcept
{
    // "Any present header component MUST be present in both URIs and match",
    // in any order: the two lists are equal as multisets.
    if (a.size() != b.size())
        return false;
    for (auto const& h : a)
        if (count_header(a, h) != count_header(b, h))
            return false;
    return true;
}

bool sip_equivalent(sip_uri_parts const& a, sip_uri_parts const& b) noexcept
{
    // Userinfo is case-sensitive; a URI without user (or password) never
    // matches one with it.
    if (a.has_userinfo != b.has_userinfo || a.has_password != b.has_password)
        return false;
    if (!same_text(a.user, b.user, false) || !same_text(a.password, b.password, false))
        return false;
    // An absent port never matches an explicit one, 5060 included.
    if (!same_host(a.host, b.host) || a.port != b.port)
        return false;
    return sip_params_match(a.params, b.params) && sip_headers_match(a.headers, b.headers);
}

constexpr bool is_visual_separator(char c) noexcept
{
    return c == '-' || c == '.' || c == '(' || c == ')';
}

// RFC 3966 section 4: digits are "equal, after removing all visual
// separators"; comparisons are case-insensitive (hex digits of local numbers).
bool same_digits(std::string_view a, std::string_view b) noexcept
{
    std::size_t i = 0;
    std::size_t j = 0;
    while (true) {
        while (i < a.size() && is_visual_separator(a[i]))
            ++i;
        while (j < b.size() && is_visual_separator(b[j]))
            ++j;
        if (i == a.size() || j == b.size())
            return i == a.size() && j == b.size();
        if (abnf::to_lower(a[i++]) != abnf::to_lower(b[j++]))
            return false;
    }
}

std::optional<abnf::param> find_tel_param(abnf::param_list const& list, std::string_view name) noexcept
{
    for (auto const& p : list)
        if (abnf::iequals(p.name, name))
            return p;
    return std::nullopt;
}

bool tel_equivalent(tel_uri_parts const& a, tel_uri_parts const& b) noexcept
{
    // Both global or both local, with the same digits.
    if (a.global != b.global || !same_digits(a.number, b.number))
        return false;
    // "Parameters are compared according to 'pname', regardless of the order
    // they appeared in the URI. If one URI has a parameter name not found in
    // the other, the two URIs are not equal."
    for (auto const& pb : b.params)
        if (!find_tel_param(a.params, pb.name))
            return false;
    for (auto const& pa : a.params) {
        auto const pb = find_tel_param(b.params, pa.name);
        if (!pb || pa.has_value != pb->has_value)
            return false;
        bool same = false;
        if (abnf::iequals(pa.name, "phone-context")) {
            // A domainname compares as a host name, global-number-digits
            // digit by digit without separators.
            bool const digits_a = !pa.value.empty() && pa.value.front() == '+';
            bool const digits_b = !pb->value.empty() && pb->value.front() == '+';
            same = digits_a == digits_b &&
                   (digits_a ? same_digits(pa.value, pb->value) : abnf::iequals(pa.value, pb->value));
        } else if (abnf::iequals(pa.name, "ext")) {
            same = same_digits(pa.value, pb->value);
        } else {
            same = same_text(pa.value, pb->value, true);
        }
        if (!same)
            return false;
    }
    return true;
}

} // namespace

bool equivalent(uri const& a, uri const& b) noexcept
{
    // "A SIP and SIPS URI are never equivalent"; neither is any other pair
    // of kinds.
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case uri_kind::sip:
    case uri_kind::sips:
        return sip_equivalent(a.sip, b.sip);
    case uri_kind::tel:
        return tel_equivalent(a.tel, b.tel);
    case uri_kind::absolute:
        break;
    }
    return abnf::iequals(a.scheme, b.scheme) && same_text(a.rest, b.rest, false);
}

} // namespace cpm::sip
