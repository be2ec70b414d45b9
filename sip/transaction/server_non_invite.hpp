#pragma once
/// @file
/// The non-INVITE server transaction (RFC 3261 17.2.2, figure 8), with the
/// 100 (Trying) rule of RFC 4320 4.1.

#include "sip/message.hpp"
#include "sip/transaction/events.hpp"
#include "sip/transaction/timers.hpp"

#include <optional>

namespace cpm::sip::transaction {

class server_non_invite {
public:
    enum class state : std::uint8_t { idle, trying, proceeding, completed, terminated };

    /// @p request is the request that created the transaction (not INVITE, not ACK).
    server_non_invite(sip::message request, timers const& config, transport_kind transport)
        : request_(std::move(request)), timers_(config), transport_(transport) {}

    actions on(server_event event);

    state current() const noexcept { return state_; }
    sip::message const& request() const noexcept { return request_; }
    sip::message const* last_response() const noexcept { return last_response_ ? &*last_response_ : nullptr; }

private:
    friend actions dispatch<>(server_non_invite&, bool, server_event&);
    void on_start(actions& out);
    void on_send(actions& out, sip::message response);
    void on_request(actions& out, sip::message const& request);
    void on_timer(actions& out, timer_id id);
    void on_transport_error(actions& out);
    void terminate(actions& out);

    sip::message request_;
    timers timers_;
    transport_kind transport_;
    state state_ = state::idle;
    armed_timers armed_;
    std::optional<sip::message> last_response_;
};

} // namespace cpm::sip::transaction
