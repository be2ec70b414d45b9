#include "sdp/msrp_attributes.hpp"

#include "sdp/detail/scan.hpp"
#include "sdp/detail/value_error.hpp"
#include "sdp/error.hpp"

#include <string>

namespace cpm::sdp {

namespace {

using detail::cursor;
using detail::is_mime_token_char;
using detail::value_error;

} // namespace

bool media_range::admits(std::string_view t, std::string_view s) const noexcept
{
    if (is_any())
        return true;
    if (!abnf::iequals(type, t))
        return false;
    return subtype == "*" || abnf::iequals(subtype, s);
}

bool media_range::within(media_range const& other) const noexcept
{
    if (other.is_any())
        return true;
    if (is_any() || !abnf::iequals(type, other.type))
        return false;
    return other.subtype == "*" || (subtype != "*" && abnf::iequals(subtype, other.subtype));
}

bool media_range::overlaps(media_range const& other) const noexcept
{
    return within(other) || other.within(*this);
}

abnf::result<std::vector<media_range>> parse_accept_types(std::string_view value, std::string_view attribute_name)
{
    std::vector<media_range> out;
    cursor c(value);
    // RFC 4975 section 8.6 puts no space after the colon, but the CPM draft
    // (sections 7.x) and deployed clients write "a=accept-types: message/cpim":
    // one leading space is read past; the serializer never writes it.
    c.eat(' ');
    do {
        media_range r;
        if (c.eat('*')) {
            r = {std::string_view(c.pos - 1, 1), std::string_view(c.pos - 1, 1)};
        } else {
            r.type = c.take_while(is_mime_token_char);
            if (r.type.empty() || !c.eat('/'))
                return value_error(value, c.pos, std::string(attribute_name) + ": expected type/subtype, type/* or *");
            if (c.eat('*'))
                r.subtype = std::string_view(c.pos - 1, 1);
            else
                r.subtype = c.take_while(is_mime_token_char);
            if (r.subtype.empty())
                return value_error(value, c.pos, std::string(attribute_name) + ": expected a subtype after '/'");
        }
        if (!c.done() && c.peek() != ' ')
            return value_error(value, c.pos, std::string(attribute_name) + ": entries are separated by one space");
        out.push_back(r);
    } while (c.eat(' '));
    if (!c.done())
        return value_error(value, c.pos, std::string(attribute_name) + ": entries are separated by one space");
    return out;
}

abnf::result<std::vector<std::string_view>> parse_path(std::string_view value)
{
    std::vector<std::string_view> out;
    cursor c(value);
    c.eat(' '); // as for accept-types: "a=path: msrp://..." is written in the wild
    do {
        auto const uri = c.take_non_ws();
        if (uri.empty())
            return value_error(value, c.pos, "path: expected MSRP URIs separated by one space");
        out.push_back(uri);
    } while (c.eat(' '));
    if (!c.done())
        return value_error(value, c.pos, "path: expected MSRP URIs separated by one space");
    return out;
}

abnf::result<std::uint64_t> parse_max_size(std::string_view value)
{
    auto const n = detail::to_number(value);
    if (!n)
        return value_error(value, value.data(), "max-size: expected a number of octets");
    return *n;
}

abnf::result<setup_role> parse_setup(std::string_view value)
{
    // RFC 4145 section 4: the role names, compared as written (ABNF
    // literals are case-insensitive, so "Active" is accepted too).
    constexpr std::pair<std::string_view, setup_role> roles[] = {
        {"active", setup_role::active},
        {"passive", setup_role::passive},
        {"actpass", setup_role::actpass},
        {"holdconn", setup_role::holdconn},
    };
    for (auto const& [name, role] : roles)
        if (abnf::iequals(value, name))
            return role;
    return value_error(value, value.data(), "setup: expected active, passive, actpass or holdconn");
}

std::string_view to_string(setup_role r) noexcept
{
    switch (r) {
    case setup_role::active: return "active";
    case setup_role::passive: return "passive";
    case setup_role::actpass: return "actpass";
    case setup_role::holdconn: return "holdconn";
    }
    return "active";
}

abnf::result<connection_value> parse_connection_value(std::string_view value)
{
    if (abnf::iequals(value, "new"))
        return connection_value::fresh;
    if (abnf::iequals(value, "existing"))
        return connection_value::existing;
    return value_error(value, value.data(), "connection: expected new or existing");
}

std::string_view to_string(connection_value c) noexcept
{
    return c == connection_value::fresh ? "new" : "existing";
}

std::optional<direction> direction_from_name(std::string_view name) noexcept
{
    if (name == "sendrecv")
        return direction::sendrecv;
    if (name == "sendonly")
        return direction::sendonly;
    if (name == "recvonly")
        return direction::recvonly;
    if (name == "inactive")
        return direction::inactive;
    return std::nullopt;
}

std::string_view to_string(direction d) noexcept
{
    switch (d) {
    case direction::sendrecv: return "sendrecv";
    case direction::sendonly: return "sendonly";
    case direction::recvonly: return "recvonly";
    case direction::inactive: return "inactive";
    }
    return "sendrecv";
}

} // namespace cpm::sdp
