#pragma once
/// @file
/// The end-to-end 2xx / ACK exchange of an INVITE (RFC 3261 13.2.2.4,
/// 13.3.1.4): the transaction layer hands 2xx responses to the TU (RFC 6026
/// Accepted states), so the UAS core retransmits its 2xx until the ACK
/// comes, and the UAC core answers every copy of a 2xx with its ACK.

#include "sip/dialog/events.hpp"
#include "sip/transaction/timers.hpp"

#include <string>

namespace cpm::sip::dialog {

/// UAS (13.3.1.4): sends the 2xx, then again after T1, 2*T1, ... capped at
/// T2, until the ACK arrives; after 64*T1 without one it reports
/// ack_timeout (the TU sends BYE). Whatever the transport: the 2xx is
/// retransmitted end to end, past any unreliable hop.
class uas_2xx_retransmitter {
public:
    enum class state : std::uint8_t { idle, waiting_ack, acknowledged, timed_out };

    /// @p response is the serialized 2xx.
    uas_2xx_retransmitter(std::string response, transaction::timers const& config)
        : response_(std::move(response)), timers_(config) {}

    /// start: send the 2xx; message_received: the ACK (matched by the
    /// dialog and the INVITE's CSeq); timer_fired.
    actions on(event e);

    state current() const noexcept { return state_; }

private:
    std::string response_;
    transaction::timers timers_;
    state state_ = state::idle;
    armed_timers armed_;
    duration interval_{};
};

/// UAC (13.2.2.4): sends the ACK the TU built for the first 2xx of a
/// dialog, and the same ACK again for each retransmission of that 2xx,
/// for 64*T1 (the longest a UAS retransmits, 13.3.1.4), then finishes.
class uac_2xx_acker {
public:
    enum class state : std::uint8_t { idle, acknowledging, finished };

    /// @p ack is the serialized ACK (build_ack()).
    uac_2xx_acker(std::string ack, transaction::timers const& config) : ack_(std::move(ack)), timers_(config) {}

    /// start: the first 2xx arrived, send the ACK; message_received: a
    /// retransmission of the 2xx; timer_fired.
    actions on(event e);

    state current() const noexcept { return state_; }

private:
    std::string ack_;
    transaction::timers timers_;
    state state_ = state::idle;
    armed_timers armed_;
};

} // namespace cpm::sip::dialog
