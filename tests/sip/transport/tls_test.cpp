// TLS (RFC 3261 26.2): a self-signed certificate made at run time; a
// verified round trip between two layers, framing across writes, and the
// close_notify that ends a lingering connection.
#define BOOST_TEST_MODULE sip_transport_tls
#include <boost/test/unit_test.hpp>

#include "loopback.hpp"

#include "sip/transport/routing.hpp"

#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include <optional>

using namespace std::chrono_literals;

using namespace cpm::sip;
using namespace cpm::sip::transport;
using namespace cpm::sip::transport::test;
using boost::system::error_code;

namespace {

struct tls_fixture {
    tls_contexts tls = make_tls_contexts();
    asio::io_context ctx;
    layer b{ctx.get_executor(), server_config()};
    inbox b_in;
    std::uint16_t b_port = 0;

    tls_fixture()
    {
        b.on_message(b_in.handler());
        b_port = b.listen(transport_kind::tls, loopback(), 0).value();
    }

    config server_config() const
    {
        config c;
        c.tls_server = tls.server;
        return c;
    }

    config client_config() const
    {
        config c;
        c.tls_client = tls.client;
        return c;
    }
};

} // namespace

BOOST_FIXTURE_TEST_CASE(verified_round_trip_between_layers, tls_fixture)
{
    // The client reaches "localhost" through the resolver and checks the
    // certificate against that name.
    layer a(ctx.get_executor(), client_config(),
            std::make_unique<fake_resolver>(std::map<std::string, asio::ip::address>{{"localhost", loopback()}}));
    inbox a_in;
    a.on_message(a_in.handler());
    // The peer may hold the bytes before the sender's completion runs:
    // wait for both.
    std::optional<error_code> sent;
    asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
        sent = co_await a.send_to_host(request("127.0.0.1:5061", "", "secret", "TLS"), "localhost", b_port,
                                       transport_kind::tls);
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b_in.messages.size() == 1 && sent.has_value(); }));
    BOOST_TEST(!*sent);
    auto const& in = b_in.messages.front();
    BOOST_TEST(in.message.body() == "secret");
    BOOST_TEST(in.from.kind == transport_kind::tls);

    auto route = route_response(in.message.top_via(), in.connection);
    BOOST_TEST_REQUIRE(route.has_value());
    sent.reset();
    asio::co_spawn(ctx, [&, r = *route]() -> asio::awaitable<void> {
        sent = co_await b.send_response(response("SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK776asdhds"), r);
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return a_in.messages.size() == 1 && sent.has_value(); }));
    BOOST_TEST(!*sent);
    BOOST_TEST(a_in.messages.front().message.status_code() == 200u);
    BOOST_TEST(a.stats().connections_opened == 1u);
    BOOST_TEST(b.stats().connections_accepted == 1u);
}

BOOST_FIXTURE_TEST_CASE(messages_split_across_tls_writes, tls_fixture)
{
    asio::ssl::stream<asio::ip::tcp::socket> s(ctx, *tls.client);
    s.set_verify_mode(asio::ssl::verify_none);
    std::string const all = request("127.0.0.1:5061", "", "one", "TLS") + request("127.0.0.1:5061", "", "two", "TLS");
    std::string pending;
    std::string pong;
    asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
        co_await s.next_layer().async_connect(asio::ip::tcp::endpoint(loopback(), b_port),
                                              asio::as_tuple(asio::use_awaitable));
        co_await s.async_handshake(asio::ssl::stream_base::client, asio::as_tuple(asio::use_awaitable));
        asio::steady_timer t(ctx);
        for (std::size_t at = 0; at < all.size(); at += 97) {
            co_await asio::async_write(s, asio::buffer(all.substr(at, 97)), asio::as_tuple(asio::use_awaitable));
            t.expires_after(2ms);
            co_await t.async_wait(asio::as_tuple(asio::use_awaitable));
        }
        co_await asio::async_write(s, asio::buffer("\r\n\r\n", 4), asio::as_tuple(asio::use_awaitable));
        pong = co_await read_message(s, pending);
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b_in.messages.size() == 2 && !pong.empty(); }));
    BOOST_TEST(b_in.messages[0].message.body() == "one");
    BOOST_TEST(b_in.messages[1].message.body() == "two");
    BOOST_TEST(pong == "\r\n");
}

