#define BOOST_TEST_MODULE msrp_session_sender
#include "harness.hpp"

#include "msrp/serialize.hpp"
#include "msrp/session/error.hpp"

#include <chrono>

using namespace cpm::msrp;
using namespace cpm::msrp::test;
using namespace std::chrono_literals;

namespace {

session_clock::time_point const t0{};

session_config small_chunks(std::size_t n)
{
    session_config c;
    c.chunk_size = n;
    return c;
}

// A receiver whose max-size is @p n bytes (larger messages get 413).
session_config accepting_at_most(std::uint64_t n)
{
    session_config c;
    c.max_size = n;
    return c;
}

// A source whose size is not known up front (Byte-Range total "*").
class stream_source final : public body_source {
public:
    explicit stream_source(std::string body) : body_(std::move(body)) {}
    std::optional<std::uint64_t> size() const noexcept override { return std::nullopt; }
    boost::system::error_code read(std::size_t max, source_chunk& out) override
    {
        std::size_t const n = std::min(max, body_.size() - at_);
        out.bytes = {body_.data() + at_, n};
        at_ += n;
        out.last = at_ == body_.size();
        return {};
    }

private:
    std::string body_;
    std::size_t at_ = 0;
};

} // namespace

BOOST_AUTO_TEST_CASE(chunks_carry_byte_ranges_and_flags)
{
    endpoint a(alice_uri, bob_uri, small_chunks(4));
    auto const id = a.sess->send("0123456789", {});
    BOOST_REQUIRE(id);
    auto const out = split(drain(a.routes, t0));
    BOOST_REQUIRE_EQUAL(out.size(), 3u);
    char const* ranges[] = {"1-4/10", "5-8/10", "9-10/10"};
    char const* bodies[] = {"0123", "4567", "89"};
    continuation const flags[] = {continuation::more, continuation::more, continuation::complete};
    for (std::size_t i = 0; i < 3; ++i) {
        BOOST_TEST(out[i].head.method_text == "SEND");
        BOOST_TEST(out[i].head.to_path() == bob_uri);
        BOOST_TEST(out[i].head.from_path() == alice_uri);
        BOOST_TEST(value_of(out[i].head, header_id::message_id) == *id);
        BOOST_TEST(value_of(out[i].head, header_id::byte_range) == ranges[i]);
        BOOST_TEST(value_of(out[i].head, header_id::content_type) == "text/plain");
        BOOST_TEST(value_of(out[i].head, header_id::success_report) == "<none>"); // absent means no
        BOOST_TEST(out[i].body == bodies[i]);
        BOOST_TEST(static_cast<char>(out[i].flag) == static_cast<char>(flags[i]));
    }
    BOOST_TEST(out[0].head.transaction_id != out[1].head.transaction_id);
    BOOST_TEST(out[0].head.transaction_id.size() >= 12u); // 64 bits of randomness and more (RFC 4975 7.1)
    BOOST_TEST(a.sess->outstanding() == 3u);
}

BOOST_AUTO_TEST_CASE(messages_interleave_chunk_by_chunk)
{
    endpoint a(alice_uri, bob_uri, small_chunks(2));
    auto const m1 = a.sess->send("aaaa", {});
    auto const m2 = a.sess->send("bbbb", {});
    auto const out = split(drain(a.routes, t0));
    BOOST_REQUIRE_EQUAL(out.size(), 4u);
    BOOST_TEST(value_of(out[0].head, header_id::message_id) == *m1);
    BOOST_TEST(value_of(out[1].head, header_id::message_id) == *m2);
    BOOST_TEST(value_of(out[2].head, header_id::message_id) == *m1);
    BOOST_TEST(value_of(out[3].head, header_id::message_id) == *m2);
    BOOST_TEST(out[3].body == "bb");
}

BOOST_AUTO_TEST_CASE(unknown_total_is_star_until_the_last_chunk)
{
    endpoint a(alice_uri, bob_uri, small_chunks(4));
    BOOST_REQUIRE(a.sess->send(std::make_unique<stream_source>("0123456789"), {}));
    auto const out = split(drain(a.routes, t0));
    BOOST_REQUIRE_EQUAL(out.size(), 3u);
    BOOST_TEST(value_of(out[0].head, header_id::byte_range) == "1-4/*");
    BOOST_TEST(value_of(out[1].head, header_id::byte_range) == "5-8/*");
    BOOST_TEST(value_of(out[2].head, header_id::byte_range) == "9-10/10");
}

