#include "sip_json.hpp"

#include "sip/message.hpp"

#include <boost/json.hpp>

#include <string>

namespace cpm::inspect {

namespace json = boost::json;
using namespace cpm::sip;

namespace {

json::string sv(std::string_view s) { return json::string(s); }

json::array params_json(abnf::param_list const& params)
{
    json::array out;
    for (auto const& p : params) {
        json::object o;
        o["name"] = sv(p.name);
        if (p.has_value)
            o["value"] = p.is_quoted() ? json::string(p.unquoted_value()) : sv(p.value);
        out.push_back(std::move(o));
    }
    return out;
}

json::object via_json(via const& v)
{
    json::object o;
    o["protocol"] = sv(v.protocol_name);
    o["version"] = sv(v.protocol_version);
    o["transport"] = sv(v.transport);
    o["host"] = sv(v.host);
    if (v.port) o["port"] = *v.port;
    if (!v.branch.empty()) o["branch"] = sv(v.branch);
    if (!v.received.empty()) o["received"] = sv(v.received);
    if (v.has_rport) o["rport"] = v.rport ? json::value(*v.rport) : json::value(true);
    if (!v.maddr.empty()) o["maddr"] = sv(v.maddr);
    if (v.ttl) o["ttl"] = *v.ttl;
    o["params"] = params_json(v.params);
    return o;
}

json::object name_addr_json(name_addr const& na)
{
    json::object o;
    if (!na.display_name.empty()) o["display_name"] = json::string(na.display_name_text());
    o["uri"] = sv(na.uri);
    if (!na.tag.empty()) o["tag"] = sv(na.tag);
    o["params"] = params_json(na.params);
    return o;
}

json::object media_type_json(media_type const& m)
{
    json::object o;
    o["type"] = sv(m.type);
    o["subtype"] = sv(m.subtype);
    o["params"] = params_json(m.params);
    return o;
}

/// Rebases an error from a value parser onto the whole message.
abnf::parse_error rebase(message const& m, header_field const& h, abnf::parse_error e)
{
    std::string_view const name = h.id == header_id::unknown ? h.name : canonical_name(h.id);
    if (e.message.compare(0, name.size(), name) != 0)
        e.message = std::string(name) + ": " + e.message;
    return abnf::make_parse_error(m.buffer().view(), h.value.data() + e.offset, e.code, std::move(e.message));
}

template <class T, class F>
abnf::result<json::value> decoded(abnf::result<T> r, F&& to_json)
{
    if (!r)
        return r.error();
    return json::value(to_json(*r));
}

abnf::result<json::value> decode_header(header_field const& h)
{
    switch (h.id) {
    case header_id::via:
        return decoded(parse_via_list(h.value), [](auto const& list) {
            json::array a;
            for (auto const& v : list) a.push_back(via_json(v));
            return a;
        });
    case header_id::from:
    case header_id::to:
        return decoded(parse_name_addr(h.value), name_addr_json);
    case header_id::call_id:
        return decoded(parse_call_id(h.value), [](std::string_view id) { return sv(id); });
    case header_id::cseq:
        return decoded(parse_cseq(h.value), [](cseq const& c) {
            json::object o;
            o["number"] = c.number;
            o["method"] = sv(c.method_text);
            return o;
        });
    case header_id::max_forwards:
    case header_id::content_length:
        return decoded(parse_uint32(h.value, canonical_name(h.id)), [](std::uint32_t n) { return n; });
    case header_id::content_type:
        return decoded(parse_media_type(h.value), media_type_json);
    default:
        return json::value(nullptr);
    }
}

json::array defects_json(defect set)
{
    json::array out;
    for (std::uint32_t bit = 1; bit != 0; bit <<= 1) {
        auto const d = static_cast<defect>(bit);
        if (has(set, d)) {
            json::object o;
            o["status"] = status_for(d);
            o["warning"] = sv(describe(d));
            out.push_back(std::move(o));
        }
    }
    return out;
}

} // namespace

abnf::result<json::value> inspect_sip(abnf::text_buffer text)
{
    auto parsed = message::parse(std::move(text));
    if (!parsed)
        return parsed.error();
    message const& m = *parsed;
    json::object out;
    if (m.is_request()) {
        out["kind"] = "request";
        out["method"] = sv(m.method_text());
        out["request_uri"] = sv(m.request_uri());
    } else {
        out["kind"] = "response";
        out["status_code"] = m.status_code();
        out["reason"] = sv(m.reason());
    }
    out["version"] = sv(m.version());
    json::array headers;
    for (auto const& h : m.headers()) {
        json::object o;
        o["name"] = sv(h.id == header_id::unknown ? h.name : canonical_name(h.id));
        if (h.name != o["name"].as_string()) o["wire_name"] = sv(h.name);
        o["value"] = sv(h.value);
        auto d = decode_header(h);
        if (!d)
            return rebase(m, h, d.error());
        if (!d->is_null())
            o["decoded"] = std::move(*d);
        headers.push_back(std::move(o));
    }
    out["headers"] = std::move(headers);
    out["defects"] = defects_json(m.defects());
    json::object body;
    body["length"] = m.body().size();
    if (!m.body().empty())
        body["text"] = sv(m.body());
    out["body"] = std::move(body);
    return json::value(std::move(out));
}

} // namespace cpm::inspect
