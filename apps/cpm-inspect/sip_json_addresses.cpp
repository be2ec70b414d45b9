// Address headers (From, To, Contact, Route, Referred-By, ...), info URIs,
// Identity, RFC 3840 feature parameters and RFC 3841 caller preferences
// as JSON.

#include "json_text.hpp"
#include "sip_json_parts.hpp"

#include "sip/abnf/unescape.hpp"

#include <utility>

namespace cpm::inspect {

using namespace cpm::sip;

namespace {

std::string_view value_kind_name(feature_value_kind k) noexcept
{
    switch (k) {
    case feature_value_kind::boolean: return "boolean";
    case feature_value_kind::tag_list: return "tag_list";
    case feature_value_kind::string: return "string";
    }
    return "boolean";
}

std::string_view tag_type_name(tag_value::type t) noexcept
{
    switch (t) {
    case tag_value::type::token: return "token";
    case tag_value::type::boolean: return "boolean";
    case tag_value::type::numeric: return "numeric";
    }
    return "token";
}

json::object feature_json(feature_param const& f)
{
    json::object o;
    o["name"] = text(f.name);
    o["tag"] = text(f.tag());
    o["base_tag"] = f.is_base_tag();
    o["kind"] = value_kind_name(f.kind);
    if (f.kind != feature_value_kind::boolean)
        o["value"] = text(f.value);
    if (f.kind == feature_value_kind::tag_list) {
        json::array values;
        for (auto const& v : f.values()) {
            json::object vj;
            vj["text"] = text(v.text);
            // The 3GPP ICSI / IARI URNs are %-encoded (3GPP TS 24.229 7.9A).
            if (abnf::has_escapes(v.text))
                vj["decoded"] = text(v.decoded());
            vj["negated"] = v.negated;
            vj["type"] = tag_type_name(v.kind);
            values.push_back(std::move(vj));
        }
        o["values"] = std::move(values);
    }
    return o;
}

} // namespace

json::object name_addr_json(name_addr const& na, uri_reader& uris)
{
    json::object o;
    if (!na.display_name.empty()) {
        o["display_name"] = text(na.display_name);
        o["display_name_decoded"] = text(na.display_name_text());
    }
    o["bracketed"] = na.bracketed;
    o["uri"] = uris.read(na.uri);
    if (!na.tag.empty()) o["tag"] = text(na.tag);
    o["params"] = params_json(na.params);
    return o;
}

json::array name_addr_list_json(name_addr_list const& list, uri_reader& uris)
{
    json::array out;
    for (auto const& na : list)
        out.push_back(name_addr_json(na, uris));
    return out;
}

json::object contact_list_json(contact_list const& list, uri_reader& uris)
{
    json::object out;
    out["wildcard"] = list.wildcard;
    json::array contacts;
    for (auto const& c : list.contacts) {
        json::object o = name_addr_json(c.address, uris);
        if (c.q) o["q"] = qvalue_text(*c.q);
        if (c.expires) o["expires"] = *c.expires;
        if (c.reg_id) o["reg_id"] = *c.reg_id;
        if (!c.instance.empty()) o["instance"] = text(c.instance);
        if (!c.pub_gruu.empty()) o["pub_gruu"] = uris.read_quoted(c.pub_gruu);
        if (!c.temp_gruu.empty()) o["temp_gruu"] = uris.read_quoted(c.temp_gruu);
        o["features"] = features_json(c.features());
        contacts.push_back(std::move(o));
    }
    out["contacts"] = std::move(contacts);
    return out;
}

json::object referred_by_json(referred_by const& r, uri_reader& uris)
{
    json::object o = name_addr_json(r.address, uris);
    if (!r.cid.empty()) o["cid"] = text(r.cid);
    return o;
}

json::array info_uris_json(info_uri_list const& list, uri_reader& uris)
{
    json::array out;
    for (auto const& i : list) {
        json::object o;
        o["uri"] = uris.read(i.uri);
        if (!i.purpose.empty()) o["purpose"] = text(i.purpose);
        o["params"] = params_json(i.params);
        out.push_back(std::move(o));
    }
    return out;
}

json::object identity_json(identity const& id, uri_reader& uris)
{
    json::object o;
    constexpr char const* forms[] = {"rfc8224", "rfc4474", "draft"};
    o["form"] = forms[static_cast<int>(id.form)];
    o["digest"] = text(id.digest);
    if (!id.info_uri.empty()) o["info_uri"] = uris.read(id.info_uri);
    if (!id.alg.empty()) o["alg"] = text(id.alg);
    if (!id.ppt.empty()) o["ppt"] = text(id.ppt);
    o["params"] = params_json(id.params);
    return o;
}

json::array features_json(feature_params const& features)
{
    json::array out;
    for (auto const& f : features)
        out.push_back(feature_json(f));
    return out;
}

json::array caller_preferences_json(caller_preference_list const& list)
{
    json::array out;
    for (auto const& c : list) {
        json::object o;
        o["require"] = c.require;
        o["explicit"] = c.explicit_match;
        o["params"] = params_json(c.params);
        o["features"] = features_json(c.features());
        out.push_back(std::move(o));
    }
    return out;
}

} // namespace cpm::inspect
