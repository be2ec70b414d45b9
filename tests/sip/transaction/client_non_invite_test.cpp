// Non-INVITE client transaction: every transition of RFC 3261 figure 6, on a
// fake clock, with the exact Timer E schedules of 17.1.2.2.
#define BOOST_TEST_MODULE sip_transaction_client_non_invite
#include <boost/test/unit_test.hpp>

#include "fake_clock.hpp"

#include "sip/transaction/client_non_invite.hpp"

using namespace cpm::sip;
using namespace cpm::sip::transaction;
using namespace cpm::sip::transaction::test;
using state = client_non_invite::state;
using driver = fake_driver<client_non_invite, client_event>;

namespace {

std::string const message_text = request_text("MESSAGE", "z9hG4bKnashds7");

driver make(transport_kind transport = transport_kind::unreliable, timers const& t = {})
{
    driver d(client_non_invite(parse(message_text), t, transport));
    d.feed(start{});
    return d;
}

void receive(driver& d, unsigned code)
{
    d.feed(message_received{parse(response_text(code, "MESSAGE"))});
}

} // namespace

BOOST_AUTO_TEST_CASE(fig6_initial_to_trying_sends_request_starts_e_and_f)
{
    auto d = make();
    BOOST_TEST(d.machine().current() == state::trying);
    BOOST_REQUIRE_EQUAL(d.sent.size(), 1u);
    BOOST_TEST(d.sent[0].bytes == message_text);
    BOOST_TEST(d.remaining(timer_id::e) == 500ms);
    BOOST_TEST(d.remaining(timer_id::f) == 32000ms);
}

BOOST_AUTO_TEST_CASE(fig6_trying_reliable_transport_starts_no_timer_e)
{
    auto d = make(transport_kind::reliable);
    BOOST_TEST(!d.armed(timer_id::e));
    d.advance(31s);
    BOOST_TEST(d.sent.size() == 1u);
    d.advance(1s);
    BOOST_TEST(d.terminated);
}

