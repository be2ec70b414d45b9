#pragma once
/// @file
/// Events and actions of the dialog layer's small machines (the 2xx
/// retransmission of a UAS, the ACK of a UAC): `actions on(event)`, as the
/// transaction machines do (sip/transaction/events.hpp), with timers of
/// their own.

#include "sip/transaction/timers.hpp"

#include <boost/container/small_vector.hpp>

#include <bitset>
#include <string_view>
#include <variant>

namespace cpm::sip::dialog {

using duration = transaction::duration;

enum class timer_id : std::uint8_t {
    retransmit_2xx, ///< 13.3.1.4: next retransmission of the 2xx (T1 doubling up to T2)
    ack_wait,       ///< 13.3.1.4: 64*T1 without ACK: give up
    keep_ack,       ///< 13.2.2.4: how long the UAC answers 2xx retransmissions with its ACK (64*T1)
};

inline constexpr std::size_t timer_count = 3;

// --- events -----------------------------------------------------------------

/// The machine's first message goes out.
struct start {};
/// The ACK for the 2xx arrived (UAS) / a 2xx of the dialog arrived again (UAC).
struct message_received {};
struct timer_fired {
    timer_id id;
};

using event = std::variant<start, message_received, timer_fired>;

// --- actions ----------------------------------------------------------------

/// Send these bytes (owned by the machine; valid until its destruction).
struct transmit {
    std::string_view bytes;
};
struct start_timer {
    timer_id id;
    duration after;
};
struct stop_timer {
    timer_id id;
};
/// 13.3.1.4: no ACK came within 64*T1: the dialog is confirmed, and the
/// session SHOULD be ended with a BYE, which the TU sends.
struct ack_timeout {};
/// The machine has finished: the driver destroys it.
struct finished {};

using action = std::variant<transmit, start_timer, stop_timer, ack_timeout, finished>;
using actions = boost::container::small_vector<action, 4>;

/// The timers a machine runs, so it stops exactly those and ignores stale firings.
class armed_timers {
public:
    void start(actions& out, timer_id id, duration after)
    {
        armed_.set(index(id));
        out.emplace_back(start_timer{id, after});
    }
    void stop(actions& out, timer_id id)
    {
        if (armed_.test(index(id))) {
            armed_.reset(index(id));
            out.emplace_back(stop_timer{id});
        }
    }
    /// Records that @p id fired; false when it was not running (stale).
    bool fired(timer_id id)
    {
        bool const was = armed_.test(index(id));
        armed_.reset(index(id));
        return was;
    }

private:
    static std::size_t index(timer_id id) { return static_cast<std::size_t>(id); }
    std::bitset<timer_count> armed_;
};

} // namespace cpm::sip::dialog
