// REFER within a dialog (RFC 3515) with Referred-By (RFC 3892), and the
// implicit subscription's Event and sipfrag bodies.
#define BOOST_TEST_MODULE sip_dialog_refer
#include <boost/test/unit_test.hpp>

#include "messages.hpp"

#include "sip/addresses.hpp"
#include "sip/dialog/refer.hpp"

using namespace cpm::sip;
using namespace cpm::sip::dialog;
using namespace cpm::sip::dialog::test;

BOOST_AUTO_TEST_CASE(rfc3515_2_4_1_refer_with_referred_by)
{
    auto d = dialog_state::create_uac(parse(invite_text()), parse(response_text(200)), alice_options());
    BOOST_TEST_REQUIRE(d.has_value());
    refer_options options;
    options.refer_to = "sip:carol@chicago.example.com";
    options.referred_by = "sip:alice@atlanta.example.com";
    options.request.via = "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKref1";
    std::string out;
    std::uint32_t const cseq = build_refer(*d, out, options);
    auto refer = parse(out);
    BOOST_TEST(refer.start_line() == "REFER sip:bob@192.0.2.4 SIP/2.0");
    BOOST_TEST(cseq == 314160u);
    BOOST_TEST(refer.cseq().number == 314160u);
    BOOST_TEST(refer.cseq().method_text == "REFER");
    BOOST_TEST(refer.count(header_id::refer_to) == 1u);
    auto to = parse_refer_to(refer.find(header_id::refer_to)->value);
    BOOST_TEST_REQUIRE(to.has_value());
    BOOST_TEST(to->uri == "sip:carol@chicago.example.com");
    auto by = parse_referred_by(refer.find(header_id::referred_by)->value);
    BOOST_TEST_REQUIRE(by.has_value());
    BOOST_TEST(by->address.uri == "sip:alice@atlanta.example.com");
    BOOST_TEST(refer.find(header_id::contact)->value == "<sip:alice@pc33.atlanta.example.com>");
    BOOST_TEST(refer.to().tag == "a6c85cf");
    BOOST_TEST(values(refer, header_id::route).size() == 2u);
}

BOOST_AUTO_TEST_CASE(rfc3515_refer_to_with_headers_and_name_addr_referrer)
{
    auto d = dialog_state::create_uas(parse(invite_text()), 200, bob_options());
    BOOST_TEST_REQUIRE(d.has_value());
    refer_options options;
    options.refer_to = "sip:carol@chicago.example.com?Replaces=abc%40h%3Bto-tag%3D1%3Bfrom-tag%3D2";
    options.referred_by = "Bob <sip:bob@biloxi.example.com>;cid=\"20398823.2UWQFN309shb3@referrer.example\"";
    options.request.via = "SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKref2";
    extra_header const extra[] = {{"Refer-Sub", "false"}};
    options.request.headers = extra;
    std::string out;
    BOOST_TEST(build_refer(*d, out, options) == 7000u);
    auto refer = parse(out);
    auto to = parse_refer_to(refer.find(header_id::refer_to)->value);
    BOOST_TEST_REQUIRE(to.has_value());
    BOOST_TEST(to->bracketed);
    BOOST_TEST(to->uri == "sip:carol@chicago.example.com?Replaces=abc%40h%3Bto-tag%3D1%3Bfrom-tag%3D2");
    auto by = parse_referred_by(refer.find(header_id::referred_by)->value);
    BOOST_TEST_REQUIRE(by.has_value());
    BOOST_TEST(by->cid == "20398823.2UWQFN309shb3@referrer.example");
    BOOST_TEST(refer.find(header_id::refer_sub)->value == "false");
    // The UAS's request: From is Bob with his tag.
    BOOST_TEST(refer.from().tag == "a6c85cf");
}

BOOST_AUTO_TEST_CASE(rfc3515_2_4_5_notify_event_and_sipfrag)
{
    BOOST_TEST(refer_event_value(314160) == "refer;id=314160");
    BOOST_TEST(refer_progress_body(100, "Trying") == "SIP/2.0 100 Trying\r\n");
    BOOST_TEST(refer_progress_body(200, "OK") == "SIP/2.0 200 OK\r\n");
    BOOST_TEST(sipfrag_content_type == "message/sipfrag;version=2.0");
}
