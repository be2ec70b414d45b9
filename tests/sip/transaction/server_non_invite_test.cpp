// Non-INVITE server transaction: every transition of RFC 3261 figure 8 and
// the 100 (Trying) rule of RFC 4320 4.1, on a fake clock.
#define BOOST_TEST_MODULE sip_transaction_server_non_invite
#include <boost/test/unit_test.hpp>

#include "fake_clock.hpp"

#include "sip/transaction/server_non_invite.hpp"

using namespace cpm::sip;
using namespace cpm::sip::transaction;
using namespace cpm::sip::transaction::test;
using state = server_non_invite::state;
using driver = fake_driver<server_non_invite, server_event>;

namespace {

std::string const message_text = request_text("MESSAGE", "z9hG4bKnashds7");

driver make(transport_kind transport = transport_kind::unreliable, timers const& t = {})
{
    driver d(server_non_invite(parse(message_text), t, transport));
    d.feed(start{});
    return d;
}

void respond(driver& d, unsigned code)
{
    d.feed(send_response{parse(response_text(code, "MESSAGE"))});
}

void retransmission(driver& d) { d.feed(message_received{parse(message_text)}); }

} // namespace

BOOST_AUTO_TEST_CASE(fig8_initial_to_trying_passes_request_to_tu)
{
    auto d = make();
    BOOST_TEST(d.machine().current() == state::trying);
    BOOST_TEST(d.to_tu == std::vector<std::string>{"MESSAGE sip:bob@biloxi.example.com SIP/2.0"},
               boost::test_tools::per_element());
    BOOST_TEST(d.sent.empty());
}

BOOST_AUTO_TEST_CASE(fig8_trying_request_retransmission_discarded)
{
    auto d = make();
    retransmission(d);
    BOOST_TEST(d.sent.empty());
    BOOST_TEST(d.to_tu.size() == 1u);
    BOOST_TEST(d.machine().current() == state::trying);
}

BOOST_AUTO_TEST_CASE(rfc4320_trying_100_when_client_timer_e_reaches_t2)
{
    auto d = make();
    // T1 + 2*T1 + 4*T1 = 3.5 s with the defaults.
    d.advance(3499ms);
    BOOST_TEST(d.sent.empty());
    d.advance(1ms);
    BOOST_REQUIRE_EQUAL(d.sent.size(), 1u);
    BOOST_TEST(d.sent[0].at == 3500ms);
    BOOST_TEST(first_line(d.sent[0].bytes) == "SIP/2.0 100 Trying");
    BOOST_TEST(d.machine().current() == state::proceeding);
    retransmission(d);
    BOOST_TEST(d.sent.size() == 2u);
}

BOOST_AUTO_TEST_CASE(rfc4320_no_100_when_tu_answers_first)
{
    auto d = make();
    d.advance(3s);
    respond(d, 200);
    d.advance(40s);
    BOOST_REQUIRE_EQUAL(d.sent.size(), 1u);
    BOOST_TEST(first_line(d.sent[0].bytes) == "SIP/2.0 200 Something");
}

BOOST_AUTO_TEST_CASE(fig8_trying_1xx_from_tu_to_proceeding_sent)
{
    auto d = make();
    respond(d, 100);
    BOOST_TEST(d.machine().current() == state::proceeding);
    BOOST_TEST(d.sent.size() == 1u);
    BOOST_TEST(!d.armed(timer_id::trying));
}

BOOST_AUTO_TEST_CASE(fig8_trying_200_699_from_tu_to_completed_sent_starts_j)
{
    auto d = make();
    respond(d, 202);
    BOOST_TEST(d.machine().current() == state::completed);
    BOOST_TEST(d.sent.size() == 1u);
    BOOST_TEST(d.remaining(timer_id::j) == 32000ms);
}

BOOST_AUTO_TEST_CASE(fig8_proceeding_1xx_from_tu_sent)
{
    auto d = make();
    respond(d, 100);
    respond(d, 100);
    BOOST_TEST(d.machine().current() == state::proceeding);
    BOOST_TEST(d.sent.size() == 2u);
}

BOOST_AUTO_TEST_CASE(fig8_proceeding_request_resends_provisional)
{
    auto d = make();
    respond(d, 100);
    d.advance(1s);
    retransmission(d);
    BOOST_REQUIRE_EQUAL(d.sent.size(), 2u);
    BOOST_TEST(d.sent[1].at == 1000ms);
    BOOST_TEST(first_line(d.sent[1].bytes) == "SIP/2.0 100 Something");
}

BOOST_AUTO_TEST_CASE(fig8_proceeding_200_699_from_tu_to_completed)
{
    auto d = make();
    respond(d, 100);
    respond(d, 404);
    BOOST_TEST(d.machine().current() == state::completed);
    BOOST_TEST(d.armed(timer_id::j));
}

BOOST_AUTO_TEST_CASE(fig8_proceeding_transport_error_terminates_and_informs_tu)
{
    auto d = make();
    respond(d, 100);
    d.feed(transport_error{});
    BOOST_TEST(d.terminated);
    BOOST_REQUIRE_EQUAL(d.reports.size(), 1u);
    BOOST_TEST((d.reports[0] == failure::transport_error));
}

BOOST_AUTO_TEST_CASE(fig8_completed_request_resends_final)
{
    auto d = make();
    respond(d, 404);
    d.advance(2s);
    retransmission(d);
    retransmission(d);
    BOOST_REQUIRE_EQUAL(d.sent.size(), 3u);
    BOOST_TEST(first_line(d.sent[2].bytes) == "SIP/2.0 404 Something");
    BOOST_TEST(d.sent[2].at == 2000ms);
}

BOOST_AUTO_TEST_CASE(fig8_completed_discards_further_tu_responses)
{
    auto d = make();
    respond(d, 404);
    respond(d, 200);
    respond(d, 100);
    BOOST_TEST(d.sent.size() == 1u);
    BOOST_TEST(d.machine().last_response()->status_code() == 404u);
}

BOOST_AUTO_TEST_CASE(fig8_completed_timer_j_fires_terminates)
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

BOOST_AUTO_TEST_CASE(fig8_completed_reliable_timer_j_is_zero)
{
    auto d = make(transport_kind::reliable);
    respond(d, 200);
    BOOST_TEST(d.terminated);
    BOOST_TEST(d.terminated_at == 0ms);
    BOOST_TEST(d.sent.size() == 1u);
}

BOOST_AUTO_TEST_CASE(fig8_completed_transport_error_terminates_and_informs_tu)
{
    auto d = make();
    respond(d, 200);
    d.feed(transport_error{});
    BOOST_TEST(d.terminated);
    BOOST_REQUIRE_EQUAL(d.reports.size(), 1u);
}

BOOST_AUTO_TEST_CASE(trying_ignores_transport_errors)
{
    auto d = make();
    d.feed(transport_error{});
    BOOST_TEST(!d.terminated);
    BOOST_TEST(d.reports.empty());
}
