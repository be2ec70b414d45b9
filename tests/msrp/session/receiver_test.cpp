#define BOOST_TEST_MODULE msrp_session_receiver
#include "harness.hpp"

#include "msrp/serialize.hpp"
#include "msrp/session/error.hpp"
#include "msrp/session/range_set.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <unistd.h>
#include <chrono>

using namespace cpm::msrp;
using namespace cpm::msrp::test;
using namespace std::chrono_literals;

namespace {

session_clock::time_point const t0{};

// A SEND chunk from alice to bob, written by hand.
std::string chunk(std::string tid, std::string message_id, std::string range, std::string body,
                  char flag = '$', std::vector<field> extra = {}, std::string content_type = "text/plain")
{
    outgoing m;
    // ident (RFC 4975 9) needs 4 characters at least: short test names get a prefix.
    m.transaction_id = "tid" + tid;
    m.method = "SEND";
    m.to_path = bob_uri;
    m.from_path = alice_uri;
    m.fields.push_back({"Message-ID", "msg" + message_id});
    m.fields.push_back({"Byte-Range", std::move(range)});
    for (auto& f : extra)
        m.fields.push_back(std::move(f));
    if (!content_type.empty())
        m.fields.push_back({"Content-Type", std::move(content_type)});
    std::string out;
    BOOST_REQUIRE(serialize(m, body, static_cast<continuation>(flag), out));
    return out;
}

std::string bodiless(std::string tid, std::vector<field> extra = {})
{
    outgoing m;
    m.transaction_id = "tid" + tid;
    m.method = "SEND";
    m.to_path = bob_uri;
    m.from_path = alice_uri;
    m.fields.push_back({"Message-ID", "first0"});
    m.fields.push_back({"Byte-Range", "1-0/0"});
    for (auto& f : extra)
        m.fields.push_back(std::move(f));
    std::string out;
    BOOST_REQUIRE(serialize(m, std::nullopt, continuation::complete, out));
    return out;
}

// Feeds @p wire to bob and returns his answers.
parsed answers(endpoint& bob, std::string const& wire, session_clock::time_point now = t0)
{
    BOOST_REQUIRE(!bob.routes.feed(wire, now));
    return split(drain(bob.routes, now));
}

} // namespace

BOOST_AUTO_TEST_CASE(range_set_merges_and_is_bounded)
{
    range_set r(2);
    BOOST_TEST(r.insert(10, 20));
    BOOST_TEST(r.insert(0, 5));
    BOOST_TEST(!r.insert(30, 40)); // a third disjoint range
    BOOST_TEST(r.count() == 2u);
    BOOST_TEST(r.insert(5, 10)); // bridges both
    BOOST_TEST(r.count() == 1u);
    BOOST_TEST(r.contiguous() == 20u);
    BOOST_TEST(r.insert(3, 15)); // duplicate bytes
    BOOST_TEST(r.bytes() == 20u);
    BOOST_TEST(r.covers(20));
    BOOST_TEST(!r.covers(21));
}

BOOST_AUTO_TEST_CASE(accept_types_with_wildcards)
{
    std::vector<std::string> const types{"text/plain", "message/*"};
    BOOST_TEST(accepts(types, "text/plain"));
    BOOST_TEST(accepts(types, "TEXT/Plain;charset=utf-8"));
    BOOST_TEST(accepts(types, "message/cpim"));
    BOOST_TEST(!accepts(types, "image/png"));
    BOOST_TEST(!accepts(types, "text/html"));
    BOOST_TEST(!accepts(types, "garbage"));
    std::vector<std::string> const any{"*"};
    BOOST_TEST(accepts(any, "image/png"));
}

