#pragma once
/// @file
/// The deadlines of one driver's timers on a hashed wheel: slots one grain
/// wide covering a horizon, an ordered overflow for the rare deadline
/// beyond it. A proxy starts about five timers per message and stops most
/// of them (RFC 3261 17: E and F end with the response, J and K run out);
/// on a wheel both are O(1) without allocation once the slots have grown,
/// where an ordered map paid a node and a tree walk through cold memory
/// for each.
///
/// Stopping is lazy: the driver leaves a stopped timer in its slot and
/// the core ignores it when it fires (timer_registry::fire()). Timers due
/// in the same grain fire in the order they were started, so a deadline
/// may be met up to one grain late and two deadlines closer than a grain
/// apart may fire in either order.

#include "sip/stack/actions.hpp"

#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace cpm::sip::stack::asio {

class timer_wheel {
public:
    using clock = std::chrono::steady_clock;

    /// Slots of @p grain; @p slots (a multiple of 64) of them make the
    /// horizon. Ticks count grains from @p origin.
    timer_wheel(clock::duration grain, std::size_t slots, clock::time_point origin)
        : grain_(grain), origin_(origin), slots_(slots), occupied_(slots / 64, 0)
    {
    }

    /// Timer @p id is due at @p deadline (one in the past fires next).
    void add(timer_handle id, clock::time_point deadline)
    {
        std::int64_t const tick = std::max(ceil_tick(deadline), done_ + 1);
        if (tick - done_ > static_cast<std::int64_t>(slots_.size())) {
            overflow_.emplace(tick, id);
        } else {
            std::size_t const slot = index(tick);
            slots_[slot].push_back(id);
            occupied_[slot / 64] |= std::uint64_t{1} << (slot % 64);
        }
        ++size_;
    }

    /// When the earliest entry is due (a grain boundary), or nullopt.
    std::optional<clock::time_point> next_due() const noexcept
    {
        std::optional<std::int64_t> tick;
        if (!overflow_.empty())
            tick = overflow_.begin()->first;
        // The first occupied slot after done_, in wheel order.
        std::size_t const start = index(done_ + 1);
        std::size_t const words = occupied_.size();
        for (std::size_t n = 0; n <= words; ++n) {
            std::size_t const w = (start / 64 + n) % words;
            std::uint64_t bits = occupied_[w];
            if (n == 0)
                bits &= ~std::uint64_t{0} << (start % 64);
            else if (n == words)
                bits &= (start % 64 == 0) ? 0 : ~(~std::uint64_t{0} << (start % 64));
            if (bits == 0)
                continue;
            std::size_t const slot = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
            std::size_t const ahead = (slot + slots_.size() - start) % slots_.size();
            std::int64_t const t = done_ + 1 + static_cast<std::int64_t>(ahead);
            if (!tick || t < *tick)
                tick = t;
            break;
        }
        if (!tick)
            return std::nullopt;
        return origin_ + *tick * grain_;
    }

    /// Removes every entry due at @p now and calls @p fire(id) for each, in
    /// tick order; entries @p fire adds that are due by @p now fire too.
    template <class F>
    void expire(clock::time_point now, F&& fire)
    {
        std::int64_t const due = floor_tick(now);
        while (done_ < due) {
            // Beyond one horizon every slot is visited once; then catch up.
            if (due - done_ > static_cast<std::int64_t>(slots_.size()) && size_ == overflow_.size())
                done_ = due - static_cast<std::int64_t>(slots_.size());
            std::size_t const slot = index(done_ + 1);
            // fire() may add to this wheel: work on a swapped-out copy.
            // The emptied slot now stands for the tick one horizon later.
            firing_.swap(slots_[slot]);
            occupied_[slot / 64] &= ~(std::uint64_t{1} << (slot % 64));
            size_ -= firing_.size();
            ++done_;
            pull_overflow();
            for (timer_handle id : firing_)
                fire(id);
            firing_.clear();
            if (slots_[slot].empty())
                firing_.swap(slots_[slot]); // keep the grown capacity in the slot
        }
    }

    std::size_t size() const noexcept { return size_; }

    void clear()
    {
        for (auto& s : slots_)
            s.clear();
        std::fill(occupied_.begin(), occupied_.end(), 0);
        overflow_.clear();
        size_ = 0;
    }

private:
    std::int64_t floor_tick(clock::time_point t) const noexcept { return (t - origin_) / grain_; }
    std::int64_t ceil_tick(clock::time_point t) const noexcept
    {
        auto const since = t - origin_;
        return since <= clock::duration::zero() ? 0 : (since + grain_ - clock::duration(1)) / grain_;
    }
    std::size_t index(std::int64_t tick) const noexcept
    {
        auto const n = static_cast<std::int64_t>(slots_.size());
        return static_cast<std::size_t>(((tick % n) + n) % n);
    }
    // Moves overflow entries that came within the horizon into their slots.
    void pull_overflow()
    {
        auto const horizon = done_ + static_cast<std::int64_t>(slots_.size());
        while (!overflow_.empty() && overflow_.begin()->first <= horizon) {
            auto [tick, id] = *overflow_.begin();
            overflow_.erase(overflow_.begin());
            --size_;
            add(id, origin_ + tick * grain_);
        }
    }

    clock::duration grain_;
    clock::time_point origin_;
    std::int64_t done_ = 0; ///< every tick up to this one has fired
    std::vector<std::vector<timer_handle>> slots_;
    std::vector<std::uint64_t> occupied_; ///< a bit per non-empty slot
    std::multimap<std::int64_t, timer_handle> overflow_;
    std::vector<timer_handle> firing_;
    std::size_t size_ = 0;
};

} // namespace cpm::sip::stack::asio
