// Every typed header value of sip/decode.hpp as JSON: one conversion per
// alternative of sip::typed_value, dispatched with std::visit.

#include "json_text.hpp"
#include "sip_json_parts.hpp"

#include <chrono>
#include <cstdio>
#include <string>
#include <utility>
#include <variant>

namespace cpm::inspect {

using namespace cpm::sip;

namespace {

std::string_view refresher_name(refresher r) noexcept
{
    switch (r) {
    case refresher::none: return "none";
    case refresher::uac: return "uac";
    case refresher::uas: return "uas";
    }
    return "none";
}

std::string_view substate_name(substate s) noexcept
{
    switch (s) {
    case substate::active: return "active";
    case substate::pending: return "pending";
    case substate::terminated: return "terminated";
    case substate::extension: return "extension";
    }
    return "extension";
}

std::string_view handling_name(disposition_handling h) noexcept
{
    switch (h) {
    case disposition_handling::unspecified: return "unspecified";
    case disposition_handling::optional: return "optional";
    case disposition_handling::required: return "required";
    case disposition_handling::other: return "other";
    }
    return "other";
}

/// ISO 8601 UTC ("2010-11-13T23:29:00Z") of a Date value's instant.
std::string iso8601(std::chrono::sys_seconds t)
{
    auto const day = std::chrono::floor<std::chrono::days>(t);
    std::chrono::year_month_day const ymd(day);
    std::chrono::hh_mm_ss const hms(t - day);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

json::object via_json(via const& v)
{
    json::object o;
    o["protocol"] = text(v.protocol_name);
    o["version"] = text(v.protocol_version);
    o["transport"] = text(v.transport);
    o["host"] = text(v.host);
    if (auto const kind = abnf::classify_host(v.host))
        o["host_type"] = *kind == abnf::host_kind::hostname ? "hostname"
                         : *kind == abnf::host_kind::ipv4   ? "ipv4"
                                                            : "ipv6";
    if (v.port) o["port"] = *v.port;
    if (!v.branch.empty()) {
        o["branch"] = text(v.branch);
        // RFC 3261 17.1.3: the magic cookie marks an RFC 3261 branch.
        o["rfc3261_branch"] = v.rfc3261_branch();
    }
    if (!v.received.empty()) o["received"] = text(v.received);
    // RFC 3581: a bare ;rport asks for the port, ;rport=N reports it.
    if (v.has_rport) o["rport"] = v.rport ? json::value(*v.rport) : json::value(true);
    if (!v.maddr.empty()) o["maddr"] = text(v.maddr);
    if (v.ttl) o["ttl"] = *v.ttl;
    o["params"] = params_json(v.params);
    return o;
}

json::object media_type_json(media_type const& m)
{
    json::object o;
    o["type"] = text(m.type);
    o["subtype"] = text(m.subtype);
    o["params"] = params_json(m.params);
    return o;
}

json::array token_list_json(token_list const& list)
{
    json::array out;
    for (auto const item : list)
        out.push_back(text(item));
    return out;
}

/// One conversion per typed_value alternative. URIs go through @c uris,
/// which remembers the first one that does not parse.
struct value_json {
    uri_reader& uris;

    json::value operator()(std::monostate) const { return nullptr; }
    json::value operator()(std::uint32_t n) const { return n; }
    json::value operator()(std::string_view s) const { return text(s); }

    json::value operator()(via_list const& list) const
    {
        json::array out;
        for (auto const& v : list)
            out.push_back(via_json(v));
        return out;
    }

    json::value operator()(name_addr const& na) const { return name_addr_json(na, uris); }
    json::value operator()(name_addr_list const& list) const { return name_addr_list_json(list, uris); }
    json::value operator()(contact_list const& list) const { return contact_list_json(list, uris); }
    json::value operator()(referred_by const& r) const { return referred_by_json(r, uris); }
    json::value operator()(info_uri_list const& list) const { return info_uris_json(list, uris); }
    json::value operator()(identity const& id) const { return identity_json(id, uris); }
    json::value operator()(caller_preference_list const& list) const { return caller_preferences_json(list); }
    json::value operator()(challenge const& c) const { return challenge_json(c); }
    json::value operator()(credentials const& c) const { return credentials_json(c, uris); }
    json::value operator()(authentication_info const& a) const { return authentication_info_json(a); }
    json::value operator()(media_type const& m) const { return media_type_json(m); }
    json::value operator()(token_list const& list) const { return token_list_json(list); }

    json::value operator()(cseq const& c) const
    {
        json::object o;
        o["number"] = c.number;
        o["method"] = text(c.method_text);
        return o;
    }

    json::value operator()(session_expires const& s) const
    {
        json::object o;
        o["delta"] = s.delta;
        if (s.refresher != refresher::none) o["refresher"] = refresher_name(s.refresher);
        o["params"] = params_json(s.params);
        return o;
    }

    json::value operator()(retry_after const& r) const
    {
        json::object o;
        o["delta"] = r.delta;
        if (!r.comment.empty()) o["comment"] = text(r.comment);
        if (r.duration) o["duration"] = *r.duration;
        o["params"] = params_json(r.params);
        return o;
    }

    json::value operator()(timestamp const& t) const
    {
        json::object o;
        o["time"] = text(t.time);
        if (!t.delay.empty()) o["delay"] = text(t.delay);
        return o;
    }

    json::value operator()(sip_date const& d) const
    {
        static constexpr std::string_view weekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
        json::object o;
        o["raw"] = text(d.raw);
        o["weekday"] = weekdays[d.weekday.c_encoding() % 7];
        o["utc"] = iso8601(d.time);
        o["epoch_seconds"] = static_cast<std::int64_t>(d.time.time_since_epoch().count());
        return o;
    }

    json::value operator()(mime_version const& v) const
    {
        json::object o;
        o["major"] = v.major;
        o["minor"] = v.minor;
        return o;
    }

    json::value operator()(rack const& r) const
    {
        json::object o;
        o["rseq"] = r.rseq;
        o["cseq"] = r.cseq;
        o["method"] = text(r.method_text);
        return o;
    }

    json::value operator()(refer_sub const& r) const
    {
        json::object o;
        o["value"] = r.value;
        o["params"] = params_json(r.params);
        return o;
    }

    json::value operator()(accept_range_list const& list) const
    {
        json::array out;
        for (auto const& a : list) {
            json::object o = media_type_json(a.range);
            if (a.q) o["q"] = qvalue_text(*a.q);
            out.push_back(std::move(o));
        }
        return out;
    }

    json::value operator()(accept_value_list const& list) const
    {
        json::array out;
        for (auto const& a : list) {
            json::object o;
            o["value"] = text(a.value);
            if (a.q) o["q"] = qvalue_text(*a.q);
            o["params"] = params_json(a.params);
            out.push_back(std::move(o));
        }
        return out;
    }

    json::value operator()(request_disposition const& r) const
    {
        // RFC 3841 section 10: each pair is shown by the directive given.
        json::object o;
        auto put = [&](std::string_view key, std::optional<bool> v, std::string_view yes, std::string_view no) {
            if (v) o[key] = *v ? yes : no;
        };
        put("proxy", r.proxy, "proxy", "redirect");
        put("cancel", r.cancel, "cancel", "no-cancel");
        put("fork", r.fork, "fork", "no-fork");
        put("recurse", r.recurse, "recurse", "no-recurse");
        put("parallel", r.parallel, "parallel", "sequential");
        put("queue", r.queue, "queue", "no-queue");
        return o;
    }

    json::value operator()(event const& e) const
    {
        json::object o;
        o["type"] = text(e.type);
        o["package"] = text(e.package);
        if (!e.templates.empty()) o["templates"] = text(e.templates);
        if (!e.id.empty()) o["id"] = text(e.id);
        o["params"] = params_json(e.params);
        return o;
    }

    json::value operator()(subscription_state const& s) const
    {
        json::object o;
        o["state"] = text(s.state_text);
        o["state_kind"] = substate_name(s.state);
        if (!s.reason.empty()) o["reason"] = text(s.reason);
        if (s.expires) o["expires"] = *s.expires;
        if (s.retry_after) o["retry_after"] = *s.retry_after;
        o["params"] = params_json(s.params);
        return o;
    }

    json::value operator()(product_list const& list) const
    {
        json::array out;
        for (auto const& p : list.items) {
            json::object o;
            if (p.is_comment()) {
                o["comment"] = text(p.comment);
            } else {
                o["name"] = text(p.name);
                if (!p.version.empty()) o["version"] = text(p.version);
            }
            out.push_back(std::move(o));
        }
        return out;
    }

    json::value operator()(warning_list const& list) const
    {
        json::array out;
        for (auto const& w : list) {
            json::object o;
            o["code"] = w.code;
            o["agent"] = text(w.agent);
            o["text"] = text(w.text);
            o["text_decoded"] = text(w.text_unquoted());
            out.push_back(std::move(o));
        }
        return out;
    }

    json::value operator()(content_disposition const& c) const
    {
        json::object o;
        o["type"] = text(c.type);
        if (c.handling != disposition_handling::unspecified) {
            o["handling"] = text(c.handling_text);
            o["handling_kind"] = handling_name(c.handling);
        }
        o["params"] = params_json(c.params);
        return o;
    }

    json::value operator()(reason_list const& list) const
    {
        json::array out;
        for (auto const& r : list) {
            json::object o;
            o["protocol"] = text(r.protocol);
            if (r.cause) o["cause"] = *r.cause;
            if (!r.text.empty()) {
                o["text"] = text(r.text);
                o["text_decoded"] = text(r.text_unquoted());
            }
            o["params"] = params_json(r.params);
            out.push_back(std::move(o));
        }
        return out;
    }
};

} // namespace

std::string qvalue_text(std::uint16_t thousandths)
{
    // RFC 3261 25.1: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
    std::string out = std::to_string(thousandths / 1000);
    unsigned frac = thousandths % 1000;
    if (frac == 0)
        return out;
    char digits[4];
    std::snprintf(digits, sizeof digits, "%03u", frac);
    std::string_view d(digits, 3);
    while (d.back() == '0')
        d.remove_suffix(1);
    out += '.';
    out += d;
    return out;
}

abnf::result<json::value> header_json(header_id id, std::string_view value)
{
    auto decoded = decode(id, value);
    if (!decoded)
        return decoded.error();
    uri_reader uris(value);
    json::value out = std::visit(value_json{uris}, *decoded);
    if (auto const& e = uris.error()) {
        auto error = *e;
        error.message = std::string(canonical_name(id)) + ": " + error.message;
        return error;
    }
    return out;
}

} // namespace cpm::inspect
