#define BOOST_TEST_MODULE msrp_session_session
#include "harness.hpp"

#include "msrp/serialize.hpp"
#include "msrp/session/error.hpp"
#include "msrp/session/setup.hpp"

#include <chrono>

using namespace cpm::msrp;
using namespace cpm::msrp::test;
using namespace std::chrono_literals;

namespace {

session_clock::time_point const t0{};

session_config chunked(std::size_t n)
{
    session_config c;
    c.chunk_size = n;
    return c;
}

std::string pattern(std::size_t n)
{
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast<char>('a' + i * 7 % 26);
    return s;
}

} // namespace

BOOST_AUTO_TEST_CASE(message_goes_through_with_success_report)
{
    endpoint a(alice_uri, bob_uri, chunked(4096));
    endpoint b(bob_uri, alice_uri);
    send_options o;
    o.success_report = report_mode::yes;
    std::string const body = pattern(100'000);
    auto const id = a.sess->send(body, o);
    pump(a, b, t0);
    BOOST_REQUIRE_EQUAL(b.count(event_kind::message_received), 1u);
    BOOST_TEST((b.find(event_kind::message_received)->body == body));
    BOOST_REQUIRE_EQUAL(a.count(event_kind::message_sent), 1u);
    auto const* r = a.find(event_kind::report_received);
    BOOST_REQUIRE(r);
    BOOST_TEST(r->id == *id);
    BOOST_TEST(r->status == 200);
    BOOST_TEST(r->range.start == 1u);
    BOOST_TEST(*r->range.end == 100'000u);
    BOOST_TEST(*r->range.total == 100'000u);
    BOOST_TEST(a.sess->outstanding() == 0u);
    BOOST_TEST(a.sess->queued() == 0u);
}

BOOST_AUTO_TEST_CASE(both_directions_and_interleaving)
{
    endpoint a(alice_uri, bob_uri, chunked(1000));
    endpoint b(bob_uri, alice_uri, chunked(700));
    std::string const x = pattern(5000), y = pattern(3333), z = pattern(10);
    a.sess->send(x, {});
    a.sess->send(z, {});
    b.sess->send(y, {});
    pump(a, b, t0);
    BOOST_REQUIRE_EQUAL(b.count(event_kind::message_received), 2u);
    BOOST_REQUIRE_EQUAL(a.count(event_kind::message_received), 1u);
    BOOST_TEST((b.events[0].body == z)); // the short one completes first
    BOOST_TEST((b.events[1].body == x));
    BOOST_TEST((a.find(event_kind::message_received)->body == y));
}

BOOST_AUTO_TEST_CASE(sessions_share_a_connection)
{
    std::string const alice2 = "msrp://127.0.0.1:7777/alice77;tcp";
    std::string const bob2 = "msrp://127.0.0.1:8888/bob88;tcp";
    endpoint a(alice_uri, bob_uri);
    endpoint b(bob_uri, alice_uri);
    session_config c2;
    c2.local_uri = alice2;
    c2.remote_path = bob2;
    std::vector<std::string> a2_ids;
    auto a2 = *session::create(c2, [&](session_event const& e) {
        if (e.kind == event_kind::message_sent)
            a2_ids.emplace_back(e.message_id);
    });
    c2.local_uri = bob2;
    c2.remote_path = alice2;
    std::string got;
    auto b2 = *session::create(c2, [&](session_event const& e) {
        if (e.kind == event_kind::message_received)
            got = dynamic_cast<memory_sink const*>(e.sink)->data();
    });
    a.routes.attach(*a2); // both sessions over a's one connection
    b.routes.attach(*b2);
    a.sess->send("to bob", {});
    a2->send("to bob2", {});
    pump(a, b, t0);
    BOOST_TEST(got == "to bob2");
    BOOST_REQUIRE_EQUAL(b.count(event_kind::message_received), 1u);
    BOOST_TEST(b.find(event_kind::message_received)->body == "to bob");
    BOOST_TEST(a2_ids.size() == 1u); // its 200 was routed to it by transaction id
    BOOST_TEST(a.count(event_kind::message_sent) == 1u);
}

BOOST_AUTO_TEST_CASE(passive_end_binds_by_first_request_and_answers_506_on_another_connection)
{
    // RFC 4975 5.4: the passive end binds a session to the connection its
    // first request arrives on. RFC 4975 10: a request for a session bound
    // to another connection is answered 506 and not processed (before,
    // a router knew only its attached sessions and answered 481).
    endpoint a(alice_uri, bob_uri);
    session_config c;
    c.local_uri = bob_uri;
    c.remote_path = alice_uri;
    std::vector<std::string> received;
    auto bob = *session::create(c, [&](session_event const& e) {
        if (e.kind == event_kind::message_received)
            received.push_back(dynamic_cast<memory_sink const*>(e.sink)->data());
    });
    router first, second;
    std::size_t bound_calls = 0;
    auto const find = [&](head const& request) { return value_of(request, header_id::to_path) == bob_uri ? bob.get() : nullptr; };
    first.set_directory(find, [&](session& s) { bound_calls += &s == bob.get() ? 1 : 0; });
    second.set_directory(find);
    BOOST_TEST(bob->bound_to() == nullptr);

    a.sess->send_bodiless();
    BOOST_REQUIRE(!first.feed(drain(a.routes, t0), t0));
    BOOST_TEST(bob->bound_to() == &first);
    BOOST_TEST(bound_calls == 1u);
    auto const ok = split(drain(first, t0));
    BOOST_REQUIRE_EQUAL(ok.size(), 1u);
    BOOST_TEST(ok[0].head.status_code == 200);

    a.sess->send("over the second connection", {});
    std::string const wire = drain(a.routes, t0);
    BOOST_REQUIRE(!second.feed(wire, t0));
    auto const refused = split(drain(second, t0));
    BOOST_REQUIRE_EQUAL(refused.size(), 1u);
    BOOST_TEST(refused[0].head.status_code == 506);
    BOOST_TEST(received.empty());
    BOOST_TEST(bob->bound_to() == &first);

    // Once the first connection is gone the session binds anew.
    first.on_closed();
    BOOST_TEST(bob->bound_to() == nullptr);
    BOOST_REQUIRE(!second.feed(wire, t0));
    auto const accepted = split(drain(second, t0));
    BOOST_REQUIRE_EQUAL(accepted.size(), 1u);
    BOOST_TEST(accepted[0].head.status_code == 200);
    BOOST_TEST(bob->bound_to() == &second);
    BOOST_TEST(received == std::vector<std::string>{"over the second connection"}, boost::test_tools::per_element());

    // Without a directory an unknown To-Path stays 481 (RFC 4975 7.3).
    router plain;
    BOOST_REQUIRE(!plain.feed(wire, t0));
    auto const unknown = split(drain(plain, t0));
    BOOST_REQUIRE_EQUAL(unknown.size(), 1u);
    BOOST_TEST(unknown[0].head.status_code == 481);
}

BOOST_AUTO_TEST_CASE(to_path_of_several_uris_binds_no_session)
{
    // RFC 4975 7.3: the passive end's directory may know the first URI, but
    // a To-Path of several URIs names no session of an endpoint: 481, the
    // session stays unbound and receives nothing.
    endpoint a(alice_uri, bob_uri + " " + alice_uri); // a To-Path of two URIs, bob's first
    session_config c;
    c.local_uri = bob_uri;
    c.remote_path = alice_uri;
    std::size_t received = 0;
    auto bob = *session::create(c, [&](session_event const& e) { received += e.kind == event_kind::message_received ? 1 : 0; });
    router passive;
    passive.set_directory([&](head const& request) {
        return request.to_path().substr(0, bob_uri.size()) == bob_uri ? bob.get() : nullptr;
    });
    a.sess->send("through", {});
    BOOST_REQUIRE(!passive.feed(drain(a.routes, t0), t0));
    auto const out = split(drain(passive, t0));
    BOOST_REQUIRE_EQUAL(out.size(), 1u);
    BOOST_TEST(out[0].head.status_code == 481);
    BOOST_TEST(bob->bound_to() == nullptr);
    BOOST_TEST(passive.sessions() == 0u);
    BOOST_TEST(received == 0u);
}

BOOST_AUTO_TEST_CASE(failure_report_fails_the_sent_message)
{
    endpoint a(alice_uri, bob_uri);
    auto const id = a.sess->send("hello", {});
    auto const sent = split(drain(a.routes, t0));
    BOOST_REQUIRE_EQUAL(sent.size(), 1u);
    // A relay downstream reports the failure (RFC 4975 7.1.2): 000 413.
    outgoing ok = make_response(sent[0].head, 200, "OK");
    std::string wire;
    serialize(ok, std::nullopt, continuation::complete, wire);
    // make_report addresses it to the SEND's From-Path: alice.
    outgoing const to_alice = make_report(sent[0].head, "rep12345", {1, 5, 5}, {0, 413, "Too Large"});
    BOOST_TEST(to_alice.to_path == alice_uri);
    serialize(to_alice, std::nullopt, continuation::complete, wire);
    BOOST_REQUIRE(!a.routes.feed(wire, t0));
    BOOST_TEST(drain(a.routes, t0).empty()); // RFC 4975 7.1.2: no response to a REPORT
    BOOST_REQUIRE_EQUAL(a.count(event_kind::message_sent), 1u);
    auto const* f = a.find(event_kind::message_failed);
    BOOST_REQUIRE(f);
    BOOST_TEST(f->id == *id);
    BOOST_TEST(f->status == 413);
    BOOST_TEST(f->error == make_error_code(session_errc::failure_reported));
    // A REPORT for a Message-ID never sent is ignored.
    std::string unknown;
    outgoing other = to_alice;
    other.transaction_id = "rep99999";
    other.fields[0].value = "nosuchmsg";
    serialize(other, std::nullopt, continuation::complete, unknown);
    std::size_t const before = a.events.size();
    BOOST_REQUIRE(!a.routes.feed(unknown, t0));
    BOOST_TEST(a.events.size() == before);
}

BOOST_AUTO_TEST_CASE(late_response_after_timeout_is_ignored)
{
    session_config c;
    c.transaction_timeout = 100ms;
    endpoint a(alice_uri, bob_uri, c);
    endpoint b(bob_uri, alice_uri);
    a.sess->send("hello", {});
    std::string const wire = drain(a.routes, t0);
    a.routes.on_timer(t0 + 100ms);
    BOOST_REQUIRE_EQUAL(a.count(event_kind::message_failed), 1u);
    BOOST_REQUIRE(!b.routes.feed(wire, t0));
    BOOST_REQUIRE(!a.routes.feed(drain(b.routes, t0), t0 + 200ms));
    BOOST_TEST(a.count(event_kind::message_sent) == 0u);
    BOOST_TEST(a.events.size() == 1u);
}

BOOST_AUTO_TEST_CASE(closing_fails_pending_work)
{
    endpoint a(alice_uri, bob_uri, chunked(10), {}, 0);
    endpoint b(bob_uri, alice_uri, chunked(10));
    a.sess->send(pattern(100), {});
    std::vector<std::span<char const>> pieces;
    BOOST_REQUIRE(a.routes.prepare(pieces));
    std::string first;
    for (auto p : pieces)
        first.append(p.data(), p.size());
    a.routes.written(t0);
    BOOST_REQUIRE(!b.routes.feed(first, t0));
    a.routes.on_closed();
    b.routes.on_closed();
    auto const* f = a.find(event_kind::message_failed);
    BOOST_REQUIRE(f);
    BOOST_TEST(f->error == make_error_code(session_errc::connection_closed));
    auto const* g = b.find(event_kind::receive_failed);
    BOOST_REQUIRE(g);
    BOOST_TEST(g->error == make_error_code(session_errc::connection_closed));
}

BOOST_AUTO_TEST_CASE(cema_matches_on_session_id)
{
    // RFC 6714: an anchoring middlebox rewrites host and port.
    session_config c;
    c.cema = true;
    endpoint b(bob_uri, alice_uri, c);
    endpoint a("msrp://192.0.2.1:9/alice55;tcp", "msrp://198.51.100.7:1234/bob66;tcp");
    a.sess->send("anchored", {});
    pump(a, b, t0);
    BOOST_REQUIRE_EQUAL(b.count(event_kind::message_received), 1u);
    endpoint strict(bob_uri, alice_uri);
    endpoint a2("msrp://192.0.2.1:9/alice55;tcp", "msrp://198.51.100.7:1234/bob66;tcp");
    a2.sess->send("anchored", {});
    pump(a2, strict, t0);
    BOOST_TEST(strict.count(event_kind::message_received) == 0u);
    BOOST_TEST(a2.find(event_kind::message_failed)->status == 481);
}

BOOST_AUTO_TEST_CASE(router_gathers_small_chunks_and_leaves_large_bodies_in_place)
{
    endpoint a(alice_uri, bob_uri, chunked(100));
    a.sess->send(pattern(1000), {});
    std::vector<std::span<char const>> pieces;
    BOOST_REQUIRE(a.routes.prepare(pieces));
    BOOST_TEST(pieces.size() == 1u); // ten 100-byte chunks copied into one buffer
    auto const small = split(std::string(pieces[0].data(), pieces[0].size()));
    BOOST_TEST(small.size() == 10u);
    a.routes.written(t0);

    endpoint b(alice_uri, bob_uri, chunked(16 * 1024));
    std::string const body = pattern(40 * 1024);
    b.sess->send(std::make_unique<memory_source>(body), {});
    BOOST_REQUIRE(b.routes.prepare(pieces));
    BOOST_REQUIRE_EQUAL(pieces.size(), 3u); // head, body, end-line: one chunk per write
    BOOST_TEST(pieces[1].size() == 16u * 1024);
    BOOST_TEST(std::string_view(pieces[1].data(), 10) == std::string_view(body).substr(0, 10));
    b.routes.written(t0);
}

BOOST_AUTO_TEST_CASE(connection_roles_and_next_hops)
{
    // RFC 4975 5.4: without a=setup the offerer connects; RFC 6135: a=setup decides.
    BOOST_TEST((connection_role(std::nullopt, true) == setup_role::active));
    BOOST_TEST((connection_role(std::nullopt, false) == setup_role::passive));
    BOOST_TEST((connection_role("passive", true) == setup_role::passive));
    BOOST_TEST((connection_role("active", false) == setup_role::active));
    BOOST_TEST(!connection_role("holdconn", true).has_value());
    auto const hop = hop_of("msrps://[2001:db8::1]:2855/abcd;tcp msrp://x.example:1/efgh;tcp");
    BOOST_REQUIRE(hop);
    BOOST_TEST(hop->host == "2001:db8::1");
    BOOST_TEST(hop->port == 2855);
    BOOST_TEST(hop->secure);
    BOOST_TEST(!hop_of("msrp://x.example/abcd;tcp")); // no port
    BOOST_TEST(!hop_of("nonsense"));
}