BOOST_AUTO_TEST_CASE(out_of_order_and_duplicate_chunks_reassemble)
{
    endpoint bob(bob_uri, alice_uri);
    std::string wire = chunk("t2", "m1", "5-8/10", "4567", '+') + chunk("t1", "m1", "1-4/10", "0123", '+') +
                       chunk("t2b", "m1", "5-8/10", "4567", '+') + chunk("t3", "m1", "9-10/10", "89", '$');
    auto const out = answers(bob, wire);
    BOOST_REQUIRE_EQUAL(out.size(), 4u);
    char const* tids[] = {"tidt2", "tidt1", "tidt2b", "tidt3"};
    for (std::size_t i = 0; i < 4; ++i) {
        BOOST_TEST(out[i].head.status_code == 200);
        BOOST_TEST(out[i].head.transaction_id == tids[i]);
        BOOST_TEST(out[i].head.to_path() == alice_uri); // RFC 4975 7.2: back to the previous hop
        BOOST_TEST(out[i].head.from_path() == bob_uri);
    }
    BOOST_REQUIRE_EQUAL(bob.count(event_kind::message_received), 1u);
    auto const* r = bob.find(event_kind::message_received);
    BOOST_TEST(r->body == "0123456789");
    BOOST_TEST(r->id == "msgm1");
    BOOST_TEST(r->content_type == "text/plain");
    BOOST_TEST(*r->range.total == 10u);
    BOOST_TEST(bob.sess->receiving() == 0u);
}

BOOST_AUTO_TEST_CASE(last_chunk_first_waits_for_the_gap)
{
    endpoint bob(bob_uri, alice_uri);
    answers(bob, chunk("a", "m2", "4-6/*", "def", '$'));
    BOOST_TEST(bob.count(event_kind::message_received) == 0u);
    BOOST_TEST(bob.sess->receiving() == 1u);
    answers(bob, chunk("b", "m2", "1-3/*", "abc", '+'));
    BOOST_REQUIRE_EQUAL(bob.count(event_kind::message_received), 1u);
    BOOST_TEST(bob.find(event_kind::message_received)->body == "abcdef");
}

BOOST_AUTO_TEST_CASE(interleaved_messages_reassemble_separately)
{
    endpoint bob(bob_uri, alice_uri);
    answers(bob, chunk("a", "x", "1-2/4", "ab", '+') + chunk("b", "y", "1-2/4", "AB", '+') +
                     chunk("c", "x", "3-4/4", "cd", '$') + chunk("d", "y", "3-4/4", "CD", '$'));
    BOOST_REQUIRE_EQUAL(bob.count(event_kind::message_received), 2u);
    BOOST_TEST(bob.events[0].body == "abcd");
    BOOST_TEST(bob.events[1].body == "ABCD");
}

BOOST_AUTO_TEST_CASE(max_size_gives_413_and_stops)
{
    session_config c;
    c.max_size = 8;
    endpoint bob(bob_uri, alice_uri, c);
    auto out = answers(bob, chunk("k1", "big", "1-4/100", "abcd", '+'));
    BOOST_REQUIRE_EQUAL(out.size(), 1u);
    BOOST_TEST(out[0].head.status_code == 413);
    // Unknown total: refused once the bytes pass max-size; the message fails.
    // A chunk still in flight after the 413 gets 413 too, not a new message.
    out = answers(bob, chunk("k2", "big2", "1-6/*", "abcdef", '+') + chunk("k3", "big2", "7-12/*", "ghijkl", '+') +
                           chunk("k4", "big2", "3-4/*", "cd", '+'));
    BOOST_REQUIRE_EQUAL(out.size(), 3u);
    BOOST_TEST(out[0].head.status_code == 200);
    BOOST_TEST(out[1].head.status_code == 413);
    BOOST_TEST(out[2].head.status_code == 413);
    auto const* f = bob.find(event_kind::receive_failed);
    BOOST_REQUIRE(f);
    BOOST_TEST(f->id == "msgbig2");
    BOOST_TEST(f->status == 413);
    BOOST_TEST(bob.sess->receiving() == 0u);
}

BOOST_AUTO_TEST_CASE(unacceptable_type_gives_415_but_bodiless_send_passes)
{
    session_config c;
    c.accept_types = {"text/*"};
    endpoint bob(bob_uri, alice_uri, c);
    auto out = answers(bob, chunk("p1", "img", "1-3/3", "PNG", '$', {}, "image/png") + bodiless("p2") +
                                chunk("p3", "txt", "1-2/2", "hi", '$', {}, "text/plain"));
    BOOST_REQUIRE_EQUAL(out.size(), 3u);
    BOOST_TEST(out[0].head.status_code == 415);
    BOOST_TEST(out[1].head.status_code == 200);
    BOOST_TEST(out[2].head.status_code == 200);
    BOOST_TEST(bob.count(event_kind::message_received) == 1u); // the bodiless SEND is no message
}

