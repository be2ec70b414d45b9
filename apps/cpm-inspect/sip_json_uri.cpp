// URIs (RFC 3261 19.1, RFC 3966) and parameter lists as JSON.

#include "json_text.hpp"
#include "sip_json_parts.hpp"

#include "sip/abnf/unescape.hpp"

#include <string>
#include <utility>

namespace cpm::inspect {

using namespace cpm::sip;

namespace {

std::string_view kind_name(uri_kind k) noexcept
{
    switch (k) {
    case uri_kind::sip: return "sip";
    case uri_kind::sips: return "sips";
    case uri_kind::tel: return "tel";
    case uri_kind::absolute: return "absolute";
    }
    return "absolute";
}

std::string_view host_kind_name(abnf::host_kind k) noexcept
{
    switch (k) {
    case abnf::host_kind::hostname: return "hostname";
    case abnf::host_kind::ipv4: return "ipv4";
    case abnf::host_kind::ipv6: return "ipv6";
    }
    return "hostname";
}

/// %-escaped text decoded; the parsers validated the escapes already.
json::string unescaped(std::string_view escaped)
{
    auto plain = abnf::percent_decode(escaped);
    return text(plain ? std::string_view(*plain) : escaped);
}

json::object header_param_json(abnf::param const& p)
{
    json::object o;
    o["name"] = text(p.name);
    if (p.has_value) {
        o["value"] = text(p.value);
        if (p.is_quoted())
            o["value_unquoted"] = text(p.unquoted_value());
    }
    return o;
}

/// uri-parameter / tel par: %-escapes may appear in names and values
/// (RFC 3261 19.1.4 compares them decoded), so the decoded form is shown
/// beside the written one when they do.
json::array uri_params_json(abnf::param_list const& params)
{
    json::array out;
    for (auto const& p : params) {
        json::object o;
        o["name"] = text(p.name);
        if (abnf::has_escapes(p.name))
            o["name_decoded"] = unescaped(p.name);
        if (p.has_value) {
            o["value"] = text(p.value);
            if (abnf::has_escapes(p.value))
                o["value_decoded"] = unescaped(p.value);
        }
        out.push_back(std::move(o));
    }
    return out;
}

void tel_parts_into(json::object& o, tel_uri_parts const& t)
{
    o["global"] = t.global;
    o["number"] = text(t.number);
    o["number_digits"] = text(t.number_digits());
    if (!t.phone_context.empty()) o["phone_context"] = text(t.phone_context);
    if (!t.extension.empty()) o["extension"] = text(t.extension);
    if (!t.isub.empty()) o["isub"] = text(t.isub);
    o["params"] = uri_params_json(t.params);
}

void sip_parts_into(json::object& o, sip_uri_parts const& s)
{
    if (s.has_userinfo) {
        o["user"] = text(s.user);
        o["user_decoded"] = text(s.user_text());
    }
    if (s.has_password) {
        o["password"] = text(s.password);
        o["password_decoded"] = text(s.password_text());
    }
    o["host"] = text(s.host);
    o["host_type"] = host_kind_name(s.host_type);
    if (s.port) o["port"] = *s.port;
    o["params"] = uri_params_json(s.params);
    // The well-known uri-parameters, as parse_uri() recognised them.
    if (!s.transport.empty()) o["transport"] = text(s.transport);
    if (!s.user_param.empty()) o["user_param"] = text(s.user_param);
    if (!s.method.empty()) o["method"] = text(s.method);
    if (!s.maddr.empty()) o["maddr"] = text(s.maddr);
    if (s.ttl) o["ttl"] = *s.ttl;
    if (s.lr) o["lr"] = true;
    if (s.has_gr) o["gr"] = text(s.gr);
    json::array headers;
    for (auto const& h : s.headers) {
        json::object hj;
        hj["name"] = text(h.name);
        hj["value"] = text(h.value);
        hj["name_decoded"] = text(h.name_text());
        hj["value_decoded"] = text(h.value_text());
        headers.push_back(std::move(hj));
    }
    o["headers"] = std::move(headers);
    if (s.user_is_phone()) {
        // RFC 3261 19.1.6: with user=phone the user part is a
        // telephone-subscriber. Not being one is not a syntax error of the
        // SIP-URI, so it is shown rather than raised.
        std::string const user = s.user_text();
        json::object tel;
        if (auto t = parse_telephone_subscriber(user))
            tel_parts_into(tel, *t);
        else
            tel["error"] = text(t.error().message);
        o["telephone_subscriber"] = std::move(tel);
    }
}

} // namespace

json::array params_json(abnf::param_list const& params)
{
    json::array out;
    for (auto const& p : params)
        out.push_back(header_param_json(p));
    return out;
}

json::array params_json(auth_params const& params)
{
    json::array out;
    for (auto const& p : params)
        out.push_back(header_param_json(p));
    return out;
}

json::object uri_json(uri const& u)
{
    json::object o;
    o["raw"] = text(u.raw);
    o["kind"] = kind_name(u.kind);
    o["scheme"] = text(u.scheme);
    switch (u.kind) {
    case uri_kind::sip:
    case uri_kind::sips: sip_parts_into(o, u.sip); break;
    case uri_kind::tel: tel_parts_into(o, u.tel); break;
    case uri_kind::absolute: o["rest"] = text(u.rest); break;
    }
    return o;
}

json::value uri_reader::read(std::string_view uri_text)
{
    auto parsed = parse_uri(uri_text);
    if (parsed)
        return uri_json(*parsed);
    if (!error_) {
        auto e = parsed.error();
        error_ = abnf::make_parse_error(value_, uri_text.data() + e.offset, e.code, std::move(e.message));
    }
    return nullptr;
}

json::value uri_reader::read_quoted(std::string_view inside_quotes)
{
    if (inside_quotes.find('\\') != std::string_view::npos)
        return text(inside_quotes);
    return read(inside_quotes);
}

} // namespace cpm::inspect
