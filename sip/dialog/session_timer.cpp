#include "sip/dialog/session_timer.hpp"

#include "sip/token_list.hpp"

#include <algorithm>

namespace cpm::sip::dialog {

std::string session_expires_value(std::uint32_t interval, sip::refresher who)
{
    std::string s = std::to_string(interval);
    if (who == refresher::uac)
        s += ";refresher=uac";
    else if (who == refresher::uas)
        s += ";refresher=uas";
    return s;
}

namespace {

/// Whether any Supported field of @p m lists @p tag.
bool supports(sip::message const& m, std::string_view tag)
{
    for (auto const& h : m.headers())
        if (h.id == header_id::supported)
            if (auto list = parse_supported(h.value); list && list->contains(tag))
                return true;
    return false;
}

} // namespace

std::optional<uac_request_values> retry_after_422(uac_request_values const& previous, sip::message const& response)
{
    auto const* field = response.find(header_id::min_se);
    if (response.status_code() != 422 || field == nullptr)
        return std::nullopt;
    auto min_se = parse_min_se(field->value);
    if (!min_se)
        return std::nullopt;
    // RFC 4028 7.4: Min-SE = the largest value seen in 422s of this call
    // (and the UAC's own); Session-Expires no smaller.
    uac_request_values next;
    next.min_se = std::max({previous.min_se, min_se->delta, minimum_session_expires});
    next.session_expires = std::max(previous.session_expires, next.min_se);
    return next;
}

uas_decision negotiate_uas(sip::message const& request, session_timer_config const& local)
{
    uas_decision d;
    std::optional<sip::session_expires> asked;
    if (auto const* h = request.find(header_id::session_expires)) {
        auto se = parse_session_expires(h->value);
        if (!se) {
            d.status = 400;
            return d;
        }
        asked = *se;
    }
    std::uint32_t request_min_se = minimum_session_expires;
    if (auto const* h = request.find(header_id::min_se)) {
        auto m = parse_min_se(h->value);
        if (!m) {
            d.status = 400;
            return d;
        }
        request_min_se = std::max(request_min_se, m->delta);
    }
    std::uint32_t const own_min = std::max(local.min_se, minimum_session_expires);
    // RFC 4028 9: an interval below the UAS's minimum is answered 422 with
    // the UAS's Min-SE.
    if (asked && asked->delta < own_min) {
        d.status = 422;
        d.min_se = own_min;
        return d;
    }
    bool const uac_supports = supports(request, "timer");
    std::uint32_t interval = 0;
    if (asked) {
        // RFC 4028 9: the UAS may shorten the interval, never below the
        // request's Min-SE (90 s without one) nor its own minimum.
        interval = asked->delta;
        if (local.session_expires != 0 && local.session_expires < interval)
            interval = std::max({local.session_expires, request_min_se, own_min});
    } else if (local.session_expires != 0) {
        // RFC 4028 9: without Session-Expires the UAS may still ask for a
        // timer in its 2xx, no smaller than the request's Min-SE.
        interval = std::max({local.session_expires, request_min_se, own_min});
    } else {
        return d; // neither side wants a timer
    }
    sip::refresher who = refresher::uas;
    if (asked && asked->refresher != refresher::none)
        who = asked->refresher; // RFC 4028 9: the UAC chose; keep it
    else if (uac_supports && local.preferred != refresher::none)
        who = local.preferred; // RFC 4028 9: the UAS chooses
    // (A UAC without "timer" support cannot refresh: the UAS does, RFC 4028 9.)
    d.timer = session_timer{interval, who};
    d.require_timer = who == refresher::uac;
    return d;
}

std::optional<session_timer> negotiated_from_2xx(sip::message const& response)
{
    auto const* h = response.find(header_id::session_expires);
    if (h == nullptr)
        return std::nullopt; // RFC 4028 7.2: no Session-Expires, no timer
    auto se = parse_session_expires(h->value);
    if (!se)
        return std::nullopt;
    sip::refresher const who = se->refresher == refresher::none ? refresher::uac : se->refresher;
    return session_timer{se->delta, who};
}

timer_plan plan(session_timer const& t, bool we_were_uac) noexcept
{
    using std::chrono::seconds;
    bool const we_refresh = (t.refresher == refresher::uac) == we_were_uac;
    duration const interval = std::chrono::duration_cast<duration>(seconds(t.interval));
    if (we_refresh)
        return {timer_plan::kind::refresh, interval / 2}; // RFC 4028 10: half the interval
    // RFC 4028 10: BYE before expiry, by the smaller of 32 s and a third
    // of the interval.
    duration const margin = std::min<duration>(seconds(32), interval / 3);
    return {timer_plan::kind::bye, interval - margin};
}

} // namespace cpm::sip::dialog
