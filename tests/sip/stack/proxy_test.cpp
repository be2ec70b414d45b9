// The stack core in proxy mode (config::forwards), driven directly on a
// fake clock: no dialogs on either side, every 2xx to an INVITE to the TU
// (RFC 6026 7.2) and out again through the Accepted server transaction
// (RFC 6026 7.1), requests with a To tag routed by the TU (16.4), ACKs to
// forward (16.11), CANCEL without 487 (16.10), Proxy-Require (16.3 step 5)
// and stray responses dropped (RFC 6026). The UA behaviour each rule
// replaces is checked next to it.
#define BOOST_TEST_MODULE sip_stack_proxy
#include <boost/test/unit_test.hpp>

#include "probe.hpp"

using namespace cpm::sip;
using namespace cpm::sip::stack;
using namespace cpm::sip::stack::test;
namespace sip = cpm::sip;

namespace {

peer const bob{"192.0.2.9", 5060, transport_kind::udp};

config proxy_config()
{
    config c = probe::base();
    c.forwards = true;
    return c;
}

sip::message parse(std::string_view bytes)
{
    auto m = sip::message::parse(abnf::text_buffer(bytes));
    BOOST_TEST_REQUIRE(m.has_value());
    return std::move(*m);
}

std::string status_line(std::string_view bytes) { return std::string(bytes.substr(0, bytes.find("\r\n"))); }

/// The proxy (or UA) of @p p sends an INVITE to Bob; returns its handle
/// and the INVITE as sent.
std::pair<client_handle, sip::message> invite_bob(probe& p)
{
    auto h = p.stack.send_request(out_of_dialog(p.stack, "INVITE", bob, "c1", "pt"), bob);
    BOOST_TEST_REQUIRE(h.has_value());
    p.collect();
    BOOST_TEST_REQUIRE(p.sent.size() == 1u);
    return {*h, parse(p.sent.back().bytes)};
}

std::string bob_reply(sip::message const& invite, unsigned code, std::string_view reason, std::string_view tag)
{
    return reply(invite, code, reason, tag, {{"Contact", "<sip:bob@192.0.2.9>"}});
}

/// The sends of @p p whose first line is @p line.
std::size_t count_sent(probe const& p, std::string_view line)
{
    std::size_t n = 0;
    for (auto const& s : p.sent)
        if (status_line(s.bytes) == line)
            ++n;
    return n;
}

std::string with_max_forwards_zero(std::string text)
{
    text.replace(text.find("Max-Forwards: 70"), 16, "Max-Forwards: 0");
    return text;
}

} // namespace

// --- client side: send_request() -------------------------------------------

BOOST_AUTO_TEST_CASE(proxy_every_invite_2xx_goes_to_the_tu_and_none_is_acked)
{
    probe p(proxy_config());
    auto [h, invite] = invite_bob(p);
    p.receive(bob_reply(invite, 180, "Ringing", "b1"), bob);
    p.receive(bob_reply(invite, 200, "OK", "b1"), bob);
    p.receive(bob_reply(invite, 200, "OK", "b1"), bob); // retransmission
    p.receive(bob_reply(invite, 200, "OK", "b2"), bob); // another fork
    auto rs = p.notes_of<response_received>();
    BOOST_TEST_REQUIRE(rs.size() == 4u);
    BOOST_TEST(rs[0].response->status_code() == 180u);
    for (auto const& r : rs) {
        BOOST_TEST((r.transaction == h));
        BOOST_TEST(r.dialog == no_dialog);
    }
    BOOST_TEST(rs[1].response->to().tag == "b1");
    BOOST_TEST(rs[2].response->to().tag == "b1");
    BOOST_TEST(rs[3].response->to().tag == "b2");
    // 13.2.2.4: the ACK for a 2xx is end to end: the proxy core sends none.
    BOOST_TEST(p.sent.size() == 1u);
    BOOST_TEST(p.stack.dialog_count() == 0u);
    // RFC 6026 7.2: Timer M ends Accepted; a 2xx after it matches nothing
    // and is dropped (RFC 6026), not forwarded.
    BOOST_TEST(p.stack.transaction_count() == 1u);
    p.advance(33s);
    BOOST_TEST(p.stack.transaction_count() == 0u);
    p.receive(bob_reply(invite, 200, "OK", "b1"), bob);
    BOOST_TEST(p.notes_of<response_received>().size() == 4u);
    BOOST_TEST(p.sent.size() == 1u);
    BOOST_TEST(p.stack.stray_response_count() == 1u);
}