BOOST_FIXTURE_TEST_CASE(untrusted_certificate_fails_the_send, tls_fixture)
{
    config c;
    c.tls_client = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
    c.tls_client->set_verify_mode(asio::ssl::verify_peer); // trusts nothing
    layer a(ctx.get_executor(), c);
    error_code sent;
    bool done = false;
    asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
        sent = co_await a.send(request(), peer{loopback(), b_port, transport_kind::tls});
        done = true;
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return done; }));
    BOOST_TEST(sent.failed());
    BOOST_TEST((sent.category() == asio::error::get_ssl_category()));
    BOOST_TEST(b_in.messages.empty());
    BOOST_TEST(a.connection_count() == 0u);
}

BOOST_AUTO_TEST_CASE(tls_without_a_context_is_an_error)
{
    asio::io_context ctx;
    layer a(ctx.get_executor(), config{});
    auto listened = a.listen(transport_kind::tls, loopback(), 0);
    BOOST_TEST(listened.has_error());
    BOOST_TEST(listened.error() == make_error_code(transport::errc::no_tls_context));
    error_code sent;
    bool done = false;
    asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
        sent = co_await a.send(request(), peer{loopback(), 5061, transport_kind::tls});
        done = true;
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return done; }));
    BOOST_TEST(sent == make_error_code(transport::errc::no_tls_context));
}

BOOST_AUTO_TEST_CASE(lingering_connection_ends_with_close_notify)
{
    // Bytes that cannot be framed after a request: the request is
    // delivered, its answer still goes out, then our side ends with
    // close_notify (RFC 8446 6.1), which the peer reads as the end of the
    // stream (eof), not as a truncation.
    tls_contexts tls = make_tls_contexts();
    asio::io_context ctx;
    config c;
    c.tls_server = tls.server;
    c.close_linger = 300ms;
    layer b{ctx.get_executor(), c};
    inbox b_in;
    b.on_message(b_in.handler());
    auto const port = b.listen(transport_kind::tls, loopback(), 0).value();
    asio::ssl::stream<asio::ip::tcp::socket> s(ctx, *tls.client);
    s.set_verify_mode(asio::ssl::verify_none);
    std::string pending;
    std::string answer;
    std::optional<error_code> end;
    asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
        co_await s.next_layer().async_connect(asio::ip::tcp::endpoint(loopback(), port), asio::as_tuple(asio::use_awaitable));
        co_await s.async_handshake(asio::ssl::stream_base::client, asio::as_tuple(asio::use_awaitable));
        std::string const bytes = request("127.0.0.1:5061", "", "first", "TLS") + "C\r\n\r\n";
        co_await asio::async_write(s, asio::buffer(bytes), asio::as_tuple(asio::use_awaitable));
        answer = co_await read_message(s, pending);
        char buffer[256];
        for (;;) {
            auto [ec, n] = co_await s.async_read_some(asio::buffer(buffer), asio::as_tuple(asio::use_awaitable));
            if (ec) {
                end = ec;
                break;
            }
        }
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b_in.messages.size() == 1 && b.stats().limit_closes == 1; }));
    auto const& in = b_in.messages.front();
    auto route = route_response(in.message.top_via(), in.connection);
    BOOST_TEST_REQUIRE(route.has_value());
    std::optional<error_code> sent;
    asio::co_spawn(ctx, [&, r = *route]() -> asio::awaitable<void> {
        sent = co_await b.send_response(response("SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK776asdhds"), r);
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return end.has_value() && sent.has_value(); }));
    BOOST_TEST(!*sent);
    BOOST_TEST(answer.starts_with("SIP/2.0 200 OK\r\n"));
    BOOST_TEST((*end == asio::error::eof), end->message());
    // The peer never answers with its own close_notify: the linger ends it.
    BOOST_TEST(run_until(ctx, [&] { return b.connection_count() == 0; }));
}