BOOST_AUTO_TEST_CASE(bodiless_send_has_no_content_type_and_an_empty_range)
{
    endpoint a(alice_uri, bob_uri);
    BOOST_REQUIRE(a.sess->send_bodiless());
    auto const out = split(drain(a.routes, t0));
    BOOST_REQUIRE_EQUAL(out.size(), 1u);
    BOOST_TEST(!out[0].head.has_body);
    BOOST_TEST(value_of(out[0].head, header_id::byte_range) == "1-0/0");
    BOOST_TEST(value_of(out[0].head, header_id::content_type) == "<none>");
}

BOOST_AUTO_TEST_CASE(report_options_are_written)
{
    endpoint a(alice_uri, bob_uri);
    send_options o;
    o.success_report = report_mode::yes;
    o.failure_report = report_mode::partial;
    o.content_type = "message/cpim";
    o.fields.push_back({"Content-ID", "<x@y>"});
    BOOST_REQUIRE(a.sess->send("hi", o));
    auto const out = split(drain(a.routes, t0));
    BOOST_REQUIRE_EQUAL(out.size(), 1u);
    BOOST_TEST(value_of(out[0].head, header_id::success_report) == "yes");
    BOOST_TEST(value_of(out[0].head, header_id::failure_report) == "partial");
    BOOST_TEST(value_of(out[0].head, header_id::content_type) == "message/cpim");
    BOOST_TEST(value_of(out[0].head, header_id::content_id) == "<x@y>");
    // partial: no 200 is awaited, so nothing is outstanding and it is sent
    BOOST_TEST(a.sess->outstanding() == 0u);
    BOOST_TEST(a.count(event_kind::message_sent) == 1u);
}

BOOST_AUTO_TEST_CASE(abort_mid_message_sends_a_hash_chunk)
{
    endpoint a(alice_uri, bob_uri, small_chunks(4), {}, 0);
    auto const id = a.sess->send("0123456789", {});
    std::vector<std::span<char const>> pieces;
    BOOST_REQUIRE(a.routes.prepare(pieces)); // first chunk
    a.routes.written(t0);
    BOOST_REQUIRE(!a.sess->abort(*id));
    auto const out = split(drain(a.routes, t0));
    BOOST_REQUIRE_EQUAL(out.size(), 1u);
    BOOST_TEST(static_cast<char>(out[0].flag) == '#');
    BOOST_TEST(out[0].body.empty());
    BOOST_TEST(value_of(out[0].head, header_id::byte_range) == "5-4/10");
    BOOST_TEST(value_of(out[0].head, header_id::content_type) == "<none>"); // RFC 4975 7.1: no body, no MIME fields
    auto const* f = a.find(event_kind::message_failed);
    BOOST_REQUIRE(f);
    BOOST_TEST(f->error == make_error_code(session_errc::aborted));
    BOOST_TEST(a.sess->abort("nonesuch") == make_error_code(session_errc::unknown_message));
}

BOOST_AUTO_TEST_CASE(abort_before_start_sends_nothing)
{
    endpoint a(alice_uri, bob_uri);
    auto const id = a.sess->send("x", {});
    BOOST_REQUIRE(!a.sess->abort(*id));
    BOOST_TEST(drain(a.routes, t0).empty());
    BOOST_TEST(a.count(event_kind::message_failed) == 1u);
}

BOOST_AUTO_TEST_CASE(transaction_timeout_fails_the_message_with_408)
{
    endpoint a(alice_uri, bob_uri); // default timeout: 30 s
    BOOST_TEST(a.sess->config().transaction_timeout == 30s);
    auto const id = a.sess->send("hello", {});
    BOOST_TEST(!drain(a.routes, t0).empty());
    a.routes.on_timer(t0 + 29s);
    BOOST_TEST(a.events.empty());
    a.routes.on_timer(t0 + 30s);
    auto const* f = a.find(event_kind::message_failed);
    BOOST_REQUIRE(f);
    BOOST_TEST(f->id == *id);
    BOOST_TEST(f->status == 408);
    BOOST_TEST(f->error == make_error_code(session_errc::transaction_timeout));
    BOOST_TEST(a.sess->outstanding() == 0u);
    BOOST_TEST(a.sess->queued() == 0u);
}

