#pragma once
/// @file
/// Runs one stack core (sip/stack/core.hpp) on Asio: messages from a SIP
/// transport layer go into the core; the core's actions are executed: a
/// datagram is sent at once, other sends are awaited
/// transport::layer::send coroutines (a failure goes back to the core as
/// on_send_failed, RFC 3261 8.1.3.1), the timers wait on one timer wheel
/// (timer_wheel.hpp) under a single steady_timer (a proxy runs several
/// timers per transaction: an Asio timer and a coroutine each would cost
/// more than the transaction), and the TU notifications go to the
/// transaction user's handler.
///
/// Threading: the driver, its core and its layer live on one
/// single-threaded executor (the layer's); no lock anywhere. The TU calls
/// the core through call(), from that executor.
///
/// Lifetime: the coroutines refer to the driver. Call shutdown() (it
/// cancels every timer), then destroy the driver only once its io_context
/// no longer runs, as for the layer.

#include "sip/stack/asio/timer_wheel.hpp"
#include "sip/stack/core.hpp"
#include "sip/transport/transport.hpp"

#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace cpm::sip::stack::asio {

/// The stack's peer for a transport peer (address as text, protocol).
stack::peer to_stack(transport::peer const& p);
/// The transport's peer for a stack peer; nullopt when the address is not
/// an IP literal (the core names peers by the addresses messages came from).
std::optional<transport::peer> to_transport(stack::peer const& p);

class driver {
public:
    /// Receives every TU notification (request_received, response_received,
    /// ...); it may call the core through call().
    using tu_handler = std::function<void(action const&)>;

    /// Installs itself as @p layer's message handler. @p layer (owned by
    /// the caller) must outlive the driver.
    driver(transport::layer& layer, config c);
    driver(driver const&) = delete;
    driver& operator=(driver const&) = delete;

    void on_tu(tu_handler handler) { tu_ = std::move(handler); }

    /// Runs @p f with the core (the TU API), then executes the actions it
    /// caused. Returns what @p f returns.
    template <class F>
    decltype(auto) call(F&& f)
    {
        if constexpr (std::is_void_v<std::invoke_result_t<F, core&>>) {
            std::forward<F>(f)(core_);
            flush();
        } else {
            decltype(auto) r = std::forward<F>(f)(core_);
            flush();
            return r;
        }
    }

    /// Cancels every running timer; the core stays as it is.
    void shutdown();

    /// The core, to read (counts, dialogs). Use call() to act on it.
    core const& stack() const noexcept { return core_; }
    /// Timers waiting on the wheel, stopped ones whose time has not come
    /// included (timer_wheel.hpp: stopping is lazy).
    std::size_t running_timers() const noexcept { return wheel_.size(); }

    /// Hands @p in to the core and executes what follows. The layer's
    /// handler calls it; a server with several workers may install its own
    /// handler and call it on the worker that owns the message.
    void on_inbound(transport::inbound in);

private:
    /// Executes the core's pending actions, in order, until none is left.
    /// Not re-entrant: a TU call made from a notification only queues
    /// actions, which the running loop executes next.
    void flush();
    void execute(action& a);
    void start(start_timer const& t);
    /// Makes the wake-up timer expire at the earliest deadline (rounded
    /// up to wakeup_grain), when that is sooner than it is set for.
    void arm();
    /// Fires every timer whose deadline has passed.
    void fire_due();
    void transmit(send s);

    using clock = timer_wheel::clock;
    static_assert(std::is_same_v<clock, boost::asio::steady_timer::clock_type>);
    /// Timers fire up to this late: a proxy starting and stopping timers
    /// for every transaction re-sets the kernel timer at most once a grain.
    static constexpr clock::duration wakeup_grain = std::chrono::milliseconds(5);
    /// Slots of the wheel: 41 s, past 64*T1 (the longest RFC 3261 timer).
    static constexpr std::size_t wheel_slots = 8192;

    transport::layer& layer_;
    core core_;
    tu_handler tu_;
    bool flushing_ = false;
    boost::asio::steady_timer wakeup_;
    clock::time_point armed_for_ = clock::time_point::max(); ///< when wakeup_ expires; max: not waiting
    timer_wheel wheel_;
};

} // namespace cpm::sip::stack::asio
