// TCP: framing across writes, connection reuse for responses and later
// requests (RFC 3261 18.2.2), bursts of sends joined into few writes, keep-alive pongs (RFC 5626 3.5.1), idle
// timeout, 400 for a malformed request on a stream, answers still sent
// before a stream that cannot be framed closes.
#define BOOST_TEST_MODULE sip_transport_tcp
#include <boost/test/unit_test.hpp>

#include "loopback.hpp"

#include "sip/transport/routing.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include <optional>

using namespace cpm::sip;
using namespace cpm::sip::transport;
using namespace cpm::sip::transport::test;
using boost::system::error_code;

namespace {

config short_timeouts()
{
    config c;
    c.idle_timeout = 200ms;
    return c;
}

struct server_fixture {
    asio::io_context ctx;
    layer b;
    inbox b_in;
    std::uint16_t b_port = 0;

    explicit server_fixture(config c = {}) : b(ctx.get_executor(), std::move(c))
    {
        b.on_message(b_in.handler());
        b_port = b.listen(transport_kind::tcp, loopback(), 0).value();
    }

    asio::ip::tcp::socket client()
    {
        asio::ip::tcp::socket s(ctx);
        s.connect(asio::ip::tcp::endpoint(loopback(), b_port));
        return s;
    }

    // Writes @p pieces one after the other, 20 ms apart, from a coroutine.
    void write_pieces(asio::ip::tcp::socket& s, std::vector<std::string> pieces)
    {
        asio::co_spawn(ctx, [&s, pieces = std::move(pieces)]() -> asio::awaitable<void> {
            asio::steady_timer t(s.get_executor());
            for (auto const& p : pieces) {
                co_await asio::async_write(s, asio::buffer(p), asio::as_tuple(asio::use_awaitable));
                t.expires_after(20ms);
                co_await t.async_wait(asio::as_tuple(asio::use_awaitable));
            }
        }, asio::detached);
    }

    // Reads one message (or pong) from @p s, bounded in time.
    std::string read(asio::ip::tcp::socket& s, std::string& pending)
    {
        std::optional<std::string> got;
        asio::co_spawn(ctx, [&]() -> asio::awaitable<void> { got = co_await read_message(s, pending); },
                       asio::detached);
        run_until(ctx, [&] { return got.has_value(); });
        return got.value_or("(timed out)");
    }
};

} // namespace

BOOST_FIXTURE_TEST_CASE(messages_split_across_writes, server_fixture)
{
    auto s = client();
    std::string const one = request("127.0.0.1:5060", "", "first", "TCP");
    std::string const two = request("127.0.0.1:5060", "", "second", "TCP");
    std::string const all = one + two;
    // Split inside the start line, inside a header, inside the body, and
    // with the end of one message and the start of the next in one write.
    write_pieces(s, {all.substr(0, 5), all.substr(5, 60), all.substr(65, one.size() - 67),
                     all.substr(one.size() - 2, 40), all.substr(one.size() + 38)});
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b_in.messages.size() == 2; }));
    BOOST_TEST(b_in.messages[0].message.body() == "first");
    BOOST_TEST(b_in.messages[1].message.body() == "second");
    BOOST_TEST(b_in.messages[0].from.kind == transport_kind::tcp);
    BOOST_TEST(b_in.messages[0].connection != connection_id::none);
    BOOST_TEST(b_in.messages[0].connection == b_in.messages[1].connection);
    BOOST_TEST(b.stats().connections_accepted == 1u);
}