BOOST_AUTO_TEST_CASE(transaction_timeout_counts_from_the_write)
{
    // RFC 4975 7.1.1: the 30 s are the wait for the response to a request
    // sent; a chunk handed out but stuck behind the socket is not timed
    // (before, the deadline ran from the hand-out).
    endpoint a(alice_uri, bob_uri);
    auto const first = a.sess->send("hello", {});
    std::vector<std::span<char const>> pieces;
    BOOST_REQUIRE(a.routes.prepare(pieces)); // handed out at t0
    BOOST_TEST(a.sess->outstanding() == 1u);
    a.routes.on_timer(t0 + 19s);
    a.routes.written(t0 + 20s); // its last byte left at t0 + 20 s
    a.routes.on_timer(t0 + 31s);
    BOOST_TEST(a.events.empty());

    // A second message handed out now and not written by t0 + 51 s.
    auto const second = a.sess->send("world", {});
    BOOST_REQUIRE(a.routes.prepare(pieces));
    a.routes.on_timer(t0 + 49s);
    BOOST_TEST(a.events.empty());
    a.routes.on_timer(t0 + 51s);
    BOOST_REQUIRE_EQUAL(a.events.size(), 1u);
    BOOST_TEST(a.events[0].id == *first);
    BOOST_TEST(a.events[0].status == 408);
    BOOST_TEST(a.events[0].error == make_error_code(session_errc::transaction_timeout));
    BOOST_TEST(a.sess->outstanding() == 1u); // the unwritten one waits
    a.routes.on_timer(t0 + 300s);
    BOOST_TEST(a.events.size() == 1u);
    a.routes.written(t0 + 301s);
    a.routes.on_timer(t0 + 330s);
    BOOST_TEST(a.events.size() == 1u);
    a.routes.on_timer(t0 + 331s);
    BOOST_REQUIRE_EQUAL(a.events.size(), 2u);
    BOOST_TEST(a.events[1].id == *second);
    BOOST_TEST(a.events[1].status == 408);
    BOOST_TEST(a.sess->outstanding() == 0u);
}

BOOST_AUTO_TEST_CASE(error_response_fails_and_stops_the_message)
{
    endpoint a(alice_uri, bob_uri, small_chunks(4));
    endpoint b(bob_uri, alice_uri, accepting_at_most(6));
    auto const id = a.sess->send("0123456789", {}); // total 10 > max-size 6: 413
    pump(a, b, t0);
    auto const* f = a.find(event_kind::message_failed);
    BOOST_REQUIRE(f);
    BOOST_TEST(f->status == 413);
    BOOST_TEST(f->error == make_error_code(session_errc::rejected));
    BOOST_TEST(a.count(event_kind::message_sent) == 0u);
    BOOST_TEST(a.sess->queued() == 0u);
    BOOST_TEST(b.count(event_kind::message_received) == 0u);
}

BOOST_AUTO_TEST_CASE(window_bounds_transactions_in_flight)
{
    session_config c = small_chunks(1);
    c.max_outstanding = 3;
    endpoint a(alice_uri, bob_uri, c);
    BOOST_REQUIRE(a.sess->send("abcdefgh", {}));
    auto const out = split(drain(a.routes, t0));
    BOOST_TEST(out.size() == 3u); // the window is full until responses come
    BOOST_TEST(a.sess->outstanding() == 3u);
}

BOOST_AUTO_TEST_CASE(queue_is_bounded)
{
    session_config c;
    c.max_queued_messages = 2;
    endpoint a(alice_uri, bob_uri, c);
    BOOST_TEST(a.sess->send("1", {}).has_value());
    BOOST_TEST(a.sess->send("2", {}).has_value());
    auto const third = a.sess->send("3", {});
    BOOST_REQUIRE(!third);
    BOOST_TEST(third.error() == make_error_code(session_errc::queue_full));
}

