#define BOOST_TEST_MODULE abnf_host
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include "sip/abnf/host.hpp"

#include <string>
#include <utility>
#include <vector>

using namespace cpm::sip::abnf;
namespace bdata = boost::unit_test::data;

namespace {
// (text, expected kind or nullopt); RFC 3261 25.1 with RFC 5954 corrections.
std::vector<std::pair<std::string, int>> const hosts{
    {"example.com", 0}, {"example.com.", 0}, {"a", 0}, {"a-b.c-d.example", 0}, {"x1.org", 0},
    {"192.0.2.1", 1}, {"255.255.255.255", 1}, {"0.0.0.0", 1},
    {"[2001:db8::10]", 2}, {"[::1]", 2}, {"[::]", 2}, {"[2001:db8:0:0:0:0:0:1]", 2},
    {"[::ffff:192.0.2.1]", 2}, {"[2001:db8::192.0.2.1]", 2}, {"[2001:db8:::192.0.2.1]", 2}, {"[2001:db8:::1]", -1}, {"[fe80::]", 2},
    {"", -1}, {"-a.com", -1}, {"a-.com", -1}, {"example.123", -1}, {"a..b", -1}, {".", -1},
    {"256.1.1.1", -1}, {"1.2.3", -1}, {"01.2.3.4", -1}, {"1.2.3.4.5", -1},
    {"[2001:db8::10", -1}, {"2001:db8::10", -1}, {"[1:2:3:4:5:6:7:8:9]", -1},
    {"[1::2::3]", -1}, {"[12345::]", -1}, {"[:1]", -1}, {"[1:]", -1}, {"[::ffff:256.0.0.1]", -1},
    {"[1:2:3:4:5:6:7]", -1}, {"exa_mple.com", -1},
    {"1a.b2c", 0}, {"a.-b.com", -1}, {"a.b-", -1}, {"example.com..", -1}, {"a.1b", -1}, {".a", -1}, {"a.b.", 0},
};
} // namespace

BOOST_DATA_TEST_CASE(classify_host_follows_rfc3261_and_rfc5954, bdata::xrange(hosts.size()), i)
{
    auto const& [text, kind] = hosts[i];
    auto const got = classify_host(text);
    BOOST_TEST_CONTEXT("host " << text)
    {
        if (kind < 0)
            BOOST_TEST(!got.has_value());
        else
            BOOST_TEST((got.has_value() && static_cast<int>(*got) == kind));
    }
}

BOOST_AUTO_TEST_CASE(ports)
{
    BOOST_TEST(*parse_port("5060") == 5060);
    BOOST_TEST(*parse_port("0") == 0);
    BOOST_TEST(*parse_port("65535") == 65535);
    BOOST_TEST(!parse_port("65536"));
    BOOST_TEST(!parse_port(""));
    BOOST_TEST(!parse_port("50a0"));
    BOOST_TEST(!parse_port("000005060"));
}
