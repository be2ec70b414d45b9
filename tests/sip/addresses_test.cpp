#define BOOST_TEST_MODULE sip_addresses
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/addresses.hpp"

using namespace cpm::sip;
using header_checks::error_of;
using header_checks::expect_error;
using header_checks::expect_error_at;

BOOST_AUTO_TEST_CASE(route_sets_rfc3261_3327_3608)
{
    auto rr = parse_route("<sip:server10.biloxi.com;lr>,\r\n <sip:bigbox3.site3.atlanta.com;lr>", "Record-Route");
    BOOST_TEST_REQUIRE(rr.has_value(), error_of(rr));
    BOOST_TEST_REQUIRE(rr->size() == 2u);
    BOOST_TEST((*rr)[0].uri == "sip:server10.biloxi.com;lr");
    BOOST_TEST((*rr)[1].uri == "sip:bigbox3.site3.atlanta.com;lr");
    auto path = parse_route("<sip:P3.EXAMPLEHOME.COM;lr>,<sip:P1.EXAMPLEVISITED.COM;lr>", "Path");
    BOOST_TEST_REQUIRE(path.has_value(), error_of(path));
    BOOST_TEST(path->size() == 2u);
    auto sr = parse_route("<sip:P2.HOME.EXAMPLE.COM;lr>, <sip:HSP.HOME.EXAMPLE.COM;lr>", "Service-Route");
    BOOST_TEST_REQUIRE(sr.has_value(), error_of(sr));
    BOOST_TEST(sr->at(1).uri == "sip:HSP.HOME.EXAMPLE.COM;lr");
    auto withparam = parse_route("\"proxy\" <sip:p.example.com;lr>;x=1", "Route");
    BOOST_TEST_REQUIRE(withparam.has_value(), error_of(withparam));
    BOOST_TEST(withparam->at(0).params.contains("x"));
}

BOOST_AUTO_TEST_CASE(invalid_routes)
{
    expect_error(parse_route("sip:p.example.com;lr", "Route"), "Route: each entry must be written <URI> (name-addr)", 0);
    expect_error(parse_route("<sip:a;lr>, sip:b", "Record-Route"), "Record-Route: each entry must be written <URI>", 12);
    expect_error(parse_route("", "Path"), "Path: expected a <URI>", 0);
    expect_error(parse_route("<sip:a;lr>,", "Service-Route"), "Service-Route: expected a <URI> after ','", 11);
    expect_error(parse_route("<sip:a;lr", "Route"), "Route: '<' without matching '>'", 0);
}

BOOST_AUTO_TEST_CASE(req_7_3_1_A3_reply_to)
{
    // RFC 3261 20.31 example; REQ-7.3.1-A.3 puts a different reply address here.
    auto r = parse_address("Bob <sip:bob@biloxi.com>", "Reply-To");
    BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
    BOOST_TEST(r->display_name == "Bob");
    BOOST_TEST(r->uri == "sip:bob@biloxi.com");
    expect_error(parse_address("<sip:a@b>, <sip:c@d>", "Reply-To"), "Reply-To: unexpected character after the address", 9);
    expect_error(parse_address("", "P-Called-Party-ID"), "P-Called-Party-ID: expected a URI", 0);
}

BOOST_AUTO_TEST_CASE(req_6_2_P1_asserted_and_preferred_identity_rfc3325)
{
    // RFC 3325 9.1 examples; REQ-6.2-P1: the client MAY send P-Preferred-Identity.
    auto a = parse_asserted_identity("\"Cullen Jennings\" <sip:fluffy@cisco.com>", "P-Asserted-Identity");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST(a->at(0).display_name_text() == "Cullen Jennings");
    auto t = parse_asserted_identity("tel:+14085264000", "P-Asserted-Identity");
    BOOST_TEST_REQUIRE(t.has_value(), error_of(t));
    BOOST_TEST(t->at(0).uri == "tel:+14085264000");
    auto both = parse_asserted_identity("<sip:alice@example.com>, <tel:+15551234567>", "P-Preferred-Identity");
    BOOST_TEST_REQUIRE(both.has_value(), error_of(both));
    BOOST_TEST(both->size() == 2u);
    // REQ-6.2-P4: both the SIP and the TEL identity are available to copy.
    BOOST_TEST(both->at(1).uri == "tel:+15551234567");
}

