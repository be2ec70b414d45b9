#pragma once
/// @file
/// What drives a transaction machine (events) and what it asks its driver
/// to do (actions): `actions on(event)`. The driver (a coroutine with real
/// sockets and timers, or a test with a fake clock) executes the actions in
/// order and feeds back the events they cause.

#include "sip/message.hpp"
#include "sip/transaction/timers.hpp"

#include <boost/container/small_vector.hpp>

#include <bitset>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace cpm::sip::transaction {

// --- events -----------------------------------------------------------------

/// Client: the TU hands over the request the machine was built with
/// (17.1.1.2, 17.1.2.2: the machine enters Calling or Trying and sends it).
/// Server: the request that created the transaction is handed to the TU
/// (17.2.1, 17.2.2: the machine enters Proceeding or Trying).
struct start {};

/// Server: the TU passes a response to send (owned; the machine keeps the
/// latest one for retransmission).
struct send_response {
    sip::message response;
};

/// The transport delivered a message matched to this transaction (a response
/// for a client, a retransmitted request or an ACK for a server). Owned: a
/// message passed to the TU stays in the machine until the next event.
struct message_received {
    sip::message message;
};

/// A timer started by a start_timer action fired. A firing of a timer the
/// machine has stopped since (a race in the driver) is ignored.
struct timer_fired {
    timer_id id;
};

/// The transport failed to send what the machine last asked it to (8.1.3.1,
/// 17.1.4, 17.2.4).
struct transport_error {};

/// Events of a client transaction.
using client_event = std::variant<start, message_received, timer_fired, transport_error>;
/// Events of a server transaction.
using server_event = std::variant<start, send_response, message_received, timer_fired, transport_error>;

// --- actions ----------------------------------------------------------------

/// Send these bytes over the transaction's transport. They belong to the
/// machine and stay valid until its next on() call.
struct transmit {
    std::string_view bytes;
};

/// (Re)start timer @p id to fire after @p after.
struct start_timer {
    timer_id id;
    duration after;
};

/// Cancel timer @p id.
struct stop_timer {
    timer_id id;
};

/// Hand @p message to the TU. It belongs to the machine: the request of a
/// server transaction lives as long as the machine, a received message until
/// the machine's next on() call.
struct pass_to_tu {
    sip::message const* message;
};

/// Why a transaction failed, as the TU learns it (8.1.3.1: a timeout counts
/// as a 408 response, a transport error as a 503 one).
enum class failure : std::uint8_t {
    timeout,         ///< Timer B, F or H fired
    transport_error, ///< the transport reported an error
};

/// Tell the TU the transaction failed.
struct report {
    failure what;
};

/// The machine reached Terminated: the driver destroys it (every timer it
/// started has been stopped by the actions before this one).
struct terminated {};

using action = std::variant<transmit, start_timer, stop_timer, pass_to_tu, report, terminated>;

/// The actions of one event, in order; small enough to live on the stack.
using actions = boost::container::small_vector<action, 6>;

/// The body of every machine's on(): nothing once the machine has
/// terminated, else the handler for the event's alternative. A machine
/// names its handlers on_start, on_timer, on_transport_error and, for a
/// client, on_response; for a server, on_send and on_request (and
/// befriends this function).
template <class Machine, class Event>
actions dispatch(Machine& m, bool terminated, Event& event)
{
    actions out;
    if (terminated)
        return out;
    // The machine is a parameter of its own so that only the branch for
    // the event's alternative is instantiated (a client has no on_send).
    auto handle = [&out](auto& self, auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, start>)
            self.on_start(out);
        else if constexpr (std::is_same_v<E, send_response>)
            self.on_send(out, std::move(e.response));
        else if constexpr (std::is_same_v<E, message_received>) {
            if constexpr (std::is_same_v<Event, client_event>)
                self.on_response(out, std::move(e.message));
            else
                self.on_request(out, std::move(e.message));
        } else if constexpr (std::is_same_v<E, timer_fired>)
            self.on_timer(out, e.id);
        else
            self.on_transport_error(out);
    };
    std::visit([&](auto& e) { handle(m, e); }, event);
    return out;
}

/// The timers a machine has running, so that it stops exactly those on
/// leaving a state and ignores late firings of the others.
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
    bool running(timer_id id) const { return armed_.test(index(id)); }
    void stop_all(actions& out)
    {
        for (std::size_t i = 0; i < timer_count; ++i)
            stop(out, static_cast<timer_id>(i));
    }

private:
    static std::size_t index(timer_id id) { return static_cast<std::size_t>(id); }
    std::bitset<timer_count> armed_;
};

/// Whether the transport is reliable (TCP, TLS, SCTP, WS): retransmission
/// timers are not used and the "wait for retransmissions" timers are zero.
enum class transport_kind : std::uint8_t { unreliable, reliable };

} // namespace cpm::sip::transaction
