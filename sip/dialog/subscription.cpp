#include "sip/dialog/subscription.hpp"

#include "sip/header_values.hpp"

#include <algorithm>

namespace cpm::sip::dialog {

std::string subscription_state_value(sip::substate state, std::optional<std::uint32_t> expires,
                                     std::string_view reason, std::optional<std::uint32_t> retry_after)
{
    std::string s;
    switch (state) {
    case substate::active: s = "active"; break;
    case substate::pending: s = "pending"; break;
    case substate::terminated: s = "terminated"; break;
    case substate::extension: break;
    }
    if (!reason.empty())
        s.append(";reason=").append(reason);
    if (expires)
        s.append(";expires=").append(std::to_string(*expires));
    if (retry_after)
        s.append(";retry-after=").append(std::to_string(*retry_after));
    return s;
}

namespace {

/// The Event of @p m, if it has a valid one.
std::optional<sip::event> event_of(sip::message const& m)
{
    auto const* h = m.find(header_id::event);
    if (h == nullptr)
        return std::nullopt;
    auto e = parse_event(h->value);
    if (!e)
        return std::nullopt;
    return *e;
}

/// 8.2.1 / 4.1.3: the same event type (case-sensitive) and the same ;id.
bool same_event(sip::event const& e, std::string_view type, std::string_view id)
{
    return e.type == type && e.id == id;
}

} // namespace

// --- subscriber ----------------------------------------------------------------

void subscriber::on_subscribe_response(sip::message const& response)
{
    unsigned const code = response.status_code();
    if (code < 200 || phase_ == subscription_phase::terminated)
        return;
    if (code < 300) {
        // 4.1.2.1: the 2xx's Expires is the duration actually granted.
        if (auto const* h = response.find(header_id::expires))
            if (auto v = parse_delta_seconds(h->value, "Expires"))
                expires_ = *v;
        return;
    }
    // 4.1.2.1: a failed initial SUBSCRIBE ends it; 4.1.2.2: a failed
    // refresh leaves the subscription until it expires, but 481 means the
    // notifier no longer knows it.
    if (phase_ == subscription_phase::waiting || code == 481)
        phase_ = subscription_phase::terminated;
}

subscriber::notify_outcome subscriber::on_notify(sip::message const& notify)
{
    notify_outcome out;
    auto e = event_of(notify);
    if (!e || !same_event(*e, type_, id_)) {
        out.status = 481; // 4.1.3: no such subscription
        return out;
    }
    auto const* h = notify.find(header_id::subscription_state);
    if (h == nullptr) {
        out.status = 400; // 8.2.3: a NOTIFY requires Subscription-State
        return out;
    }
    auto st = parse_subscription_state(h->value);
    if (!st) {
        out.status = 400;
        return out;
    }
    if (phase_ == subscription_phase::terminated) {
        out.status = 481;
        return out;
    }
    // 4.1.3: the expires parameter updates the subscription's duration.
    if (st->expires)
        expires_ = *st->expires;
    if (st->state == substate::active) {
        phase_ = subscription_phase::active;
    } else if (st->state == substate::pending) {
        phase_ = subscription_phase::pending;
    } else if (st->state == substate::terminated) {
        phase_ = subscription_phase::terminated;
        reason_ = std::string(st->reason);
        out.retry_after = st->retry_after;
        // 4.1.3: no reason, deactivated or timeout: resubscribe at will;
        // probation or giveup: after retry-after; rejected, noresource,
        // invariant (and unknown reasons): not.
        std::string_view const r = st->reason;
        out.may_resubscribe = r.empty() || r == "deactivated" || r == "timeout" || r == "probation" || r == "giveup";
    }
    // An extension state value leaves the phase as it was (this layer
    // knows no extension).
    return out;
}

std::optional<duration> subscriber::refresh_after() const noexcept
{
    if (!expires_ || phase_ == subscription_phase::terminated)
        return std::nullopt;
    return std::chrono::duration_cast<duration>(std::chrono::seconds(*expires_)) / 2;
}

// --- notifier --------------------------------------------------------------------

notifier::subscribe_decision notifier::on_subscribe(sip::message const& subscribe)
{
    subscribe_decision d;
    auto e = event_of(subscribe);
    if (!e) {
        d.status = subscribe.find(header_id::event) == nullptr ? 489 : 400;
        return d;
    }
    // 4.2.1.1: a package this notifier does not serve: 489 (Bad Event);
    // 4.2.1.2: a refresh must name the same id.
    if (e->type != type_ || (subscribed_ && e->id != id_)) {
        d.status = 489;
        return d;
    }
    std::uint32_t requested = config_.default_expires;
    if (auto const* h = subscribe.find(header_id::expires)) {
        auto v = parse_delta_seconds(h->value, "Expires");
        if (!v) {
            d.status = 400;
            return d;
        }
        requested = *v;
    }
    if (requested == 0) {
        // 4.2.1.4: unsubscribe: 200 and a final NOTIFY (terminated).
        subscribed_ = true;
        id_ = std::string(e->id);
        phase_ = subscription_phase::terminated;
        reason_ = "timeout";
        d.expires = 0;
        return d;
    }
    if (requested < config_.min_expires) {
        // 4.2.1.1: too brief: 423 with Min-Expires.
        d.status = 423;
        d.min_expires = config_.min_expires;
        return d;
    }
    if (!subscribed_) {
        subscribed_ = true;
        id_ = std::string(e->id);
        phase_ = subscription_phase::pending;
    }
    // 4.2.1.1: the notifier may shorten, never lengthen, the duration.
    d.expires = std::min(requested, config_.max_expires);
    return d;
}

void notifier::authorize(bool accepted) noexcept
{
    if (phase_ != subscription_phase::pending)
        return;
    if (accepted) {
        phase_ = subscription_phase::active;
    } else {
        phase_ = subscription_phase::terminated;
        reason_ = "rejected";
    }
}

void notifier::expire() noexcept
{
    if (phase_ == subscription_phase::terminated)
        return;
    phase_ = subscription_phase::terminated;
    reason_ = "timeout";
}

void notifier::terminate(std::string_view reason)
{
    phase_ = subscription_phase::terminated;
    reason_ = std::string(reason);
}

std::string notifier::state_value(std::uint32_t remaining) const
{
    switch (phase_) {
    case subscription_phase::active: return subscription_state_value(substate::active, remaining);
    case subscription_phase::terminated: return subscription_state_value(substate::terminated, std::nullopt, reason_);
    default: return subscription_state_value(substate::pending, remaining);
    }
}

std::string notifier::event_value() const
{
    std::string s = type_;
    if (!id_.empty())
        s.append(";id=").append(id_);
    return s;
}

// --- subscribe_forks ------------------------------------------------------------

subscribe_forks::subscribe_forks(sip::message subscribe, local_options const& options)
    : subscribe_(std::move(subscribe)), contact_(options.contact), tls_(options.tls)
{
    if (auto e = event_of(subscribe_)) {
        type_ = std::string(e->type);
        id_ = std::string(e->id);
    }
}

subscribe_forks::subscription_fork* subscribe_forks::find(std::string_view remote_tag) noexcept
{
    for (auto& f : forks_)
        if (f.dialog.id().remote_tag == remote_tag)
            return &f;
    return nullptr;
}

void subscribe_forks::on_response(sip::message const& response)
{
    unsigned const code = response.status_code();
    if (code < 200)
        return;
    if (code >= 300) {
        // 4.1.2.1: the SUBSCRIBE failed: nothing that had no NOTIFY survives.
        for (auto& f : forks_)
            f.subscription.on_subscribe_response(response);
        return;
    }
    subscription_fork* f = find(response.to().tag);
    if (f == nullptr) {
        local_options options;
        options.contact = contact_;
        options.tls = tls_;
        auto d = dialog_state::create_uac(subscribe_, response, options);
        if (!d)
            return;
        forks_.push_back({std::move(*d), sip::dialog::subscriber(type_, id_)});
        f = &forks_.back();
    }
    f->subscription.on_subscribe_response(response);
}

subscribe_forks::notify_result subscribe_forks::on_notify(sip::message const& notify)
{
    notify_result r;
    if (notify.call_id() != subscribe_.call_id() || notify.to().tag != subscribe_.from().tag) {
        r.outcome.status = 481;
        return r;
    }
    subscription_fork* f = find(notify.from().tag);
    if (f == nullptr) {
        // 4.1.2.4: a NOTIFY with a new From tag creates a dialog (a fork
        // of the SUBSCRIBE answered, or a NOTIFY ahead of the 2xx).
        local_options options;
        options.contact = contact_;
        options.tls = tls_;
        auto d = dialog_state::create_from_notify(subscribe_, notify, options);
        if (!d) {
            r.outcome.status = d.error() == errc::not_a_dialog_message ? 481 : 400;
            return r;
        }
        forks_.push_back({std::move(*d), sip::dialog::subscriber(type_, id_)});
        f = &forks_.back();
        r.created = true;
    } else if (f->dialog.on_request(notify) == request_verdict::out_of_order) {
        r.outcome.status = 500; // 12.2.2
        r.target = f;
        return r;
    }
    r.target = f;
    r.outcome = f->subscription.on_notify(notify);
    return r;
}

} // namespace cpm::sip::dialog
