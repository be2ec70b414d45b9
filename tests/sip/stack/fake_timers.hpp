#pragma once
// The timers a stack core asks for, on a fake clock: the driver's part in
// the tests that play it by hand (probe.hpp, tests/cpm/core/proxy_test.cpp,
// tests/cpm/client/harness.hpp).

#include "sip/stack/actions.hpp"
#include "tests/sip/transaction/fire_due.hpp"

#include <cstdint>
#include <map>

namespace cpm::sip::stack::test {

struct fake_timers {
    /// Records @p t to fire at now + its delay (a restart replaces it).
    void start(start_timer const& t) { due[static_cast<std::uint64_t>(t.id)] = now + t.after; }
    /// Forgets timer @p id; false when it was not running.
    bool stop(timer_handle id) { return due.erase(static_cast<std::uint64_t>(id)) == 1; }
    bool empty() const noexcept { return due.empty(); }

    /// Advances the clock by @p d, calling @p fire with each timer due, in
    /// deadline order, with the clock at its deadline (fire may start more).
    template <class Fire>
    void advance(duration d, Fire&& fire)
    {
        duration const end = now + d;
        transaction::test::fire_due(due, end, [&](std::uint64_t id, duration at) {
            now = at;
            fire(timer_handle{id});
        });
        now = end;
    }

    duration now{0};
    std::map<std::uint64_t, duration> due; ///< handle -> deadline
};

} // namespace cpm::sip::stack::test
