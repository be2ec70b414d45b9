#pragma once
/// @file
/// The non-INVITE client transaction (RFC 3261 17.1.2, figure 6).

#include "sip/message.hpp"
#include "sip/transaction/events.hpp"
#include "sip/transaction/timers.hpp"

#include <optional>

namespace cpm::sip::transaction {

class client_non_invite {
public:
    enum class state : std::uint8_t { idle, trying, proceeding, completed, terminated };

    /// @p request is the request to send (any method but INVITE and ACK).
    client_non_invite(sip::message request, timers const& config, transport_kind transport)
        : request_(std::move(request)), timers_(config), transport_(transport) {}

    actions on(client_event event);

    state current() const noexcept { return state_; }
    sip::message const& request() const noexcept { return request_; }

private:
    friend actions dispatch<>(client_non_invite&, bool, client_event&);
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
    duration e_interval_{};
    std::optional<sip::message> received_; ///< the response last passed to the TU
};

} // namespace cpm::sip::transaction
