#include "reginfo_json.hpp"

#include "json_text.hpp"

#include "cpm/docs/reginfo.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace cpm::inspect {

namespace json = boost::json;
using namespace cpm::docs;

namespace {

json::object contact_json(contact const& c)
{
    json::object o;
    o["id"] = text(c.id.view());
    o["state"] = to_string(c.state);
    o["event"] = to_string(c.event);
    for (auto [key, value] : {std::pair{"duration_registered", c.duration_registered},
                              std::pair{"expires", c.expires}, std::pair{"retry_after", c.retry_after},
                              std::pair{"cseq", c.cseq}})
        if (value)
            o[key] = *value;
    if (c.q)
        o["q"] = text(c.q->view());
    if (c.call_id)
        o["callid"] = text(c.call_id->view());
    o["uri"] = text(c.uri.view());
    if (c.name.present) {
        o["display_name"] = text(c.name.text.view());
        if (!c.name.lang.view().empty())
            o["lang"] = text(c.name.lang.view());
    }
    if (!c.params.empty()) {
        json::array params;
        for (auto const& p : c.params) {
            json::object param;
            param["name"] = text(p.name.view());
            param["value"] = text(p.value.view());
            params.push_back(std::move(param));
        }
        o["unknown_params"] = std::move(params);
    }
    if (c.pub_gruu)
        o["pub_gruu"] = text(c.pub_gruu->view());
    if (c.temp) {
        json::object t;
        t["uri"] = text(c.temp->uri.view());
        t["first_cseq"] = c.temp->first_cseq;
        o["temp_gruu"] = std::move(t);
    }
    return o;
}

} // namespace

sip::abnf::result<json::value> inspect_reginfo(sip::abnf::text_buffer buffer)
{
    auto doc = reginfo_document::parse(std::move(buffer));
    if (!doc)
        return doc.error();
    auto const& info = doc->info();
    json::object out;
    out["version"] = info.version;
    out["state"] = to_string(info.state);
    json::array registrations;
    for (auto const& reg : info.registrations) {
        json::object r;
        r["aor"] = text(reg.aor.view());
        r["id"] = text(reg.id.view());
        r["state"] = to_string(reg.state);
        json::array contacts;
        for (auto const& c : reg.contacts)
            contacts.push_back(contact_json(c));
        r["contacts"] = std::move(contacts);
        registrations.push_back(std::move(r));
    }
    out["registrations"] = std::move(registrations);
    return json::value(std::move(out));
}

} // namespace cpm::inspect
