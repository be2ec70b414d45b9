#include "sip/dialog/route_set.hpp"

#include "sip/abnf/char_class.hpp"
#include "sip/addresses.hpp"

#include <algorithm>

namespace cpm::sip::dialog {

result<route_set> route_set_of(sip::message const& m, role side)
{
    route_set routes;
    for (auto const& h : m.headers()) {
        if (h.id != header_id::record_route)
            continue;
        auto entries = parse_route(h.value, "Record-Route");
        if (!entries)
            return errc::bad_record_route;
        for (auto const& e : *entries) {
            auto uri = parse_uri(e.uri);
            if (!uri || !uri->is_sip_or_sips())
                return errc::bad_record_route;
            routes.push_back({std::string(e.raw), std::string(e.uri), uri->sip.lr});
        }
    }
    // 12.1.2: the UAC takes the Record-Route URIs in reverse order.
    if (side == role::uac)
        std::reverse(routes.begin(), routes.end());
    return routes;
}

namespace {

/// @p uri_text without the method parameter and the headers component
/// (19.1.1 table 1 marks both "not allowed" in a Request-URI).
std::string request_uri_form(std::string_view uri_text)
{
    auto uri = parse_uri(uri_text);
    if (!uri || !uri->is_sip_or_sips())
        return std::string(uri_text);
    auto const& parts = uri->sip;
    char const* cut = uri_text.data() + uri_text.size();
    if (!parts.params.empty())
        cut = parts.params.raw().data();
    else if (!parts.headers.empty())
        cut = parts.headers.raw().data() - 1; // the '?'
    std::string out(uri_text.data(), cut);
    for (auto const& p : parts.params) {
        if (abnf::iequals(p.name, "method"))
            continue;
        out.append(1, ';').append(p.name);
        if (p.has_value)
            out.append(1, '=').append(p.value);
    }
    return out;
}

} // namespace

request_target target_for(route_set const& routes, std::string_view remote_target)
{
    request_target t;
    if (routes.empty()) {
        t.request_uri = std::string(remote_target);
        return t;
    }
    if (routes.front().lr) {
        // 12.2.1.1: loose routing: the remote target stays in the
        // Request-URI and the whole route set goes into Route.
        t.request_uri = std::string(remote_target);
        for (auto const& r : routes)
            t.route.push_back(r.value);
        return t;
    }
    // 12.2.1.1: strict routing: the first route becomes the Request-URI,
    // the rest follow in Route with every parameter, and the remote target
    // is the last Route value.
    t.request_uri = request_uri_form(routes.front().uri);
    for (auto it = routes.begin() + 1; it != routes.end(); ++it)
        t.route.push_back(it->value);
    t.route.push_back("<" + std::string(remote_target) + ">");
    return t;
}

} // namespace cpm::sip::dialog
