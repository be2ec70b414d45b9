// The stack core driven directly, one message at a time, on a fake clock:
// the RFC 4475 "semantic" cases answered by the rule that owns them,
// retransmission absorption (17.2.3) and by completed non-INVITE
// transactions (17.2.2, 17.1.2.2), 481 outside any dialog (12.2.2),
// CANCEL (9.2), stray responses (17.1.3), 408/503 (8.1.3.1), large
// requests over TCP and their UDP retry (18.1.1), the ACK
// for a 2xx (13.3.1.4), glare (14.2), NOTIFY before the 2xx (RFC 6665
// 4.1.2.4), and the table bounds.
#define BOOST_TEST_MODULE sip_stack_core
#include <boost/test/unit_test.hpp>

#include "probe.hpp"

using namespace cpm::sip;
using namespace cpm::sip::stack;
using namespace cpm::sip::stack::test;
namespace sip = cpm::sip;

BOOST_AUTO_TEST_CASE(rfc4475_unknown_version_gets_505)
{
    probe p;
    std::string text = request("OPTIONS");
    text.replace(text.find("SIP/2.0\r\n"), 7, "SIP/7.0");
    p.receive(text);
    BOOST_TEST(p.last_status() == "SIP/2.0 505 Version Not Supported");
    BOOST_TEST(p.notes.empty());
}

BOOST_AUTO_TEST_CASE(rfc4475_missing_call_id_gets_400_with_warning)
{
    probe p;
    std::string text = request("OPTIONS");
    text.erase(text.find("Call-ID: call1\r\n"), 16);
    p.receive(text);
    BOOST_TEST(p.last_status() == "SIP/2.0 400 Bad Request");
    BOOST_TEST(warning_of(p.last_sent()).find("missing mandatory header") != std::string_view::npos);
    BOOST_TEST(p.last_sent().to().tag.empty() == false); // 8.2.6.2
}

