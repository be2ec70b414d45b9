// INVITE server transaction: every transition of RFC 3261 figure 7 and of
// RFC 6026 figure 7 (Accepted), on a fake clock.
#define BOOST_TEST_MODULE sip_transaction_server_invite
#include <boost/test/unit_test.hpp>

#include "fake_clock.hpp"

#include "sip/transaction/server_invite.hpp"

using namespace cpm::sip;
using namespace cpm::sip::transaction;
using namespace cpm::sip::transaction::test;
using state = server_invite::state;
using driver = fake_driver<server_invite, server_event>;

namespace {

driver make(transport_kind transport = transport_kind::unreliable, timers const& t = {})
{
    driver d(server_invite(parse(invite_text), t, transport));
    d.feed(start{});
    return d;
}

void respond(driver& d, unsigned code)
{
    d.feed(send_response{parse(response_text(code))});
}

void retransmission(driver& d) { d.feed(message_received{parse(invite_text)}); }

void ack(driver& d) { d.feed(message_received{parse(request_text("ACK", "z9hG4bK776asdhds", "a6c85cf"))}); }

} // namespace

BOOST_AUTO_TEST_CASE(fig7_initial_to_proceeding_passes_invite_to_tu)
{
    auto d = make();
    BOOST_TEST(d.machine().current() == state::proceeding);
    BOOST_TEST(d.to_tu == std::vector<std::string>{"INVITE sip:bob@biloxi.example.com SIP/2.0"},
               boost::test_tools::per_element());
    BOOST_TEST(d.sent.empty());
    BOOST_TEST(d.remaining(timer_id::trying) == 200ms);
}

BOOST_AUTO_TEST_CASE(fig7_proceeding_sends_100_if_tu_silent_200ms)
{
    auto d = make();
    d.advance(199ms);
    BOOST_TEST(d.sent.empty());
    d.advance(1ms);
    BOOST_REQUIRE_EQUAL(d.sent.size(), 1u);
    BOOST_TEST(d.sent[0].at == 200ms);
    auto trying = parse(d.sent[0].bytes);
    BOOST_TEST(trying.status_code() == 100u);
    // 8.2.6: every Via, the Timestamp, no To tag added.
    BOOST_TEST(trying.count(header_id::via) == 2u);
    BOOST_TEST(trying.find(header_id::timestamp) != nullptr);
    BOOST_TEST(trying.to().tag.empty());
    BOOST_TEST(d.machine().current() == state::proceeding);
}

BOOST_AUTO_TEST_CASE(fig7_proceeding_no_100_when_tu_answers_within_200ms)
{
    auto d = make();
    d.advance(150ms);
    respond(d, 180);
    d.advance(10s);
    BOOST_REQUIRE_EQUAL(d.sent.size(), 1u);
    BOOST_TEST(first_line(d.sent[0].bytes) == "SIP/2.0 180 Something");
}

BOOST_AUTO_TEST_CASE(fig7_proceeding_100_at_once_when_configured_zero)
{
    timers t;
    t.trying_invite = 0ms;
    auto d = make(transport_kind::unreliable, t);
    BOOST_REQUIRE_EQUAL(d.sent.size(), 1u);
    BOOST_TEST(first_line(d.sent[0].bytes) == "SIP/2.0 100 Trying");
}

BOOST_AUTO_TEST_CASE(fig7_proceeding_101_199_from_tu_sent)
{
    auto d = make();
    respond(d, 180);
    respond(d, 183);
    BOOST_TEST(d.machine().current() == state::proceeding);
    BOOST_REQUIRE_EQUAL(d.sent.size(), 2u);
    BOOST_TEST(first_line(d.sent[1].bytes) == "SIP/2.0 183 Something");
}

BOOST_AUTO_TEST_CASE(fig7_proceeding_invite_resends_last_provisional)
{
    auto d = make();
    retransmission(d); // nothing sent yet: absorbed
    BOOST_TEST(d.sent.empty());
    d.advance(300ms); // 100 Trying
    retransmission(d);
    respond(d, 180);
    retransmission(d);
    BOOST_REQUIRE_EQUAL(d.sent.size(), 4u);
    BOOST_TEST(first_line(d.sent[1].bytes) == "SIP/2.0 100 Trying");
    BOOST_TEST(first_line(d.sent[3].bytes) == "SIP/2.0 180 Something");
    BOOST_TEST(d.to_tu.size() == 1u); // retransmissions never reach the TU
}