BOOST_AUTO_TEST_CASE(unknown_session_gives_481_and_reports_are_not_answered)
{
    endpoint bob(bob_uri, alice_uri);
    std::string wire = chunk("u1", "m", "1-1/1", "x");
    std::string const other = "msrp://127.0.0.1:8888/nobody;tcp";
    wire.replace(wire.find(bob_uri), bob_uri.size(), other);
    // A From-Path that is not the session's peer is refused the same way.
    std::string stranger = chunk("u2", "m", "1-1/1", "x");
    stranger.replace(stranger.find(alice_uri), alice_uri.size(), "msrp://10.0.0.9:1/mallory;tcp");
    std::string const report = "MSRP rep1 REPORT\r\nTo-Path: " + other + "\r\nFrom-Path: " + alice_uri +
                               "\r\nMessage-ID: msgm\r\nByte-Range: 1-1/1\r\nStatus: 000 200 OK\r\n-------rep1$\r\n";
    auto const out = answers(bob, wire + stranger + report);
    BOOST_REQUIRE_EQUAL(out.size(), 2u);
    BOOST_TEST(out[0].head.status_code == 481);
    BOOST_TEST(out[0].head.transaction_id == "tidu1");
    BOOST_TEST(out[1].head.status_code == 481);
    BOOST_TEST(bob.events.empty());
}

BOOST_AUTO_TEST_CASE(to_path_of_several_uris_gets_481_and_is_ignored)
{
    // RFC 4975 7.3: at an endpoint the To-Path is exactly one URI; a longer
    // one is answered 481 and ignored, whichever of its URIs is ours (before,
    // a To-Path whose first URI was ours was accepted). The connection stays.
    endpoint bob(bob_uri, alice_uri);
    std::string const relay = "msrp://192.0.2.5:9000/relay77;tcp";
    auto const via = [&](std::string wire, std::string const& to) {
        wire.replace(wire.find(bob_uri), bob_uri.size(), to);
        return wire;
    };
    std::string const ours_first = bob_uri + " " + relay;
    // The first chunk fills the framer's path memo with bob's own URI; the
    // same long To-Path twice in a row is admitted by the memo unchecked the
    // second time, and must still be refused.
    std::string const wire = chunk("ok1", "a", "1-2/2", "hi") + via(chunk("p1", "b", "1-1/1", "x"), ours_first) +
                             via(chunk("p2", "c", "1-1/1", "y"), ours_first) +
                             via(chunk("p3", "d", "1-1/1", "z"), relay + " " + bob_uri) +
                             chunk("ok2", "e", "1-3/3", "end");
    auto const out = answers(bob, wire);
    // The router's own answers are written before the session's: answers to
    // different transactions need no order.
    std::vector<std::string> got;
    for (auto const& m : out.messages)
        got.push_back(std::string(m.head.transaction_id) + " " + std::to_string(m.head.status_code));
    std::sort(got.begin(), got.end());
    std::vector<std::string> const want{"tidok1 200", "tidok2 200", "tidp1 481", "tidp2 481", "tidp3 481"};
    BOOST_TEST(got == want, boost::test_tools::per_element());
    BOOST_REQUIRE_EQUAL(bob.count(event_kind::message_received), 2u);
    BOOST_TEST(bob.events[0].body == "hi");
    BOOST_TEST(bob.events[1].body == "end");

    // RFC 4975 7.1.2: a REPORT is never answered; with a long To-Path it is
    // ignored too (this failure REPORT does not fail bob's message).
    auto const id = bob.sess->send("from bob", {});
    auto const sent = split(drain(bob.routes, t0));
    BOOST_REQUIRE_EQUAL(sent.size(), 1u);
    std::string ok;
    serialize(make_response(sent[0].head, 200, "OK"), std::nullopt, continuation::complete, ok);
    outgoing report = make_report(sent[0].head, "rep12345", {1, 8, 8}, {0, 500, "Broken"});
    report.to_path = ours_first;
    std::string rep;
    serialize(report, std::nullopt, continuation::complete, rep);
    BOOST_TEST(answers(bob, ok + rep + rep).size() == 0u);
    BOOST_REQUIRE_EQUAL(bob.count(event_kind::message_sent), 1u);
    BOOST_TEST(bob.find(event_kind::message_sent)->id == *id);
    BOOST_TEST(bob.count(event_kind::message_failed) == 0u);
}

