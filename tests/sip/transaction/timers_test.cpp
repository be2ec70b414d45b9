// Timer values (RFC 3261 table 4, RFC 6026, RFC 4320).
#define BOOST_TEST_MODULE sip_transaction_timers
#include <boost/test/unit_test.hpp>

#include "sip/transaction/timers.hpp"

using namespace cpm::sip::transaction;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_CASE(defaults_are_table_4)
{
    timers const t;
    BOOST_TEST(t.t1.count() == 500);
    BOOST_TEST(t.t2.count() == 4000);
    BOOST_TEST(t.t4.count() == 5000);
    for (auto d : {t.b, t.f, t.h, t.j, t.l, t.m})
        BOOST_TEST(d.count() == 32000);
    BOOST_TEST(t.d.count() == 32000);
    BOOST_TEST(t.i.count() == 5000);
    BOOST_TEST(t.k.count() == 5000);
    BOOST_TEST(t.c.count() > 180000);
    BOOST_TEST(t.trying_invite.count() == 200);
    BOOST_TEST(t.trying_non_invite.count() == 3500);
}

BOOST_AUTO_TEST_CASE(scaled_recomputes_the_formulas)
{
    auto const t = timers::scaled(100ms, 2s, 3s);
    for (auto d : {t.b, t.f, t.h, t.j, t.l, t.m})
        BOOST_TEST(d.count() == 6400);
    BOOST_TEST(t.i.count() == 3000);
    BOOST_TEST(t.k.count() == 3000);
    BOOST_TEST(t.d.count() == 32000); // a floor, not a function of T1
    // T1 = 100 ms: intervals 100, 200, 400, 800, 1600, then 2000 = T2.
    BOOST_TEST(t.trying_non_invite.count() == 3100);
}

BOOST_AUTO_TEST_CASE(timer_e_reaches_t2_edge_cases)
{
    BOOST_TEST(timers::timer_e_reaches_t2(500ms, 4s).count() == 3500);
    BOOST_TEST(timers::timer_e_reaches_t2(4s, 4s).count() == 4000);
    BOOST_TEST(timers::timer_e_reaches_t2(5s, 4s).count() == 5000);
    BOOST_TEST(timers::timer_e_reaches_t2(0ms, 4s).count() == 0);
}
