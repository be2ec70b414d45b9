// Host names go through the resolver interface: a fake here, the system
// resolver by default; IP literals never reach it.
#define BOOST_TEST_MODULE sip_transport_resolver
#include <boost/test/unit_test.hpp>

#include "loopback.hpp"

#include "sip/transport/routing.hpp"

using namespace cpm::sip;
using namespace cpm::sip::transport;
using namespace cpm::sip::transport::test;
using boost::system::error_code;

namespace {

struct named_fixture {
    asio::io_context ctx;
    fake_resolver* names = nullptr;
    layer a{ctx.get_executor(), config{}, make_names()};
    layer b{ctx.get_executor(), config{}};
    inbox b_in;
    std::uint16_t b_port = 0;

    named_fixture()
    {
        a.listen(transport_kind::udp, loopback(), 0).value();
        b.on_message(b_in.handler());
        b_port = b.listen(transport_kind::udp, loopback(), 0).value();
    }

    std::unique_ptr<resolver> make_names()
    {
        auto r = std::make_unique<fake_resolver>(
            std::map<std::string, asio::ip::address>{{"sip.example.test", loopback()}});
        names = r.get();
        return r;
    }

    error_code send_to(std::string host, std::uint16_t port)
    {
        error_code sent;
        bool done = false;
        asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
            sent = co_await a.send_to_host(request(), host, port, transport_kind::udp);
            done = true;
        }, asio::detached);
        run_until(ctx, [&] { return done; });
        return sent;
    }
};

} // namespace

BOOST_FIXTURE_TEST_CASE(names_are_resolved_through_the_interface, named_fixture)
{
    BOOST_TEST(!send_to("sip.example.test", b_port));
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b_in.messages.size() == 1; }));
    BOOST_TEST(names->calls == 1);
}

BOOST_FIXTURE_TEST_CASE(literals_skip_the_resolver, named_fixture)
{
    BOOST_TEST(!send_to("127.0.0.1", b_port));
    BOOST_TEST(!send_to("[::ffff:127.0.0.1]", b_port));
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b_in.messages.size() == 2; }));
    BOOST_TEST(names->calls == 0);
}

BOOST_FIXTURE_TEST_CASE(unknown_names_fail_the_send, named_fixture)
{
    BOOST_TEST(send_to("nowhere.example.test", b_port) == make_error_code(transport::errc::host_not_found));
}

BOOST_FIXTURE_TEST_CASE(response_route_by_sent_by_name, named_fixture)
{
    // RFC 3261 18.2.2, last case: no received, no maddr: sent-by, resolved.
    std::string const via_text = "SIP/2.0/UDP sip.example.test:" + std::to_string(b_port) + ";branch=z9hG4bK1";
    auto via = parse_via(via_text);
    BOOST_TEST_REQUIRE(via.has_value());
    auto route = route_response(*via);
    BOOST_TEST_REQUIRE(route.has_value());
    error_code sent = make_error_code(transport::errc::connection_closed);
    asio::co_spawn(ctx, [&, r = *route]() -> asio::awaitable<void> {
        sent = co_await a.send_response(response(), r);
    }, asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return b_in.messages.size() == 1; }));
    BOOST_TEST(!sent);
    BOOST_TEST(names->calls == 1);
}

BOOST_AUTO_TEST_CASE(system_resolver_finds_localhost)
{
    asio::io_context ctx;
    system_resolver r(ctx.get_executor());
    std::optional<result<std::vector<asio::ip::address>>> got;
    asio::co_spawn(ctx, [&]() -> asio::awaitable<void> { got = co_await r.resolve("localhost", transport_kind::udp); },
                   asio::detached);
    BOOST_TEST_REQUIRE(run_until(ctx, [&] { return got.has_value(); }));
    BOOST_TEST_REQUIRE(got->has_value());
    BOOST_TEST(std::any_of((*got)->begin(), (*got)->end(), [](auto const& a) { return a.is_loopback(); }));
}

BOOST_AUTO_TEST_CASE(ip_literals)
{
    BOOST_TEST(parse_ip_literal("192.0.2.1")->to_string() == "192.0.2.1");
    BOOST_TEST(parse_ip_literal("[2001:db8::1]")->to_string() == "2001:db8::1");
    BOOST_TEST(!parse_ip_literal("example.com").has_value());
    BOOST_TEST(!parse_ip_literal("[example.com]").has_value());
}
