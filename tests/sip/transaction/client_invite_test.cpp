// INVITE client transaction: every transition of RFC 3261 figure 5 and of
// RFC 6026 figure 5 (Accepted), on a fake clock.
#define BOOST_TEST_MODULE sip_transaction_client_invite
#include <boost/test/unit_test.hpp>

#include "fake_clock.hpp"

#include "sip/transaction/client_invite.hpp"

using namespace cpm::sip;
using namespace cpm::sip::transaction;
using namespace cpm::sip::transaction::test;
using state = client_invite::state;
using driver = fake_driver<client_invite, client_event>;

namespace {

driver make(transport_kind transport = transport_kind::unreliable, timers const& t = {})
{
    driver d(client_invite(parse(invite_text), t, transport));
    d.feed(start{});
    return d;
}

void receive(driver& d, unsigned code, std::string_view method = "INVITE")
{
    d.feed(message_received{parse(response_text(code, method))});
}

} // namespace

BOOST_AUTO_TEST_CASE(fig5_initial_to_calling_sends_invite_starts_a_and_b)
{
    auto d = make();
    BOOST_TEST(d.machine().current() == state::calling);
    BOOST_REQUIRE_EQUAL(d.sent.size(), 1u);
    BOOST_TEST(d.sent[0].bytes == invite_text);
    BOOST_TEST(d.remaining(timer_id::a) == 500ms);
    BOOST_TEST(d.remaining(timer_id::b) == 32000ms);
    BOOST_TEST(d.to_tu.empty());
}

BOOST_AUTO_TEST_CASE(fig5_calling_reliable_transport_starts_no_timer_a)
{
    auto d = make(transport_kind::reliable);
    BOOST_TEST(!d.armed(timer_id::a));
    BOOST_TEST(d.remaining(timer_id::b) == 32000ms);
}

BOOST_AUTO_TEST_CASE(fig5_calling_timer_a_fires_resends_with_doubling_interval_until_timer_b)
{
    auto d = make();
    d.advance(40s);
    // 17.1.1.2: T1, 2*T1, 4*T1, ... with no T2 cap; Timer B at 64*T1 ends it.
    BOOST_TEST(d.sent_times() == ms({0, 500, 1500, 3500, 7500, 15500, 31500}), boost::test_tools::per_element());
    for (auto const& s : d.sent)
        BOOST_TEST(s.bytes == invite_text);
}

BOOST_AUTO_TEST_CASE(fig5_calling_timer_b_fires_terminates_and_informs_tu)
{
    auto d = make();
    d.advance(31999ms);
    BOOST_TEST(!d.terminated);
    d.advance(1ms);
    BOOST_TEST(d.terminated);
    BOOST_TEST(d.terminated_at == 32000ms);
    BOOST_REQUIRE_EQUAL(d.reports.size(), 1u);
    BOOST_TEST((d.reports[0] == failure::timeout));
    BOOST_TEST(d.machine().current() == state::terminated);
}

BOOST_AUTO_TEST_CASE(fig5_calling_timer_b_honours_configured_t1)
{
    auto d = make(transport_kind::unreliable, timers::scaled(100ms, 4s, 5s));
    d.advance(7s);
    BOOST_TEST(d.sent_times() == ms({0, 100, 300, 700, 1500, 3100, 6300}), boost::test_tools::per_element());
    BOOST_TEST(d.terminated_at == 6400ms);
}

BOOST_AUTO_TEST_CASE(fig5_calling_transport_error_terminates_and_informs_tu)
{
    auto d = make();
    d.feed(transport_error{});
    BOOST_TEST(d.terminated);
    BOOST_REQUIRE_EQUAL(d.reports.size(), 1u);
    BOOST_TEST((d.reports[0] == failure::transport_error));
}