BOOST_AUTO_TEST_CASE(ua_acks_the_2xx_once_and_hands_it_up_once)
{
    probe p;
    auto [h, invite] = invite_bob(p);
    p.receive(bob_reply(invite, 200, "OK", "b1"), bob);
    p.receive(bob_reply(invite, 200, "OK", "b1"), bob);
    auto rs = p.notes_of<response_received>();
    BOOST_TEST_REQUIRE(rs.size() == 1u);
    BOOST_TEST(rs[0].dialog != no_dialog);
    BOOST_TEST(count_sent(p, "ACK sip:bob@192.0.2.9 SIP/2.0") == 2u);
    BOOST_TEST(p.stack.stray_response_count() == 0u);
}

BOOST_AUTO_TEST_CASE(proxy_non_2xx_is_acked_by_the_transaction_and_cancel_works)
{
    probe p(proxy_config());
    auto [h, invite] = invite_bob(p);
    p.receive(bob_reply(invite, 180, "Ringing", "b1"), bob);
    BOOST_TEST(p.stack.cancel(h).has_value());
    p.collect();
    BOOST_TEST(status_line(p.sent.back().bytes) == "CANCEL sip:peer@192.0.2.9:5060 SIP/2.0");
    p.receive(bob_reply(invite, 487, "Request Terminated", "b1"), bob);
    auto rs = p.notes_of<response_received>();
    BOOST_TEST_REQUIRE(rs.size() == 2u);
    BOOST_TEST(rs[1].response->status_code() == 487u);
    // 17.1.1.3: the ACK for a non-2xx is hop by hop: the transaction's.
    BOOST_TEST(status_line(p.sent.back().bytes) == "ACK sip:peer@192.0.2.9:5060 SIP/2.0");
    BOOST_TEST(p.last_sent().top_via().branch == invite.top_via().branch);
}

// --- server side: respond() ---------------------------------------------------

BOOST_AUTO_TEST_CASE(proxy_2xx_is_not_retransmitted_and_accepted_sends_further_2xx)
{
    probe p(proxy_config());
    p.receive(request("INVITE"));
    auto rr = p.notes_of<request_received>();
    BOOST_TEST_REQUIRE(rr.size() == 1u);
    BOOST_TEST(rr[0].dialog == no_dialog);
    auto const ok_b1 = reply(*rr[0].request, 200, "OK", "b1");
    auto d = p.stack.respond(rr[0].transaction, ok_b1);
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST(*d == no_dialog);
    p.collect();
    BOOST_TEST_REQUIRE(p.sent.size() == 1u);
    BOOST_TEST(p.sent[0].bytes == ok_b1);
    BOOST_TEST(p.stack.dialog_count() == 0u);
    // 13.3.1.4 is the UAS's: nothing is retransmitted by the proxy core.
    p.advance(5s);
    BOOST_TEST(p.sent.size() == 1u);
    // RFC 6026 7.1: an INVITE retransmission in Accepted is absorbed.
    p.receive(request("INVITE"));
    BOOST_TEST(p.sent.size() == 1u);
    BOOST_TEST(p.notes_of<request_received>().size() == 1u);
    // RFC 6026 7.1, RFC 3261 16.7 step 5: in Accepted every 2xx the TU
    // passes goes out (a retransmission from downstream, another fork's).
    BOOST_TEST(p.stack.respond(rr[0].transaction, ok_b1).has_value());
    auto const ok_b2 = reply(*rr[0].request, 200, "OK", "b2");
    BOOST_TEST(p.stack.respond(rr[0].transaction, ok_b2).has_value());
    p.collect();
    BOOST_TEST_REQUIRE(p.sent.size() == 3u);
    BOOST_TEST(p.sent[1].bytes == ok_b1);
    BOOST_TEST(p.sent[2].bytes == ok_b2);
    for (auto const& s : p.sent)
        BOOST_TEST((s.to == alice));
    // A non-2xx final after the 2xx is not the transaction's (17.2.1).
    BOOST_TEST(p.stack.respond(rr[0].transaction, reply(*rr[0].request, 486, "Busy Here", "b3")).has_value());
    p.collect();
    BOOST_TEST(p.sent.size() == 3u);
    // Timer L ends Accepted (RFC 6026 7.1).
    p.advance(33s);
    BOOST_TEST(p.stack.transaction_count() == 0u);
    BOOST_TEST(p.notes_of<ack_timeout>().empty());
}

