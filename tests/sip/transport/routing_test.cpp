// RFC 3261 18.2.2 response routing (with RFC 3581 rport).
#define BOOST_TEST_MODULE sip_transport_routing
#include <boost/test/unit_test.hpp>

#include "sip/transport/routing.hpp"

using namespace cpm::sip;
using namespace cpm::sip::transport;

namespace {

response_route route(std::string_view via_text, connection_id arrived = connection_id::none)
{
    auto v = parse_via(via_text);
    BOOST_TEST_REQUIRE(v.has_value());
    auto r = route_response(*v, arrived);
    BOOST_TEST_REQUIRE(r.has_value());
    return *r;
}

constexpr auto conn = static_cast<connection_id>(7);

} // namespace

BOOST_AUTO_TEST_CASE(reliable_uses_the_request_connection_then_received_at_sent_by_port)
{
    auto r = route("SIP/2.0/TCP client.example.com:5070;branch=z9hG4bK1;received=192.0.2.4;rport=40000", conn);
    BOOST_TEST(r.connection == conn);
    BOOST_TEST(r.kind == transport_kind::tcp);
    // rport is for unreliable transports only (RFC 3581 4).
    BOOST_TEST(r.host == "192.0.2.4");
    BOOST_TEST(r.port == 5070);
}

BOOST_AUTO_TEST_CASE(reliable_without_received_goes_to_sent_by_and_default_port)
{
    auto r = route("SIP/2.0/TLS client.example.com;branch=z9hG4bK1", conn);
    BOOST_TEST(r.connection == conn);
    BOOST_TEST(r.kind == transport_kind::tls);
    BOOST_TEST(r.host == "client.example.com");
    BOOST_TEST(r.port == 5061);
}

BOOST_AUTO_TEST_CASE(unreliable_maddr_wins)
{
    auto r = route("SIP/2.0/UDP client.example.com:5080;branch=z9hG4bK1;maddr=239.255.255.1;ttl=1;received=192.0.2.4;rport=4000");
    BOOST_TEST(r.connection == connection_id::none);
    BOOST_TEST(r.host == "239.255.255.1");
    BOOST_TEST(r.port == 5080);
}

BOOST_AUTO_TEST_CASE(unreliable_received_and_rport)
{
    auto r = route("SIP/2.0/UDP client.example.com:5080;branch=z9hG4bK1;received=192.0.2.4;rport=40000");
    BOOST_TEST(r.host == "192.0.2.4");
    BOOST_TEST(r.port == 40000);
    BOOST_TEST(r.kind == transport_kind::udp);
}

BOOST_AUTO_TEST_CASE(unreliable_received_without_rport_uses_sent_by_port)
{
    auto r = route("SIP/2.0/UDP client.example.com:5080;branch=z9hG4bK1;received=192.0.2.4");
    BOOST_TEST(r.host == "192.0.2.4");
    BOOST_TEST(r.port == 5080);
}

BOOST_AUTO_TEST_CASE(unreliable_sent_by_only)
{
    auto r = route("SIP/2.0/udp [2001:db8::9];branch=z9hG4bK1");
    BOOST_TEST(r.host == "[2001:db8::9]");
    BOOST_TEST(r.port == 5060);
    BOOST_TEST(r.connection == connection_id::none);
}

BOOST_AUTO_TEST_CASE(unsupported_transport_is_an_error)
{
    auto v = parse_via("SIP/2.0/SCTP host;branch=z9hG4bK1");
    BOOST_TEST_REQUIRE(v.has_value());
    auto r = route_response(*v);
    BOOST_TEST(r.has_error());
    BOOST_TEST(r.error() == make_error_code(errc::unsupported_transport));
}
