#include "cpm/core/registrar.hpp"

#include "sip/abnf/char_class.hpp"
#include "sip/builder.hpp"
#include "sip/contact.hpp"
#include "sip/cseq.hpp"
#include "sip/feature_tags.hpp"
#include "sip/name_addr.hpp"
#include "sip/token_list.hpp"
#include "sip/uri.hpp"

#include <algorithm>
#include <random>

namespace cpm::core {

namespace {

// The option tags this registrar implements (10.3 step 2, 8.2.2.3).
constexpr std::string_view supported_tags[] = {"gruu", "path", "outbound"};
constexpr std::string_view supported_value = "gruu, path, outbound";

constexpr std::string_view week_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::string_view months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void two_digits(std::string& out, unsigned v)
{
    out += static_cast<char>('0' + v / 10 % 10);
    out += static_cast<char>('0' + v % 10);
}

// RFC 3261 20.17: rfc1123-date, always GMT ("Sat, 13 Nov 2010 23:29:00 GMT").
std::string sip_date(wall_clock::time_point now)
{
    auto const seconds = std::chrono::floor<std::chrono::seconds>(now);
    auto const days = std::chrono::floor<std::chrono::days>(seconds);
    std::chrono::year_month_day const ymd{days};
    std::chrono::hh_mm_ss const time{seconds - days};
    std::string out;
    out.reserve(29);
    out.append(week_days[std::chrono::weekday{days}.c_encoding()]).append(", ");
    two_digits(out, static_cast<unsigned>(ymd.day()));
    out.append(" ").append(months[static_cast<unsigned>(ymd.month()) - 1]).append(" ");
    out.append(std::to_string(static_cast<int>(ymd.year()))).append(" ");
    two_digits(out, static_cast<unsigned>(time.hours().count()));
    out += ':';
    two_digits(out, static_cast<unsigned>(time.minutes().count()));
    out += ':';
    two_digits(out, static_cast<unsigned>(time.seconds().count()));
    out.append(" GMT");
    return out;
}

// RFC 3261 20.10 qvalue: "1", "0.5", "0.75", "0.001".
std::string qvalue(std::uint16_t q)
{
    if (q >= 1000)
        return "1";
    std::string out = "0.";
    out += static_cast<char>('0' + q / 100);
    out += static_cast<char>('0' + q / 10 % 10);
    out += static_cast<char>('0' + q % 10);
    while (out.size() > 3 && out.back() == '0')
        out.pop_back();
    return out;
}

// The RFC 3840 feature parameters of a Contact as written (";+g.oma.sip-im;
// +sip.instance=\"<urn:...>\""), +sip.instance included: what the proxy
// matches caller preferences against (RFC 3841 7.2).
std::string feature_text(sip::contact const& c)
{
    std::string out;
    for (auto const& p : c.address.params) {
        if (!sip::is_feature_tag_name(p.name))
            continue;
        out.append(";").append(p.name);
        if (p.has_value)
            out.append("=").append(p.value);
    }
    return out;
}

bool host_is(std::string_view host, std::string_view domain) noexcept
{
    return sip::abnf::iequals(host, domain);
}

// What went wrong inside the atomic update (10.3 step 7).
struct failure {
    unsigned code = 0;
    std::string_view reason;
    std::string warning;
};

} // namespace

/// The parts of a REGISTER that steps 5 to 8 use, decoded once.
struct registrar::request_view {
    sip::message const& msg;
    sip::stack::peer const& from;
    std::string aor;
    bool sips = false;
    bool wildcard = false;
    std::vector<sip::contact> contacts{};
    std::vector<sip::uri> contact_uris{}; // parallel to contacts
    std::vector<std::uint32_t> expires{}; // parallel to contacts: granted seconds (0: remove)
    std::vector<std::string> path{};      // RFC 3327 values, top first
    bool outbound_first_hop = false;    // RFC 5626: we are the edge, or the first Path has ;ob
    bool supports_gruu = false;
    bool supports_path = false;
};

registrar::registrar(registrar_config config, location_service& location, sip::auth::user_store const& users)
    : config_(std::move(config)),
      location_(location),
      challenger_(sip::auth::challenger_config{.realm = config_.domain,
                                               .secret = config_.secret,
                                               .warning_agent = config_.agent},
                  users),
      gruus_(config_.secret),
      tag_seed_(std::random_device{}())
{
}

bool registrar::responsible_for(sip::message const& request) const
{
    auto const& ruri = request.parsed_request_uri();
    return ruri.is_sip_or_sips() && host_is(ruri.sip.host, config_.domain);
}

std::string registrar::next_tag()
{
    // 8.2.6.2: a To tag for the response; a registration creates no dialog,
    // so it only has to differ between responses.
    constexpr char hex[] = "0123456789abcdef";
    std::uint64_t v = tag_seed_ ^ (++tag_serial_ * 0x9e3779b97f4a7c15ULL);
    std::string out = "r";
    for (int i = 0; i < 12; ++i, v >>= 4)
        out += hex[v & 0xf];
    return out;
}

std::string registrar::refuse(sip::message const& request, unsigned code, std::string_view reason,
                              std::string_view warning, std::string_view tag)
{
    ++stats_.refused;
    std::string out;
    auto b = sip::make_response(out, request, code, reason, {.to_tag = tag});
    // 10.3 step 7: a 423 says the least interval we accept.
    if (code == 423)
        b.header(sip::header_id::min_expires, std::to_string(config_.min_expires.count()));
    if (!warning.empty())
        b.warning(config_.agent, warning);
    b.header("Server", config_.agent);
    b.finish();
    return out;
}

std::string registrar::handle(sip::message const& request, sip::stack::peer const& from,
                              wall_clock::time_point now, bool trusted)
{
    std::string const tag = next_tag();
    if (request.method() != sip::method::register_) {
        ++stats_.refused;
        std::string out;
        sip::make_response(out, request, 405, "Method Not Allowed", {.to_tag = tag})
            .header(sip::header_id::allow, "REGISTER")
            .finish();
        return out;
    }

    // Step 1: bindings of our domain only; a proxying node forwards the
    // others before calling us (responsible_for()).
    if (!responsible_for(request))
        return refuse(request, 404, "Not Found",
                      "Request-URI: this registrar keeps no bindings for " +
                          std::string(request.parsed_request_uri().is_sip_or_sips()
                                          ? request.parsed_request_uri().sip.host
                                          : request.request_uri()),
                      tag);

    // Step 2: Require as a UAS does (8.2.2.3): 420 listing what we lack.
    std::string unsupported;
    for (auto const& field : request.headers()) {
        if (field.id != sip::header_id::require)
            continue;
        auto tags = sip::parse_option_tags(field.value, "Require");
        if (!tags)
            return refuse(request, 400, "Bad Request", tags.error().message, tag);
        for (auto t : *tags)
            if (std::find(std::begin(supported_tags), std::end(supported_tags), t) == std::end(supported_tags))
                unsupported.append(unsupported.empty() ? "" : ", ").append(t);
    }
    if (!unsupported.empty()) {
        ++stats_.refused;
        std::string out;
        sip::make_response(out, request, 420, "Bad Extension", {.to_tag = tag})
            .header(sip::header_id::unsupported, unsupported)
            .header("Server", config_.agent)
            .finish();
        return out;
    }

    // Step 3: Digest authentication (22), realm = our domain.
    std::string_view username;
    if (!trusted) {
        auto const verdict = challenger_.verify(request, now);
        if (!verdict.ok()) {
            if (sip::auth::status_for(verdict.result, sip::auth::auth_kind::www) == 400)
                ++stats_.refused;
            else
                ++stats_.challenged;
            return challenger_.respond(request, verdict, now, {.to_tag = tag});
        }
        username = verdict.username;
    }

    // Steps 4 and 5: the AOR is the To URI; the authenticated user may
    // change only its own bindings (403), and it must be of our domain (404).
    auto to = sip::parse_uri(request.to().uri);
    if (!to)
        return refuse(request, 400, "Bad Request", "To: " + to.error().message, tag);
    auto aor = canonical_aor(*to);
    if (!aor)
        return refuse(request, 404, "Not Found", "To: the address-of-record must be a SIP or SIPS URI with a user",
                      tag);
    if (!trusted && to->sip.user_text() != username)
        return refuse(request, 403, "Forbidden",
                      "To: user '" + std::string(username) + "' may not change the bindings of " + *aor, tag);
    if (!host_is(to->sip.host, config_.domain) || to->sip.port)
        return refuse(request, 404, "Not Found", "To: " + *aor + " is not an address-of-record of " + config_.domain,
                      tag);

    request_view rq{request, from, std::move(*aor)};
    rq.sips = to->kind == sip::uri_kind::sips;
    if (auto error = decode(rq, request))
        return refuse(request, error->code, error->reason, error->warning, tag);
    return update(rq, now, tag);
}

std::optional<registrar::problem> registrar::decode(request_view& rq, sip::message const& request) const
{
    std::optional<std::uint32_t> expires_header;
    std::size_t contact_fields = 0;
    for (auto const& field : request.headers()) {
        switch (field.id) {
        case sip::header_id::contact: {
            ++contact_fields;
            auto list = sip::parse_contact(field.value);
            if (!list)
                return problem{400, "Bad Request", list.error().message};
            rq.wildcard = rq.wildcard || list->wildcard;
            for (auto const& c : list->contacts) {
                auto uri = sip::parse_uri(c.address.uri);
                if (!uri)
                    return problem{400, "Bad Request", "Contact: " + uri.error().message};
                rq.contacts.push_back(c);
                rq.contact_uris.push_back(*uri);
            }
            break;
        }
        case sip::header_id::expires: {
            auto e = sip::parse_uint32(field.value, "Expires");
            if (!e)
                return problem{400, "Bad Request", e.error().message};
            expires_header = *e;
            break;
        }
        case sip::header_id::path: {
            auto list = sip::parse_name_addr_list(field.value);
            if (!list)
                return problem{400, "Bad Request", list.error().message};
            for (auto const& na : *list) {
                // RFC 5626 5.1: an edge proxy doing outbound puts ;ob in its Path URI.
                if (rq.path.empty()) {
                    auto uri = sip::parse_uri(na.uri);
                    rq.outbound_first_hop = uri && uri->is_sip_or_sips() && uri->sip.params.contains("ob");
                }
                rq.path.emplace_back(na.raw);
            }
            break;
        }
        case sip::header_id::supported: {
            auto tags = sip::parse_supported(field.value);
            if (!tags)
                return problem{400, "Bad Request", tags.error().message};
            rq.supports_gruu = rq.supports_gruu || tags->contains("gruu");
            rq.supports_path = rq.supports_path || tags->contains("path");
            break;
        }
        default: break;
        }
    }
    // RFC 5626 5.1 / 6: without a Path we are the first hop ourselves.
    if (rq.path.empty())
        rq.outbound_first_hop = true;

    // Step 6: "*" only alone and with Expires: 0.
    if (rq.wildcard) {
        if (contact_fields != 1 || !rq.contacts.empty())
            return problem{400, "Bad Request", "Contact: '*' must be the only Contact (RFC 3261 10.3 step 6)"};
        if (expires_header.value_or(1) != 0)
            return problem{400, "Bad Request", "Contact: '*' requires Expires: 0 (RFC 3261 10.3 step 6)"};
        return std::nullopt;
    }
    // RFC 5626 6: a REGISTER using outbound registers one flow.
    if (rq.contacts.size() > 1)
        for (auto const& c : rq.contacts)
            if (c.reg_id)
                return problem{400, "Bad Request", "Contact: reg-id with more than one Contact (RFC 5626 6)"};

    // Step 7: the interval of each contact: its expires parameter, else
    // Expires, else our default; shortened to our maximum; 423 when it is
    // non-zero, under an hour and under our minimum.
    auto const min = static_cast<std::uint64_t>(config_.min_expires.count());
    auto const max = static_cast<std::uint64_t>(config_.max_expires.count());
    for (auto const& c : rq.contacts) {
        std::uint64_t e = c.expires.value_or(
            expires_header.value_or(static_cast<std::uint32_t>(config_.default_expires.count())));
        if (e > 0 && e < 3600 && e < min)
            return problem{423, "Interval Too Brief",
                           "Contact: " + std::to_string(e) + " s is under the minimum of " + std::to_string(min) + " s"};
        rq.expires.push_back(static_cast<std::uint32_t>(std::min(e, max)));
    }
    return std::nullopt;
}

std::string registrar::update(request_view const& rq, wall_clock::time_point now, std::string_view tag)
{
    auto const& request = rq.msg;
    auto const call_id = request.call_id();
    auto const cseq = request.cseq().number;
    std::optional<failure> failed;
    std::vector<binding> current;

    // 10.3 step 7: the Call-ID / CSeq rule, for one existing binding.
    auto out_of_order = [&](binding const& b) {
        if (b.call_id != call_id || cseq > b.cseq)
            return false;
        failed = failure{500, "Server Internal Error",
                         "CSeq: " + std::to_string(cseq) + " is not above " + std::to_string(b.cseq) +
                             " of the binding of " + b.contact + " with this Call-ID (RFC 3261 10.3 step 7)"};
        return true;
    };

    auto change = [&](std::vector<binding>& bindings) {
        if (rq.wildcard) {
            for (auto const& b : bindings)
                if (out_of_order(b))
                    return false;
            bindings.clear();
            current = bindings;
            return true;
        }
        for (std::size_t i = 0; i < rq.contacts.size(); ++i) {
            auto const& c = rq.contacts[i];
            std::string const instance = c.instance.empty() ? std::string() : "<" + std::string(c.instance) + ">";
            // RFC 5626 6: with an instance and a reg-id through an outbound
            // first hop, the binding is the flow (instance, reg-id); else
            // the contact URI names it (10.3 step 7, 19.1.4 comparison).
            bool const flow = c.reg_id && !instance.empty() && rq.outbound_first_hop;
            auto const same = [&](binding const& b) {
                if (flow)
                    return b.instance == instance && b.reg_id == *c.reg_id;
                auto u = sip::parse_uri(b.contact);
                return u && sip::equivalent(*u, rq.contact_uris[i]);
            };
            auto it = std::find_if(bindings.begin(), bindings.end(), same);
            if (it != bindings.end() && out_of_order(*it))
                return false;
            if (rq.expires[i] == 0) {
                if (it != bindings.end())
                    bindings.erase(it);
                continue;
            }
            binding b;
            b.contact = c.address.uri;
            b.instance = instance;
            b.reg_id = flow ? *c.reg_id : 0;
            b.q = c.q.value_or(1000);
            b.expires = now + std::chrono::seconds(rq.expires[i]);
            b.call_id = call_id;
            b.cseq = cseq;
            b.path = rq.path;
            b.feature_params = feature_text(c);
            b.received = rq.from;
            b.registered = now;
            // RFC 5627 5.1.2: a new temp-gruu with every registration (the
            // earlier ones of this Call-ID keep resolving: same key).
            if (rq.supports_gruu && !instance.empty())
                b.temp_gruu = gruus_.issue(rq.aor, instance, call_id);
            if (it != bindings.end())
                *it = std::move(b);
            else
                bindings.push_back(std::move(b));
        }
        if (bindings.size() > config_.max_bindings) {
            failed = failure{403, "Forbidden",
                             "Contact: more than " + std::to_string(config_.max_bindings) + " bindings for " + rq.aor};
            return false;
        }
        current = bindings;
        return true;
    };

    // A fetch (no Contact) changes nothing (10.2.3): read the bindings only.
    if (rq.contacts.empty() && !rq.wildcard)
        current = location_.lookup(rq.aor, now);
    else if (!location_.update(rq.aor, now, change))
        return refuse(request, failed->code, failed->reason, failed->warning, tag);
    std::stable_sort(current.begin(), current.end(), [](binding const& a, binding const& b) {
        return a.q != b.q ? a.q > b.q : a.registered > b.registered;
    });

    // Step 8: 200 listing every current binding with its remaining interval.
    ++stats_.ok;
    std::string out;
    auto builder = sip::make_response(out, request, 200, "OK", {.to_tag = tag});
    bool used_outbound = false;
    for (auto const& b : current) {
        auto const left = std::chrono::ceil<std::chrono::seconds>(b.expires - now).count();
        std::string value = "<" + b.contact + ">" + b.feature_params;
        if (b.reg_id) {
            value.append(";reg-id=").append(std::to_string(b.reg_id));
            used_outbound = used_outbound || b.call_id == call_id;
        }
        if (b.q != 1000)
            value.append(";q=").append(qvalue(b.q));
        value.append(";expires=").append(std::to_string(std::max<long long>(left, 0)));
        // RFC 5627 5.1: the GRUUs of every contact with an instance, when
        // the registering UA supports them.
        if (rq.supports_gruu && b.instance.size() > 2) {
            auto const urn = std::string_view(b.instance).substr(1, b.instance.size() - 2);
            value.append(";pub-gruu=\"").append(public_gruu(rq.aor, urn)).append("\"");
            if (!b.temp_gruu.empty())
                value.append(";temp-gruu=\"").append(temp_gruu_uri(b.temp_gruu, config_.domain, rq.sips)).append("\"");
        }
        builder.header(sip::header_id::contact, value);
    }
    // RFC 5626 6: Require: outbound when the registration used it.
    if (used_outbound)
        builder.header(sip::header_id::require, "outbound");
    // RFC 3327 5.3: the Path values back when the UA supports Path.
    if (rq.supports_path)
        for (auto const& p : rq.path)
            builder.header(sip::header_id::path, p);
    // RFC 3608 6: the Service-Route for the UA's later requests.
    for (auto const& r : config_.service_route)
        builder.header(sip::header_id::service_route, r);
    builder.header(sip::header_id::supported, supported_value);
    builder.header(sip::header_id::date, sip_date(now));
    builder.header("Server", config_.agent);
    builder.finish();
    return out;
}

} // namespace cpm::core
