#include "imdn_json.hpp"

#include "cpim_json.hpp"
#include "json_text.hpp"

#include "imdn/headers.hpp"
#include "imdn/notification.hpp"

#include "cpim/message.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>

namespace cpm::inspect {

namespace json = boost::json;

namespace {

using sip::abnf::parse_error;

json::object address_json(cpim::address const& a)
{
    json::object o;
    if (!a.display_name.empty())
        o["display_name"] = text(a.display_name);
    o["uri"] = text(a.uri);
    return o;
}

json::object headers_json(imdn::imdn_headers const& h)
{
    json::object o;
    o["message_id"] = h.message_id.empty() ? json::value() : json::value(text(h.message_id));
    o["date_time"] = h.date_time ? json::value(text(h.date_time->raw)) : json::value();
    json::object asked;
    asked["positive_delivery"] = h.requested.positive_delivery;
    asked["negative_delivery"] = h.requested.negative_delivery;
    asked["processing"] = h.requested.processing;
    asked["display"] = h.requested.display;
    json::array items;
    for (auto const& item : h.requested.items) {
        json::object i;
        i["name"] = text(item.name);
        if (!item.params.empty())
            i["params"] = text(item.params);
        items.push_back(std::move(i));
    }
    asked["items"] = std::move(items);
    o["disposition_notification"] = std::move(asked);
    o["original_to"] = h.original_to ? json::value(address_json(*h.original_to)) : json::value();
    json::array record_route, route;
    for (auto const& a : h.record_route)
        record_route.push_back(address_json(a));
    for (auto const& a : h.route)
        route.push_back(address_json(a));
    o["imdn_record_route"] = std::move(record_route);
    o["imdn_route"] = std::move(route);
    return o;
}

json::object notification_json(imdn::notification const& n)
{
    json::object o;
    o["message_id"] = text(n.message_id.view());
    json::object dt;
    auto const d = n.date_time();
    dt["text"] = text(n.datetime.view());
    std::string utc;
    cpim::append_date_time(utc, cpim::make_utc_date_time(d.utc()));
    dt["utc"] = utc;
    o["datetime"] = std::move(dt);
    auto const optional = [](std::optional<imdn::xml::text_value> const& v) {
        return v ? json::value(text(v->view())) : json::value();
    };
    o["recipient_uri"] = optional(n.recipient_uri);
    o["original_recipient_uri"] = optional(n.original_recipient_uri);
    o["subject"] = optional(n.subject);
    o["notification"] = imdn::element_name(n.kind);
    o["status"] = imdn::element_name(n.status);
    return o;
}

bool looks_like_xml(std::string_view s) noexcept
{
    if (s.starts_with("\xEF\xBB\xBF"))
        s.remove_prefix(3);
    auto const first = s.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && s[first] == '<';
}

} // namespace

sip::abnf::result<json::value> inspect_imdn(sip::abnf::text_buffer buffer)
{
    std::string_view const whole = buffer.view();
    json::object out;
    if (looks_like_xml(whole)) {
        auto n = imdn::parse_notification(whole);
        if (!n)
            return n.error();
        out["notification"] = notification_json(*n);
        return json::value(std::move(out));
    }
    auto cpim_json = inspect_cpim(buffer.clone());
    if (!cpim_json)
        return cpim_json.error();
    auto m = cpim::message::parse_borrowed(whole);
    if (!m)
        return m.error();
    auto headers = imdn::read_headers(*m);
    if (!headers)
        return headers.error();
    out["cpim"] = std::move(*cpim_json);
    out["headers"] = headers_json(*headers);
    auto const& ct = m->content_type();
    if (ct && ct->is("message", "imdn+xml")) {
        auto n = imdn::parse_notification(m->body());
        if (!n) {
            auto const& e = n.error();
            return sip::abnf::make_parse_error(whole, m->body().data() + e.offset, e.code, e.message);
        }
        out["notification"] = notification_json(*n);
    } else {
        out["notification"] = nullptr;
    }
    return json::value(std::move(out));
}

} // namespace cpm::inspect
