// The transport kinds (RFC 3261 18, 20.42) and the 18.1.1 switch to TCP
// for large requests.
#define BOOST_TEST_MODULE sip_transport_kind
#include <boost/test/unit_test.hpp>

#include "sip/transport_kind.hpp"

#include <sstream>

using namespace cpm::sip;

BOOST_AUTO_TEST_CASE(large_requests_switch_to_tcp)
{
    // RFC 3261 18.1.1: larger than 1300 bytes with the MTU unknown.
    BOOST_TEST(request_transport(1300, transport_kind::udp) == transport_kind::udp);
    BOOST_TEST(request_transport(1301, transport_kind::udp) == transport_kind::tcp);
    // Within 200 bytes of a known path MTU.
    BOOST_TEST(request_transport(1299, transport_kind::udp, 1500) == transport_kind::udp);
    BOOST_TEST(request_transport(1300, transport_kind::udp, 1500) == transport_kind::tcp);
    BOOST_TEST(request_transport(3000, transport_kind::udp, 9000) == transport_kind::udp);
    // Stream transports stay as planned.
    BOOST_TEST(request_transport(100000, transport_kind::tls) == transport_kind::tls);
    BOOST_TEST(request_transport(100000, transport_kind::tcp) == transport_kind::tcp);
}

BOOST_AUTO_TEST_CASE(via_tokens)
{
    BOOST_TEST(via_token(transport_kind::tls) == "TLS");
    BOOST_TEST((kind_from_via("tcp") == transport_kind::tcp));
    BOOST_TEST((kind_from_via("Udp") == transport_kind::udp));
    BOOST_TEST(!kind_from_via("WS").has_value());
    BOOST_TEST(!kind_from_via("").has_value());
    BOOST_TEST(default_port(transport_kind::udp) == 5060);
    BOOST_TEST(default_port(transport_kind::tls) == 5061);
    BOOST_TEST(!is_reliable(transport_kind::udp));
    BOOST_TEST(is_reliable(transport_kind::tcp));
    std::ostringstream out;
    out << transport_kind::tcp;
    BOOST_TEST(out.str() == "TCP");
}
