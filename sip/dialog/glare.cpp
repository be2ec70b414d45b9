#include "sip/dialog/glare.hpp"

namespace cpm::sip::dialog {

bool modification_guard::start_local(sip::method m, bool has_offer) noexcept
{
    if (!counts(m, has_offer))
        return true;
    if (local_ || remote_)
        return false;
    local_ = true;
    return true;
}

modification_verdict modification_guard::on_remote(sip::method m, bool has_offer) noexcept
{
    if (!counts(m, has_offer))
        return modification_verdict::accept;
    // RFC 3261 14.2: an INVITE received while one we sent is in progress
    // gets 491; RFC 3311 5.2: so does an UPDATE with an offer while our
    // offer (UPDATE or INVITE) is unanswered.
    if (local_)
        return modification_verdict::request_pending;
    // RFC 3261 14.2: a second INVITE before the final response to the
    // first gets 500 with Retry-After; RFC 3311 5.2: an UPDATE while an
    // offer received is unanswered, likewise.
    if (remote_)
        return modification_verdict::retry_later;
    remote_ = true;
    return modification_verdict::accept;
}

duration glare_retry_delay(bool owns_call_id, std::uint32_t random) noexcept
{
    // 14.1: 2.1-4 s (191 steps of 10 ms) for the Call-ID owner, 0-2 s (201
    // steps) for the other side, so the owner's retry comes second.
    if (owns_call_id)
        return duration(2100 + 10 * static_cast<long>(random % 191));
    return duration(10 * static_cast<long>(random % 201));
}

std::uint32_t retry_after_seconds(std::uint32_t random) noexcept
{
    return random % 11;
}

} // namespace cpm::sip::dialog