BOOST_AUTO_TEST_CASE(ua_retransmits_its_2xx_and_ignores_a_second_one)
{
    probe p;
    p.receive(request("INVITE"));
    auto rr = p.notes_of<request_received>();
    auto d = p.stack.respond(rr[0].transaction, dialog_reply(p.stack, *rr[0].request, 200, "OK", "u1"));
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST(*d != no_dialog);
    p.collect();
    BOOST_TEST(p.stack.respond(rr[0].transaction, dialog_reply(p.stack, *rr[0].request, 200, "OK", "u2")).has_value());
    p.collect();
    BOOST_TEST(p.sent.size() == 1u);
    p.advance(1600ms);
    BOOST_TEST(p.sent.size() == 3u);
}

// --- requests with a To tag, ACK --------------------------------------------

BOOST_AUTO_TEST_CASE(proxy_request_with_to_tag_reaches_the_tu_without_dialog)
{
    probe p(proxy_config());
    p.receive(request("BYE", {}, "u1", "z9hG4bKbye", 2));
    auto rr = p.notes_of<request_received>();
    BOOST_TEST_REQUIRE(rr.size() == 1u);
    BOOST_TEST(rr[0].dialog == no_dialog);
    BOOST_TEST((rr[0].request->method() == method::bye));
    BOOST_TEST((rr[0].from == alice));
    BOOST_TEST(p.sent.empty()); // no 481 (12.2.2 is the UA's)
    BOOST_TEST(p.stack.respond(rr[0].transaction, reply(*rr[0].request, 200, "OK", "u1")).has_value());
    p.collect();
    BOOST_TEST(p.last_status() == "SIP/2.0 200 OK");
    // A retransmission is absorbed by the server transaction (17.2.3).
    p.receive(request("BYE", {}, "u1", "z9hG4bKbye", 2));
    BOOST_TEST(p.notes_of<request_received>().size() == 1u);
    BOOST_TEST(p.sent.size() == 2u);
    // The UA answers the same request 481 itself.
    probe ua;
    ua.receive(request("BYE", {}, "u1", "z9hG4bKbye", 2));
    BOOST_TEST(ua.last_status() == "SIP/2.0 481 Call/Transaction Does Not Exist");
    BOOST_TEST(ua.notes.empty());
}

