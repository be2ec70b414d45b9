#define BOOST_TEST_MODULE sip_hot_headers
// The header grammars message::parse decodes eagerly: Via, name-addr
// (From/To), CSeq, Call-ID, media-type.
#include <boost/test/unit_test.hpp>

#include "sip/cseq.hpp"
#include "sip/media_type.hpp"
#include "sip/name_addr.hpp"
#include "sip/via.hpp"

using namespace cpm::sip;

BOOST_AUTO_TEST_CASE(via_list_elements_and_params)
{
    auto list = parse_via_list("SIP/2.0/UDP a.example.com:5060;branch=z9hG4bK1;received=192.0.2.1 , "
                               "SIP / 2.0 / TCP [2001:db8::1];rport=5070;ttl=16;maddr=239.255.255.1");
    BOOST_TEST_REQUIRE(list.has_value(), (list ? "" : list.error().message));
    BOOST_TEST_REQUIRE(list->size() == 2u);
    BOOST_TEST((*list)[0].received == "192.0.2.1");
    BOOST_TEST((*list)[1].protocol_version == "2.0");
    BOOST_TEST((*list)[1].host == "[2001:db8::1]");
    BOOST_TEST(*(*list)[1].rport == 5070);
    BOOST_TEST(*(*list)[1].ttl == 16);
    BOOST_TEST((*list)[1].maddr == "239.255.255.1");
}

BOOST_AUTO_TEST_CASE(via_errors_name_the_element)
{
    struct bad { char const* value; char const* sentence; };
    for (auto const& [value, sentence] : {
             bad{"SIP/2.0 UDP h", "Via: expected SIP/2.0/<transport>"},
             bad{"SIP/2.0/UDP", "Via: expected whitespace before sent-by"},
             bad{"SIP/2.0/UDP -bad-", "Via: sent-by is not a valid host"},
             bad{"SIP/2.0/UDP h:70000", "Via: port out of range"},
             bad{"SIP/2.0/UDP h;branch=\"q\"", "Via: branch must be a token"},
             bad{"SIP/2.0/UDP h;received=host.example", "Via: received must be an IP address"},
             bad{"SIP/2.0/UDP h;ttl=300", "Via: ttl must be 0-255"},
             bad{"SIP/2.0/UDP h,", "Via: expected a via-parm after ','"},
             bad{"SIP/2.0/UDP h x", "Via: unexpected character after via-parm"},
         }) {
        auto v = parse_via_list(value);
        BOOST_TEST_CONTEXT(value)
        {
            BOOST_TEST_REQUIRE(!v.has_value());
            BOOST_TEST(v.error().message == sentence);
        }
    }
}

BOOST_AUTO_TEST_CASE(name_addr_forms)
{
    auto a = parse_name_addr("Bob Smith <sip:bob@example.com;transport=tcp>;tag=x1;expires=60");
    BOOST_TEST_REQUIRE(a.has_value());
    BOOST_TEST(a->display_name == "Bob Smith");
    BOOST_TEST(a->uri == "sip:bob@example.com;transport=tcp");
    BOOST_TEST(a->tag == "x1");
    BOOST_TEST(a->params.value_of("expires") == "60");

    auto b = parse_name_addr("sip:carol@example.com;tag=9");
    BOOST_TEST_REQUIRE(b.has_value());
    BOOST_TEST(!b->bracketed);
    BOOST_TEST(b->uri == "sip:carol@example.com"); // RFC 3261 20.10: params are the header's
    BOOST_TEST(b->tag == "9");

    auto c = parse_name_addr("tel:+1-201-555-0123");
    BOOST_TEST_REQUIRE(c.has_value());
    BOOST_TEST(c->uri == "tel:+1-201-555-0123");
}

BOOST_AUTO_TEST_CASE(name_addr_rejects)
{
    // ',' is not a scheme character (RFC 3986 scheme = ALPHA *(ALPHA/DIGIT/"+"/"-"/"."))
    BOOST_TEST(!parse_name_addr("<si,p:bob@example.com>").has_value());
    BOOST_TEST(!parse_name_addr("<sip:bob@example.com").has_value());
    BOOST_TEST(!parse_name_addr("Bell, Alexander <sip:a@example.com>").has_value());
    BOOST_TEST(!parse_name_addr_list("<sip:a@example.com>,").has_value());
    auto list = parse_name_addr_list("<sip:a@example.com>, \"B\" <sip:b@example.com>;x=1");
    BOOST_TEST_REQUIRE(list.has_value());
    BOOST_TEST(list->size() == 2u);
}

BOOST_AUTO_TEST_CASE(cseq_call_id_media_type)
{
    BOOST_TEST(parse_cseq("4711 INVITE")->number == 4711u);
    BOOST_TEST(parse_cseq("2147483647 ACK")->number == 2147483647u);
    BOOST_TEST(!parse_cseq("2147483648 ACK").has_value());
    BOOST_TEST(!parse_cseq("1INVITE").has_value());
    BOOST_TEST(*parse_call_id("a84b4c76e66710@pc33.example.com") == "a84b4c76e66710@pc33.example.com");
    BOOST_TEST(!parse_call_id("a b").has_value());
    auto m = parse_media_type("multipart/mixed;boundary=\"b 1\"");
    BOOST_TEST_REQUIRE(m.has_value());
    BOOST_TEST(m->is("Multipart", "MIXED"));
    BOOST_TEST(m->params.find("boundary")->unquoted_value() == "b 1");
}