BOOST_AUTO_TEST_CASE(malformed_requests_get_400_and_the_connection_goes_on)
{
    endpoint bob(bob_uri, alice_uri);
    std::string const bad_range = chunk("b1", "m", "x-y/z", "abc");
    std::string const no_type = chunk("b2", "m", "1-3/3", "abc", '$', {}, "");
    std::string const bad_header = "MSRP tidb3 SEND\r\nTo-Path: " + bob_uri + "\r\nFrom-Path: " + alice_uri +
                                   "\r\nBroken header line\r\n\r\nbody\r\n-------tidb3$\r\n";
    std::string const longer = chunk("b4", "m", "1-2/3", "abc");
    auto const out = answers(bob, bad_range + no_type + bad_header + longer + chunk("b5", "ok", "1-2/2", "hi"));
    BOOST_REQUIRE_EQUAL(out.size(), 5u);
    // The router answers the unparsable head itself, so its 400 may come
    // first: answers to different transactions need no order.
    std::vector<std::string> tids;
    for (std::size_t i = 0; i < 4; ++i) {
        BOOST_TEST(out[i].head.status_code == 400);
        BOOST_TEST(out[i].head.to_path() == alice_uri);
        tids.emplace_back(out[i].head.transaction_id);
    }
    std::sort(tids.begin(), tids.end());
    BOOST_TEST(tids == (std::vector<std::string>{"tidb1", "tidb2", "tidb3", "tidb4"}), boost::test_tools::per_element());
    BOOST_TEST(out[4].head.status_code == 200);
    BOOST_REQUIRE_EQUAL(bob.count(event_kind::message_received), 1u);
    BOOST_TEST(bob.find(event_kind::message_received)->body == "hi");
}

BOOST_AUTO_TEST_CASE(malformed_report_and_failure_report_no_get_no_400)
{
    // RFC 4975 7.2: a REPORT is never answered and Failure-Report "no" asks
    // for no response; both hold for a request too malformed to parse
    // (before, the router answered every salvageable bad request 400).
    endpoint bob(bob_uri, alice_uri);
    std::string const paths = "To-Path: " + bob_uri + "\r\nFrom-Path: " + alice_uri + "\r\n";
    std::string const bad_report = "MSRP rep1 REPORT\r\n" + paths + "Message-ID: m1\r\nBroken line\r\n-------rep1$\r\n";
    std::string const bad_no = "MSRP nor1 SEND\r\n" + paths +
                               "Failure-Report: no\r\nBroken line\r\n\r\nbody\r\n-------nor1$\r\n";
    std::string const bad_partial = "MSRP par1 SEND\r\n" + paths +
                                    "Failure-Report: partial\r\nBroken line\r\n\r\nbody\r\n-------par1$\r\n";
    auto const out = answers(bob, bad_report + bad_no + bad_partial + chunk("ok1", "m", "1-2/2", "hi"));
    BOOST_REQUIRE_EQUAL(out.size(), 2u);
    BOOST_TEST(out[0].head.transaction_id == "par1"); // partial: errors are still answered
    BOOST_TEST(out[0].head.status_code == 400);
    BOOST_TEST(out[1].head.transaction_id == "tidok1");
    BOOST_TEST(out[1].head.status_code == 200);
}

