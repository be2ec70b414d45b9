#pragma once
/// @file
/// The INVITE server transaction (RFC 3261 17.2.1, figure 7, as corrected by
/// RFC 6026 7.1 and figure 7 there: a 2xx leads to Accepted, where INVITE
/// retransmissions are absorbed and ACKs go to the TU until Timer L).

#include "sip/message.hpp"
#include "sip/transaction/events.hpp"
#include "sip/transaction/timers.hpp"

#include <optional>

namespace cpm::sip::transaction {

class server_invite {
public:
    enum class state : std::uint8_t { idle, proceeding, completed, confirmed, accepted, terminated };

    /// @p request is the INVITE that created the transaction.
    server_invite(sip::message request, timers const& config, transport_kind transport)
        : request_(std::move(request)), timers_(config), transport_(transport) {}

    actions on(server_event event);

    state current() const noexcept { return state_; }
    sip::message const& request() const noexcept { return request_; }
    /// The response last sent (none before the first), e.g. for the To tag
    /// an RFC 2543 ACK must carry (17.2.3).
    sip::message const* last_response() const noexcept { return last_response_ ? &*last_response_ : nullptr; }

private:
    friend actions dispatch<>(server_invite&, bool, server_event&);
    void on_start(actions& out);
    void on_send(actions& out, sip::message response);
    void on_request(actions& out, sip::message request);
    void on_timer(actions& out, timer_id id);
    void on_transport_error(actions& out);
    void send_trying(actions& out);
    void terminate(actions& out);

    sip::message request_;
    timers timers_;
    transport_kind transport_;
    state state_ = state::idle;
    armed_timers armed_;
    duration g_interval_{};
    std::optional<sip::message> last_response_;
    std::optional<sip::message> received_; ///< the ACK last passed to the TU (Accepted)
};

} // namespace cpm::sip::transaction
