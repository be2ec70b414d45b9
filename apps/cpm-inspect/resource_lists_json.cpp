#include "resource_lists_json.hpp"

#include "json_text.hpp"

#include "cpm/docs/resource_lists.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace cpm::inspect {

namespace json = boost::json;
using namespace cpm::docs;

namespace {

std::string_view kind_name(item_kind k) noexcept
{
    switch (k) {
    case item_kind::list: return "list";
    case item_kind::entry: return "entry";
    case item_kind::entry_ref: return "entry-ref";
    case item_kind::external: return "external";
    }
    return "entry";
}

void add_display_name(json::object& o, display_name const& d)
{
    if (!d.present)
        return;
    o["display_name"] = text(d.text.view());
    if (!d.lang.view().empty())
        o["lang"] = text(d.lang.view());
}

json::object list_json(resource_lists const& rl, std::size_t index)
{
    auto const& l = rl.lists()[index];
    json::object o;
    if (l.parent)
        o["kind"] = "list";
    if (l.name)
        o["name"] = text(l.name->view());
    add_display_name(o, l.display);
    json::array items;
    for (auto const& it : l.items) {
        if (it.kind == item_kind::list) {
            items.push_back(list_json(rl, it.list));
            continue;
        }
        json::object e;
        e["kind"] = kind_name(it.kind);
        if (!it.uri.view().empty() || it.kind != item_kind::external)
            e[it.kind == item_kind::entry ? "uri" : it.kind == item_kind::entry_ref ? "ref" : "anchor"] =
                text(it.uri.view());
        add_display_name(e, it.name);
        if (it.copy.copy)
            e["copyControl"] = to_string(*it.copy.copy);
        if (it.copy.anonymize)
            e["anonymize"] = *it.copy.anonymize;
        if (it.copy.count)
            e["count"] = *it.copy.count;
        items.push_back(std::move(e));
    }
    o["items"] = std::move(items);
    return o;
}

} // namespace

sip::abnf::result<json::value> inspect_resource_lists(sip::abnf::text_buffer buffer)
{
    auto rl = resource_lists::parse(std::move(buffer));
    if (!rl)
        return rl.error();
    json::object out;
    json::array lists;
    for (auto top : rl->top_level())
        lists.push_back(list_json(*rl, top));
    out["lists"] = std::move(lists);
    // The recipients an exploder serves (RFC 5365 section 4, RFC 5366):
    // every entry, nested lists flattened, with its effective role.
    json::array recipients;
    for (auto const* e : rl->entries()) {
        json::object r;
        r["uri"] = text(e->uri.view());
        r["copyControl"] = to_string(e->copy.effective());
        if (e->copy.anonymized())
            r["anonymize"] = true;
        recipients.push_back(std::move(r));
    }
    out["recipients"] = std::move(recipients);
    return json::value(std::move(out));
}

} // namespace cpm::inspect
