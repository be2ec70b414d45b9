// UDP: a request and its response between two layers over 127.0.0.1,
// with rport stamping and 18.2.2 routing, batches of queued datagrams,
// and what happens to bad
// datagrams (a 400 to the source when the Via is readable, else dropped).
#define BOOST_TEST_MODULE sip_transport_udp
#include <boost/test/unit_test.hpp>

#include "loopback.hpp"

#include "sip/transport/routing.hpp"

#include <boost/asio/ip/udp.hpp>

#include <array>

using namespace cpm::sip;
using namespace cpm::sip::transport;
using namespace cpm::sip::transport::test;

namespace {

struct pair_fixture {
    asio::io_context ctx;
    layer a{ctx.get_executor(), config{}};
    layer b{ctx.get_executor(), config{}};
    inbox a_in, b_in;
    std::uint16_t a_port = 0, b_port = 0;

    pair_fixture()
    {
        a.on_message(a_in.handler());
        b.on_message(b_in.handler());
        a_port = a.listen(transport_kind::udp, loopback(), 0).value();
        b_port = b.listen(transport_kind::udp, loopback(), 0).value();
    }

    void send_raw(std::string_view bytes)
    {
        asio::ip::udp::socket s(ctx, asio::ip::udp::endpoint(loopback(), 0));
        s.send_to(asio::buffer(bytes), asio::ip::udp::endpoint(loopback(), b_port));
    }
};

} // namespace

BOOST_FIXTURE_TEST_CASE(request_and_routed_response, pair_fixture)
{
    auto const sent_by = "127.0.0.1:" + std::to_string(a_port);
    boost::system::error_code sent = make_error_code(transport::errc::connection_closed);
    asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
        sent = co_await a.send(request("client.invalid", ";rport"), peer{loopback(), b_port, transport_kind::udp});
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return !b_in.messages.empty(); }));
    BOOST_TEST(!sent);

    auto const& in = b_in.messages.front();
    BOOST_TEST(in.connection == connection_id::none);
    BOOST_TEST(in.from.port == a_port);
    BOOST_TEST(in.from.kind == transport_kind::udp);
    // RFC 3261 18.2.1 and RFC 3581: the sent-by is a name, rport was asked.
    BOOST_TEST(in.message.top_via().received == "127.0.0.1");
    BOOST_TEST_REQUIRE(in.message.top_via().rport.has_value());
    BOOST_TEST(*in.message.top_via().rport == a_port);
    BOOST_TEST(in.message.body() == "hello");

    // The response goes to received:rport (the sent-by host does not resolve).
    auto route = route_response(in.message.top_via(), in.connection);
    BOOST_TEST_REQUIRE(route.has_value());
    BOOST_TEST(route->port == a_port);
    std::string const via(in.message.find(header_id::via)->value);
    asio::co_spawn(ctx, [&, r = *route]() -> asio::awaitable<void> {
        sent = co_await b.send_response(response(via), r);
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return !a_in.messages.empty(); }));
    BOOST_TEST(!sent);
    BOOST_TEST(a_in.messages.front().message.status_code() == 200u);
    BOOST_TEST(a_in.messages.front().from.port == b_port);
    BOOST_TEST(a.stats().messages_received == 1u);
    BOOST_TEST(b.stats().messages_received == 1u);
}

BOOST_FIXTURE_TEST_CASE(datagrams_queued_together_are_all_read_with_their_sources, pair_fixture)
{
    // 40 datagrams from two sockets wait before the layer runs: they are
    // read in batches (recvmmsg), each with its own source and bytes.
    asio::ip::udp::socket s1(ctx, asio::ip::udp::endpoint(loopback(), 0));
    asio::ip::udp::socket s2(ctx, asio::ip::udp::endpoint(loopback(), 0));
    for (int i = 0; i < 40; ++i) {
        auto& s = i % 2 == 0 ? s1 : s2;
        s.send_to(asio::buffer(request("127.0.0.1:5060", "", "d" + std::to_string(i))),
                  asio::ip::udp::endpoint(loopback(), b_port));
    }
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b_in.messages.size() == 40; }));
    bool right = true;
    for (int i = 0; i < 40; ++i) {
        auto const& in = b_in.messages[static_cast<std::size_t>(i)];
        auto const& s = i % 2 == 0 ? s1 : s2;
        right = right && in.message.body() == "d" + std::to_string(i) && in.from.port == s.local_endpoint().port();
    }
    BOOST_TEST(right);
}

BOOST_FIXTURE_TEST_CASE(bad_datagrams_are_dropped_and_counted, pair_fixture)
{
    // No readable Via: nowhere to send a 400.
    std::string bad = request();
    bad.replace(bad.find("CSeq: 1"), 7, "CSeq: x");
    bad.replace(bad.find("Via: SIP/2.0/UDP"), 16, "Via: SIP/2.0/UDP@");
    send_raw(bad);
    send_raw("\r\n\r\n"); // a keep-alive: ignored, not counted as bad
    send_raw(request());
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return !b_in.messages.empty(); }));
    BOOST_TEST(b_in.messages.size() == 1u);
    BOOST_TEST(b.stats().datagrams_dropped == 1u);
}

