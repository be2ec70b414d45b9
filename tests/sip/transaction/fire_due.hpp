#pragma once
// The loop every fake clock of the tests runs: the timers due by a moment
// fire earliest first, each with the clock at its deadline.

#include "sip/transaction/timers.hpp"

namespace cpm::sip::transaction::test {

/// Removes from @p deadlines (key -> deadline) each entry due at or before
/// @p until, earliest first, and calls @p fire(key, deadline) for it;
/// @p fire may add entries, which fire too when due by @p until.
template <class Map, class Fire>
void fire_due(Map& deadlines, duration until, Fire&& fire)
{
    for (;;) {
        auto next = deadlines.end();
        for (auto it = deadlines.begin(); it != deadlines.end(); ++it)
            if (it->second <= until && (next == deadlines.end() || it->second < next->second))
                next = it;
        if (next == deadlines.end())
            return;
        auto const key = next->first;
        auto const at = next->second;
        deadlines.erase(next);
        fire(key, at);
    }
}

} // namespace cpm::sip::transaction::test