BOOST_AUTO_TEST_CASE(proxy_ack_matching_no_transaction_is_for_the_tu_to_forward)
{
    probe p(proxy_config());
    peer const carol{"192.0.2.11", 5062, transport_kind::tcp};
    p.receive(request("ACK", {}, "u1", "z9hG4bKack"), carol);
    auto acks = p.notes_of<ack_to_forward>();
    BOOST_TEST_REQUIRE(acks.size() == 1u);
    BOOST_TEST((acks[0].ack->method() == method::ack));
    BOOST_TEST(acks[0].ack->top_via().branch == "z9hG4bKack");
    BOOST_TEST((acks[0].from == carol));
    BOOST_TEST(p.sent.empty());
    BOOST_TEST(p.stack.transaction_count() == 0u);
    // 17: a faulty ACK is dropped, never answered.
    std::string no_call_id = request("ACK", {}, "u1", "z9hG4bKack2");
    no_call_id.erase(no_call_id.find("Call-ID: call1\r\n"), 16);
    p.receive(no_call_id);
    p.receive(with_max_forwards_zero(request("ACK", {}, "u1", "z9hG4bKack3")));
    BOOST_TEST(p.notes_of<ack_to_forward>().size() == 1u);
    BOOST_TEST(p.sent.empty());
    // A UA gives an ACK that matches no dialog to nobody.
    probe ua;
    ua.receive(request("ACK", {}, "u1", "z9hG4bKack"));
    BOOST_TEST(ua.notes.empty());
}

BOOST_AUTO_TEST_CASE(proxy_ack_for_a_non_2xx_stays_in_the_transaction)
{
    probe p(proxy_config());
    p.receive(request("INVITE"));
    auto rr = p.notes_of<request_received>();
    BOOST_TEST(p.stack.respond(rr[0].transaction, reply(*rr[0].request, 486, "Busy Here", "b1")).has_value());
    p.collect();
    // 17.2.3: the ACK of a non-2xx carries the INVITE's branch.
    p.receive(request("ACK", {}, "b1", "z9hG4bK1"));
    BOOST_TEST(p.notes_of<ack_to_forward>().empty());
}

BOOST_AUTO_TEST_CASE(proxy_ack_in_accepted_goes_to_the_tu_to_forward)
{
    probe p(proxy_config());
    p.receive(request("INVITE"));
    auto rr = p.notes_of<request_received>();
    BOOST_TEST(p.stack.respond(rr[0].transaction, reply(*rr[0].request, 200, "OK", "b1")).has_value());
    p.collect();
    // RFC 6026 7.1: an ACK that reuses the INVITE's branch reaches the
    // Accepted transaction, which passes it up.
    p.receive(request("ACK", {}, "b1", "z9hG4bK1"));
    auto acks = p.notes_of<ack_to_forward>();
    BOOST_TEST_REQUIRE(acks.size() == 1u);
    BOOST_TEST(acks[0].ack->to().tag == "b1");
    BOOST_TEST((acks[0].from == alice));
    BOOST_TEST(p.notes_of<ack_received>().empty());
}

// --- CANCEL ------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(proxy_cancel_gets_200_and_leaves_the_invite_to_the_tu)
{
    probe p(proxy_config());
    p.receive(request("INVITE"));
    auto rr = p.notes_of<request_received>();
    BOOST_TEST_REQUIRE(rr.size() == 1u);
    BOOST_TEST(p.stack.respond(rr[0].transaction, reply(*rr[0].request, 180, "Ringing", "b1")).has_value());
    p.receive(request("CANCEL"));
    BOOST_TEST(p.last_status() == "SIP/2.0 200 OK");
    BOOST_TEST((p.last_sent().cseq().method == method::cancel));
    BOOST_TEST(count_sent(p, "SIP/2.0 487 Request Terminated") == 0u);
    auto cancelled = p.notes_of<request_cancelled>();
    BOOST_TEST_REQUIRE(cancelled.size() == 1u);
    BOOST_TEST((cancelled[0].transaction == rr[0].transaction));
    // 16.10: the TU forwards the best response of its cancelled branches.
    BOOST_TEST(p.stack.respond(rr[0].transaction, reply(*rr[0].request, 487, "Request Terminated", "b1")).has_value());
    p.collect();
    BOOST_TEST(p.last_status() == "SIP/2.0 487 Request Terminated");
    BOOST_TEST((p.last_sent().cseq().method == method::invite));
    // A second CANCEL after the final response: 200 only, no notification.
    p.receive(request("CANCEL"));
    BOOST_TEST(p.last_status() == "SIP/2.0 200 OK");
    BOOST_TEST(p.notes_of<request_cancelled>().size() == 1u);
}

