#include "sdp_json.hpp"

#include "json_text.hpp"

#include "sdp/msrp_media.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace cpm::inspect {

namespace json = boost::json;
using namespace cpm::sdp;

namespace {

json::array texts(std::vector<std::string_view> const& items)
{
    json::array out;
    for (auto const s : items)
        out.push_back(text(s));
    return out;
}

json::object connection_json(connection const& c)
{
    json::object o;
    o["nettype"] = text(c.nettype);
    o["addrtype"] = text(c.addrtype);
    o["address"] = text(c.address);
    if (c.ttl) o["ttl"] = *c.ttl;
    if (c.address_count) o["address_count"] = *c.address_count;
    return o;
}

json::array bandwidths_json(std::vector<bandwidth> const& bs)
{
    json::array out;
    for (auto const& b : bs)
        out.push_back(json::object{{"type", text(b.type)}, {"value", b.value}});
    return out;
}

json::object key_json(key const& k)
{
    json::object o{{"method", text(k.method)}};
    if (!k.value.empty()) o["value"] = text(k.value);
    return o;
}

json::array attributes_json(std::vector<attribute> const& as)
{
    json::array out;
    for (auto const& a : as) {
        json::object o{{"name", text(a.name)}, {"line", a.line}};
        if (a.has_value) o["value"] = text(a.value);
        out.push_back(std::move(o));
    }
    return out;
}

json::array time_json(std::vector<time_description> const& ts)
{
    json::array out;
    for (auto const& t : ts) {
        json::object o{{"start", t.start}, {"stop", t.stop}};
        if (!t.repeats.empty()) {
            json::array rs;
            for (auto const& r : t.repeats)
                rs.push_back(json::object{
                    {"interval", text(r.interval)}, {"duration", text(r.duration)}, {"offsets", texts(r.offsets)}});
            o["repeats"] = std::move(rs);
        }
        if (!t.zones.empty()) {
            json::array zs;
            for (auto const& z : t.zones)
                zs.push_back(json::object{{"time", text(z.time)}, {"offset", text(z.offset)}});
            o["zones"] = std::move(zs);
        }
        out.push_back(std::move(o));
    }
    return out;
}

json::array ranges_json(std::vector<media_range> const& rs)
{
    json::array out;
    for (auto const& r : rs)
        out.push_back(r.is_any() ? json::string("*") : text(std::string(r.type) + '/' + std::string(r.subtype)));
    return out;
}

json::object file_json(sdp::file_transfer const& f)
{
    json::object o;
    if (f.selector) {
        auto const& s = *f.selector;
        json::object sel;
        if (!s.name.empty()) {
            sel["name"] = text(s.name);
            if (auto const decoded = s.decoded_name()) sel["decoded_name"] = text(*decoded);
        }
        if (!s.type.empty()) {
            sel["type"] = text(std::string(s.type) + '/' + std::string(s.subtype));
            if (!s.type_params.empty()) sel["type_params"] = text(s.type_params);
        }
        if (s.size) sel["size"] = *s.size;
        if (!s.hash_algorithm.empty())
            sel["hash"] = json::object{{"algorithm", text(s.hash_algorithm)}, {"value", text(s.hash_value)}};
        o["selector"] = std::move(sel);
    }
    if (!f.transfer_id.empty()) o["transfer_id"] = text(f.transfer_id);
    if (!f.disposition.empty()) o["disposition"] = text(f.disposition);
    if (f.date) {
        json::object d;
        if (!f.date->creation.empty()) d["creation"] = text(f.date->creation);
        if (!f.date->modification.empty()) d["modification"] = text(f.date->modification);
        if (!f.date->read.empty()) d["read"] = text(f.date->read);
        o["date"] = std::move(d);
    }
    if (!f.icon.empty()) o["icon"] = text(f.icon);
    if (f.range) {
        json::object r{{"start", f.range->start}};
        if (f.range->stop)
            r["stop"] = *f.range->stop;
        else
            r["stop"] = "*";
        o["range"] = std::move(r);
    }
    return o;
}

json::object msrp_json(msrp_media const& m)
{
    json::object o;
    o["path"] = texts(m.path);
    o["accept_types"] = ranges_json(m.accept_types);
    if (!m.accept_wrapped_types.empty()) o["accept_wrapped_types"] = ranges_json(m.accept_wrapped_types);
    if (m.max_size) o["max_size"] = *m.max_size;
    if (m.setup) o["setup"] = to_string(*m.setup);
    if (m.connection) o["connection"] = to_string(*m.connection);
    o["direction"] = to_string(m.direction);
    o["cema"] = m.cema;
    if (m.file) o["file_transfer"] = file_json(*m.file);
    return o;
}

sip::abnf::result<json::object> media_json(session_description const& d, media_description const& m,
                                           std::string_view whole)
{
    json::object o;
    o["line"] = m.line;
    o["media"] = text(m.media);
    o["port"] = m.port;
    if (m.port_count) o["port_count"] = *m.port_count;
    o["proto"] = text(m.proto);
    o["formats"] = texts(m.formats);
    if (!m.information.empty()) o["information"] = text(m.information);
    if (!m.connections.empty()) {
        json::array cs;
        for (auto const& c : m.connections)
            cs.push_back(connection_json(c));
        o["connections"] = std::move(cs);
    }
    if (!m.bandwidths.empty()) o["bandwidths"] = bandwidths_json(m.bandwidths);
    if (m.key) o["key"] = key_json(*m.key);
    o["attributes"] = attributes_json(m.attributes);
    if (is_msrp(m)) {
        auto decoded = decode_msrp(d, m, whole);
        if (!decoded)
            return decoded.error();
        o["msrp"] = msrp_json(*decoded);
    }
    return o;
}

} // namespace

sip::abnf::result<json::value> inspect_sdp(sip::abnf::text_buffer buffer)
{
    auto parsed = parsed_session::parse(std::move(buffer));
    if (!parsed)
        return parsed.error();
    auto const& d = parsed->description();
    json::object o;
    o["version"] = d.version;
    auto const& og = d.origin;
    o["origin"] = json::object{{"username", text(og.username)},        {"session_id", text(og.session_id)},
                               {"session_version", text(og.session_version)}, {"nettype", text(og.nettype)},
                               {"addrtype", text(og.addrtype)},        {"address", text(og.address)}};
    o["name"] = text(d.name);
    if (!d.information.empty()) o["information"] = text(d.information);
    if (!d.uri.empty()) o["uri"] = text(d.uri);
    if (!d.emails.empty()) o["emails"] = texts(d.emails);
    if (!d.phones.empty()) o["phones"] = texts(d.phones);
    if (d.connection) o["connection"] = connection_json(*d.connection);
    if (!d.bandwidths.empty()) o["bandwidths"] = bandwidths_json(d.bandwidths);
    o["times"] = time_json(d.times);
    if (d.key) o["key"] = key_json(*d.key);
    o["attributes"] = attributes_json(d.attributes);
    json::array media;
    for (auto const& m : d.media) {
        auto mj = media_json(d, m, parsed->buffer().view());
        if (!mj)
            return mj.error();
        media.push_back(std::move(*mj));
    }
    o["media"] = std::move(media);
    return json::value(std::move(o));
}

} // namespace cpm::inspect
