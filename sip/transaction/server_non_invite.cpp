#include "sip/transaction/server_non_invite.hpp"

#include "sip/transaction/trying.hpp"

namespace cpm::sip::transaction {

actions server_non_invite::on(server_event event)
{
    return dispatch(*this, state_ == state::terminated, event);
}

void server_non_invite::on_start(actions& out)
{
    if (state_ != state::idle)
        return;
    // 17.2.2: enter Trying, pass the request to the TU. RFC 4320 4.1: if the
    // TU has not responded by the time a client's Timer E reaches T2, send
    // 100 (Trying) (and not earlier over an unreliable transport).
    state_ = state::trying;
    out.emplace_back(pass_to_tu{&request_});
    if (timers_.trying_non_invite > duration::zero())
        armed_.start(out, timer_id::trying, timers_.trying_non_invite);
}

void server_non_invite::on_send(actions& out, sip::message response)
{
    // 17.2.2: Completed discards any further response from the TU.
    if (!response.is_response() || (state_ != state::trying && state_ != state::proceeding))
        return;
    unsigned const code = response.status_code();
    armed_.stop(out, timer_id::trying);
    last_response_.emplace(std::move(response));
    out.emplace_back(transmit{last_response_->text()});
    if (code < 200) {
        // 17.2.2: a provisional response from the TU in Trying or Proceeding:
        // to (or stay in) Proceeding.
        state_ = state::proceeding;
        return;
    }
    // 17.2.2: a final response (200-699) moves to Completed and starts Timer
    // J (64*T1 over unreliable transports, zero over reliable ones).
    state_ = state::completed;
    if (transport_ == transport_kind::reliable || timers_.j == duration::zero())
        terminate(out);
    else
        armed_.start(out, timer_id::j, timers_.j);
}

void server_non_invite::on_request(actions& out, sip::message const& request)
{
    if (!request.is_request())
        return;
    // 17.2.2: Trying discards request retransmissions; Proceeding resends the
    // most recent provisional response, Completed the final one.
    if (state_ == state::proceeding || state_ == state::completed)
        out.emplace_back(transmit{last_response_->text()});
}

void server_non_invite::on_timer(actions& out, timer_id id)
{
    if (!armed_.fired(id))
        return;
    switch (id) {
    case timer_id::trying:
        // RFC 4320 4.1: still no response from the TU: 100 (Trying), which
        // is a provisional response sent in Trying (17.2.2): to Proceeding.
        last_response_.emplace(make_trying(request_));
        out.emplace_back(transmit{last_response_->text()});
        state_ = state::proceeding;
        return;
    case timer_id::j: // 17.2.2: Timer J fires in Completed.
        terminate(out);
        return;
    default:
        return;
    }
}

void server_non_invite::on_transport_error(actions& out)
{
    // 17.2.2, 17.2.4: a transport error while sending a response (Proceeding
    // or Completed) is reported and ends the transaction.
    if (state_ != state::proceeding && state_ != state::completed)
        return;
    out.emplace_back(report{failure::transport_error});
    terminate(out);
}

void server_non_invite::terminate(actions& out)
{
    armed_.stop_all(out);
    state_ = state::terminated;
    out.emplace_back(terminated{});
}

} // namespace cpm::sip::transaction