BOOST_FIXTURE_TEST_CASE(response_and_later_request_reuse_the_connection, server_fixture)
{
    auto s = client();
    std::string pending;
    write_pieces(s, {request("127.0.0.1:5060", "", "hi", "TCP")});
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b_in.messages.size() == 1; }));
    auto const& in = b_in.messages.front();

    // RFC 3261 18.2.2: the response goes back on the request's connection.
    auto route = route_response(in.message.top_via(), in.connection);
    BOOST_TEST_REQUIRE(route.has_value());
    // The peer may read the bytes before the sender's completion runs:
    // wait for both.
    std::optional<error_code> sent;
    asio::co_spawn(ctx, [&, r = *route]() -> asio::awaitable<void> {
        sent = co_await b.send_response(response("SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK776asdhds"), r);
    }, asio::detached);
    auto const answer = read(s, pending);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return sent.has_value(); }));
    BOOST_TEST(!*sent);
    BOOST_TEST(answer.starts_with("SIP/2.0 200 OK\r\n"));

    // A later request to the same peer finds the open connection.
    sent.reset();
    asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
        sent = co_await b.send(request("127.0.0.1:1", "", "later", "TCP"), in.from);
    }, asio::detached);
    auto const later = read(s, pending);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return sent.has_value(); }));
    BOOST_TEST(!*sent);
    BOOST_TEST(later.ends_with("later"));
    BOOST_TEST(b.connection_count() == 1u);
    BOOST_TEST(b.stats().connections_opened == 0u);
}

BOOST_FIXTURE_TEST_CASE(layer_to_layer_requests_share_one_connection, server_fixture)
{
    layer a(ctx.get_executor(), config{});
    inbox a_in;
    a.on_message(a_in.handler());
    peer const target{loopback(), b_port, transport_kind::tcp};
    int done = 0;
    error_code first, second;
    asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
        first = co_await a.send(request("127.0.0.1:5060", "", "1", "TCP"), target);
        ++done;
    }, asio::detached);
    asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
        second = co_await a.send(request("127.0.0.1:5060", "", "2", "TCP"), target);
        ++done;
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b_in.messages.size() == 2 && done == 2; }));
    BOOST_TEST(!first);
    BOOST_TEST(!second);
    // The second send queued on the connection the first was opening.
    BOOST_TEST(a.stats().connections_opened == 1u);
    BOOST_TEST(b.stats().connections_accepted == 1u);

    auto route = route_response(b_in.messages[0].message.top_via(), b_in.messages[0].connection);
    done = 0;
    asio::co_spawn(ctx, [&, r = *route]() -> asio::awaitable<void> {
        first = co_await b.send_response(response("SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK776asdhds"), r);
        ++done;
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return a_in.messages.size() == 1 && done == 1; }));
    BOOST_TEST(!first);
    BOOST_TEST(a_in.messages[0].message.status_code() == 200u);
    BOOST_TEST(a.connection_count() == 1u);
    BOOST_TEST(b.connection_count() == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_burst_of_sends_goes_out_whole_and_in_order, server_fixture)
{
    // 600 messages queued at once (about 190 KB, several write batches of
    // joined messages): each send completes, the peer frames every one.
    layer a(ctx.get_executor(), config{});
    peer const target{loopback(), b_port, transport_kind::tcp};
    std::size_t constexpr count = 600;
    std::size_t completed = 0, failed = 0;
    for (std::size_t i = 0; i < count; ++i)
        asio::co_spawn(ctx, [&, i]() -> asio::awaitable<void> {
            auto const ec = co_await a.send(request("127.0.0.1:5060", "", "m" + std::to_string(i), "TCP"), target);
            ++(ec ? failed : completed);
        }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b_in.messages.size() == count && completed + failed == count; }));
    BOOST_TEST(failed == 0u);
    bool in_order = true;
    for (std::size_t i = 0; i < count; ++i)
        in_order = in_order && b_in.messages[i].message.body() == "m" + std::to_string(i);
    BOOST_TEST(in_order);
    BOOST_TEST(a.stats().connections_opened == 1u);
}