BOOST_AUTO_TEST_CASE(asserted_identity_addr_spec_keeps_its_uri_parameters)
{
    auto a = parse_asserted_identity("sip:+15551234567@example.com;user=phone", "P-Asserted-Identity");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST(a->at(0).uri == "sip:+15551234567@example.com;user=phone");
    BOOST_TEST(a->at(0).params.empty());
}

BOOST_AUTO_TEST_CASE(invalid_asserted_identities)
{
    std::string_view const three = "<sip:a@x>, <tel:+1>, <sip:b@x>";
    expect_error_at(parse_asserted_identity(three, "P-Asserted-Identity"),
                    "P-Asserted-Identity: at most two identities are allowed", three, "<sip:b@x>");
    std::string_view const two_sip = "<sip:a@x>, <sips:b@x>";
    expect_error_at(parse_asserted_identity(two_sip, "P-Asserted-Identity"),
                    "P-Asserted-Identity: two identities must be one sip/sips URI and one tel URI", two_sip, "<sips");
    expect_error(parse_asserted_identity("<mailto:a@x>", "P-Preferred-Identity"),
                 "P-Preferred-Identity: the identity must be a sip, sips or tel URI", 1);
    expect_error(parse_asserted_identity("<sip:a@x>;tag=1", "P-Asserted-Identity"),
                 "P-Asserted-Identity: parameters are not allowed (RFC 3325 9.1)", 9);
    expect_error(parse_asserted_identity("sip:a@x ;user=phone", "P-Asserted-Identity"),
                 "P-Asserted-Identity: parameters are not allowed", 7);
}

BOOST_AUTO_TEST_CASE(req_9_1_3_P1_referred_by_rfc3892)
{
    // RFC 3892 section 3 example; REQ-9.1.3-P1: the CF names the sender in Referred-By.
    auto r = parse_referred_by("<sip:referrer@referrer.example>\r\n"
                               "  ;cid=\"20398823.2UWQFN309shb3@referrer.example\"");
    BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
    BOOST_TEST(r->address.uri == "sip:referrer@referrer.example");
    BOOST_TEST(r->cid == "20398823.2UWQFN309shb3@referrer.example");
    auto plain = parse_referred_by("sip:alice@example.com");
    BOOST_TEST_REQUIRE(plain.has_value(), error_of(plain));
    BOOST_TEST(plain->cid.empty());
    std::string_view const bad = "<sip:r@x>;cid=abc";
    expect_error_at(parse_referred_by(bad), "Referred-By: cid must be a quoted msg-id", bad, "cid");
    std::string_view const bad2 = "<sip:r@x>;cid=\"no-at-sign\"";
    expect_error_at(parse_referred_by(bad2), "Referred-By: cid must be a quoted msg-id", bad2, "cid");
}

BOOST_AUTO_TEST_CASE(refer_to_rfc3515)
{
    auto r = parse_refer_to("<sips:a8342043f@atlanta.example.com?Replaces=12345601%40atlanta.example.com"
                            "%3Bfrom-tag%3D314159%3Bto-tag%3D1234567>");
    BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
    BOOST_TEST(r->bracketed);
    BOOST_TEST(r->uri.substr(0, 37) == "sips:a8342043f@atlanta.example.com?Re");
    auto focus = parse_refer_to("sip:conf44@example.com;isfocus");
    BOOST_TEST_REQUIRE(focus.has_value(), error_of(focus));
    BOOST_TEST(focus->uri == "sip:conf44@example.com");
    BOOST_TEST(focus->params.contains("isfocus"));
    std::string_view const unbracketed = "sip:bob@example.com?Replaces=abc";
    expect_error_at(parse_refer_to(unbracketed), "Refer-To: a URI with headers ('?') must be enclosed in <>", unbracketed,
                    "?");
    std::string_view const bad_feature = "<sip:bob@example.com>;methods=\"INVITE BYE\"";
    expect_error_at(parse_refer_to(bad_feature), "Refer-To: feature parameter methods", bad_feature, " BYE");
}

BOOST_AUTO_TEST_CASE(p_associated_uri_rfc7315)
{
    auto a = parse_associated_uri("<sip:user1_public1@home1.net>, <sip:+1-212-555-1234@home1.net;user=phone>");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST(a->size() == 2u);
    BOOST_TEST(parse_associated_uri("").value().empty());
    expect_error(parse_associated_uri("sip:a@b"), "P-Associated-URI: each entry must be written <URI>", 0);
}
