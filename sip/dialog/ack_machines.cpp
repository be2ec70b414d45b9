#include "sip/dialog/ack_machines.hpp"

#include <algorithm>

namespace cpm::sip::dialog {

actions uas_2xx_retransmitter::on(event e)
{
    actions out;
    if (std::holds_alternative<start>(e)) {
        if (state_ != state::idle)
            return out;
        // 13.3.1.4: the 2xx goes out, and again at T1, doubling to T2;
        // 64*T1 bounds the wait for the ACK.
        state_ = state::waiting_ack;
        out.emplace_back(transmit{response_});
        interval_ = timers_.t1;
        armed_.start(out, timer_id::retransmit_2xx, interval_);
        armed_.start(out, timer_id::ack_wait, 64 * timers_.t1);
        return out;
    }
    if (state_ != state::waiting_ack)
        return out;
    if (std::holds_alternative<message_received>(e)) {
        // 13.3.1.4: the ACK stops the retransmissions.
        state_ = state::acknowledged;
        armed_.stop(out, timer_id::retransmit_2xx);
        armed_.stop(out, timer_id::ack_wait);
        out.emplace_back(finished{});
        return out;
    }
    timer_id const id = std::get<timer_fired>(e).id;
    if (!armed_.fired(id))
        return out;
    if (id == timer_id::retransmit_2xx) {
        out.emplace_back(transmit{response_});
        interval_ = std::min(2 * interval_, timers_.t2);
        armed_.start(out, timer_id::retransmit_2xx, interval_);
    } else if (id == timer_id::ack_wait) {
        // 13.3.1.4: 64*T1 without ACK: the dialog is confirmed but the
        // session SHOULD end with a BYE.
        state_ = state::timed_out;
        armed_.stop(out, timer_id::retransmit_2xx);
        out.emplace_back(ack_timeout{});
        out.emplace_back(finished{});
    }
    return out;
}

actions uac_2xx_acker::on(event e)
{
    actions out;
    if (std::holds_alternative<start>(e)) {
        if (state_ != state::idle)
            return out;
        state_ = state::acknowledging;
        out.emplace_back(transmit{ack_});
        armed_.start(out, timer_id::keep_ack, 64 * timers_.t1);
        return out;
    }
    if (state_ != state::acknowledging)
        return out;
    if (std::holds_alternative<message_received>(e)) {
        // 13.2.2.4: a retransmitted 2xx gets the same ACK again (the
        // transaction layer passes it up, RFC 6026 7.2).
        out.emplace_back(transmit{ack_});
        return out;
    }
    if (armed_.fired(std::get<timer_fired>(e).id)) {
        state_ = state::finished;
        out.emplace_back(finished{});
    }
    return out;
}

} // namespace cpm::sip::dialog
