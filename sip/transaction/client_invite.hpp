#pragma once
/// @file
/// The INVITE client transaction (RFC 3261 17.1.1, figure 5, as corrected by
/// RFC 6026 7.2 and figure 5 there: a 2xx leads to Accepted, not Terminated).

#include "sip/message.hpp"
#include "sip/transaction/events.hpp"
#include "sip/transaction/timers.hpp"

#include <optional>
#include <string>

namespace cpm::sip::transaction {

class client_invite {
public:
    enum class state : std::uint8_t { idle, calling, proceeding, completed, accepted, terminated };

    /// @p request is the INVITE to send (its top Via carries the branch the
    /// transaction is known by, 17.1.3). Nothing is sent before start.
    client_invite(sip::message request, timers const& config, transport_kind transport)
        : request_(std::move(request)), timers_(config), transport_(transport) {}

    actions on(client_event event);

    state current() const noexcept { return state_; }
    sip::message const& request() const noexcept { return request_; }
    /// 9.1: a CANCEL may be sent once a provisional response arrived and no
    /// final one has (build it with build_cancel()).
    bool may_cancel() const noexcept { return state_ == state::proceeding; }

private:
    friend actions dispatch<>(client_invite&, bool, client_event&);
    void on_start(actions& out);
    void on_response(actions& out, sip::message response);
    void on_timer(actions& out, timer_id id);
    void on_transport_error(actions& out);
    void terminate(actions& out);

    sip::message request_;
    timers timers_;
    transport_kind transport_;
    state state_ = state::idle;
    armed_timers armed_;
    duration a_interval_{};
    std::optional<sip::message> received_; ///< the response last passed to the TU
    std::string ack_;                       ///< 17.1.1.3: the ACK, built once
};

} // namespace cpm::sip::transaction