BOOST_AUTO_TEST_CASE(proxy_2xx_that_crossed_the_cancel_is_sent)
{
    probe p(proxy_config());
    p.receive(request("INVITE"));
    auto rr = p.notes_of<request_received>();
    p.receive(request("CANCEL"));
    BOOST_TEST(p.notes_of<request_cancelled>().size() == 1u);
    auto const ok = reply(*rr[0].request, 200, "OK", "b1");
    BOOST_TEST(p.stack.respond(rr[0].transaction, ok).has_value());
    p.collect();
    BOOST_TEST(p.sent.back().bytes == ok);
}

// --- admission ---------------------------------------------------------------

BOOST_AUTO_TEST_CASE(proxy_checks_proxy_require_and_ignores_require)
{
    probe p(proxy_config());
    p.receive(request("MESSAGE", "Require: nonsense\r\n"));
    BOOST_TEST(p.sent.empty());
    BOOST_TEST(p.notes_of<request_received>().size() == 1u);
    p.receive(request("MESSAGE", "Proxy-Require: timer, nonsense\r\nProxy-Require: other\r\n", {}, "z9hG4bK2"));
    BOOST_TEST(p.last_status() == "SIP/2.0 420 Bad Extension");
    BOOST_TEST(p.last_sent().find(header_id::unsupported)->value == "nonsense, other");
    BOOST_TEST(p.notes_of<request_received>().size() == 1u);
    p.receive(request("MESSAGE", "Proxy-Require: timer\r\n", {}, "z9hG4bK3"));
    BOOST_TEST(p.notes_of<request_received>().size() == 2u);
    // A malformed Proxy-Require: 400 naming it.
    p.receive(request("MESSAGE", "Proxy-Require: a b\r\n", {}, "z9hG4bK4"));
    BOOST_TEST(p.last_status() == "SIP/2.0 400 Bad Request");
    BOOST_TEST(warning_of(p.last_sent()).find("Proxy-Require") != std::string_view::npos);
    // 8.2.2.3: not in CANCEL (no INVITE: 481, not 420).
    p.receive(request("CANCEL", "Proxy-Require: nonsense\r\n", {}, "z9hG4bK5"));
    BOOST_TEST(p.last_status() == "SIP/2.0 481 Call/Transaction Does Not Exist");
}

BOOST_AUTO_TEST_CASE(ua_ignores_proxy_require)
{
    probe ua;
    ua.receive(request("MESSAGE", "Proxy-Require: nonsense\r\n"));
    BOOST_TEST(ua.sent.empty());
    BOOST_TEST(ua.notes_of<request_received>().size() == 1u);
}

// --- stray responses -----------------------------------------------------------

BOOST_AUTO_TEST_CASE(proxy_drops_and_counts_stray_responses)
{
    probe p(proxy_config());
    std::string const stray_2xx =
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKnone\r\n"
        "Via: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bKup\r\nFrom: <sip:a@192.0.2.7>;tag=x\r\n"
        "To: <sip:b@192.0.2.9>;tag=y\r\nCall-ID: z\r\nCSeq: 1 INVITE\r\nContact: <sip:b@192.0.2.9>\r\n"
        "Content-Length: 0\r\n\r\n";
    p.receive(stray_2xx, bob);
    std::string provisional = stray_2xx;
    provisional.replace(0, 14, "SIP/2.0 180 Ringing");
    p.receive(provisional, bob);
    BOOST_TEST(p.sent.empty());
    BOOST_TEST(p.notes.empty());
    BOOST_TEST(p.stack.transaction_count() == 0u);
    BOOST_TEST(p.stack.stray_response_count() == 2u);
}
