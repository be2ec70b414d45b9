#include "cpim_json.hpp"

#include "json_text.hpp"

#include "cpim/escape.hpp"
#include "cpim/message.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>

namespace cpm::inspect {

namespace json = boost::json;
using namespace cpm::cpim;

namespace {

using sip::abnf::parse_error;

/// An error of a decoder that ran on @p part, a view into @p whole.
parse_error rebase(std::string_view whole, std::string_view part, parse_error const& e)
{
    return sip::abnf::make_parse_error(whole, part.data() + e.offset, e.code, e.message);
}

std::string_view kind_name(header_kind k) noexcept
{
    switch (k) {
    case header_kind::from: return "From";
    case header_kind::to: return "To";
    case header_kind::cc: return "cc";
    case header_kind::date_time: return "DateTime";
    case header_kind::subject: return "Subject";
    case header_kind::ns: return "NS";
    case header_kind::require: return "Require";
    case header_kind::other: return "other";
    }
    return "other";
}

std::string_view offset_kind_name(utc_offset_kind k) noexcept
{
    switch (k) {
    case utc_offset_kind::zulu: return "Z";
    case utc_offset_kind::numeric: return "numeric";
    case utc_offset_kind::unknown_local: return "unknown-local";
    }
    return "numeric";
}

/// Escaped text as JSON: the decoded form when it differs from the wire.
sip::abnf::result<void> add_decoded(std::string_view whole, json::object& o, char const* key, std::string_view wire,
                                    sip::abnf::result<std::string> decoded)
{
    if (!decoded)
        return rebase(whole, wire, decoded.error());
    if (*decoded != wire)
        o[key] = text(*decoded);
    return {};
}

sip::abnf::result<json::object> address_json(std::string_view whole, address const& a)
{
    json::object o;
    if (!a.display_name.empty()) {
        o["display_name"] = text(a.display_name);
        if (auto r = add_decoded(whole, o, "display_name_decoded", a.display_name, a.decoded_display_name()); !r)
            return r.error();
    }
    o["uri"] = text(a.uri);
    return o;
}

json::object date_time_json(date_time const& dt)
{
    json::object o;
    o["year"] = dt.year;
    o["month"] = dt.month;
    o["day"] = dt.day;
    o["hour"] = dt.hour;
    o["minute"] = dt.minute;
    o["second"] = dt.second;
    if (!dt.fraction.empty()) {
        o["fraction"] = text(dt.fraction);
        o["nanosecond"] = dt.nanosecond;
    }
    o["offset"] = offset_kind_name(dt.offset_kind);
    o["offset_minutes"] = dt.offset_minutes;
    std::string utc;
    append_date_time(utc, make_utc_date_time(dt.utc()));
    o["utc"] = utc;
    return o;
}

sip::abnf::result<json::array> params_json(std::string_view whole, header_params const& params)
{
    json::array out;
    for (auto const& p : params) {
        json::object o;
        o["name"] = text(p.name);
        o["value"] = text(p.value);
        if (auto r = add_decoded(whole, o, "decoded", p.value, p.decoded_value()); !r)
            return r.error();
        out.push_back(std::move(o));
    }
    return out;
}

/// The typed value of a header of RFC 3862 section 4; null for others.
sip::abnf::result<json::value> typed_json(std::string_view whole, header const& h)
{
    switch (h.kind) {
    case header_kind::from:
    case header_kind::to:
    case header_kind::cc: {
        auto a = parse_address(h.value, h.name);
        if (!a)
            return rebase(whole, h.value, a.error());
        auto o = address_json(whole, *a);
        if (!o)
            return o.error();
        return json::value(std::move(*o));
    }
    case header_kind::date_time: {
        auto dt = parse_date_time(h.value);
        if (!dt)
            return rebase(whole, h.value, dt.error());
        return json::value(date_time_json(*dt));
    }
    case header_kind::ns: {
        auto d = parse_namespace(h.value);
        if (!d)
            return rebase(whole, h.value, d.error());
        json::object o;
        if (!d->prefix.empty())
            o["prefix"] = text(d->prefix);
        o["uri"] = text(d->uri);
        return json::value(std::move(o));
    }
    case header_kind::require: {
        auto names = parse_require(h.value);
        if (!names)
            return rebase(whole, h.value, names.error());
        json::array a;
        for (auto n : *names)
            a.push_back(json::value(text(n)));
        return json::value(std::move(a));
    }
    case header_kind::subject:
    case header_kind::other:
        return json::value();
    }
    return json::value();
}

sip::abnf::result<json::array> headers_json(std::string_view whole, message const& m)
{
    json::array out;
    for (auto const& h : m.headers()) {
        json::object o;
        o["name"] = text(h.name);
        if (!h.prefix.empty())
            o["prefix"] = text(h.prefix);
        o["local_name"] = text(h.local_name);
        o["namespace"] = h.namespace_uri.empty() ? json::value() : json::value(text(h.namespace_uri));
        o["kind"] = kind_name(h.kind);
        if (!h.params.empty()) {
            auto p = params_json(whole, h.params);
            if (!p)
                return p.error();
            o["params"] = std::move(*p);
        }
        o["value"] = text(h.value);
        // An address's escapes live in its String display name, shown decoded below.
        bool const is_address = h.kind == header_kind::from || h.kind == header_kind::to || h.kind == header_kind::cc;
        if (!is_address) {
            if (auto r = add_decoded(whole, o, "value_decoded", h.value, h.decoded_value()); !r)
                return r.error();
        }
        auto typed = typed_json(whole, h);
        if (!typed)
            return typed.error();
        if (!typed->is_null())
            o["decoded"] = std::move(*typed);
        out.push_back(std::move(o));
    }
    return out;
}

json::object param_list_json(sip::abnf::param_list const& params)
{
    json::object o;
    for (auto const& p : params)
        o[std::string(p.name)] = p.has_value ? json::value(text(p.unquoted_value())) : json::value(true);
    return o;
}

json::object mime_json(message const& m)
{
    json::object o;
    json::array headers;
    for (auto const& h : m.mime_headers()) {
        json::object e;
        e["name"] = text(h.name);
        e["value"] = text(h.value);
        headers.push_back(std::move(e));
    }
    o["headers"] = std::move(headers);
    if (auto const& ct = m.content_type()) {
        json::object c;
        c["type"] = text(ct->type);
        c["subtype"] = text(ct->subtype);
        if (!ct->params.empty())
            c["params"] = param_list_json(ct->params);
        o["content_type"] = std::move(c);
    }
    if (!m.content_id().empty())
        o["content_id"] = text(m.content_id());
    if (auto const& cd = m.content_disposition()) {
        json::object c;
        c["type"] = text(cd->type);
        if (!cd->params.empty())
            c["params"] = param_list_json(cd->params);
        o["content_disposition"] = std::move(c);
    }
    return o;
}

} // namespace

sip::abnf::result<json::value> inspect_cpim(sip::abnf::text_buffer buffer)
{
    auto m = message::parse(std::move(buffer));
    if (!m)
        return m.error();
    std::string_view const whole = m->text();
    json::object out;
    auto headers = headers_json(whole, *m);
    if (!headers)
        return headers.error();
    out["headers"] = std::move(*headers);
    out["mime"] = mime_json(*m);
    out["body"] = octets_json(m->body());
    return json::value(std::move(out));
}

} // namespace cpm::inspect
