// Limits of the stream transports: each closes the offending connection
// with a clear error, and the server keeps serving the others.
#define BOOST_TEST_MODULE sip_transport_limits
#include <boost/test/unit_test.hpp>

#include "loopback.hpp"

#include <boost/asio/write.hpp>

#include <optional>

using namespace cpm::sip;
using namespace cpm::sip::transport;
using namespace cpm::sip::transport::test;
using boost::system::error_code;

namespace {

struct limited_server {
    asio::io_context ctx;
    layer b;
    inbox b_in;
    std::uint16_t b_port = 0;

    explicit limited_server(config c) : b(ctx.get_executor(), std::move(c))
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

    void write(asio::ip::tcp::socket& s, std::string bytes)
    {
        asio::co_spawn(ctx, [&s, bytes = std::move(bytes)]() -> asio::awaitable<void> {
            co_await asio::async_write(s, asio::buffer(bytes), asio::as_tuple(asio::use_awaitable));
        }, asio::detached);
    }

    // True when the server closed @p s (the read ends) within the bound.
    bool closed_by_server(asio::ip::tcp::socket& s)
    {
        bool ended = false;
        asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
            std::string pending;
            auto got = co_await read_message(s, pending);
            ended = got.empty();
        }, asio::detached);
        return run_until(ctx, [&] { return ended; });
    }

    // A fresh client still gets its message through.
    bool still_serving()
    {
        auto s = client();
        auto const before = b_in.messages.size();
        write(s, request("127.0.0.1:5060", "", "ok", "TCP"));
        return run_until(ctx, [&] { return b_in.messages.size() == before + 1; });
    }
};

config with(auto change)
{
    config c;
    change(c);
    return c;
}

} // namespace

BOOST_AUTO_TEST_CASE(oversized_message_gets_513_then_the_connection_closes)
{
    // RFC 3261 21.5.13 / 18.3: the head is readable, so the peer hears why.
    // Nothing was delivered before on this connection, so no answer is
    // due: the stream ends once the 513 is out, long before the linger.
    limited_server f(with([](config& c) {
        c.limits.max_message_size = 1000;
        c.close_linger = 60s;
    }));
    auto s = f.client();
    f.write(s, request("127.0.0.1:5060", "", std::string(2000, 'x'), "TCP"));
    std::string pending;
    std::optional<std::string> answer;
    asio::co_spawn(f.ctx, [&]() -> asio::awaitable<void> { answer = co_await read_message(s, pending); },
                   asio::detached);
    BOOST_TEST_REQUIRE(run_until(f.ctx, [&] { return answer.has_value(); }));
    BOOST_TEST(answer->starts_with("SIP/2.0 513 Message Too Large\r\n"));
    BOOST_TEST(answer->find("\r\nWarning: 399 cpm \"stream: Content-Length") != std::string::npos);
    BOOST_TEST(f.closed_by_server(s));
    BOOST_TEST(f.b_in.messages.empty());
    BOOST_TEST(f.b.stats().limit_closes == 1u);
    BOOST_TEST(f.b.stats().too_large_answered == 1u);
    BOOST_TEST(f.still_serving());
}

BOOST_AUTO_TEST_CASE(endless_header_gets_513_and_the_rest_is_drained)
{
    // A header that never ends: 513 once the line limit is hit, then the
    // bytes still coming are read and discarded (no reset that could
    // destroy the 513 before the peer reads it) until the linger ends.
    limited_server f(with([](config& c) {
        c.limits.max_line_length = 4096;
        c.close_linger = 300ms;
    }));
    auto s = f.client();
    std::string head = request("127.0.0.1:5060", "", "", "TCP");
    head.resize(head.find("Content-Type"));
    f.write(s, head + "X-Big: " + std::string(256 * 1024, 'a'));
    std::string pending;
    std::optional<std::string> answer;
    asio::co_spawn(f.ctx, [&]() -> asio::awaitable<void> { answer = co_await read_message(s, pending); },
                   asio::detached);
    BOOST_TEST_REQUIRE(run_until(f.ctx, [&] { return answer.has_value(); }));
    BOOST_TEST(answer->starts_with("SIP/2.0 513 Message Too Large\r\n"));
    BOOST_TEST(f.closed_by_server(s));
    BOOST_TEST(f.b.stats().too_large_answered == 1u);
}

BOOST_AUTO_TEST_CASE(connections_over_the_limit_are_refused)
{
    limited_server f(with([](config& c) { c.max_connections = 2; }));
    auto one = f.client();
    auto two = f.client();
    BOOST_TEST_REQUIRE(run_until(f.ctx, [&] { return f.b.connection_count() == 2; }));
    auto three = f.client();
    BOOST_TEST(f.closed_by_server(three));
    BOOST_TEST(f.b.stats().connections_refused == 1u);
    // The two admitted ones still carry messages.
    f.write(one, request("127.0.0.1:5060", "", "1", "TCP"));
    f.write(two, request("127.0.0.1:5060", "", "2", "TCP"));
    BOOST_TEST(run_until(f.ctx, [&] { return f.b_in.messages.size() == 2; }));

    // Opening a connection over the limit fails for the sender.
    error_code sent;
    bool done = false;
    asio::co_spawn(f.ctx, [&]() -> asio::awaitable<void> {
        sent = co_await f.b.send(request(), peer{loopback(), 9, transport_kind::tcp});
        done = true;
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(f.ctx, [&] { return done; }));
    BOOST_TEST(sent == make_error_code(transport::errc::connection_limit));
}

BOOST_AUTO_TEST_CASE(stalled_half_message_is_closed)
{
    limited_server f(with([](config& c) {
        c.message_timeout = 150ms;
        c.idle_timeout = 10s;
    }));
    auto s = f.client();
    std::string const text = request("127.0.0.1:5060", "", "body", "TCP");
    f.write(s, text.substr(0, text.size() / 2));
    auto const start = std::chrono::steady_clock::now();
    BOOST_TEST(f.closed_by_server(s));
    BOOST_TEST((std::chrono::steady_clock::now() - start >= 100ms));
    BOOST_TEST(f.b_in.messages.empty());
    BOOST_TEST(f.b.stats().limit_closes == 1u);
    BOOST_TEST(f.still_serving());
}

BOOST_AUTO_TEST_CASE(line_ends_between_messages_do_not_start_the_message_clock)
{
    limited_server f(with([](config& c) {
        c.message_timeout = 100ms;
        c.idle_timeout = 10s;
    }));
    auto s = f.client();
    f.write(s, "\r\n"); // a lone CRLF (an RFC 5626 pong, or 7.5 padding)
    run_until(f.ctx, [] { return false; }, 300ms);
    BOOST_TEST(f.b.connection_count() == 1u);
}

BOOST_AUTO_TEST_CASE(unsent_bytes_over_the_limit_close_the_connection)
{
    limited_server f(with([](config& c) { c.max_buffered_bytes = 1000; }));
    auto s = f.client();
    f.write(s, request("127.0.0.1:5060", "", "hi", "TCP"));
    BOOST_TEST_REQUIRE(run_until(f.ctx, [&] { return f.b_in.messages.size() == 1; }));
    auto const& in = f.b_in.messages.front();
    error_code sent;
    bool done = false;
    asio::co_spawn(f.ctx, [&]() -> asio::awaitable<void> {
        sent = co_await f.b.send(std::string(1500, 'x'), in.from, in.connection);
        done = true;
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(f.ctx, [&] { return done; }));
    BOOST_TEST(sent == make_error_code(transport::errc::buffer_limit));
    BOOST_TEST(f.closed_by_server(s));
    BOOST_TEST(f.still_serving());
}
