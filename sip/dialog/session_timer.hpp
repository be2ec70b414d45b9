#pragma once
/// @file
/// Session timers (RFC 4028): Session-Expires / Min-SE negotiation (422
/// when the interval is too small), the refresher role, and when to
/// refresh (half the interval) or to give up with a BYE (just before expiry).
/// Pure functions: the TU schedules what they return.

#include "sip/dialog/events.hpp"
#include "sip/header_values.hpp"
#include "sip/message.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace cpm::sip::dialog {

/// RFC 4028 4, 5: no interval below 90 s.
inline constexpr std::uint32_t minimum_session_expires = 90;

/// This UA's preferences.
struct session_timer_config {
    /// The interval asked for or granted (RFC 4028 4 recommends 1800 s);
    /// 0: this UA wants no timer of its own (it still honours a peer's).
    std::uint32_t session_expires = 1800;
    /// The smallest interval accepted (Min-SE, at least 90 s).
    std::uint32_t min_se = minimum_session_expires;
    /// Who refreshes when the UAS may choose (RFC 4028 9).
    sip::refresher preferred = sip::refresher::uas;
};

/// A session timer in force: the interval and who refreshes, named as in
/// Session-Expires (the UAC or UAS of the refresh transaction that set it).
struct session_timer {
    std::uint32_t interval = 0; ///< seconds
    sip::refresher refresher = sip::refresher::uas;

    friend bool operator==(session_timer const&, session_timer const&) = default;
};

/// "1800;refresher=uac": a Session-Expires value (no parameter for none).
std::string session_expires_value(std::uint32_t interval, sip::refresher who);

/// What a UAC puts in an INVITE or UPDATE that asks for a timer (RFC 4028
/// 7.1, 7.4): Session-Expires (at least its Min-SE), Min-SE, Supported: timer.
struct uac_request_values {
    std::uint32_t session_expires = 1800;
    std::uint32_t min_se = minimum_session_expires;
};

/// RFC 4028 7.4: after a 422, the UAC retries with Min-SE = the largest
/// Min-SE it received and Session-Expires at least that. nullopt when the
/// 422 carries no valid Min-SE (nothing to retry with).
std::optional<uac_request_values> retry_after_422(uac_request_values const& previous, sip::message const& response);

/// The UAS's answer to a request (INVITE or UPDATE) as to session timers (RFC 4028 9).
struct uas_decision {
    /// 0: go on; 422 (Session Interval Too Small): reject, with Min-SE:
    /// min_se; 400: Session-Expires or Min-SE malformed.
    unsigned status = 0;
    std::uint32_t min_se = 0;
    /// The Session-Expires for the 2xx; none: no timer for this session.
    std::optional<session_timer> timer;
    /// RFC 4028 9: the 2xx carries Require: timer (refresher is the UAC).
    bool require_timer = false;
};

uas_decision negotiate_uas(sip::message const& request, session_timer_config const& local);

/// RFC 4028 7.2: the timer a UAC learns from a 2xx: its Session-Expires
/// (refresher as given; none given means the UAS does not do timers and
/// the UAC refreshes); nullopt when the 2xx has none (no timer).
std::optional<session_timer> negotiated_from_2xx(sip::message const& response);

/// What the TU schedules for a session timer.
struct timer_plan {
    enum class kind : std::uint8_t {
        refresh, ///< RFC 4028 10: send a session refresh (re-INVITE or UPDATE)
        bye,     ///< RFC 4028 10: no refresh came: send BYE
    };
    kind what = kind::refresh;
    duration after{};
};

/// RFC 4028 10: @p t was set by a transaction this UA sent as UAC
/// (@p we_were_uac) or received. The refresher refreshes after half the
/// interval; the other side sends BYE at expiry minus the smaller of 32 s
/// and a third of the interval.
timer_plan plan(session_timer const& t, bool we_were_uac) noexcept;

} // namespace cpm::sip::dialog