BOOST_AUTO_TEST_CASE(rfc4475_cseq_method_mismatch_gets_400_naming_it)
{
    probe p;
    std::string text = request("OPTIONS");
    text.replace(text.find("1 OPTIONS"), 9, "1 INVITE");
    p.receive(text);
    BOOST_TEST(p.last_status() == "SIP/2.0 400 Bad Request");
    BOOST_TEST(warning_of(p.last_sent()).find("CSeq method") != std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(rfc4475_unknown_scheme_gets_416)
{
    probe p;
    std::string text = request("OPTIONS");
    text.replace(text.find("sip:ua@192.0.2.1 SIP"), 16, "unknown:ua@host1");
    p.receive(text);
    BOOST_TEST(p.last_status() == "SIP/2.0 416 Unsupported URI Scheme");
}

BOOST_AUTO_TEST_CASE(rfc3261_8_2_2_3_unknown_require_gets_420_with_unsupported)
{
    probe p;
    p.receive(request("OPTIONS", "Require: timer, nonsense, other\r\n"));
    BOOST_TEST(p.last_status() == "SIP/2.0 420 Bad Extension");
    BOOST_TEST(p.last_sent().find(header_id::unsupported)->value == "nonsense, other");
    BOOST_TEST(p.notes.empty());
}

BOOST_AUTO_TEST_CASE(rfc3261_8_2_2_3_supported_require_reaches_the_tu)
{
    probe p;
    p.receive(request("OPTIONS", "Require: timer\r\n"));
    BOOST_TEST(p.sent.empty());
    BOOST_TEST(p.notes_of<request_received>().size() == 1u);
}

BOOST_AUTO_TEST_CASE(rfc3261_8_2_2_3_require_is_ignored_in_cancel)
{
    probe p;
    p.receive(request("CANCEL", "Require: nonsense\r\n"));
    // No INVITE to cancel: 481, not 420.
    BOOST_TEST(p.last_status() == "SIP/2.0 481 Call/Transaction Does Not Exist");
}

BOOST_AUTO_TEST_CASE(rfc3261_21_5_13_large_request_gets_513)
{
    config c = probe::base();
    c.max_request_size = 300;
    probe p(c);
    p.receive(request("MESSAGE", {}, {}, "z9hG4bK1", 1, std::string(400, 'x')));
    BOOST_TEST(p.last_status() == "SIP/2.0 513 Message Too Large");
}

BOOST_AUTO_TEST_CASE(rfc3261_16_3_max_forwards_zero_at_a_proxy_gets_483_except_options)
{
    config c = probe::base();
    c.forwards = true;
    probe p(c);
    std::string text = request("MESSAGE");
    text.replace(text.find("Max-Forwards: 70"), 16, "Max-Forwards: 0");
    p.receive(text);
    BOOST_TEST(p.last_status() == "SIP/2.0 483 Too Many Hops");
    std::string options = request("OPTIONS", {}, {}, "z9hG4bK2");
    options.replace(options.find("Max-Forwards: 70"), 16, "Max-Forwards: 0");
    p.receive(options);
    BOOST_TEST(p.notes_of<request_received>().size() == 1u);
    // A UA is the final recipient: it processes Max-Forwards 0 normally.
    probe ua;
    ua.receive(text);
    BOOST_TEST(ua.notes_of<request_received>().size() == 1u);
}

BOOST_AUTO_TEST_CASE(rfc3261_17_2_3_retransmission_is_absorbed_and_gets_the_last_response)
{
    probe p;
    p.receive(request("INVITE"));
    auto rr = p.notes_of<request_received>();
    BOOST_TEST_REQUIRE(rr.size() == 1u);
    BOOST_TEST(p.stack.respond(rr[0].transaction, dialog_reply(p.stack, *rr[0].request, 180, "Ringing", "u1")).has_value());
    p.collect();
    std::size_t const before = p.sent.size();
    p.receive(request("INVITE"));
    BOOST_TEST(p.notes_of<request_received>().size() == 1u);
    BOOST_TEST(p.sent.size() == before + 1);
    BOOST_TEST(p.last_status() == "SIP/2.0 180 Ringing");
}

// The core keeps a completed non-INVITE transaction as its key and final
// response only (lingering.hpp): the behaviour must be the machine's.
BOOST_AUTO_TEST_CASE(rfc3261_17_2_2_completed_non_invite_server_resends_its_final_response_until_timer_j)
{
    probe p;
    p.receive(request("MESSAGE"));
    auto rr = p.notes_of<request_received>();
    BOOST_TEST_REQUIRE(rr.size() == 1u);
    BOOST_TEST(p.stack.respond(rr[0].transaction, reply(*rr[0].request, 202, "Accepted", "u1")).has_value());
    p.collect();
    BOOST_TEST(p.stack.transaction_count() == 1u);
    std::string const final_response = p.sent.back().bytes;
    // The TU's further responses are discarded in Completed.
    BOOST_TEST(!p.stack.respond(rr[0].transaction, reply(*rr[0].request, 500, "Late", "u1")).has_value());
    p.collect();
    p.advance(10s);
    std::size_t const before = p.sent.size();
    p.receive(request("MESSAGE"));
    BOOST_TEST(p.notes_of<request_received>().size() == 1u); // absorbed
    BOOST_TEST_REQUIRE(p.sent.size() == before + 1);
    BOOST_TEST(p.sent.back().bytes == final_response);
    BOOST_TEST((p.sent.back().to == alice));
    // The same branch with another method is another transaction (17.2.3).
    p.receive(request("OPTIONS"));
    BOOST_TEST(p.notes_of<request_received>().size() == 2u);
    // Timer J (64*T1) ends it: the request is new again.
    p.advance(23s);
    BOOST_TEST(p.stack.transaction_count() == 1u); // the OPTIONS
    p.receive(request("MESSAGE"));
    BOOST_TEST(p.notes_of<request_received>().size() == 3u);
}

BOOST_AUTO_TEST_CASE(rfc3261_17_1_2_2_completed_non_invite_client_absorbs_responses_until_timer_k)
{
    probe p;
    auto h = p.stack.send_request(out_of_dialog(p.stack, "MESSAGE", alice, "m1", "t1"), alice);
    BOOST_TEST_REQUIRE(h.has_value());
    p.collect();
    auto const request_sent = sip::message::parse(abnf::text_buffer(p.sent.back().bytes));
    BOOST_TEST_REQUIRE(request_sent.has_value());
    std::string const ok = reply(*request_sent, 200, "OK", "b1");
    p.receive(ok);
    BOOST_TEST(p.notes_of<response_received>().size() == 1u);
    BOOST_TEST(p.stack.transaction_count() == 1u);
    p.receive(ok);
    BOOST_TEST(p.notes_of<response_received>().size() == 1u);
    BOOST_TEST(p.stack.stray_response_count() == 0u);
    // Timer K (T4, 5 s) ends it; the same response is then a stray one.
    p.advance(5s);
    BOOST_TEST(p.stack.transaction_count() == 0u);
    BOOST_TEST(p.stack.timer_count() == 0u);
    p.receive(ok);
    BOOST_TEST(p.stack.stray_response_count() == 1u);
}

BOOST_AUTO_TEST_CASE(rfc3261_12_2_2_request_in_unknown_dialog_gets_481)
{
    probe p;
    p.receive(request("BYE", {}, "nosuchtag"));
    BOOST_TEST(p.last_status() == "SIP/2.0 481 Call/Transaction Does Not Exist");
    BOOST_TEST(p.notes.empty());
    // An ACK is never answered.
    std::size_t const before = p.sent.size();
    p.receive(request("ACK", {}, "nosuchtag", "z9hG4bKack"));
    BOOST_TEST(p.sent.size() == before);
}

BOOST_AUTO_TEST_CASE(rfc3261_9_2_cancel_gets_200_and_the_invite_487)
{
    probe p;
    p.receive(request("INVITE"));
    auto rr = p.notes_of<request_received>();
    BOOST_TEST_REQUIRE(rr.size() == 1u);
    BOOST_TEST(p.stack.respond(rr[0].transaction, dialog_reply(p.stack, *rr[0].request, 180, "Ringing", "u1")).has_value());
    p.receive(request("CANCEL"));
    BOOST_TEST_REQUIRE(p.sent.size() >= 3u);
    auto const& cancel_ok = p.sent[p.sent.size() - 2].bytes;
    BOOST_TEST(cancel_ok.substr(0, cancel_ok.find("\r\n")) == "SIP/2.0 200 OK");
    BOOST_TEST(cancel_ok.find("CSeq: 1 CANCEL") != std::string::npos);
    BOOST_TEST(p.last_status() == "SIP/2.0 487 Request Terminated");
    // The 487 keeps the To tag of the 180 (8.2.6.2).
    BOOST_TEST(p.last_sent().to().tag == "u1");
    BOOST_TEST(p.notes_of<request_cancelled>().size() == 1u);
    // 12.3: the early dialog of the 180 ended.
    BOOST_TEST(p.notes_of<dialog_ended>().size() == 1u);
    BOOST_TEST(p.stack.dialog_count() == 0u);
    // The TU's late 200 is ignored.
    std::size_t const before = p.sent.size();
    BOOST_TEST(p.stack.respond(rr[0].transaction, dialog_reply(p.stack, *rr[0].request, 200, "OK", "u1")).has_value());
    p.collect();
    BOOST_TEST(p.sent.size() == before);
}

BOOST_AUTO_TEST_CASE(rfc3261_9_2_cancel_after_the_final_response_gets_200_only)
{
    probe p;
    p.receive(request("INVITE"));
    auto rr = p.notes_of<request_received>();
    BOOST_TEST(p.stack.respond(rr[0].transaction, reply(*rr[0].request, 486, "Busy Here", "u1")).has_value());
    p.collect();
    p.receive(request("CANCEL"));
    BOOST_TEST(p.last_status() == "SIP/2.0 200 OK");
    BOOST_TEST(p.notes_of<request_cancelled>().empty());
}

BOOST_AUTO_TEST_CASE(rfc3261_17_1_3_stray_response_is_dropped)
{
    probe p;
    p.receive("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKnone\r\nFrom: <sip:ua@192.0.2.1>;tag=x\r\n"
              "To: <sip:b@192.0.2.7>;tag=y\r\nCall-ID: z\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n");
    BOOST_TEST(p.sent.empty());
    BOOST_TEST(p.notes.empty());
    BOOST_TEST(p.stack.transaction_count() == 0u);
}

BOOST_AUTO_TEST_CASE(rfc3261_8_1_3_1_timeout_is_408_and_transport_error_503)
{
    probe p;
    auto h = p.stack.send_request(out_of_dialog(p.stack, "MESSAGE", alice, "m1", "t1"), alice);
    BOOST_TEST_REQUIRE(h.has_value());
    p.collect();
    BOOST_TEST(p.sent.size() == 1u);
    p.advance(32s);
    auto failed = p.notes_of<request_failed>();
    BOOST_TEST_REQUIRE(failed.size() == 1u);
    BOOST_TEST(failed[0].status == 408u);
    BOOST_TEST(p.sent.size() == 11u); // Timer E: 0, 0.5, 1.5, 3.5, 7.5, then every 4 s to 31.5
    BOOST_TEST(p.stack.transaction_count() == 0u);
    BOOST_TEST(p.stack.timer_count() == 0u);

    auto h2 = p.stack.send_request(out_of_dialog(p.stack, "MESSAGE", alice, "m2", "t2"), alice);
    BOOST_TEST_REQUIRE(h2.has_value());
    p.collect();
    p.stack.on_send_failed(p.sent.back().transaction);
    p.collect();
    failed = p.notes_of<request_failed>();
    BOOST_TEST_REQUIRE(failed.size() == 2u);
    BOOST_TEST(failed[1].status == 503u);
}

namespace {

/// A MESSAGE from @p p's core to Alice of exactly @p size bytes (the body
/// fills up; the Content-Length's digits may take a second try).
std::string message_of_size(probe& p, std::size_t size, std::string_view call_id)
{
    std::size_t body = 1;
    for (int attempt = 0; attempt < 4; ++attempt) {
        auto text = out_of_dialog(p.stack, "MESSAGE", alice, call_id, "t1", {}, std::string(body, 'x'));
        if (text.size() == size)
            return text;
        BOOST_TEST_REQUIRE(body + size >= text.size());
        body = body + size - text.size();
    }
    BOOST_FAIL("no body length gives a MESSAGE of " << size << " bytes");
    return {};
}

} // namespace

BOOST_AUTO_TEST_CASE(rfc3261_18_1_1_request_over_1300_bytes_goes_over_tcp)
{
    probe p;
    BOOST_TEST_REQUIRE(p.stack.send_request(message_of_size(p, 1300, "m1"), alice).has_value());
    p.collect();
    BOOST_TEST_REQUIRE(p.sent.size() == 1u);
    BOOST_TEST((p.sent[0].to == alice));
    BOOST_TEST(p.last_sent().top_via().transport == "UDP");

    auto h = p.stack.send_request(message_of_size(p, 1301, "m2"), alice);
    BOOST_TEST_REQUIRE(h.has_value());
    p.collect();
    BOOST_TEST_REQUIRE(p.sent.size() == 2u);
    BOOST_TEST((p.sent[1].to == peer{alice.address, alice.port, transport_kind::tcp}));
    auto const over_tcp = p.last_sent();
    BOOST_TEST(over_tcp.top_via().transport == "TCP");
    BOOST_TEST(over_tcp.text().size() == 1301u);
    // A reliable transport: Timer E does not run for it (17.1.2.2).
    p.advance(2s);
    BOOST_TEST(p.sent.size() == 4u); // m1's two retransmissions only
    p.receive(reply(over_tcp, 200, "OK", "b2"), peer{alice.address, 40000, transport_kind::tcp});
    auto const rr = p.notes_of<response_received>();
    BOOST_TEST_REQUIRE(rr.size() == 1u);
    BOOST_TEST((rr[0].transaction == *h));
}

BOOST_AUTO_TEST_CASE(rfc3261_18_1_1_refused_tcp_is_retried_over_udp_once)
{
    probe p;
    auto h = p.stack.send_request(message_of_size(p, 1400, "m1"), alice);
    BOOST_TEST_REQUIRE(h.has_value());
    p.collect();
    BOOST_TEST_REQUIRE(p.sent.size() == 1u);
    auto const over_tcp = p.last_sent();
    // The connection is refused: the same request again, over UDP.
    p.stack.on_send_failed(p.sent.back().transaction);
    p.collect();
    BOOST_TEST_REQUIRE(p.sent.size() == 2u);
    BOOST_TEST((p.sent[1].to == alice));
    auto const over_udp = p.last_sent();
    BOOST_TEST(over_udp.top_via().transport == "UDP");
    BOOST_TEST(over_udp.top_via().branch == over_tcp.top_via().branch);
    BOOST_TEST(over_udp.body() == over_tcp.body());
    BOOST_TEST(p.notes_of<request_failed>().empty());
    // Now unreliable: Timer E retransmits; TCP's Timer F was stopped.
    p.advance(500ms);
    BOOST_TEST(p.sent.size() == 3u);
    p.receive(reply(over_udp, 200, "OK", "b1"));
    auto const rr = p.notes_of<response_received>();
    BOOST_TEST_REQUIRE(rr.size() == 1u);
    BOOST_TEST((rr[0].transaction == *h));
    p.advance(5s); // Timer K
    BOOST_TEST(p.stack.transaction_count() == 0u);
    BOOST_TEST(p.stack.timer_count() == 0u);

    // A UDP failure after the retry is the TU's 503 (8.1.3.1).
    auto h2 = p.stack.send_request(message_of_size(p, 1400, "m2"), alice);
    BOOST_TEST_REQUIRE(h2.has_value());
    p.collect();
    p.stack.on_send_failed(p.sent.back().transaction);
    p.collect();
    p.stack.on_send_failed(p.sent.back().transaction);
    p.collect();
    auto const failed = p.notes_of<request_failed>();
    BOOST_TEST_REQUIRE(failed.size() == 1u);
    BOOST_TEST((failed[0].transaction == *h2));
    BOOST_TEST(failed[0].status == 503u);
    BOOST_TEST(p.stack.transaction_count() == 0u);
}

BOOST_AUTO_TEST_CASE(rfc3261_18_1_1_stream_peers_get_no_udp_retry)
{
    probe p;
    peer const over_tcp{alice.address, alice.port, transport_kind::tcp};
    auto h = p.stack.send_request(out_of_dialog(p.stack, "MESSAGE", over_tcp, "m1", "t1", {}, std::string(2000, 'x')),
                                  over_tcp);
    BOOST_TEST_REQUIRE(h.has_value());
    p.collect();
    BOOST_TEST((p.sent.back().to == over_tcp));
    p.stack.on_send_failed(p.sent.back().transaction);
    p.collect();
    BOOST_TEST(p.sent.size() == 1u);
    auto const failed = p.notes_of<request_failed>();
    BOOST_TEST_REQUIRE(failed.size() == 1u);
    BOOST_TEST(failed[0].status == 503u);
}

BOOST_AUTO_TEST_CASE(rfc3261_13_3_1_4_2xx_retransmitted_until_the_ack)
{
    probe p;
    p.receive(request("INVITE"));
    auto rr = p.notes_of<request_received>();
    auto d = p.stack.respond(rr[0].transaction, dialog_reply(p.stack, *rr[0].request, 200, "OK", "u1"));
    BOOST_TEST_REQUIRE((d.has_value() && *d != no_dialog));
    p.collect();
    std::size_t const first = p.sent.size();
    p.advance(1600ms); // T1 and 2*T1: two retransmissions
    BOOST_TEST(p.sent.size() == first + 2);
    BOOST_TEST(p.last_status() == "SIP/2.0 200 OK");
    p.receive(request("ACK", {}, "u1", "z9hG4bKack"));
    auto acks = p.notes_of<ack_received>();
    BOOST_TEST_REQUIRE(acks.size() == 1u);
    BOOST_TEST(acks[0].dialog == *d);
    std::size_t const after_ack = p.sent.size();
    p.advance(10s);
    BOOST_TEST(p.sent.size() == after_ack);
    // A retransmitted ACK is absorbed without a second notification.
    p.receive(request("ACK", {}, "u1", "z9hG4bKack"));
    BOOST_TEST(p.notes_of<ack_received>().size() == 1u);
}

BOOST_AUTO_TEST_CASE(rfc3261_13_3_1_4_no_ack_reports_ack_timeout)
{
    probe p;
    p.receive(request("INVITE"));
    auto rr = p.notes_of<request_received>();
    BOOST_TEST(p.stack.respond(rr[0].transaction, dialog_reply(p.stack, *rr[0].request, 200, "OK", "u1")).has_value());
    p.collect();
    p.advance(40s);
    BOOST_TEST(p.notes_of<ack_timeout>().size() == 1u);
}

BOOST_AUTO_TEST_CASE(rfc3261_12_2_2_lower_cseq_gets_500)
{
    probe p;
    p.receive(request("INVITE", {}, {}, "z9hG4bK1", 5));
    auto rr = p.notes_of<request_received>();
    BOOST_TEST(p.stack.respond(rr[0].transaction, dialog_reply(p.stack, *rr[0].request, 200, "OK", "u1")).has_value());
    p.collect();
    p.receive(request("INFO", {}, "u1", "z9hG4bKinfo", 3));
    BOOST_TEST(p.last_status() == "SIP/2.0 500 Server Internal Error");
}

BOOST_AUTO_TEST_CASE(rfc3261_14_2_second_reinvite_before_the_first_is_answered_gets_500_retry_after)
{
    probe p;
    p.receive(request("INVITE"));
    auto rr = p.notes_of<request_received>();
    BOOST_TEST(p.stack.respond(rr[0].transaction, dialog_reply(p.stack, *rr[0].request, 200, "OK", "u1")).has_value());
    p.collect();
    p.receive(request("ACK", {}, "u1", "z9hG4bKack"));
    p.receive(request("INVITE", {}, "u1", "z9hG4bKre1", 2, "v=0\r\n"));
    BOOST_TEST(p.notes_of<request_received>().size() == 2u);
    p.receive(request("INVITE", {}, "u1", "z9hG4bKre2", 3, "v=0\r\n"));
    BOOST_TEST(p.last_status() == "SIP/2.0 500 Server Internal Error");
    auto const answer = p.last_sent();
    auto const* retry = answer.find(header_id::retry_after);
    BOOST_TEST_REQUIRE(retry != nullptr);
    BOOST_TEST(std::stoi(std::string(retry->value)) <= 10);
}

BOOST_AUTO_TEST_CASE(rfc3261_14_1_own_reinvite_pending_refuses_another_and_answers_491)
{
    probe p;
    p.receive(request("INVITE"));
    auto rr = p.notes_of<request_received>();
    auto d = p.stack.respond(rr[0].transaction, dialog_reply(p.stack, *rr[0].request, 200, "OK", "u1"));
    BOOST_TEST_REQUIRE(d.has_value());
    p.collect();
    dialog::request_options o;
    o.body = "v=0\r\n";
    o.content_type = "application/sdp";
    BOOST_TEST(p.stack.send_in_dialog(*d, method::invite, o).has_value());
    auto again = p.stack.send_in_dialog(*d, method::invite, o);
    BOOST_TEST((!again && again.error() == make_error_code(errc::request_pending)));
    p.collect();
    p.receive(request("INVITE", {}, "u1", "z9hG4bKre1", 2, "v=0\r\n"));
    BOOST_TEST(p.last_status() == "SIP/2.0 491 Request Pending");
}

BOOST_AUTO_TEST_CASE(rfc6665_4_1_2_4_notify_before_the_2xx_creates_the_dialog)
{
    probe p;
    auto sub = p.stack.send_request(out_of_dialog(p.stack, "SUBSCRIBE", alice, "s1", "me", {{"Event", "presence"}}), alice);
    BOOST_TEST_REQUIRE(sub.has_value());
    p.collect();
    std::string notify = "NOTIFY sip:ua@192.0.2.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bKn\r\n"
                         "Max-Forwards: 70\r\nFrom: <sip:alice@192.0.2.7>;tag=nt\r\nTo: <sip:ua@192.0.2.1>;tag=me\r\n"
                         "Call-ID: s1\r\nCSeq: 1 NOTIFY\r\nContact: <sip:alice@192.0.2.7>\r\nEvent: presence\r\n"
                         "Subscription-State: active\r\nContent-Length: 0\r\n\r\n";
    p.receive(notify);
    auto rr = p.notes_of<request_received>();
    BOOST_TEST_REQUIRE(rr.size() == 1u);
    BOOST_TEST(rr[0].dialog != no_dialog);
    BOOST_TEST(p.stack.dialog_count() == 1u);
    // The 2xx that follows belongs to the same dialog.
    auto const* via = p.sent.front().bytes.c_str();
    auto subscribe = sip::message::parse(abnf::text_buffer(std::string_view(via)));
    BOOST_TEST_REQUIRE(subscribe.has_value());
    p.receive(reply(*subscribe, 200, "OK", "nt", {{"Contact", "<sip:alice@192.0.2.7>"}, {"Expires", "60"}}));
    auto rs = p.notes_of<response_received>();
    BOOST_TEST_REQUIRE(rs.size() == 1u);
    BOOST_TEST(rs[0].dialog == rr[0].dialog);
    BOOST_TEST(p.stack.dialog_count() == 1u);
}

BOOST_AUTO_TEST_CASE(bounded_tables_answer_503_statelessly)
{
    config c = probe::base();
    c.max_transactions = 1;
    probe p(c);
    p.receive(request("MESSAGE"));
    BOOST_TEST(p.notes_of<request_received>().size() == 1u);
    p.receive(request("MESSAGE", {}, {}, "z9hG4bK2"));
    BOOST_TEST(p.last_status() == "SIP/2.0 503 Service Unavailable");
    BOOST_TEST(p.last_sent().find(header_id::retry_after) != nullptr);
    BOOST_TEST(p.stack.transaction_count() == 1u);
    auto h = p.stack.send_request(out_of_dialog(p.stack, "MESSAGE", alice, "m1", "t1"), alice);
    BOOST_TEST((!h && h.error() == make_error_code(errc::transaction_limit)));
}

BOOST_AUTO_TEST_CASE(tu_timers_fire_once_and_are_bounded)
{
    config c = probe::base();
    c.max_tu_timers = 1;
    probe p(c);
    auto t = p.stack.start_tu_timer(2s, 42);
    BOOST_TEST_REQUIRE(t.has_value());
    auto t2 = p.stack.start_tu_timer(1s, 43);
    BOOST_TEST((!t2 && t2.error() == make_error_code(errc::timer_limit)));
    p.collect();
    p.advance(3s);
    auto fired = p.notes_of<tu_timer_fired>();
    BOOST_TEST_REQUIRE(fired.size() == 1u);
    BOOST_TEST(fired[0].cookie == 42u);
    BOOST_TEST(p.stack.start_tu_timer(1s, 44).has_value());
}

BOOST_AUTO_TEST_CASE(tu_errors_are_values)
{
    probe p;
    BOOST_TEST((p.stack.send_request("garbage", alice).error() == make_error_code(errc::unparsable)));
    BOOST_TEST((p.stack.respond(server_handle{99}, "SIP/2.0 200 OK\r\n\r\n").error()
                == make_error_code(errc::unknown_transaction)));
    BOOST_TEST((p.stack.cancel(client_handle{99}).error() == make_error_code(errc::unknown_transaction)));
    BOOST_TEST((p.stack.send_in_dialog(dialog_handle{99}, method::bye, {}).error()
                == make_error_code(errc::unknown_dialog)));
    auto h = p.stack.send_request(out_of_dialog(p.stack, "MESSAGE", alice, "m1", "t1"), alice);
    BOOST_TEST_REQUIRE(h.has_value());
    BOOST_TEST((p.stack.cancel(*h).error() == make_error_code(errc::not_cancellable))); // 9.1: INVITE only
}
