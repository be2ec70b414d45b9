#include "cpm/client/registration.hpp"

#include "sip/contact.hpp"
#include "sip/cseq.hpp"
#include "sip/uri.hpp"

#include <algorithm>
#include <chrono>

namespace cpm::client {

namespace st = sip::stack;

namespace {

/// Whether @p a and @p b are the same URI (RFC 3261 19.1.4), or the same
/// text when either does not parse.
bool same_uri(std::string_view a, std::string_view b)
{
    auto const ua = sip::parse_uri(a);
    auto const ub = sip::parse_uri(b);
    if (!ua || !ub)
        return a == b;
    return sip::equivalent(*ua, *ub);
}

std::optional<std::uint32_t> header_number(sip::message const& m, sip::header_id id)
{
    auto const* f = m.find(id);
    if (f == nullptr)
        return std::nullopt;
    auto const n = sip::parse_uint32(f->value, canonical_name(id));
    if (!n)
        return std::nullopt;
    return *n;
}

} // namespace

std::string_view to_string(registration_state s) noexcept
{
    switch (s) {
    case registration_state::unregistered: return "unregistered";
    case registration_state::registering: return "registering";
    case registration_state::registered: return "registered";
    case registration_state::unregistering: return "unregistering";
    case registration_state::failed: return "failed";
    }
    return "unknown";
}

registration::registration(account const& a, sip::auth::digest_client& digest) : account_(a), digest_(digest) {}

outgoing registration::make_register(st::core& c, std::uint32_t expires)
{
    if (call_id_.empty())
        call_id_ = c.new_call_id();
    std::string const aor = address_of_record(account_);
    outgoing r;
    r.method = "REGISTER";
    // 10.2: the Request-URI names the domain of the registrar, no user part.
    r.request_uri = "sip:" + account_.domain;
    r.from = name_addr(account_.display_name, aor);
    r.from_tag = c.new_tag();
    r.to = name_addr(account_.display_name, aor);
    r.call_id = call_id_;
    r.cseq = ++cseq_;
    // Draft 7.1 steps 2, 3, 6, 7: the CPM feature tag, +sip.instance
    // (RFC 5626 4.1) with reg-id (4.2), in a Contact with the display name.
    std::string contact = name_addr(account_.display_name, c.configuration().contact);
    if (!account_.instance.empty())
        contact += ";+sip.instance=\"<" + account_.instance + ">\";reg-id=" + std::to_string(account_.reg_id);
    if (!account_.services.empty())
        contact += ";" + icsi_feature(account_.services);
    r.fields.emplace_back("Contact", std::move(contact));
    r.fields.emplace_back("Expires", std::to_string(expires));
    // Draft 7.1 step 4 (RFC 5627 4.1) and RFC 5626 4.2.1: the client supports
    // GRUU and outbound; step 5: it requires GRUU (account::require_gruu).
    r.fields.emplace_back("Supported", "gruu, outbound");
    if (account_.require_gruu)
        r.fields.emplace_back("Require", "gruu");
    r.fields.emplace_back("Allow", std::string(allowed_methods));
    r.fields.emplace_back("User-Agent", std::string(user_agent_text));
    preauthorize(digest_, r);
    return r;
}

result<void> registration::send_register(st::core& c, std::uint32_t expires)
{
    pending_ = pending_request{};
    pending_.request = make_register(c, expires);
    asked_ = expires;
    auto h = send(c, account_.server, pending_);
    if (!h)
        return h.error();
    in_flight_ = true;
    return {};
}

result<void> registration::start(st::core& c)
{
    if (in_flight_)
        return errc::busy;
    retried_423_ = false;
    removing_ = false;
    refreshing_ = false;
    disarm(c);
    auto r = send_register(c, account_.expires);
    if (r)
        state_ = registration_state::registering;
    return r;
}

result<void> registration::stop(st::core& c)
{
    if (in_flight_)
        return errc::busy;
    // After a failed refresh the binding may live on until it expires.
    bool const bound = state_ == registration_state::registered || (state_ == registration_state::failed && granted_ > 0);
    if (!bound)
        return errc::not_registered;
    disarm(c);
    removing_ = true;
    refreshing_ = false;
    auto r = send_register(c, 0);
    if (r)
        state_ = registration_state::unregistering;
    return r;
}

bool registration::handle(st::core& c, st::action const& a)
{
    if (auto const* t = std::get_if<st::tu_timer_fired>(&a)) {
        if (refresh_ == st::timer_handle{} || t->id != refresh_)
            return false;
        refresh_ = {};
        // REQ-7.1-P2: re-registration (RFC 3261 10.2.1) before the binding expires.
        retried_423_ = false;
        refreshing_ = true;
        state_ = registration_state::registering;
        if (auto r = send_register(c, account_.expires); !r)
            finish(registration_state::failed, 503, r.error().message());
        return true;
    }
    if (!in_flight_)
        return false;
    if (auto const* f = std::get_if<st::request_failed>(&a)) {
        if (f->transaction != pending_.handle)
            return false;
        on_final(c, f->status, f->status == 408 ? "Request Timeout" : "Service Unavailable", nullptr);
        return true;
    }
    auto const* r = std::get_if<st::response_received>(&a);
    if (r == nullptr || r->transaction != pending_.handle)
        return false;
    sip::message const& response = *r->response;
    unsigned const status = response.status_code();
    if (status < 200)
        return true;
    on_final(c, status, std::string(response.reason()), &response);
    return true;
}

void registration::on_final(st::core& c, unsigned status, std::string reason, sip::message const* response)
{
    in_flight_ = false;
    last_status_ = status;
    if (response != nullptr && (status == 401 || status == 407) && answer_challenge(digest_, *response, pending_)) {
        cseq_ = pending_.request.cseq;
        if (auto h = send(c, account_.server, pending_); h) {
            in_flight_ = true;
            return;
        }
        reason = "REGISTER could not be sent again";
    }
    if (response != nullptr && status == 423 && !retried_423_ && !removing_) {
        // 10.2.8: retry once with the registrar's Min-Expires.
        auto const min = header_number(*response, sip::header_id::min_expires);
        if (min && *min > asked_) {
            retried_423_ = true;
            if (send_register(c, *min))
                return;
        }
    }
    if (response != nullptr && status >= 200 && status < 300) {
        on_success(c, *response);
        return;
    }
    // A refused de-registration leaves the binding to expire by itself;
    // every other failure leaves no binding this client can count on. A
    // failed refresh is tried again with RFC 5626 4.5's backoff: 30 s,
    // doubling up to 1800 s.
    if (!refreshing_)
        granted_ = 0;
    if (refreshing_ && !removing_) {
        ++failures_;
        unsigned const shift = failures_ > 6 ? 6 : failures_ - 1;
        arm(c, std::chrono::seconds(std::min(30u << shift, 1800u)));
    }
    finish(registration_state::failed, status, std::move(reason));
}

void registration::on_success(st::core& c, sip::message const& response)
{
    service_route_.clear();
    if (removing_) {
        granted_ = 0;
        pub_gruu_.clear();
        temp_gruu_.clear();
        finish(registration_state::unregistered, response.status_code(), std::string(response.reason()));
        return;
    }
    // 10.2.4: the 200 lists every binding of the AOR; ours is the one with
    // our +sip.instance (RFC 5626 6) or, without one, our Contact URI.
    std::optional<std::uint32_t> expires;
    bool found = false;
    std::string_view const own = c.configuration().contact;
    for (auto const& f : response.headers()) {
        if (f.id == sip::header_id::service_route) {
            // RFC 3608 6: the route set for requests this client sends, in order.
            auto const list = sip::parse_name_addr_list(f.value);
            if (list)
                for (auto const& na : *list)
                    service_route_.emplace_back(na.raw);
            continue;
        }
        if (f.id != sip::header_id::contact)
            continue;
        auto const list = sip::parse_contact(f.value);
        if (!list)
            continue;
        for (auto const& ct : list->contacts) {
            bool const ours = !account_.instance.empty() && !ct.instance.empty()
                                  ? ct.instance == account_.instance
                                  : same_uri(ct.address.uri, own);
            if (!ours || found)
                continue;
            found = true;
            expires = ct.expires;
            // RFC 5627 5.1: the GRUUs come back on our Contact.
            pub_gruu_ = std::string(ct.pub_gruu);
            temp_gruu_ = std::string(ct.temp_gruu);
        }
    }
    if (!expires)
        expires = header_number(response, sip::header_id::expires);
    granted_ = expires.value_or(asked_);
    if (granted_ == 0) {
        finish(registration_state::unregistered, response.status_code(), "the registrar kept no binding");
        return;
    }
    failures_ = 0;
    // Refresh at half the granted time: well before expiry, with room for
    // a challenge and retransmissions (64*T1 = 32 s on UDP).
    arm(c, std::chrono::milliseconds(std::uint64_t{granted_} * 1000 / 2));
    finish(registration_state::registered, response.status_code(), std::string(response.reason()));
}

void registration::finish(registration_state s, unsigned status, std::string reason)
{
    state_ = s;
    last_status_ = status;
    bool const refresh = refreshing_;
    refreshing_ = false;
    removing_ = false;
    if (listener_)
        listener_(registration_event{s, status, std::move(reason), refresh});
}

void registration::arm(st::core& c, st::duration after)
{
    disarm(c);
    if (auto h = c.start_tu_timer(after, 0))
        refresh_ = *h;
}

void registration::disarm(st::core& c)
{
    if (refresh_ != st::timer_handle{})
        c.stop_tu_timer(refresh_);
    refresh_ = {};
}

} // namespace cpm::client
