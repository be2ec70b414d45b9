#define BOOST_TEST_MODULE sip transport endpoint
#include <boost/test/unit_test.hpp>

#include "sip/transport/endpoint.hpp"

using namespace cpm::sip::transport;

namespace {

endpoint ok(std::string_view text)
{
    auto r = parse_endpoint(text);
    auto const* e = std::get_if<endpoint>(&r);
    if (e == nullptr)
        BOOST_FAIL(std::string(text) + ": " + std::get<std::string>(r));
    return *e;
}

std::string error(std::string_view text)
{
    auto r = parse_endpoint(text);
    auto const* sentence = std::get_if<std::string>(&r);
    if (sentence == nullptr)
        BOOST_FAIL(std::string(text) + ": accepted");
    return *sentence;
}

} // namespace

BOOST_AUTO_TEST_CASE(transports_addresses_and_ports)
{
    auto const u = ok("udp:127.0.0.1:5060");
    BOOST_TEST((u.kind == transport_kind::udp));
    BOOST_TEST(u.address.to_string() == "127.0.0.1");
    BOOST_TEST(u.port == 5060);
    auto const t = ok("TCP:[::1]:0");
    BOOST_TEST((t.kind == transport_kind::tcp));
    BOOST_TEST(t.address.is_v6());
    BOOST_TEST(t.port == 0);
    BOOST_TEST(to_string(t) == "tcp [::1]:0");
    BOOST_TEST(to_string(u) == "udp 127.0.0.1:5060");
}

BOOST_AUTO_TEST_CASE(default_ports_per_rfc_3261_19_1_2)
{
    BOOST_TEST(ok("udp:192.0.2.1").port == 5060);
    BOOST_TEST(ok("tls:192.0.2.1").port == 5061);
    BOOST_TEST(ok("tls:[2001:db8::1]").port == 5061);
}

BOOST_AUTO_TEST_CASE(errors_name_the_fault)
{
    BOOST_TEST(error("127.0.0.1") == "expected <udp|tcp|tls>:<address>[:<port>]");
    BOOST_TEST(error("sctp:127.0.0.1:5060") == "unknown transport 'sctp' (udp, tcp or tls)");
    BOOST_TEST(error("udp:example.com:5060") == "'example.com' is not an IP address");
    BOOST_TEST(error("udp:127.0.0.1:65536") == "port must be 0 to 65535");
    BOOST_TEST(error("udp:127.0.0.1:") == "port must be 0 to 65535");
    BOOST_TEST(error("udp:127.0.0.1:5x") == "port must be 0 to 65535");
    BOOST_TEST(error("udp:::1:5060") == "write an IPv6 address in brackets: [::1]:5060");
    BOOST_TEST(error("udp:[::1") == "IPv6 address without ']'");
    BOOST_TEST(error("udp:[::1]5060") == "expected ':' after the IPv6 address");
    BOOST_TEST(error("udp:[127.0.0.1]:5060") == "'127.0.0.1' is not an IP address");
}
