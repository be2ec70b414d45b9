#include "msrp_json.hpp"

#include "json_text.hpp"

#include "msrp/error.hpp"
#include "msrp/headers.hpp"
#include "msrp/message.hpp"
#include "msrp/uri.hpp"
#include "sip/abnf/unescape.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace cpm::inspect {

namespace {

namespace json = boost::json;
namespace abnf = sip::abnf;
using namespace cpm::msrp;

std::string_view host_type(abnf::host_kind k) noexcept
{
    switch (k) {
    case abnf::host_kind::hostname: return "hostname";
    case abnf::host_kind::ipv4: return "ipv4";
    case abnf::host_kind::ipv6: return "ipv6";
    }
    return "hostname";
}

json::object uri_json(uri const& u)
{
    json::object o;
    o["raw"] = text(u.text);
    o["scheme"] = u.secure ? "msrps" : "msrp";
    if (u.userinfo)
        o["userinfo"] = text(*u.userinfo);
    o["host"] = text(u.host);
    o["host_type"] = host_type(u.host_kind);
    if (u.port)
        o["port"] = *u.port;
    if (!u.session_id.empty())
        o["session_id"] = text(u.session_id);
    o["transport"] = text(u.transport);
    json::array params;
    for (auto const& p : u.params) {
        json::object po;
        po["name"] = text(p.name);
        if (p.has_value)
            po["value"] = text(p.value);
        params.push_back(std::move(po));
    }
    o["params"] = std::move(params);
    return o;
}

json::array params_json(std::vector<parameter> const& params)
{
    json::array out;
    for (auto const& p : params) {
        json::object o;
        o["name"] = text(p.name);
        if (p.has_value)
            o["value"] = text(p.quoted() ? std::string_view(p.unquoted()) : p.value);
        out.push_back(std::move(o));
    }
    return out;
}

json::value number_or_star(std::optional<std::uint64_t> n)
{
    if (n)
        return *n;
    return "*";
}

std::string_view mode_text(report_mode m) noexcept
{
    switch (m) {
    case report_mode::yes: return "yes";
    case report_mode::no: return "no";
    case report_mode::partial: return "partial";
    }
    return "no";
}

// The decoded value of one field (null for extension fields).
abnf::result<json::value> decoded(header_field const& f)
{
    switch (f.id) {
    case header_id::to_path:
    case header_id::from_path:
    case header_id::use_path: {
        auto p = parse_path(f.value, "MSRP " + std::string(header_name(f.id)));
        if (!p)
            return p.error();
        json::array a;
        for (auto const& u : *p)
            a.push_back(uri_json(u));
        return json::value(std::move(a));
    }
    case header_id::message_id: {
        auto id = parse_message_id(f.value);
        if (!id)
            return id.error();
        return json::value(text(*id));
    }
    case header_id::success_report:
    case header_id::failure_report: {
        auto m = f.id == header_id::success_report ? parse_success_report(f.value) : parse_failure_report(f.value);
        if (!m)
            return m.error();
        return json::value(mode_text(*m));
    }
    case header_id::byte_range: {
        auto r = parse_byte_range(f.value);
        if (!r)
            return r.error();
        json::object o;
        o["start"] = r->start;
        o["end"] = number_or_star(r->end);
        o["total"] = number_or_star(r->total);
        return json::value(std::move(o));
    }
    case header_id::status: {
        auto s = parse_status(f.value);
        if (!s)
            return s.error();
        json::object o;
        o["namespace"] = s->ns;
        o["code"] = s->code;
        if (!s->reason.empty())
            o["reason"] = text(s->reason);
        return json::value(std::move(o));
    }
    case header_id::content_type: {
        auto m = parse_content_type(f.value);
        if (!m)
            return m.error();
        json::object o;
        o["type"] = text(m->type);
        o["subtype"] = text(m->subtype);
        o["params"] = params_json(m->params);
        return json::value(std::move(o));
    }
    case header_id::content_id: {
        auto id = parse_content_id(f.value);
        if (!id)
            return id.error();
        return json::value(text(*id));
    }
    case header_id::content_disposition: {
        auto d = parse_content_disposition(f.value);
        if (!d)
            return d.error();
        json::object o;
        o["type"] = text(d->type);
        o["params"] = params_json(d->params);
        return json::value(std::move(o));
    }
    case header_id::expires:
    case header_id::min_expires:
    case header_id::max_expires: {
        auto s = parse_seconds(f.value, header_name(f.id));
        if (!s)
            return s.error();
        return json::value(*s);
    }
    case header_id::www_authenticate:
    case header_id::authorization:
    case header_id::authentication_info: {
        auto d = f.id == header_id::www_authenticate ? parse_www_authenticate(f.value)
               : f.id == header_id::authorization    ? parse_authorization(f.value)
                                                     : parse_authentication_info(f.value);
        if (!d)
            return d.error();
        json::object o;
        if (!d->scheme.empty())
            o["scheme"] = text(d->scheme);
        o["params"] = params_json(d->params);
        return json::value(std::move(o));
    }
    case header_id::content_description: return json::value(text(f.value));
    case header_id::extension: break;
    }
    return json::value(nullptr);
}

abnf::result<json::object> message_json(message_view const& m, std::string_view whole)
{
    json::object o;
    auto const& h = m.head;
    o["kind"] = h.is_request() ? "request" : "response";
    o["transaction_id"] = text(h.transaction_id);
    if (h.is_request()) {
        o["method"] = text(h.method_text);
    } else {
        o["status"] = h.status_code;
        if (!h.comment.empty())
            o["comment"] = text(h.comment);
    }
    json::array fields;
    for (auto const& f : h.fields) {
        json::object fo;
        std::string_view const name = f.id == header_id::extension ? f.name : header_name(f.id);
        fo["name"] = text(name);
        if (f.name != name)
            fo["wire_name"] = text(f.name);
        fo["value"] = text(f.value);
        auto d = decoded(f);
        if (!d)
            return rebase(d.error(), whole, f.value);
        if (!d->is_null())
            fo["decoded"] = std::move(*d);
        fields.push_back(std::move(fo));
    }
    o["headers"] = std::move(fields);
    if (h.has_body)
        o["body"] = octets_json(m.body);
    o["continuation"] = std::string(1, static_cast<char>(m.flag));
    return o;
}

} // namespace

abnf::result<json::value> inspect_msrp(abnf::text_buffer buffer)
{
    std::string_view const whole = buffer.view();
    json::array messages;
    std::size_t at = 0;
    while (at < whole.size() || messages.empty()) {
        std::string_view const rest = whole.substr(at);
        auto m = parse_message(rest);
        if (!m)
            return rebase(m.error(), whole, rest);
        auto o = message_json(*m, whole);
        if (!o)
            return o.error();
        messages.push_back(std::move(*o));
        at += m->text.size();
    }
    return json::value(std::move(messages));
}

} // namespace cpm::inspect