BOOST_FIXTURE_TEST_CASE(keepalive_ping_gets_one_crlf, server_fixture)
{
    auto s = client();
    std::string pending;
    write_pieces(s, {"\r\n\r\n"});
    BOOST_TEST(read(s, pending) == "\r\n");
    write_pieces(s, {"\r\n", "\r\n"}); // a ping split across writes
    BOOST_TEST(read(s, pending) == "\r\n");
    BOOST_TEST(pending.empty());
    BOOST_TEST(b_in.messages.empty());
    BOOST_TEST(b.stats().keepalives_answered == 2u);
    // The connection still carries messages.
    write_pieces(s, {request("127.0.0.1:5060", "", "after", "TCP")});
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b_in.messages.size() == 1; }));
}

BOOST_AUTO_TEST_CASE(idle_connection_is_closed)
{
    server_fixture f(short_timeouts());
    auto s = f.client();
    BOOST_TEST_REQUIRE(run_until(f.ctx, [&] { return f.b.connection_count() == 1; }));
    auto const start = std::chrono::steady_clock::now();
    BOOST_TEST_REQUIRE(run_until(f.ctx, [&] { return f.b.connection_count() == 0; }));
    BOOST_TEST((std::chrono::steady_clock::now() - start >= 150ms));
    std::string pending;
    BOOST_TEST(f.read(s, pending).empty()); // the peer sees the close
    BOOST_TEST(f.b.stats().limit_closes == 1u);
}

BOOST_FIXTURE_TEST_CASE(malformed_request_gets_400_and_the_connection_stays, server_fixture)
{
    auto s = client();
    std::string pending;
    std::string bad = request("127.0.0.1:5060", "", "x", "TCP");
    bad.replace(bad.find("Max-Forwards: 70"), 16, "Max-Forwards: lots");
    write_pieces(s, {bad});
    auto const answer = read(s, pending);
    BOOST_TEST(answer.starts_with("SIP/2.0 400 Bad Request\r\n"));
    BOOST_TEST(answer.find("Warning: 399 cpm \"") != std::string::npos);
    BOOST_TEST(b.stats().bad_requests_answered == 1u);
    write_pieces(s, {request("127.0.0.1:5060", "", "good", "TCP")});
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b_in.messages.size() == 1; }));
    BOOST_TEST(b_in.messages[0].message.body() == "good");
}

BOOST_FIXTURE_TEST_CASE(malformed_response_is_discarded_and_the_connection_stays, server_fixture)
{
    // RFC 3261 18.1.2: discarded; the framer kept the stream in step.
    auto s = client();
    std::string bad = response("SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK1");
    bad.replace(bad.find("CSeq: 1"), 7, "CSeq: x");
    write_pieces(s, {bad, request("127.0.0.1:5060", "", "good", "TCP")});
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b_in.messages.size() == 1; }));
    BOOST_TEST(b_in.messages[0].message.body() == "good");
    BOOST_TEST(b.stats().malformed_discarded == 1u);
    BOOST_TEST(b.connection_count() == 1u);
}

BOOST_FIXTURE_TEST_CASE(request_with_unparsable_to_and_cseq_gets_400_copying_them, server_fixture)
{
    // RFC 4475 3.1.2.8 (quotbal) and 3.1.2.4 (scalar02) on a stream:
    // copied as received (RFC 3261 8.2.6.2), the connection stays.
    auto s = client();
    std::string pending;
    std::string bad = request("127.0.0.1:5060", "", "x", "TCP");
    bad.replace(bad.find("To: <sip:bob@127.0.0.1>"), 23, "To: \"Bob <sip:bob@127.0.0.1>");
    bad.replace(bad.find("CSeq: 1 "), 8, "CSeq: 36893488147419103232 ");
    write_pieces(s, {bad});
    auto const answer = read(s, pending);
    BOOST_TEST(answer.starts_with("SIP/2.0 400 Bad Request\r\n"));
    BOOST_TEST(answer.find("\r\nTo: \"Bob <sip:bob@127.0.0.1>\r\n") != std::string::npos);
    BOOST_TEST(answer.find("\r\nCSeq: 36893488147419103232 MESSAGE\r\n") != std::string::npos);
    write_pieces(s, {request("127.0.0.1:5060", "", "good", "TCP")});
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b_in.messages.size() == 1; }));
}

