#pragma once
/// @file
/// Subscription usages (RFC 6665): the subscriber's and the notifier's view
/// of one subscription (pending / active / terminated, expiry, refresh),
/// and the dialogs one SUBSCRIBE creates when it forks (a NOTIFY with a
/// new From tag makes a new dialog, 4.1.2.4).

#include "sip/dialog/dialog.hpp"
#include "sip/dialog/events.hpp"
#include "sip/event.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace cpm::sip::dialog {

/// A Subscription-State value (RFC 6665 8.2.3): "active;expires=600",
/// "terminated;reason=timeout", "terminated;reason=probation;retry-after=30".
std::string subscription_state_value(sip::substate state, std::optional<std::uint32_t> expires,
                                     std::string_view reason = {},
                                     std::optional<std::uint32_t> retry_after = std::nullopt);

/// Where a subscription stands, on either side.
enum class subscription_phase : std::uint8_t {
    waiting,    ///< subscriber: SUBSCRIBE sent, no NOTIFY yet
    pending,    ///< 4.1.2 / 4.2.1: not yet authorized
    active,
    terminated,
};

/// The subscriber side of one subscription (RFC 6665 4.1).
class subscriber {
public:
    /// @p event_type and @p id: the Event of the SUBSCRIBE (type and ;id).
    subscriber(std::string event_type, std::string id) : type_(std::move(event_type)), id_(std::move(id)) {}

    /// What to do with a NOTIFY.
    struct notify_outcome {
        /// 200; 481 when its Event is not this subscription's (4.1.3);
        /// 400 without a valid Subscription-State (8.2.3 makes it mandatory).
        unsigned status = 200;
        /// RFC 6665 4.1.3: after a termination, whether a new SUBSCRIBE may
        /// be sent (no reason, deactivated, timeout: at once; probation,
        /// giveup: after retry_after; rejected, noresource, invariant: never).
        bool may_resubscribe = false;
        std::optional<std::uint32_t> retry_after; ///< seconds, from Subscription-State
    };

    /// 4.1.2.1: the final response to our SUBSCRIBE (initial or refresh).
    /// A 2xx's Expires is the granted duration (none: keep the previous);
    /// a non-2xx to the initial SUBSCRIBE ends the subscription (4.1.2.1),
    /// to a refresh leaves it (4.1.2.2, except 481, which ends it).
    void on_subscribe_response(sip::message const& response);

    /// 4.1.3: a NOTIFY of this subscription's dialog.
    notify_outcome on_notify(sip::message const& notify);

    /// 4.1.2.2: the subscription was not refreshed before expiry.
    void expire() noexcept { phase_ = subscription_phase::terminated; }

    /// 4.1.2.4: Timer N (64*T1 from the SUBSCRIBE's 2xx) fired with no
    /// NOTIFY yet: the subscription failed. Nothing changes once a NOTIFY came.
    void notify_wait_expired() noexcept
    {
        if (phase_ == subscription_phase::waiting)
            phase_ = subscription_phase::terminated;
    }

    subscription_phase phase() const noexcept { return phase_; }
    /// The granted duration, seconds (from the 2xx or the latest NOTIFY).
    std::optional<std::uint32_t> expires() const noexcept { return expires_; }
    /// When to send the refreshing SUBSCRIBE: half the granted duration
    /// (RFC 6665 leaves the margin to the subscriber; half keeps clear of
    /// any delay); nullopt while none is known or after termination.
    std::optional<duration> refresh_after() const noexcept;
    std::string const& termination_reason() const noexcept { return reason_; }
    std::string const& event_type() const noexcept { return type_; }
    std::string const& event_id() const noexcept { return id_; }

private:
    std::string type_;
    std::string id_;
    subscription_phase phase_ = subscription_phase::waiting;
    std::optional<std::uint32_t> expires_;
    std::string reason_;
};

/// The notifier side of one subscription (RFC 6665 4.2).
class notifier {
public:
    struct config {
        std::uint32_t default_expires = 3600; ///< the package default when Expires is absent (4.2.1.1)
        std::uint32_t min_expires = 60;       ///< below: 423 (Interval Too Brief) with Min-Expires
        std::uint32_t max_expires = 7200;     ///< granted durations are capped here (4.2.1.1: may shorten)
    };

    /// @p event_type the package this notifier serves.
    notifier(std::string event_type, config const& c) : type_(std::move(event_type)), config_(c) {}

    struct subscribe_decision {
        /// 200 (RFC 6665 drops 202); 423 with Min-Expires: min_expires; 489
        /// (Bad Event) for another package or id; 400 for a malformed Expires or Event.
        unsigned status = 200;
        std::uint32_t expires = 0;     ///< granted, for the 200's Expires
        std::uint32_t min_expires = 0; ///< for a 423
    };

    /// 4.2.1.1 / 4.2.1.2: an initial or refreshing SUBSCRIBE. Expires: 0
    /// unsubscribes (4.2.1.4): the phase becomes terminated (reason
    /// timeout) and the TU sends the final NOTIFY. An initial SUBSCRIBE
    /// leaves the subscription pending until authorize().
    subscribe_decision on_subscribe(sip::message const& subscribe);

    /// 4.2.1.3: the subscription was authorized (active) or refused
    /// (terminated, reason rejected).
    void authorize(bool accepted) noexcept;
    /// 4.2.2: the granted duration ran out without a refresh (reason timeout).
    void expire() noexcept;
    /// Ends it for @p reason (deactivated, noresource, giveup, ...).
    void terminate(std::string_view reason);

    subscription_phase phase() const noexcept { return phase_; }
    /// 4.2.2: the Subscription-State of the next NOTIFY, @p remaining
    /// seconds before expiry (the expires parameter of pending and active).
    std::string state_value(std::uint32_t remaining) const;
    /// 8.2.1: the Event of the next NOTIFY (type and the SUBSCRIBE's ;id).
    std::string event_value() const;

private:
    std::string type_;
    config config_;
    std::string id_;
    bool subscribed_ = false;
    subscription_phase phase_ = subscription_phase::pending;
    std::string reason_;
};

/// The dialogs and subscriptions one SUBSCRIBE creates at the subscriber
/// (RFC 6665 4.1.2.4): the 2xx and every NOTIFY with a new From tag create
/// a dialog; each dialog carries its own subscription.
class subscribe_forks {
public:
    struct subscription_fork {
        dialog_state dialog;
        sip::dialog::subscriber subscription;
    };

    struct notify_result {
        subscription_fork* target = nullptr;     ///< the fork concerned (nullptr: status says why)
        bool created = false;       ///< this NOTIFY created the dialog (a new fork)
        subscriber::notify_outcome outcome;
    };

    /// @p subscribe is the initial SUBSCRIBE this UA sent.
    subscribe_forks(sip::message subscribe, local_options const& options);

    /// A final response to the SUBSCRIBE: a 2xx creates (or updates) the
    /// dialog of its To tag; a non-2xx ends every subscription with no NOTIFY yet.
    void on_response(sip::message const& response);
    /// A NOTIFY to the SUBSCRIBE's Call-ID and From tag: matched to its
    /// fork by From tag, or creating one (4.1.2.4). 481 when it cannot.
    notify_result on_notify(sip::message const& notify);

    std::deque<subscription_fork>& forks() noexcept { return forks_; }
    subscription_fork* find(std::string_view remote_tag) noexcept;

private:
    sip::message subscribe_;
    std::string contact_;
    bool tls_ = false;
    std::string type_;
    std::string id_;
    std::deque<subscription_fork> forks_;
};

} // namespace cpm::sip::dialog