BOOST_AUTO_TEST_CASE(bad_paths_are_refused)
{
    session_config c;
    c.local_uri = "http://x";
    c.remote_path = bob_uri;
    auto const s = session::create(c);
    BOOST_REQUIRE(!s);
    BOOST_TEST(s.error() == make_error_code(session_errc::bad_path));
}

namespace {

// The wire form of @p code answering @p request.
std::string response_to(head const& request, std::uint16_t code)
{
    std::string out;
    BOOST_REQUIRE(serialize(make_response(request, code, "x"), std::nullopt, continuation::complete, out));
    return out;
}

send_options partial_failures()
{
    send_options o;
    o.failure_report = report_mode::partial;
    return o;
}

} // namespace

BOOST_AUTO_TEST_CASE(late_error_response_fails_a_settled_partial_message)
{
    // RFC 4975 7.2: with Failure-Report partial only errors are answered, so
    // the message settles (message_sent) when its last chunk is handed out;
    // a 413 for one of its chunks may still come and must fail it.
    endpoint a(alice_uri, bob_uri, small_chunks(4));
    endpoint b(bob_uri, alice_uri, accepting_at_most(6));
    auto const id = a.sess->send("0123456789", partial_failures()); // 10 bytes > max-size 6
    pump(a, b, t0);
    BOOST_TEST(a.count(event_kind::message_sent) == 1u);
    BOOST_REQUIRE_EQUAL(a.count(event_kind::message_failed), 1u); // once, whatever the chunks answered
    auto const* f = a.find(event_kind::message_failed);
    BOOST_TEST(f->id == *id);
    BOOST_TEST(f->status == 413);
    BOOST_TEST(f->error == make_error_code(session_errc::rejected));
    BOOST_TEST(a.sess->queued() == 0u);
    BOOST_TEST(a.sess->outstanding() == 0u);
}

BOOST_AUTO_TEST_CASE(late_responses_to_partial_chunks_fail_once_and_the_window_forgets)
{
    session_config c = small_chunks(4);
    c.max_outstanding = 4;
    endpoint a(alice_uri, bob_uri, c);
    auto const id = a.sess->send("0123456789", partial_failures());
    auto const out = split(drain(a.routes, t0));
    BOOST_REQUIRE_EQUAL(out.size(), 3u);
    BOOST_REQUIRE_EQUAL(a.count(event_kind::message_sent), 1u);
    // A 200 is not expected with partial and changes nothing.
    BOOST_REQUIRE(!a.routes.feed(response_to(out[0].head, 200), t0));
    BOOST_TEST(a.events.size() == 1u);
    BOOST_REQUIRE(!a.routes.feed(response_to(out[2].head, 415), t0));
    BOOST_REQUIRE_EQUAL(a.count(event_kind::message_failed), 1u);
    BOOST_TEST(a.find(event_kind::message_failed)->id == *id);
    BOOST_TEST(a.find(event_kind::message_failed)->status == 415);
    // Errors for its other chunks, and a failure REPORT, add nothing.
    BOOST_REQUIRE(!a.routes.feed(response_to(out[1].head, 500), t0));
    std::string report;
    serialize(make_report(out[1].head, "rep12345", {5, 8, 10}, {0, 413, "Too Large"}), std::nullopt,
              continuation::complete, report);
    BOOST_REQUIRE(!a.routes.feed(report, t0));
    BOOST_TEST(a.count(event_kind::message_failed) == 1u);

    // The window is a ring of max_outstanding slots: a later message's
    // chunks take them over, and a late error for the first is then unknown.
    BOOST_REQUIRE(a.sess->send("abcd", partial_failures()));
    auto const old = split(drain(a.routes, t0));
    BOOST_REQUIRE_EQUAL(old.size(), 1u);
    a.sess->send(std::string(16, 'z'), partial_failures()); // four chunks: the whole window
    BOOST_REQUIRE_EQUAL(split(drain(a.routes, t0)).size(), 4u);
    std::size_t const before = a.events.size();
    BOOST_REQUIRE(!a.routes.feed(response_to(old[0].head, 481), t0));
    BOOST_TEST(a.events.size() == before);
    BOOST_TEST(a.count(event_kind::message_failed) == 1u);
}