BOOST_AUTO_TEST_CASE(rfc6026_fig7_proceeding_transport_error_informs_tu_and_stays)
{
    auto d = make();
    respond(d, 180);
    d.feed(transport_error{});
    BOOST_TEST(d.machine().current() == state::proceeding);
    BOOST_REQUIRE_EQUAL(d.reports.size(), 1u);
    BOOST_TEST((d.reports[0] == failure::transport_error));
    BOOST_TEST(!d.terminated);
}

BOOST_AUTO_TEST_CASE(rfc6026_fig7_proceeding_2xx_from_tu_to_accepted_starts_l)
{
    auto d = make();
    respond(d, 200);
    BOOST_TEST(d.machine().current() == state::accepted);
    BOOST_REQUIRE_EQUAL(d.sent.size(), 1u);
    BOOST_TEST(first_line(d.sent[0].bytes) == "SIP/2.0 200 Something");
    BOOST_TEST(d.remaining(timer_id::l) == 32000ms);
    BOOST_TEST(!d.armed(timer_id::trying));
    BOOST_TEST(!d.armed(timer_id::g));
}

BOOST_AUTO_TEST_CASE(rfc6026_fig7_accepted_invite_absorbed)
{
    auto d = make();
    respond(d, 200);
    retransmission(d);
    BOOST_TEST(d.sent.size() == 1u);
    BOOST_TEST(d.to_tu.size() == 1u);
    BOOST_TEST(d.machine().current() == state::accepted);
}