BOOST_FIXTURE_TEST_CASE(malformed_request_gets_400_at_its_source, pair_fixture)
{
    // RFC 3261 18.2.2 with RFC 3581 4: received (the source address) at
    // rport (the source port); the sent-by host is not used.
    asio::ip::udp::socket s(ctx, asio::ip::udp::endpoint(loopback(), 0));
    std::string bad = request("client.invalid:9", ";rport");
    bad.replace(bad.find("CSeq: 1"), 7, "CSeq: x");
    s.send_to(asio::buffer(bad), asio::ip::udp::endpoint(loopback(), b_port));
    std::array<char, 4096> buffer{};
    asio::ip::udp::endpoint sender;
    std::size_t got = 0;
    s.async_receive_from(asio::buffer(buffer), sender, [&](boost::system::error_code ec, std::size_t n) {
        if (!ec)
            got = n;
    });
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return got != 0; }));
    std::string_view const answer(buffer.data(), got);
    BOOST_TEST(answer.starts_with("SIP/2.0 400 Bad Request\r\n"));
    BOOST_TEST(answer.find("\r\nWarning: 399 cpm \"") != std::string_view::npos);
    BOOST_TEST(answer.find("\r\nCSeq: x MESSAGE\r\n") != std::string_view::npos); // copied as received
    BOOST_TEST(sender.port() == b_port); // from the listening socket
    BOOST_TEST(b.stats().bad_requests_answered == 1u);
    BOOST_TEST(b.stats().datagrams_dropped == 0u);
    BOOST_TEST(b_in.messages.empty());
}

BOOST_AUTO_TEST_CASE(oversized_datagram_is_dropped)
{
    asio::io_context ctx;
    config c;
    c.limits.max_message_size = 600;
    layer b(ctx.get_executor(), c);
    inbox b_in;
    b.on_message(b_in.handler());
    auto const port = b.listen(transport_kind::udp, loopback(), 0).value();
    asio::ip::udp::socket s(ctx, asio::ip::udp::endpoint(loopback(), 0));
    s.send_to(asio::buffer(request("127.0.0.1", "", std::string(700, 'x'))), asio::ip::udp::endpoint(loopback(), port));
    s.send_to(asio::buffer(request()), asio::ip::udp::endpoint(loopback(), port));
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return !b_in.messages.empty(); }));
    BOOST_TEST(b_in.messages.front().message.body() == "hello");
    BOOST_TEST(b.stats().datagrams_dropped == 1u);
}

BOOST_AUTO_TEST_CASE(sending_udp_without_a_socket_is_an_error)
{
    asio::io_context ctx;
    layer a(ctx.get_executor(), config{});
    boost::system::error_code sent;
    bool done = false;
    asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
        sent = co_await a.send(request(), peer{loopback(), 5060, transport_kind::udp});
        done = true;
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return done; }));
    BOOST_TEST(sent == make_error_code(transport::errc::no_listener));
}

BOOST_AUTO_TEST_CASE(responses_for_another_sent_by_are_discarded)
{
    // RFC 3261 18.1.2: the client transport drops a response whose top
    // Via sent-by it did not write.
    asio::io_context ctx;
    config c;
    c.sent_by = {{"client.example.com", 5070}, {"127.0.0.1", std::nullopt}};
    layer a(ctx.get_executor(), c);
    inbox a_in;
    a.on_message(a_in.handler());
    auto const port = a.listen(transport_kind::udp, loopback(), 0).value();
    asio::ip::udp::socket s(ctx, asio::ip::udp::endpoint(loopback(), 0));
    asio::ip::udp::endpoint const to(loopback(), port);
    s.send_to(asio::buffer(response("SIP/2.0/UDP client.example.com:5071;branch=z9hG4bK1")), to);
    s.send_to(asio::buffer(response("SIP/2.0/UDP elsewhere.example.com;branch=z9hG4bK1")), to);
    s.send_to(asio::buffer(response("SIP/2.0/UDP CLIENT.example.com:5070;branch=z9hG4bK1")), to);
    s.send_to(asio::buffer(response("SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bK1")), to);
    s.send_to(asio::buffer(request("somebody.example.com")), to); // requests are not checked
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return a_in.messages.size() == 3; }));
    BOOST_TEST(a_in.messages[0].message.top_via().port.value_or(0) == 5070);
    BOOST_TEST(a_in.messages[1].message.top_via().host == "127.0.0.1");
    BOOST_TEST(a_in.messages[2].message.is_request());
    BOOST_TEST(a.stats().responses_discarded == 2u);
}
