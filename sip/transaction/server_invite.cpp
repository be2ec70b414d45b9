#include "sip/transaction/server_invite.hpp"

#include "sip/transaction/trying.hpp"

namespace cpm::sip::transaction {

actions server_invite::on(server_event event)
{
    return dispatch(*this, state_ == state::terminated, event);
}

void server_invite::on_start(actions& out)
{
    if (state_ != state::idle)
        return;
    // 17.2.1: enter Proceeding, pass the request to the TU, and send 100
    // (Trying) unless the TU answers within 200 ms (timers::trying_invite).
    state_ = state::proceeding;
    out.emplace_back(pass_to_tu{&request_});
    if (timers_.trying_invite == duration::zero())
        send_trying(out);
    else
        armed_.start(out, timer_id::trying, timers_.trying_invite);
}

void server_invite::send_trying(actions& out)
{
    last_response_.emplace(make_trying(request_));
    out.emplace_back(transmit{last_response_->text()});
}

void server_invite::on_send(actions& out, sip::message response)
{
    if (!response.is_response())
        return;
    unsigned const code = response.status_code();
    if (state_ == state::accepted) {
        // RFC 6026 7.1: the TU's 2xx retransmissions (and 2xx from other
        // forks, for a proxy) go to the transport while in Accepted.
        if (code >= 200 && code < 300) {
            last_response_.emplace(std::move(response));
            out.emplace_back(transmit{last_response_->text()});
        }
        return;
    }
    // 17.2.1: any other state ignores the TU's responses (Completed keeps
    // its final response, Confirmed only absorbs ACKs).
    if (state_ != state::proceeding)
        return;
    armed_.stop(out, timer_id::trying);
    last_response_.emplace(std::move(response));
    out.emplace_back(transmit{last_response_->text()});
    if (code < 200)
        return; // 17.2.1: 101-199 from the TU are sent; still Proceeding.
    if (code < 300) {
        // RFC 6026 7.1: a 2xx moves to Accepted and starts Timer L at 64*T1.
        state_ = state::accepted;
        armed_.start(out, timer_id::l, timers_.l);
        return;
    }
    // 17.2.1: 300-699 moves to Completed; Timer G at T1 over unreliable
    // transports, Timer H at 64*T1 for any transport.
    state_ = state::completed;
    if (transport_ == transport_kind::unreliable) {
        g_interval_ = timers_.t1;
        armed_.start(out, timer_id::g, g_interval_);
    }
    armed_.start(out, timer_id::h, timers_.h);
}

void server_invite::on_request(actions& out, sip::message request)
{
    if (!request.is_request())
        return;
    bool const ack = request.method() == method::ack;
    switch (state_) {
    case state::proceeding:
        // 17.2.1: an INVITE retransmission makes the most recent provisional
        // response go out again (nothing when there is none yet).
        if (!ack && last_response_)
            out.emplace_back(transmit{last_response_->text()});
        return;
    case state::completed:
        if (!ack) {
            // 17.2.1: an INVITE retransmission in Completed resends the final response.
            out.emplace_back(transmit{last_response_->text()});
            return;
        }
        // 17.2.1: ACK in Completed: to Confirmed, Timers G and H stop, Timer
        // I starts (T4 over unreliable transports, zero over reliable ones).
        // The ACK is not passed to the TU.
        state_ = state::confirmed;
        armed_.stop(out, timer_id::g);
        armed_.stop(out, timer_id::h);
        if (transport_ == transport_kind::reliable || timers_.i == duration::zero())
            terminate(out);
        else
            armed_.start(out, timer_id::i, timers_.i);
        return;
    case state::accepted:
        // RFC 6026 7.1: ACKs in Accepted go to the TU; INVITE
        // retransmissions are absorbed (the 2xx is the TU's to resend).
        if (ack) {
            received_.emplace(std::move(request));
            out.emplace_back(pass_to_tu{&*received_});
        }
        return;
    case state::confirmed: // 17.2.1: Confirmed absorbs ACK retransmissions.
    case state::idle:
    case state::terminated:
        return;
    }
}

void server_invite::on_timer(actions& out, timer_id id)
{
    if (!armed_.fired(id))
        return;
    switch (id) {
    case timer_id::trying: // 17.2.1: the TU did not answer within 200 ms.
        send_trying(out);
        return;
    case timer_id::g:
        // 17.2.1: Timer G fires in Completed: resend the response, restart
        // at MIN(2*previous, T2).
        out.emplace_back(transmit{last_response_->text()});
        g_interval_ = std::min(2 * g_interval_, timers_.t2);
        armed_.start(out, timer_id::g, g_interval_);
        return;
    case timer_id::h:
        // 17.2.1: Timer H fires in Completed: the ACK never came; the TU
        // learns of the transaction failure. (RFC 6026's figure 7 labels the
        // arc "-"; its text leaves this 17.2.1 paragraph unchanged.)
        out.emplace_back(report{failure::timeout});
        terminate(out);
        return;
    case timer_id::i: // 17.2.1: Timer I fires in Confirmed.
    case timer_id::l: // RFC 6026 7.1: Timer L fires in Accepted.
        terminate(out);
        return;
    default:
        return;
    }
}

void server_invite::on_transport_error(actions& out)
{
    switch (state_) {
    case state::proceeding:
    case state::accepted:
        // RFC 6026 figure 7: Proceeding and Accepted inform the TU and stay
        // (the TU may still answer, or resend its 2xx).
        out.emplace_back(report{failure::transport_error});
        return;
    case state::completed:
        // 17.2.1, 17.2.4: a transport error in Completed ends the transaction.
        out.emplace_back(report{failure::transport_error});
        terminate(out);
        return;
    default:
        return;
    }
}

void server_invite::terminate(actions& out)
{
    armed_.stop_all(out);
    state_ = state::terminated;
    out.emplace_back(terminated{});
}

} // namespace cpm::sip::transaction
