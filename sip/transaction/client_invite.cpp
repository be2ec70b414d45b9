#include "sip/transaction/client_invite.hpp"

#include "sip/transaction/ack_cancel.hpp"

namespace cpm::sip::transaction {

actions client_invite::on(client_event event)
{
    return dispatch(*this, state_ == state::terminated, event);
}

void client_invite::on_start(actions& out)
{
    if (state_ != state::idle)
        return;
    // 17.1.1.2: enter Calling, pass the request to the transport; over an
    // unreliable transport start Timer A at T1; in any case start Timer B at 64*T1.
    state_ = state::calling;
    out.emplace_back(transmit{request_.text()});
    if (transport_ == transport_kind::unreliable) {
        a_interval_ = timers_.t1;
        armed_.start(out, timer_id::a, a_interval_);
    }
    armed_.start(out, timer_id::b, timers_.b);
}

void client_invite::on_response(actions& out, sip::message response)
{
    if (!response.is_response())
        return;
    unsigned const code = response.status_code();
    switch (state_) {
    case state::calling:
    case state::proceeding:
        // 17.1.1.2: any response in Calling stops the retransmissions; Timer
        // B only bounds the Calling state (figure 5).
        armed_.stop(out, timer_id::a);
        armed_.stop(out, timer_id::b);
        received_.emplace(std::move(response));
        if (code < 200) {
            // 17.1.1.2: Calling or Proceeding, 1xx: to Proceeding, response to the TU.
            state_ = state::proceeding;
            out.emplace_back(pass_to_tu{&*received_});
        } else if (code < 300) {
            // RFC 6026 7.2: a 2xx moves to Accepted and starts Timer M; the
            // TU, not the transaction, acknowledges it.
            state_ = state::accepted;
            out.emplace_back(pass_to_tu{&*received_});
            armed_.start(out, timer_id::m, timers_.m);
        } else {
            // 17.1.1.2: 300-699 moves to Completed, sends the ACK (17.1.1.3),
            // passes the response up and starts Timer D (zero when reliable).
            state_ = state::completed;
            build_ack(ack_, request_, *received_);
            out.emplace_back(transmit{ack_});
            out.emplace_back(pass_to_tu{&*received_});
            if (transport_ == transport_kind::reliable || timers_.d == duration::zero())
                terminate(out);
            else
                armed_.start(out, timer_id::d, timers_.d);
        }
        return;
    case state::completed:
        // 17.1.1.2: a retransmitted final response makes the ACK go out again
        // and is not passed to the TU.
        if (code >= 300)
            out.emplace_back(transmit{ack_});
        return;
    case state::accepted:
        // RFC 6026 7.2: a 2xx in Accepted (a retransmission or another
        // branch's answer) goes to the TU; the machine stays.
        if (code >= 200 && code < 300) {
            received_.emplace(std::move(response));
            out.emplace_back(pass_to_tu{&*received_});
        }
        return;
    case state::idle:
    case state::terminated:
        return;
    }
}

void client_invite::on_timer(actions& out, timer_id id)
{
    if (!armed_.fired(id))
        return;
    switch (id) {
    case timer_id::a:
        // 17.1.1.2: Timer A fires in Calling: retransmit, restart at twice
        // the previous interval.
        out.emplace_back(transmit{request_.text()});
        a_interval_ *= 2;
        armed_.start(out, timer_id::a, a_interval_);
        return;
    case timer_id::b:
        // 17.1.1.2: Timer B fires in Calling: inform the TU of the timeout
        // (no ACK), move to Terminated.
        out.emplace_back(report{failure::timeout});
        terminate(out);
        return;
    case timer_id::d: // 17.1.1.2: Timer D fires in Completed.
    case timer_id::m: // RFC 6026 7.2: Timer M fires in Accepted.
        terminate(out);
        return;
    default:
        return;
    }
}

void client_invite::on_transport_error(actions& out)
{
    // 17.1.4, figure 5: a transport error while sending the INVITE (Calling)
    // or the ACK (Completed) is reported and ends the transaction. Nothing
    // is sent in Proceeding or Accepted.
    if (state_ != state::calling && state_ != state::completed)
        return;
    out.emplace_back(report{failure::transport_error});
    terminate(out);
}

void client_invite::terminate(actions& out)
{
    armed_.stop_all(out);
    state_ = state::terminated;
    out.emplace_back(terminated{});
}

} // namespace cpm::sip::transaction