BOOST_AUTO_TEST_CASE(answers_to_requests_before_unframable_bytes_still_go_out)
{
    // RFC 4475 3.1.1.8 (dblreq) on a stream: a complete request, then
    // bytes that cannot be framed ("C" CRLF CRLF has no Content-Length).
    // The request is delivered, its answer (sent after the framing
    // error) reaches the peer, then the connection closes.
    config c;
    c.close_linger = 300ms;
    server_fixture f(c);
    auto s = f.client();
    std::string pending;
    f.write_pieces(s, {request("127.0.0.1:5060", "", "first", "TCP") + "C\r\n\r\n"});
    BOOST_TEST_REQUIRE(run_until(f.ctx, [&] { return f.b_in.messages.size() == 1; }));
    BOOST_TEST_REQUIRE(run_until(f.ctx, [&] { return f.b.stats().limit_closes == 1; }));
    auto const& in = f.b_in.messages.front();
    auto route = route_response(in.message.top_via(), in.connection);
    error_code sent = make_error_code(transport::errc::connection_closed);
    asio::co_spawn(f.ctx, [&, r = *route]() -> asio::awaitable<void> {
        sent = co_await f.b.send_response(response("SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK776asdhds"), r);
    }, asio::detached);
    BOOST_TEST(f.read(s, pending).starts_with("SIP/2.0 200 OK\r\n"));
    BOOST_TEST(f.read(s, pending).empty()); // then the end of the stream
    BOOST_TEST(!sent); // its completion ran before the stream ended
    s.close();
    BOOST_TEST(run_until(f.ctx, [&] { return f.b.connection_count() == 0; }));
    BOOST_TEST(f.b.stats().connections_opened == 0u); // the answer went on the request's connection
}

BOOST_FIXTURE_TEST_CASE(connect_failure_reaches_the_caller, server_fixture)
{
    // RFC 3261 8.1.3.1 / 17.1.4: the transaction user hears of transport errors.
    asio::ip::tcp::acceptor closed(ctx, asio::ip::tcp::endpoint(loopback(), 0));
    auto const port = closed.local_endpoint().port();
    closed.close();
    error_code sent;
    bool done = false;
    asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
        sent = co_await b.send(request(), peer{loopback(), port, transport_kind::tcp});
        done = true;
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return done; }));
    BOOST_TEST(sent == asio::error::connection_refused);
    BOOST_TEST(b.connection_count() == 0u);
}

BOOST_FIXTURE_TEST_CASE(response_opens_a_connection_when_the_request_one_closed, server_fixture)
{
    // RFC 3261 18.2.2: "If that connection is no longer open, the server
    // SHOULD open a connection to the IP address in the "received"
    // parameter, if present, using the port in the "sent-by" value".
    layer a(ctx.get_executor(), config{});
    inbox a_in;
    a.on_message(a_in.handler());
    auto const a_port = a.listen(transport_kind::tcp, loopback(), 0).value();
    {
        auto s = client();
        write_pieces(s, {request("client.invalid:" + std::to_string(a_port), "", "hi", "TCP")});
        BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b_in.messages.size() == 1; }));
    }
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b.connection_count() == 0; }));
    auto const& in = b_in.messages.front();
    BOOST_TEST(in.message.top_via().received == "127.0.0.1");
    auto route = route_response(in.message.top_via(), in.connection);
    BOOST_TEST_REQUIRE(route.has_value());
    BOOST_TEST(route->port == a_port);
    std::optional<error_code> sent;
    asio::co_spawn(ctx, [&, r = *route]() -> asio::awaitable<void> {
        sent = co_await b.send_response(response("SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK776asdhds"), r);
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return a_in.messages.size() == 1 && sent.has_value(); }));
    BOOST_TEST(!*sent);
    BOOST_TEST(a_in.messages[0].message.status_code() == 200u);
    BOOST_TEST(b.stats().connections_opened == 1u);
}