BOOST_AUTO_TEST_CASE(fig6_trying_timer_e_fires_resends_doubling_up_to_t2)
{
    auto d = make();
    d.advance(40s);
    // 17.1.2.2: T1, MIN(2*T1, T2), MIN(4*T1, T2), then T2 each time; F at 64*T1.
    BOOST_TEST(d.sent_times() ==
                   ms({0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(fig6_trying_timer_f_fires_terminates_and_informs_tu)
{
    auto d = make();
    d.advance(31999ms);
    BOOST_TEST(!d.terminated);
    d.advance(1ms);
    BOOST_TEST(d.terminated);
    BOOST_TEST(d.terminated_at == 32000ms);
    BOOST_REQUIRE_EQUAL(d.reports.size(), 1u);
    BOOST_TEST((d.reports[0] == failure::timeout));
}

BOOST_AUTO_TEST_CASE(fig6_trying_transport_error_terminates_and_informs_tu)
{
    auto d = make();
    d.feed(transport_error{});
    BOOST_TEST(d.terminated);
    BOOST_REQUIRE_EQUAL(d.reports.size(), 1u);
    BOOST_TEST((d.reports[0] == failure::transport_error));
}

BOOST_AUTO_TEST_CASE(fig6_trying_1xx_to_proceeding_passes_to_tu)
{
    auto d = make();
    receive(d, 100);
    BOOST_TEST(d.machine().current() == state::proceeding);
    BOOST_TEST(d.to_tu == std::vector<std::string>{"SIP/2.0 100 Something"}, boost::test_tools::per_element());
    BOOST_TEST(d.armed(timer_id::e));
    BOOST_TEST(d.armed(timer_id::f));
}

BOOST_AUTO_TEST_CASE(fig6_proceeding_timer_e_fires_resends_every_t2)
{
    auto d = make();
    d.advance(600ms); // sent at 0 and 500; E next at 1500
    receive(d, 100);
    d.advance(40s);
    // 17.1.2.2: in Proceeding each firing restarts E at T2.
    BOOST_TEST(d.sent_times() == ms({0, 500, 1500, 5500, 9500, 13500, 17500, 21500, 25500, 29500}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(fig6_proceeding_1xx_passes_to_tu)
{
    auto d = make();
    receive(d, 100);
    receive(d, 100);
    BOOST_TEST(d.machine().current() == state::proceeding);
    BOOST_TEST(d.to_tu.size() == 2u);
}

BOOST_AUTO_TEST_CASE(fig6_proceeding_timer_f_fires_terminates_and_informs_tu)
{
    auto d = make();
    receive(d, 100);
    d.advance(32s);
    BOOST_TEST(d.terminated);
    BOOST_TEST(d.terminated_at == 32000ms);
    BOOST_REQUIRE_EQUAL(d.reports.size(), 1u);
    BOOST_TEST((d.reports[0] == failure::timeout));
}

BOOST_AUTO_TEST_CASE(fig6_proceeding_transport_error_terminates_and_informs_tu)
{
    auto d = make();
    receive(d, 100);
    d.feed(transport_error{});
    BOOST_TEST(d.terminated);
    BOOST_REQUIRE_EQUAL(d.reports.size(), 1u);
    BOOST_TEST((d.reports[0] == failure::transport_error));
}

BOOST_AUTO_TEST_CASE(fig6_trying_200_699_to_completed_passes_to_tu_starts_k)
{
    auto d = make();
    d.advance(200ms);
    receive(d, 200);
    BOOST_TEST(d.machine().current() == state::completed);
    BOOST_TEST(d.to_tu == std::vector<std::string>{"SIP/2.0 200 Something"}, boost::test_tools::per_element());
    BOOST_TEST(!d.armed(timer_id::e));
    BOOST_TEST(!d.armed(timer_id::f));
    BOOST_TEST(d.remaining(timer_id::k) == 5000ms);
}

BOOST_AUTO_TEST_CASE(fig6_proceeding_200_699_to_completed_passes_to_tu)
{
    auto d = make();
    receive(d, 100);
    receive(d, 404);
    BOOST_TEST(d.machine().current() == state::completed);
    BOOST_TEST(d.to_tu.size() == 2u);
    BOOST_TEST(d.armed(timer_id::k));
}

BOOST_AUTO_TEST_CASE(fig6_completed_absorbs_responses)
{
    auto d = make();
    receive(d, 200);
    receive(d, 200);
    receive(d, 100);
    BOOST_TEST(d.to_tu.size() == 1u);
    BOOST_TEST(d.sent.size() == 1u);
}

BOOST_AUTO_TEST_CASE(fig6_completed_timer_k_fires_terminates)
{
    auto d = make();
    d.advance(300ms);
    receive(d, 200);
    d.advance(4999ms);
    BOOST_TEST(!d.terminated);
    d.advance(1ms);
    BOOST_TEST(d.terminated);
    BOOST_TEST(d.terminated_at == 5300ms);
    BOOST_TEST(d.reports.empty());
    BOOST_TEST(d.sent.size() == 1u);
}

BOOST_AUTO_TEST_CASE(fig6_completed_reliable_timer_k_is_zero)
{
    auto d = make(transport_kind::reliable);
    receive(d, 200);
    BOOST_TEST(d.terminated);
    BOOST_TEST(d.terminated_at == 0ms);
}

BOOST_AUTO_TEST_CASE(fig6_completed_ignores_transport_errors)
{
    auto d = make();
    receive(d, 200);
    d.feed(transport_error{});
    BOOST_TEST(!d.terminated);
    BOOST_TEST(d.reports.empty());
}

BOOST_AUTO_TEST_CASE(timer_e_schedule_with_configured_t1_t2)
{
    auto d = make(transport_kind::unreliable, timers::scaled(200ms, 1s, 2s));
    d.advance(13s);
    BOOST_TEST(d.sent_times() ==
                   ms({0, 200, 600, 1400, 2400, 3400, 4400, 5400, 6400, 7400, 8400, 9400, 10400, 11400, 12400}),
               boost::test_tools::per_element());
    BOOST_TEST(d.terminated_at == 12800ms);
}