BOOST_AUTO_TEST_CASE(rfc6026_fig7_accepted_ack_to_tu)
{
    auto d = make();
    respond(d, 200);
    ack(d);
    ack(d);
    BOOST_TEST(d.machine().current() == state::accepted);
    BOOST_TEST(d.to_tu == (std::vector<std::string>{"INVITE sip:bob@biloxi.example.com SIP/2.0",
                                                     "ACK sip:bob@biloxi.example.com SIP/2.0",
                                                     "ACK sip:bob@biloxi.example.com SIP/2.0"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rfc6026_fig7_accepted_2xx_from_tu_sent)
{
    auto d = make();
    respond(d, 200);
    d.advance(500ms);
    respond(d, 200);
    respond(d, 486); // not a 2xx: dropped
    BOOST_REQUIRE_EQUAL(d.sent.size(), 2u);
    BOOST_TEST(d.sent[1].at == 500ms);
    BOOST_TEST(first_line(d.sent[1].bytes) == "SIP/2.0 200 Something");
}

BOOST_AUTO_TEST_CASE(rfc6026_fig7_accepted_transport_error_informs_tu_and_stays)
{
    auto d = make();
    respond(d, 200);
    d.feed(transport_error{});
    BOOST_TEST(d.machine().current() == state::accepted);
    BOOST_TEST(d.reports.size() == 1u);
}

BOOST_AUTO_TEST_CASE(rfc6026_fig7_accepted_timer_l_fires_terminates)
{
    auto d = make();
    d.advance(100ms);
    respond(d, 200);
    d.advance(31999ms);
    BOOST_TEST(!d.terminated);
    d.advance(1ms);
    BOOST_TEST(d.terminated);
    BOOST_TEST(d.terminated_at == 32100ms);
    BOOST_TEST(d.reports.empty());
}

BOOST_AUTO_TEST_CASE(fig7_proceeding_300_699_from_tu_to_completed_starts_g_h)
{
    auto d = make();
    respond(d, 486);
    BOOST_TEST(d.machine().current() == state::completed);
    BOOST_REQUIRE_EQUAL(d.sent.size(), 1u);
    BOOST_TEST(d.remaining(timer_id::g) == 500ms);
    BOOST_TEST(d.remaining(timer_id::h) == 32000ms);
}

BOOST_AUTO_TEST_CASE(fig7_completed_timer_g_resends_doubling_up_to_t2_until_h)
{
    auto d = make();
    respond(d, 486);
    d.advance(40s);
    // 17.2.1: T1, MIN(2*T1, T2), ... then T2; Timer H at 64*T1.
    BOOST_TEST(d.sent_times() ==
                   ms({0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500}),
               boost::test_tools::per_element());
    for (auto const& s : d.sent)
        BOOST_TEST(first_line(s.bytes) == "SIP/2.0 486 Something");
}

BOOST_AUTO_TEST_CASE(fig7_completed_timer_h_fires_terminates_and_informs_tu)
{
    auto d = make();
    respond(d, 486);
    d.advance(31999ms);
    BOOST_TEST(!d.terminated);
    d.advance(1ms);
    BOOST_TEST(d.terminated);
    BOOST_REQUIRE_EQUAL(d.reports.size(), 1u);
    BOOST_TEST((d.reports[0] == failure::timeout));
}

BOOST_AUTO_TEST_CASE(fig7_completed_reliable_no_timer_g_but_h)
{
    auto d = make(transport_kind::reliable);
    respond(d, 486);
    BOOST_TEST(!d.armed(timer_id::g));
    d.advance(32s);
    BOOST_TEST(d.sent.size() == 1u);
    BOOST_TEST(d.terminated);
    BOOST_TEST(d.reports.size() == 1u);
}

BOOST_AUTO_TEST_CASE(fig7_completed_invite_resends_final)
{
    auto d = make();
    respond(d, 486);
    d.advance(200ms);
    retransmission(d);
    BOOST_REQUIRE_EQUAL(d.sent.size(), 2u);
    BOOST_TEST(d.sent[1].at == 200ms);
    BOOST_TEST(first_line(d.sent[1].bytes) == "SIP/2.0 486 Something");
}

BOOST_AUTO_TEST_CASE(fig7_completed_transport_error_terminates_and_informs_tu)
{
    auto d = make();
    respond(d, 486);
    d.feed(transport_error{});
    BOOST_TEST(d.terminated);
    BOOST_REQUIRE_EQUAL(d.reports.size(), 1u);
    BOOST_TEST((d.reports[0] == failure::transport_error));
}

BOOST_AUTO_TEST_CASE(fig7_completed_ack_to_confirmed_starts_i)
{
    auto d = make();
    respond(d, 486);
    d.advance(600ms); // one retransmission at 500
    ack(d);
    BOOST_TEST(d.machine().current() == state::confirmed);
    BOOST_TEST(!d.armed(timer_id::g));
    BOOST_TEST(!d.armed(timer_id::h));
    BOOST_TEST(d.remaining(timer_id::i) == 5000ms);
    BOOST_TEST(d.to_tu.size() == 1u); // the ACK for a non-2xx stays in the transaction
    d.advance(10s);
    BOOST_TEST(d.sent.size() == 2u);
}

BOOST_AUTO_TEST_CASE(fig7_confirmed_absorbs_ack_and_invite)
{
    auto d = make();
    respond(d, 486);
    ack(d);
    ack(d);
    retransmission(d);
    BOOST_TEST(d.sent.size() == 1u);
    BOOST_TEST(d.to_tu.size() == 1u);
    BOOST_TEST(d.machine().current() == state::confirmed);
}

BOOST_AUTO_TEST_CASE(fig7_confirmed_timer_i_fires_terminates)
{
    auto d = make();
    respond(d, 486);
    d.advance(1s);
    ack(d);
    d.advance(4999ms);
    BOOST_TEST(!d.terminated);
    d.advance(1ms);
    BOOST_TEST(d.terminated);
    BOOST_TEST(d.terminated_at == 6000ms);
    BOOST_TEST(d.reports.empty());
}

BOOST_AUTO_TEST_CASE(fig7_confirmed_reliable_timer_i_is_zero)
{
    auto d = make(transport_kind::reliable);
    respond(d, 486);
    ack(d);
    BOOST_TEST(d.terminated);
    BOOST_TEST(d.terminated_at == 0ms);
}

BOOST_AUTO_TEST_CASE(completed_ignores_further_tu_responses)
{
    auto d = make();
    respond(d, 486);
    respond(d, 200);
    BOOST_TEST(d.sent.size() == 1u);
    BOOST_TEST(d.machine().current() == state::completed);
}

BOOST_AUTO_TEST_CASE(last_response_tracks_what_was_sent)
{
    auto d = make();
    BOOST_TEST(d.machine().last_response() == nullptr);
    respond(d, 404);
    BOOST_REQUIRE(d.machine().last_response() != nullptr);
    BOOST_TEST(d.machine().last_response()->status_code() == 404u);
}