BOOST_AUTO_TEST_CASE(failure_report_partial_and_no_limit_the_answers)
{
    session_config c;
    c.accept_types = {"text/plain"};
    endpoint bob(bob_uri, alice_uri, c);
    std::vector<field> const partial{{"Failure-Report", "partial"}};
    std::vector<field> const no{{"Failure-Report", "no"}};
    auto const out = answers(bob, chunk("f1", "a", "1-1/1", "x", '$', partial) +
                                      chunk("f2", "b", "1-1/1", "x", '$', partial, "image/gif") +
                                      chunk("f3", "c", "1-1/1", "x", '$', no, "image/gif") +
                                      chunk("f4", "d", "1-1/1", "x", '$', no));
    BOOST_REQUIRE_EQUAL(out.size(), 1u); // partial: only the error; no: nothing
    BOOST_TEST(out[0].head.transaction_id == "tidf2");
    BOOST_TEST(out[0].head.status_code == 415);
    BOOST_TEST(bob.count(event_kind::message_received) == 2u);
}

BOOST_AUTO_TEST_CASE(success_report_covers_the_whole_message)
{
    endpoint bob(bob_uri, alice_uri);
    std::vector<field> const yes{{"Success-Report", "yes"}};
    auto const out =
        answers(bob, chunk("s1", "msg9", "1-3/6", "abc", '+', yes) + chunk("s2", "msg9", "4-6/6", "def", '$', yes));
    BOOST_REQUIRE_EQUAL(out.size(), 3u);
    message_view const& report = out[2];
    BOOST_TEST(report.head.method_text == "REPORT");
    BOOST_TEST(report.head.to_path() == alice_uri); // RFC 4975 7.1.2: the SEND's From-Path
    BOOST_TEST(report.head.from_path() == bob_uri);
    BOOST_TEST(value_of(report.head, header_id::message_id) == "msgmsg9");
    BOOST_TEST(value_of(report.head, header_id::byte_range) == "1-6/6");
    BOOST_TEST(value_of(report.head, header_id::status) == "000 200 OK");
    BOOST_TEST(value_of(report.head, header_id::success_report) == "<none>");
    BOOST_TEST(value_of(report.head, header_id::failure_report) == "<none>");
    BOOST_TEST(!report.head.has_body);
}

BOOST_AUTO_TEST_CASE(peer_abort_drops_the_message)
{
    endpoint bob(bob_uri, alice_uri);
    auto const out = answers(bob, chunk("a1", "ab", "1-3/9", "abc", '+') + chunk("a2", "ab", "4-3/9", "", '#'));
    BOOST_REQUIRE_EQUAL(out.size(), 2u);
    BOOST_TEST(out[1].head.status_code == 200);
    auto const* f = bob.find(event_kind::receive_failed);
    BOOST_REQUIRE(f);
    BOOST_TEST(f->error == make_error_code(session_errc::aborted));
    BOOST_TEST(bob.sess->receiving() == 0u);
}

BOOST_AUTO_TEST_CASE(stalled_message_gets_a_failure_report)
{
    session_config c;
    c.reassembly_timeout = 5s;
    endpoint bob(bob_uri, alice_uri, c);
    answers(bob, chunk("w1", "slow", "1-3/9", "abc", '+'));
    bob.routes.on_timer(t0 + 4s);
    BOOST_TEST(bob.events.empty());
    bob.routes.on_timer(t0 + 5s);
    auto const out = split(drain(bob.routes, t0 + 5s));
    BOOST_REQUIRE_EQUAL(out.size(), 1u);
    BOOST_TEST(out[0].head.method_text == "REPORT");
    BOOST_TEST(value_of(out[0].head, header_id::status) == "000 408 Request Timeout");
    BOOST_TEST(value_of(out[0].head, header_id::byte_range) == "1-3/9");
    auto const* f = bob.find(event_kind::receive_failed);
    BOOST_REQUIRE(f);
    BOOST_TEST(f->error == make_error_code(session_errc::stalled));
}

