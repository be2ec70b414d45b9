#include "conference_info_json.hpp"

#include "json_text.hpp"

#include "cpm/docs/conference_info.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace cpm::inspect {

namespace json = boost::json;
using namespace cpm::docs;

namespace {

/// Sets o[key] when the optional text is present.
void put(json::object& o, char const* key, std::optional<text_value> const& v)
{
    if (v)
        o[key] = text(v->view());
}

template <class E>
void put_enum(json::object& o, char const* key, std::optional<E> const& v)
{
    if (v)
        o[key] = to_string(*v);
}

void put_number(json::object& o, char const* key, std::optional<std::uint32_t> v)
{
    if (v)
        o[key] = *v;
}

void put_execution(json::object& o, char const* key, std::optional<execution> const& x)
{
    if (!x)
        return;
    json::object e;
    put(e, "when", x->when);
    put(e, "reason", x->reason);
    put(e, "by", x->by);
    o[key] = std::move(e);
}

void put_uris(json::object& o, char const* key, std::optional<uri_list> const& l)
{
    if (!l)
        return;
    json::object list;
    list["state"] = to_string(l->state);
    json::array entries;
    for (auto const& u : l->entries) {
        json::object e;
        e["uri"] = text(u.uri.view());
        put(e, "display_text", u.display_text);
        put(e, "purpose", u.purpose);
        put_execution(e, "modified", u.modified);
        entries.push_back(std::move(e));
    }
    list["entries"] = std::move(entries);
    o[key] = std::move(list);
}

json::object description_json(conference_description const& d)
{
    json::object o;
    put(o, "display_text", d.display_text);
    put(o, "subject", d.subject);
    put(o, "free_text", d.free_text);
    put(o, "keywords", d.keywords);
    put_uris(o, "conf_uris", d.conf_uris);
    put_uris(o, "service_uris", d.service_uris);
    put_number(o, "maximum_user_count", d.maximum_user_count);
    if (d.media) {
        json::object media;
        media["state"] = to_string(d.media->state);
        json::array entries;
        for (auto const& m : d.media->entries) {
            json::object e;
            e["label"] = text(m.label.view());
            put(e, "display_text", m.display_text);
            e["type"] = text(m.type.view());
            put_enum(e, "status", m.status);
            entries.push_back(std::move(e));
        }
        media["entries"] = std::move(entries);
        o["available_media"] = std::move(media);
    }
    return o;
}

json::object endpoint_json(endpoint const& ep)
{
    json::object o;
    o["entity"] = text(ep.entity.view());
    o["state"] = to_string(ep.state);
    put(o, "display_text", ep.display_text);
    put_execution(o, "referred", ep.referred);
    put_enum(o, "status", ep.status);
    put_enum(o, "joining_method", ep.joining);
    put_execution(o, "joining_info", ep.joining_info);
    put_enum(o, "disconnection_method", ep.disconnection);
    put_execution(o, "disconnection_info", ep.disconnection_info);
    json::array media;
    for (auto const& m : ep.media) {
        json::object e;
        e["id"] = text(m.id.view());
        put(e, "display_text", m.display_text);
        put(e, "type", m.type);
        put(e, "label", m.label);
        put(e, "src_id", m.src_id);
        put_enum(e, "status", m.status);
        media.push_back(std::move(e));
    }
    o["media"] = std::move(media);
    if (ep.call_info) {
        json::object sip;
        put(sip, "display_text", ep.call_info->display_text);
        sip["call_id"] = text(ep.call_info->call_id.view());
        sip["from_tag"] = text(ep.call_info->from_tag.view());
        sip["to_tag"] = text(ep.call_info->to_tag.view());
        o["call_info"] = std::move(sip);
    }
    return o;
}

json::object user_json(user const& u)
{
    json::object o;
    o["entity"] = text(u.entity.view());
    o["state"] = to_string(u.state);
    put(o, "display_text", u.display_text);
    put_uris(o, "associated_aors", u.associated_aors);
    if (u.roles) {
        json::array roles;
        for (auto const& r : *u.roles)
            roles.push_back(text(r.view()));
        o["roles"] = std::move(roles);
    }
    put(o, "languages", u.languages);
    put(o, "cascaded_focus", u.cascaded_focus);
    json::array endpoints;
    for (auto const& ep : u.endpoints)
        endpoints.push_back(endpoint_json(ep));
    o["endpoints"] = std::move(endpoints);
    return o;
}

json::object conference_json(conference_info const& c)
{
    json::object o;
    o["entity"] = text(c.entity.view());
    o["state"] = to_string(c.state);
    if (c.version)
        o["version"] = *c.version;
    if (c.description)
        o["conference_description"] = description_json(*c.description);
    if (c.host) {
        json::object h;
        put(h, "display_text", c.host->display_text);
        put(h, "web_page", c.host->web_page);
        put_uris(h, "uris", c.host->uris);
        o["host_info"] = std::move(h);
    }
    if (c.conference) {
        json::object s;
        put_number(s, "user_count", c.conference->user_count);
        if (c.conference->active)
            s["active"] = *c.conference->active;
        if (c.conference->locked)
            s["locked"] = *c.conference->locked;
        o["conference_state"] = std::move(s);
    }
    if (c.users) {
        json::object users;
        users["state"] = to_string(c.users->state);
        json::array entries;
        for (auto const& u : c.users->entries)
            entries.push_back(user_json(u));
        users["entries"] = std::move(entries);
        o["users"] = std::move(users);
    }
    put_uris(o, "sidebars_by_ref", c.sidebars_by_ref);
    if (c.sidebars_by_val) {
        json::object sidebars;
        sidebars["state"] = to_string(c.sidebars_by_val->state);
        json::array entries;
        for (auto const& s : c.sidebars_by_val->entries)
            entries.push_back(conference_json(s));
        sidebars["entries"] = std::move(entries);
        o["sidebars_by_val"] = std::move(sidebars);
    }
    return o;
}

} // namespace

sip::abnf::result<json::value> inspect_conference_info(sip::abnf::text_buffer buffer)
{
    auto doc = conference_document::parse(std::move(buffer));
    if (!doc)
        return doc.error();
    return json::value(conference_json(doc->info()));
}

} // namespace cpm::inspect