BOOST_AUTO_TEST_CASE(fig5_calling_1xx_to_proceeding_passes_to_tu_stops_retransmissions)
{
    auto d = make();
    d.advance(600ms);
    receive(d, 180);
    BOOST_TEST(d.machine().current() == state::proceeding);
    BOOST_TEST(d.to_tu == std::vector<std::string>{"SIP/2.0 180 Something"}, boost::test_tools::per_element());
    BOOST_TEST(!d.armed(timer_id::a));
    BOOST_TEST(!d.armed(timer_id::b));
    d.advance(100s);
    BOOST_TEST(d.sent.size() == 2u); // the INVITE at 0 and 500 ms, no more
    BOOST_TEST(!d.terminated);
    BOOST_TEST(d.machine().may_cancel());
}

BOOST_AUTO_TEST_CASE(fig5_proceeding_1xx_passes_to_tu)
{
    auto d = make();
    receive(d, 100);
    receive(d, 183);
    BOOST_TEST(d.machine().current() == state::proceeding);
    BOOST_TEST(d.to_tu == (std::vector<std::string>{"SIP/2.0 100 Something", "SIP/2.0 183 Something"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rfc6026_fig5_calling_2xx_to_accepted_passes_to_tu_starts_m)
{
    auto d = make();
    receive(d, 200);
    BOOST_TEST(d.machine().current() == state::accepted);
    BOOST_TEST(d.to_tu == std::vector<std::string>{"SIP/2.0 200 Something"}, boost::test_tools::per_element());
    BOOST_TEST(d.sent.size() == 1u); // no ACK from the transaction for a 2xx
    BOOST_TEST(!d.armed(timer_id::a));
    BOOST_TEST(d.remaining(timer_id::m) == 32000ms);
    BOOST_TEST(!d.machine().may_cancel());
}

BOOST_AUTO_TEST_CASE(rfc6026_fig5_proceeding_2xx_to_accepted)
{
    auto d = make();
    receive(d, 180);
    receive(d, 200);
    BOOST_TEST(d.machine().current() == state::accepted);
    BOOST_TEST(d.to_tu.size() == 2u);
    BOOST_TEST(d.armed(timer_id::m));
}

BOOST_AUTO_TEST_CASE(rfc6026_fig5_accepted_2xx_passes_to_tu_and_stays)
{
    auto d = make();
    receive(d, 200);
    receive(d, 200);
    d.feed(message_received{parse(response_text(200, "INVITE", "other-branch"))});
    BOOST_TEST(d.machine().current() == state::accepted);
    BOOST_TEST(d.to_tu.size() == 3u);
    BOOST_TEST(d.sent.size() == 1u);
    receive(d, 180); // not a 2xx: absorbed
    BOOST_TEST(d.to_tu.size() == 3u);
}

BOOST_AUTO_TEST_CASE(rfc6026_fig5_accepted_timer_m_fires_terminates)
{
    auto d = make();
    d.advance(200ms);
    receive(d, 200);
    d.advance(31999ms);
    BOOST_TEST(!d.terminated);
    d.advance(1ms);
    BOOST_TEST(d.terminated);
    BOOST_TEST(d.terminated_at == 32200ms);
    BOOST_TEST(d.reports.empty());
}

BOOST_AUTO_TEST_CASE(fig5_calling_300_699_to_completed_sends_ack_passes_to_tu)
{
    auto d = make();
    receive(d, 486);
    BOOST_TEST(d.machine().current() == state::completed);
    BOOST_TEST(d.to_tu == std::vector<std::string>{"SIP/2.0 486 Something"}, boost::test_tools::per_element());
    BOOST_REQUIRE_EQUAL(d.sent.size(), 2u);
    BOOST_TEST(first_line(d.sent[1].bytes) == "ACK sip:bob@biloxi.example.com SIP/2.0");
    // 17.1.1.3: To of the response (with its tag), the INVITE's top Via only.
    auto ack = parse(d.sent[1].bytes);
    BOOST_TEST(ack.to().tag == "a6c85cf");
    BOOST_TEST(ack.count(header_id::via) == 1u);
    BOOST_TEST(ack.top_via().branch == "z9hG4bK776asdhds");
    BOOST_TEST(ack.cseq().number == 314159u);
    BOOST_TEST(ack.cseq().method_text == "ACK");
    BOOST_TEST(d.remaining(timer_id::d) == 32000ms);
    BOOST_TEST(!d.armed(timer_id::a));
    BOOST_TEST(!d.armed(timer_id::b));
}

BOOST_AUTO_TEST_CASE(fig5_proceeding_300_699_to_completed_sends_ack)
{
    auto d = make();
    receive(d, 180);
    receive(d, 603);
    BOOST_TEST(d.machine().current() == state::completed);
    BOOST_TEST(d.sent.size() == 2u);
    BOOST_TEST(d.to_tu.size() == 2u);
}

BOOST_AUTO_TEST_CASE(fig5_completed_300_699_resends_ack_not_to_tu)
{
    auto d = make();
    receive(d, 404);
    d.advance(1s);
    receive(d, 404);
    receive(d, 404);
    BOOST_TEST(d.machine().current() == state::completed);
    BOOST_REQUIRE_EQUAL(d.sent.size(), 4u);
    BOOST_TEST(d.sent[3].bytes == d.sent[1].bytes);
    BOOST_TEST(d.sent[3].at == 1000ms);
    BOOST_TEST(d.to_tu.size() == 1u);
}

BOOST_AUTO_TEST_CASE(fig5_completed_transport_error_terminates_and_informs_tu)
{
    auto d = make();
    receive(d, 500);
    d.feed(transport_error{});
    BOOST_TEST(d.terminated);
    BOOST_REQUIRE_EQUAL(d.reports.size(), 1u);
    BOOST_TEST((d.reports[0] == failure::transport_error));
}

BOOST_AUTO_TEST_CASE(fig5_completed_timer_d_fires_terminates)
{
    auto d = make();
    d.advance(100ms);
    receive(d, 500);
    d.advance(31999ms);
    BOOST_TEST(!d.terminated);
    d.advance(1ms);
    BOOST_TEST(d.terminated);
    BOOST_TEST(d.terminated_at == 32100ms);
    BOOST_TEST(d.reports.empty());
}

BOOST_AUTO_TEST_CASE(fig5_completed_reliable_timer_d_is_zero)
{
    auto d = make(transport_kind::reliable);
    receive(d, 500);
    BOOST_TEST(d.terminated);
    BOOST_TEST(d.terminated_at == 0ms);
    BOOST_TEST(d.sent.size() == 2u); // the ACK still goes out
    BOOST_TEST(d.to_tu.size() == 1u);
}

BOOST_AUTO_TEST_CASE(proceeding_and_accepted_ignore_transport_errors)
{
    auto d = make();
    receive(d, 180);
    d.feed(transport_error{});
    BOOST_TEST(!d.terminated);
    receive(d, 200);
    d.feed(transport_error{});
    BOOST_TEST(!d.terminated);
    BOOST_TEST(d.reports.empty());
}

BOOST_AUTO_TEST_CASE(stale_timer_firings_are_ignored)
{
    auto d = make();
    receive(d, 180);
    auto acts = d.machine().on(timer_fired{timer_id::a});
    BOOST_TEST(acts.empty());
    acts = d.machine().on(timer_fired{timer_id::b});
    BOOST_TEST(acts.empty());
    BOOST_TEST(d.machine().current() == state::proceeding);
}

BOOST_AUTO_TEST_CASE(terminated_ignores_every_event)
{
    auto d = make();
    d.feed(transport_error{});
    auto acts = d.machine().on(message_received{parse(response_text(200))});
    BOOST_TEST(acts.empty());
    acts = d.machine().on(start{});
    BOOST_TEST(acts.empty());
}

BOOST_AUTO_TEST_CASE(start_twice_sends_once)
{
    auto d = make();
    d.feed(start{});
    BOOST_TEST(d.sent.size() == 1u);
}