BOOST_AUTO_TEST_CASE(sink_failing_after_the_last_200_gets_a_failure_report)
{
    // RFC 4975 7.1.2: a failure found once the last chunk was answered 200
    // goes to the sender in a failure REPORT (before, only the local event),
    // and Failure-Report "no" asks for none.
    struct failing_finish final : body_sink {
        boost::system::error_code write(std::uint64_t, std::span<char const>) override { return {}; }
        boost::system::error_code finish(std::uint64_t) override { return make_error_code(session_errc::sink_failed); }
    };
    endpoint bob(bob_uri, alice_uri, {}, [](incoming_message const&) { return std::make_unique<failing_finish>(); });
    std::vector<field> const no{{"Failure-Report", "no"}};
    auto const out = answers(bob, chunk("k1", "full", "1-3/3", "abc") + chunk("k2", "quiet", "1-3/3", "abc", '$', no));
    BOOST_REQUIRE_EQUAL(out.size(), 2u);
    BOOST_TEST(out[0].head.status_code == 200);
    BOOST_TEST(out[1].head.method_text == "REPORT");
    BOOST_TEST(value_of(out[1].head, header_id::message_id) == "msgfull");
    BOOST_TEST(value_of(out[1].head, header_id::status) == "000 413 Message Too Large");
    BOOST_TEST(value_of(out[1].head, header_id::byte_range) == "1-3/3");
    BOOST_TEST(bob.count(event_kind::receive_failed) == 2u);
}

BOOST_AUTO_TEST_CASE(unknown_method_gets_501)
{
    endpoint bob(bob_uri, alice_uri);
    std::string const wire =
        "MSRP nick1 NICKNAME\r\nTo-Path: " + bob_uri + "\r\nFrom-Path: " + alice_uri + "\r\n-------nick1$\r\n";
    auto const out = answers(bob, wire);
    BOOST_REQUIRE_EQUAL(out.size(), 1u);
    BOOST_TEST(out[0].head.status_code == 501);
}

BOOST_AUTO_TEST_CASE(too_many_messages_in_reassembly_gives_413)
{
    session_config c;
    c.max_incoming_messages = 2;
    endpoint bob(bob_uri, alice_uri, c);
    auto const out = answers(bob, chunk("q1", "m1", "1-1/2", "a", '+') + chunk("q2", "m2", "1-1/2", "a", '+') +
                                      chunk("q3", "m3", "1-1/2", "a", '+'));
    BOOST_REQUIRE_EQUAL(out.size(), 3u);
    BOOST_TEST(out[2].head.status_code == 413);
    BOOST_TEST(bob.sess->receiving() == 2u);
}

BOOST_AUTO_TEST_CASE(file_sink_takes_chunks_in_place)
{
    std::string const dir = std::filesystem::temp_directory_path() / ("cpm-msrp-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::vector<std::string> paths;
    endpoint bob(bob_uri, alice_uri, {}, [&](incoming_message const& m) -> std::unique_ptr<body_sink> {
        paths.push_back(dir + "/" + std::string(m.message_id));
        std::unique_ptr<file_sink> f;
        if (file_sink::open(paths.back(), f))
            return nullptr;
        return f;
    });
    answers(bob, chunk("fs3", "file1", "7-9/9", "ghi", '$') + chunk("fs1", "file1", "1-3/9", "abc", '+') +
                     chunk("fs2", "file1", "4-6/9", "def", '+'));
    BOOST_REQUIRE_EQUAL(bob.count(event_kind::message_received), 1u);
    std::ifstream in(paths.at(0), std::ios::binary);
    std::string const content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    BOOST_TEST(content == "abcdefghi");
    // An aborted message leaves no file behind.
    answers(bob, chunk("fs4", "file2", "1-3/9", "abc", '+') + chunk("fs5", "file2", "4-3/9", "", '#'));
    BOOST_REQUIRE_EQUAL(paths.size(), 2u);
    BOOST_TEST(!std::filesystem::exists(paths[1]));
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(memory_sink_is_bounded)
{
    memory_sink m(8);
    BOOST_TEST(!m.write(4, std::string_view("abcd")));
    BOOST_TEST(m.write(6, std::string_view("xyz")) == make_error_code(session_errc::sink_failed));
    BOOST_TEST(!m.write(0, std::string_view("0123")));
    BOOST_TEST(!m.finish(8));
    BOOST_TEST(m.data() == "0123abcd");
}
