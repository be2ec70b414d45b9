#include "sip/transaction/client_non_invite.hpp"

namespace cpm::sip::transaction {

actions client_non_invite::on(client_event event)
{
    return dispatch(*this, state_ == state::terminated, event);
}

void client_non_invite::on_start(actions& out)
{
    if (state_ != state::idle)
        return;
    // 17.1.2.2: enter Trying, pass the request to the transport, start Timer
    // F at 64*T1 and, over an unreliable transport, Timer E at T1.
    state_ = state::trying;
    out.emplace_back(transmit{request_.text()});
    if (transport_ == transport_kind::unreliable) {
        e_interval_ = timers_.t1;
        armed_.start(out, timer_id::e, e_interval_);
    }
    armed_.start(out, timer_id::f, timers_.f);
}

void client_non_invite::on_response(actions& out, sip::message response)
{
    if (!response.is_response() || (state_ != state::trying && state_ != state::proceeding))
        return; // 17.1.2.2: Completed absorbs retransmitted final responses.
    unsigned const code = response.status_code();
    received_.emplace(std::move(response));
    out.emplace_back(pass_to_tu{&*received_});
    if (code < 200) {
        // 17.1.2.2: Trying or Proceeding, 1xx: to Proceeding; Timer E keeps
        // running (it restarts at T2 from now on).
        state_ = state::proceeding;
        return;
    }
    // 17.1.2.2: 200-699 in Trying or Proceeding: to Completed, start Timer K
    // (T4 over unreliable transports, zero over reliable ones).
    state_ = state::completed;
    armed_.stop(out, timer_id::e);
    armed_.stop(out, timer_id::f);
    if (transport_ == transport_kind::reliable || timers_.k == duration::zero())
        terminate(out);
    else
        armed_.start(out, timer_id::k, timers_.k);
}

void client_non_invite::on_timer(actions& out, timer_id id)
{
    if (!armed_.fired(id))
        return;
    switch (id) {
    case timer_id::e:
        // 17.1.2.2: Timer E fires in Trying: retransmit, restart at
        // MIN(2*previous, T2); in Proceeding: retransmit, restart at T2.
        out.emplace_back(transmit{request_.text()});
        e_interval_ = state_ == state::proceeding ? timers_.t2 : std::min(2 * e_interval_, timers_.t2);
        armed_.start(out, timer_id::e, e_interval_);
        return;
    case timer_id::f:
        // 17.1.2.2: Timer F fires in Trying or Proceeding: timeout to the TU.
        out.emplace_back(report{failure::timeout});
        terminate(out);
        return;
    case timer_id::k: // 17.1.2.2: Timer K fires in Completed.
        terminate(out);
        return;
    default:
        return;
    }
}

void client_non_invite::on_transport_error(actions& out)
{
    // 17.1.4, figure 6: Trying or Proceeding (the request is being sent).
    if (state_ != state::trying && state_ != state::proceeding)
        return;
    out.emplace_back(report{failure::transport_error});
    terminate(out);
}

void client_non_invite::terminate(actions& out)
{
    armed_.stop_all(out);
    state_ = state::terminated;
    out.emplace_back(terminated{});
}

} // namespace cpm::sip::transaction
