// Canonical SDP output: CRLF lines in RFC 8866 order, and round trips
// parse -> serialize -> parse.
#define BOOST_TEST_MODULE sdp_serialize
#include <boost/test/unit_test.hpp>

#include "sdp/serialize.hpp"

#include <string>

using namespace cpm::sdp;

namespace {

constexpr std::string_view canonical =
    "v=0\r\n"
    "o=alice 2890844526 2890844527 IN IP4 alice.example.com\r\n"
    "s=-\r\n"
    "i=chat\r\n"
    "u=http://example.com/x\r\n"
    "e=alice@example.com\r\n"
    "p=+1 555 0100\r\n"
    "c=IN IP4 233.252.0.1/64/2\r\n"
    "b=AS:64\r\n"
    "t=3724394400 3724398000\r\n"
    "r=604800 3600 0 90000\r\n"
    "z=2882844526 -1h 2898848070 0\r\n"
    "t=0 0\r\n"
    "k=clear:secret\r\n"
    "a=sendrecv\r\n"
    "m=message 7394 TCP/MSRP *\r\n"
    "i=the chat\r\n"
    "c=IN IP6 2001:db8::1\r\n"
    "b=TIAS:1000\r\n"
    "k=uri:http://example.com/k\r\n"
    "a=accept-types:message/cpim text/plain\r\n"
    "a=path:msrp://alice.example.com:7394/2s93i93idj;tcp\r\n"
    "m=message 0/2 TCP/TLS/MSRP *\r\n"
    "c=IN IP4 192.0.2.1\r\n";

} // namespace

BOOST_AUTO_TEST_CASE(canonical_text_round_trips_byte_for_byte)
{
    auto const d = parse(canonical);
    BOOST_REQUIRE(d);
    BOOST_TEST(to_string(*d) == canonical);
}

BOOST_AUTO_TEST_CASE(lf_input_becomes_crlf)
{
    std::string lf;
    for (char c : canonical)
        if (c != '\r')
            lf += c;
    auto const d = parse(lf);
    BOOST_REQUIRE(d);
    BOOST_TEST(to_string(*d) == canonical);
}

BOOST_AUTO_TEST_CASE(reparse_gives_the_same_structure)
{
    auto const d = parse(canonical);
    BOOST_REQUIRE(d);
    std::string const text = to_string(*d);
    auto const again = parse(text);
    BOOST_REQUIRE(again);
    BOOST_TEST((*again == *d));
    // Views of the second parse point into the second text.
    BOOST_TEST((again->media[0].attributes[0].value.data() == text.data() + text.find("message/cpim")));
}

BOOST_AUTO_TEST_CASE(built_description)
{
    session_description d;
    d.origin = {"-", "1", "2", "IN", "IP6", "2001:db8::5"};
    d.name = " ";
    d.connection = connection{"IN", "IP6", "2001:db8::5", {}, {}};
    d.times.push_back({});
    media_description m;
    m.media = "message";
    m.port = 2855;
    m.proto = "TCP/TLS/MSRP";
    m.formats = {"*"};
    m.attributes.push_back({"accept-types", "*", true, 0});
    m.attributes.push_back({"msrp-cema", {}, false, 0});
    d.media.push_back(m);
    std::string const text = to_string(d);
    BOOST_TEST(text ==
               "v=0\r\no=- 1 2 IN IP6 2001:db8::5\r\ns= \r\nc=IN IP6 2001:db8::5\r\nt=0 0\r\n"
               "m=message 2855 TCP/TLS/MSRP *\r\na=accept-types:*\r\na=msrp-cema\r\n");
    auto const back = parse(text);
    BOOST_REQUIRE(back);
    BOOST_TEST((*back == d));
}
