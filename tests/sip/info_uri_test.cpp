#define BOOST_TEST_MODULE sip_info_uri
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/info_uri.hpp"

using namespace cpm::sip;
using header_checks::error_of;
using header_checks::expect_error;

BOOST_AUTO_TEST_CASE(call_info_rfc3261_example)
{
    auto c = parse_info_list("<http://wwww.example.com/alice/photo.jpg> ;purpose=icon,\r\n"
                             "  <http://www.example.com/alice/> ;purpose=info",
                             "Call-Info");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    BOOST_TEST_REQUIRE(c->size() == 2u);
    BOOST_TEST(c->at(0).uri == "http://wwww.example.com/alice/photo.jpg");
    BOOST_TEST(c->at(0).purpose == "icon");
    BOOST_TEST(c->at(1).purpose == "info");
    BOOST_TEST(c->at(1).raw == "<http://www.example.com/alice/> ;purpose=info");
}

BOOST_AUTO_TEST_CASE(alert_info_and_req_8_3_1_1_1_P4_error_info)
{
    auto a = parse_info_list("<http://www.example.com/sounds/moo.wav>", "Alert-Info");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST(a->at(0).purpose.empty());
    // REQ-8.3.1.1.1-P4: the PF explains a 403 with an Error-Info URI.
    auto e = parse_info_list("<sip:not-in-service-recording@atlanta.com>", "Error-Info");
    BOOST_TEST_REQUIRE(e.has_value(), error_of(e));
    BOOST_TEST(e->at(0).uri == "sip:not-in-service-recording@atlanta.com");
}

BOOST_AUTO_TEST_CASE(identity_info_rfc4474)
{
    auto i = parse_info_list("<https://atlanta.example.com/atlanta.cer>;alg=rsa-sha1", "Identity-Info");
    BOOST_TEST_REQUIRE(i.has_value(), error_of(i));
    BOOST_TEST(i->at(0).params.value_of("alg") == "rsa-sha1");
    expect_error(parse_info_list("<https://a/1.cer>, <https://a/2.cer>", "Identity-Info"),
                 "Identity-Info: only one <URI> is allowed", 19);
}

BOOST_AUTO_TEST_CASE(invalid_info_lists)
{
    expect_error(parse_info_list("http://www.example.com/", "Call-Info"), "Call-Info: expected <absoluteURI>", 0);
    expect_error(parse_info_list("<www.example.com>", "Alert-Info"), "Alert-Info: expected <absoluteURI>", 0);
    expect_error(parse_info_list("<http://a/b c>", "Error-Info"), "Error-Info: expected <absoluteURI>", 0);
    expect_error(parse_info_list("", "Error-Info"), "Error-Info: expected a <URI>", 0);
    expect_error(parse_info_list("<http://a/> x", "Call-Info"), "Call-Info: expected ',' or the end", 12);
}
