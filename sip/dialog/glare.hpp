#pragma once
/// @file
/// Session modification glare within one dialog: a re-INVITE (RFC 3261
/// 14) or an UPDATE carrying an offer (RFC 3311 5) that crosses one of
/// ours, or arrives before we answered the previous one, and the wait
/// before retrying after a 491 (RFC 3261 14.1).

#include "sip/method.hpp"
#include "sip/transaction/timers.hpp"

#include <cstdint>

namespace cpm::sip::dialog {

using duration = transaction::duration;

/// What to answer a re-INVITE or an UPDATE received in the dialog.
enum class modification_verdict : std::uint8_t {
    accept,
    /// 491 (Request Pending): it crosses a modification of ours still
    /// pending (RFC 3261 14.2, RFC 3311 5.2).
    request_pending,
    /// 500 (Server Internal Error) with a Retry-After of 0-10 s: an earlier
    /// modification received is still unanswered (RFC 3261 14.2, RFC 3311 5.2).
    retry_later,
};

/// Tracks the re-INVITE / UPDATE transactions of one dialog in each
/// direction. Only requests that carry an offer can glare (an UPDATE
/// without a body refreshes only, RFC 3311 5.1, RFC 4028 7.4); a
/// re-INVITE always counts (RFC 3261 14.2 speaks of INVITEs, offer or not).
class modification_guard {
public:
    /// We send a re-INVITE or an UPDATE. False when one of ours, or one
    /// received and unanswered, is pending: RFC 3261 14.1 and RFC 3311 5.1
    /// forbid starting another (the caller waits).
    bool start_local(sip::method m, bool has_offer = true) noexcept;
    /// Our re-INVITE / UPDATE got its final response (for an INVITE, the
    /// 2xx's ACK or the non-2xx ends it).
    void end_local() noexcept { local_ = false; }

    /// A re-INVITE or UPDATE arrived. accept marks it pending until
    /// end_remote().
    modification_verdict on_remote(sip::method m, bool has_offer = true) noexcept;
    /// We sent the final response to the modification received.
    void end_remote() noexcept { remote_ = false; }

    bool local_pending() const noexcept { return local_; }
    bool remote_pending() const noexcept { return remote_; }

private:
    static bool counts(sip::method m, bool has_offer) noexcept
    {
        return m == method::invite || (m == method::update && has_offer);
    }

    bool local_ = false;
    bool remote_ = false;
};

/// RFC 3261 14.1: after a 491, the UAC retries after T: 2.1 s to 4 s in
/// units of 10 ms when it owns the dialog's Call-ID (it sent the request
/// that created the dialog), 0 to 2 s otherwise. @p random is any
/// uniformly distributed number the caller draws; the caller schedules T.
duration glare_retry_delay(bool owns_call_id, std::uint32_t random) noexcept;

/// RFC 3261 14.2: the Retry-After (seconds, 0 to 10) of the 500 answered
/// to a re-INVITE that arrives while an earlier one is unanswered.
std::uint32_t retry_after_seconds(std::uint32_t random) noexcept;

} // namespace cpm::sip::dialog
