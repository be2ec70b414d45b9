#pragma once
/// @file
/// The timers the stack core has running: which transaction, dialog
/// machine or TU request each handle belongs to. Every start gets a fresh
/// handle, so a firing that raced with a stop or a restart is recognised
/// as stale and ignored.

#include "sip/stack/actions.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>

namespace cpm::sip::stack {

/// Whose timer a handle is.
enum class timer_owner : std::uint8_t {
    client,  ///< a client transaction; id is a transaction::timer_id
    server,  ///< a server transaction; id is a transaction::timer_id
    dialog,  ///< a dialog's 2xx/ACK machines; id is a dialog::timer_id
    invite,  ///< the core's guard of a client INVITE; id is an invite_timer
    tu,      ///< the transaction user; cookie is its value
};

/// The timers the core runs around a client INVITE transaction, whose
/// Proceeding state has none of its own (17.1.1.2).
enum class invite_timer : std::uint8_t {
    /// 16.6 step 11, 13.3.1.1: no final response long after the last
    /// provisional one: CANCEL (the UAC's Timer C, > 3 min).
    c,
    /// 9.1: no final response 64*T1 after the CANCEL: the INVITE counts as
    /// cancelled and its client transaction is destroyed.
    cancel_wait,
};

inline constexpr std::size_t invite_timer_count = 2;

struct timer_target {
    timer_owner owner = timer_owner::tu;
    std::uint64_t object = 0; ///< handle of the transaction or dialog (0 for the TU)
    std::uint8_t id = 0;
    std::uint64_t cookie = 0;
};

class timer_registry {
public:
    /// Records @p target under the fresh handle @p id and asks the driver
    /// to start it.
    void start(action_list& out, timer_handle id, timer_target const& target, duration after)
    {
        live_.emplace(static_cast<std::uint64_t>(id), target);
        out.emplace_back(start_timer{id, after});
    }

    /// Asks the driver to cancel @p id; nothing when it is not live.
    void stop(action_list& out, timer_handle id)
    {
        if (live_.erase(static_cast<std::uint64_t>(id)) != 0)
            out.emplace_back(stop_timer{id});
    }

    /// The target of live timer @p id, or nullptr.
    timer_target const* find(timer_handle id) const noexcept
    {
        auto it = live_.find(static_cast<std::uint64_t>(id));
        return it == live_.end() ? nullptr : &it->second;
    }

    /// The target of a firing timer, which is no longer live; nullopt for
    /// a stale handle.
    std::optional<timer_target> fire(timer_handle id)
    {
        auto it = live_.find(static_cast<std::uint64_t>(id));
        if (it == live_.end())
            return std::nullopt;
        timer_target const t = it->second;
        live_.erase(it);
        return t;
    }

    std::size_t size() const noexcept { return live_.size(); }

private:
    std::unordered_map<std::uint64_t, timer_target> live_;
};

} // namespace cpm::sip::stack
