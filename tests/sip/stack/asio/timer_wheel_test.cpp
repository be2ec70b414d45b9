// The driver's timer wheel on a clock of its own: entries fire once, never
// before their deadline and at most one grain after it, in tick order;
// next_due() names the earliest grain boundary across the wrap of the
// wheel and the overflow; entries added while firing are handled; a long
// sleep catches up. A randomized run checks all of it against a sorted
// reference.
#define BOOST_TEST_MODULE sip_stack_asio_timer_wheel
#include <boost/test/unit_test.hpp>

#include "sip/stack/asio/timer_wheel.hpp"

#include <map>
#include <random>
#include <vector>

using cpm::sip::stack::timer_handle;
using cpm::sip::stack::asio::timer_wheel;
using namespace std::chrono_literals;
using clock_type = timer_wheel::clock;

namespace {

clock_type::time_point const t0{};

std::vector<std::uint64_t> expire(timer_wheel& w, clock_type::time_point now)
{
    std::vector<std::uint64_t> fired;
    w.expire(now, [&](timer_handle id) { fired.push_back(static_cast<std::uint64_t>(id)); });
    return fired;
}

} // namespace

BOOST_AUTO_TEST_CASE(fires_at_the_grain_after_the_deadline_in_tick_order)
{
    timer_wheel w(5ms, 64, t0);
    w.add(timer_handle{1}, t0 + 12ms); // tick 3 (15 ms)
    w.add(timer_handle{2}, t0 + 5ms);  // tick 1, on the boundary
    w.add(timer_handle{3}, t0 + 14ms); // tick 3 too, started after 1
    BOOST_TEST(w.size() == 3u);
    BOOST_TEST((w.next_due() == t0 + 5ms));
    BOOST_TEST(expire(w, t0 + 4ms).empty());
    BOOST_TEST(expire(w, t0 + 5ms) == std::vector<std::uint64_t>{2}, boost::test_tools::per_element());
    BOOST_TEST((w.next_due() == t0 + 15ms));
    BOOST_TEST(expire(w, t0 + 14ms).empty());
    BOOST_TEST(expire(w, t0 + 15ms) == (std::vector<std::uint64_t>{1, 3}), boost::test_tools::per_element());
    BOOST_TEST(w.size() == 0u);
    BOOST_TEST(!w.next_due().has_value());
}

BOOST_AUTO_TEST_CASE(a_deadline_in_the_past_fires_at_the_next_expire)
{
    timer_wheel w(5ms, 64, t0);
    BOOST_TEST(expire(w, t0 + 100ms).empty());
    w.add(timer_handle{7}, t0 + 20ms);
    BOOST_TEST((w.next_due() == t0 + 105ms));
    BOOST_TEST(expire(w, t0 + 104ms).empty());
    BOOST_TEST(expire(w, t0 + 105ms) == std::vector<std::uint64_t>{7}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(next_due_sees_across_the_wrap_and_the_overflow)
{
    timer_wheel w(1ms, 64, t0);
    BOOST_TEST(expire(w, t0 + 60ms).empty()); // the next tick is slot 61
    w.add(timer_handle{1}, t0 + 70ms);       // slot 6, after the wrap
    w.add(timer_handle{2}, t0 + 500ms);      // beyond the horizon: overflow
    BOOST_TEST((w.next_due() == t0 + 70ms));
    BOOST_TEST(expire(w, t0 + 70ms) == std::vector<std::uint64_t>{1}, boost::test_tools::per_element());
    BOOST_TEST((w.next_due() == t0 + 500ms));
    BOOST_TEST(expire(w, t0 + 499ms).empty());
    BOOST_TEST(expire(w, t0 + 500ms) == std::vector<std::uint64_t>{2}, boost::test_tools::per_element());
    // A deadline exactly one horizon ahead shares the slot being fired.
    w.add(timer_handle{3}, t0 + 501ms);
    w.add(timer_handle{4}, t0 + 565ms);
    BOOST_TEST(expire(w, t0 + 501ms) == std::vector<std::uint64_t>{3}, boost::test_tools::per_element());
    BOOST_TEST((w.next_due() == t0 + 565ms));
    BOOST_TEST(expire(w, t0 + 565ms) == std::vector<std::uint64_t>{4}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(entries_added_while_firing_fire_when_due)
{
    timer_wheel w(5ms, 64, t0);
    w.add(timer_handle{1}, t0 + 5ms);
    std::vector<std::uint64_t> fired;
    w.expire(t0 + 20ms, [&](timer_handle id) {
        fired.push_back(static_cast<std::uint64_t>(id));
        if (id == timer_handle{1}) {
            w.add(timer_handle{2}, t0 + 5ms);  // already due: the next tick
            w.add(timer_handle{3}, t0 + 20ms); // due by now
            w.add(timer_handle{4}, t0 + 25ms); // not yet
        }
    });
    BOOST_TEST(fired == (std::vector<std::uint64_t>{1, 2, 3}), boost::test_tools::per_element());
    BOOST_TEST(w.size() == 1u);
    BOOST_TEST(expire(w, t0 + 25ms) == std::vector<std::uint64_t>{4}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_long_sleep_catches_up_once)
{
    timer_wheel w(5ms, 64, t0);
    w.add(timer_handle{1}, t0 + 10ms);
    w.add(timer_handle{2}, t0 + 3600s);
    BOOST_TEST(expire(w, t0 + 7200s) == (std::vector<std::uint64_t>{1, 2}), boost::test_tools::per_element());
    BOOST_TEST(w.size() == 0u);
    w.clear();
    w.add(timer_handle{3}, t0 + 7200s + 5ms);
    BOOST_TEST((w.next_due() == t0 + 7200s + 5ms));
}

BOOST_AUTO_TEST_CASE(randomized_against_a_sorted_reference)
{
    auto const grain = 5ms;
    timer_wheel w(grain, 128, t0); // 640 ms horizon: many deadlines overflow
    std::mt19937_64 rng(2026);
    std::map<std::uint64_t, clock_type::time_point> pending;
    auto now = t0;
    std::uint64_t next_id = 1;
    for (int step = 0; step < 20000; ++step) {
        int const adds = static_cast<int>(rng() % 4);
        for (int i = 0; i < adds; ++i) {
            auto const delay = std::chrono::microseconds(static_cast<std::int64_t>(rng() % 2'000'000));
            pending.emplace(next_id, now + delay);
            w.add(timer_handle{next_id}, now + delay);
            ++next_id;
        }
        // The driver wakes at next_due(); sometimes late, sometimes early.
        auto due = w.next_due();
        BOOST_TEST_REQUIRE(due.has_value() == !pending.empty());
        if (!due)
            continue;
        auto earliest = pending.begin()->second;
        for (auto const& [id, at] : pending)
            earliest = std::min(earliest, at);
        if (*due < earliest || *due > earliest + grain) {
            BOOST_FAIL("next_due is not the grain boundary after the earliest deadline");
        }
        auto const wake = *due + std::chrono::microseconds(static_cast<std::int64_t>(rng() % 3000)) - 1ms;
        now = std::max(now, wake);
        for (auto id : expire(w, now)) {
            auto it = pending.find(id);
            if (it == pending.end())
                BOOST_FAIL("a timer fired twice or was never added");
            if (it->second > now)
                BOOST_FAIL("a timer fired before its deadline");
            pending.erase(it);
        }
        for (auto const& [id, at] : pending)
            if (at + grain <= now - (now - t0) % grain)
                BOOST_FAIL("a due timer did not fire");
        BOOST_TEST_REQUIRE(w.size() == pending.size());
    }
}
