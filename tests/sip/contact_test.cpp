#define BOOST_TEST_MODULE sip_contact
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/contact.hpp"

#include <string>
#include <string_view>

using namespace cpm::sip;

using header_checks::error_of;

BOOST_AUTO_TEST_CASE(rfc3261_20_10_examples)
{
    auto c = parse_contact("\"Mr. Watson\" <sip:watson@worcester.bell-telephone.com>\r\n"
                           "   ;q=0.7; expires=3600,\r\n"
                           "   \"Mr. Watson\" <mailto:watson@bell-telephone.com> ;q=0.1");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    BOOST_TEST(!c->wildcard);
    BOOST_TEST_REQUIRE(c->contacts.size() == 2u);
    BOOST_TEST(c->contacts[0].address.display_name_text() == "Mr. Watson");
    BOOST_TEST(c->contacts[0].address.uri == "sip:watson@worcester.bell-telephone.com");
    BOOST_TEST(*c->contacts[0].q == 700);
    BOOST_TEST(*c->contacts[0].expires == 3600u);
    BOOST_TEST(c->contacts[1].address.uri == "mailto:watson@bell-telephone.com");
    BOOST_TEST(*c->contacts[1].q == 100);
    BOOST_TEST(!c->contacts[1].expires.has_value());

    auto m = parse_contact("<sips:bob@192.0.2.4>;expires=60");
    BOOST_TEST_REQUIRE(m.has_value(), error_of(m));
    BOOST_TEST(*m->contacts.at(0).expires == 60u);
    BOOST_TEST(m->contacts[0].features().empty());
}

BOOST_AUTO_TEST_CASE(wildcard)
{
    auto c = parse_contact("*");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    BOOST_TEST(c->wildcard);
    BOOST_TEST(c->contacts.empty());
    header_checks::expect_error(parse_contact("<sip:a@b>, *"), "Contact: \"*\" must be the whole value", 11);
    BOOST_TEST(!parse_contact("*;expires=0").has_value());
}

BOOST_AUTO_TEST_CASE(addr_spec_parameters_belong_to_the_header)
{
    // RFC 3261 20.10: without <>, ";expires" is a header parameter.
    auto c = parse_contact("sip:alice@pc33.atlanta.com;expires=30;q=1");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    BOOST_TEST(c->contacts.at(0).address.uri == "sip:alice@pc33.atlanta.com");
    BOOST_TEST(*c->contacts[0].expires == 30u);
    BOOST_TEST(*c->contacts[0].q == 1000);
}

BOOST_AUTO_TEST_CASE(rfc5626_outbound_register_contact)
{
    // RFC 5626 section 4.2 / 10 shape: reg-id and +sip.instance.
    auto c = parse_contact("<sip:line1@192.0.2.2;transport=tcp>;reg-id=1;"
                           "+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    auto const& k = c->contacts.at(0);
    BOOST_TEST(*k.reg_id == 1u);
    BOOST_TEST(k.instance == "urn:uuid:00000000-0000-1000-8000-000A95A0E128");
    auto const inst = k.features().find("+sip.instance");
    BOOST_TEST_REQUIRE(inst.has_value());
    BOOST_TEST((inst->kind == feature_value_kind::string));
    BOOST_TEST(inst->value == "urn:uuid:00000000-0000-1000-8000-000A95A0E128");
}

BOOST_AUTO_TEST_CASE(rfc5627_gruus_in_a_register_response)
{
    auto c = parse_contact(
        "<sip:callee@192.0.2.1>\r\n"
        " ;pub-gruu=\"sip:callee@example.com;gr=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6\"\r\n"
        " ;temp-gruu=\"sip:tgruu.7hs==jd7vnzga5w7fajsc7-ajd6fabz0f8g5@example.com;gr\"\r\n"
        " ;+sip.instance=\"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>\"\r\n"
        " ;expires=3600");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    auto const& k = c->contacts.at(0);
    BOOST_TEST(k.pub_gruu == "sip:callee@example.com;gr=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    BOOST_TEST(k.temp_gruu == "sip:tgruu.7hs==jd7vnzga5w7fajsc7-ajd6fabz0f8g5@example.com;gr");
    BOOST_TEST(k.instance == "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    BOOST_TEST(*k.expires == 3600u);
}

BOOST_AUTO_TEST_CASE(rfc3840_feature_tags)
{
    // RFC 3840 section 9 forms: booleans, token lists, string values, negation.
    auto c = parse_contact("<sip:user@pc.example.com>;audio;video;automata;mobility=\"fixed\";"
                           "methods=\"INVITE,BYE,OPTIONS,!REFER\";description=\"<PC \\\"office\\\">\";"
                           "+sip.byeless;expires=1200");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    auto const f = c->contacts.at(0).features();
    BOOST_TEST(f.contains("audio"));
    BOOST_TEST(f.contains("VIDEO"));
    BOOST_TEST(!f.contains("expires"));
    BOOST_TEST(!f.contains("data"));
    auto const methods = f.find("methods");
    BOOST_TEST_REQUIRE(methods.has_value());
    BOOST_TEST(methods->values().contains("invite"));
    BOOST_TEST(!methods->values().contains("REFER")); // negated
    auto const desc = f.find("description");
    BOOST_TEST((desc->kind == feature_value_kind::string));
    BOOST_TEST(desc->value == "PC \\\"office\\\"");
    auto const byeless = f.find("+sip.byeless");
    BOOST_TEST((byeless->kind == feature_value_kind::boolean));
    BOOST_TEST(byeless->tag() == "sip.byeless");
    std::size_t n = 0;
    for (auto const& x : f) {
        (void)x;
        ++n;
    }
    BOOST_TEST(n == 7u); // audio video automata mobility methods description +sip.byeless
}

BOOST_AUTO_TEST_CASE(req_7_1_A2_A3_A6_A7_register_contact_of_a_cpm_client)
{
    // REQ-7.1-A.2 (CPM feature tag), REQ-7.1-A.3 (+sip.instance), REQ-7.1-A.6
    // (capabilities per RFC 3840), REQ-7.1-A.7 (display name).
    auto c = parse_contact(
        "\"Alice's phone\" <sip:alice@198.51.100.7:5060;transport=tcp;ob>"
        ";+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg,"
        "urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session,"
        "urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.largemsg\""
        ";+sip.instance=\"<urn:gsma:imei:35693803-564380-0>\";reg-id=1;expires=600");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    auto const& k = c->contacts.at(0);
    BOOST_TEST(k.address.display_name_text() == "Alice's phone");
    BOOST_TEST(k.instance == "urn:gsma:imei:35693803-564380-0");
    auto const f = k.features();
    BOOST_TEST(f.has_icsi("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg"));
    BOOST_TEST(f.has_icsi("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.session"));
    BOOST_TEST(!f.has_icsi("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.filetransfer"));
    BOOST_TEST(!f.has_iari("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg"));
    auto const urns = f.icsi_urns();
    BOOST_TEST_REQUIRE(urns.size() == 3u);
    BOOST_TEST(urns[2] == "urn:urn-7:3gpp-service.ims.icsi.oma.cpm.largemsg");
}

BOOST_AUTO_TEST_CASE(req_9_2_6_A2_isfocus_in_the_contact)
{
    // REQ-9.2.6-A.2 / REQ-7.5.1.1-B.1: the focus marks its Contact with isfocus (RFC 4579).
    auto c = parse_contact("<sip:conf-3fa1@cf.example.com;gr>;isfocus");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    BOOST_TEST(c->contacts.at(0).features().contains("isfocus"));
    BOOST_TEST(!parse_contact("<sip:bob@example.com>").value().contacts.at(0).features().contains("isfocus"));
}

BOOST_AUTO_TEST_CASE(instance_urns_may_hold_escapes_and_reserved_characters)
{
    auto c = parse_contact("<sip:a@b>;+sip.instance=\"<urn:x-a:%41;b/c?d=e>\"");
    BOOST_TEST_REQUIRE(c.has_value(), header_checks::error_of(c));
    BOOST_TEST(c->contacts.front().instance == "urn:x-a:%41;b/c?d=e");
    c = parse_contact("<sip:a@b>;+sip.instance=\"<>\"");
    BOOST_TEST_REQUIRE(c.has_value(), header_checks::error_of(c));
    BOOST_TEST(c->contacts.front().instance.empty());
}

BOOST_AUTO_TEST_CASE(invalid_contacts_name_the_element)
{
    struct bad {
        std::string_view value;
        std::string_view fragment;
        std::size_t offset;
    };
    bad const cases[] = {
        {"<sip:a@b>;q=1.5", "Contact: q must be a qvalue", 10},
        {"<sip:a@b>;q=0.1234", "Contact: q must be a qvalue", 10},
        {"<sip:a@b>;expires=soon", "Contact: expires must be delta-seconds", 10},
        {"<sip:a@b>;expires=99999999999", "Contact: expires must be delta-seconds", 10},
        {"<sip:a@b>;reg-id=0", "Contact: reg-id must be 1 to 2**31-1", 10},
        {"<sip:a@b>;+sip.instance=\"urn:uuid:1\"", "Contact: +sip.instance must be a quoted \"<URN>\"", 25},
        {"<sip:a@b>;+sip.instance=abc", "Contact: +sip.instance must be a quoted \"<URN>\"", 10},
        {"<sip:a@b>;+sip.instance=\"<urn:uuid:1>x\"", "Contact: +sip.instance must be a quoted \"<URN>\"", 37},
        {"<sip:a@b>;+sip.instance=\"<urn:%4>\"", "Contact: +sip.instance must be a quoted \"<URN>\"", 25},
        {"<sip:a@b>;+sip.instance=\"<urn:a b>\"", "Contact: +sip.instance must be a quoted \"<URN>\"", 25},
        {"<sip:a@b>;+sip.instance=\"<urn:a\"", "Contact: +sip.instance must be a quoted \"<URN>\"", 25},
        {"<sip:a@b>;pub-gruu=sip", "Contact: pub-gruu must be a quoted URI", 10},
        {"<sip:a@b>;methods=\"INVITE BYE\"", "Contact: feature parameter methods must hold tag-value", 25},
        {"<sip:a@b>;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3\"", "Contact: feature parameter +g.3gpp.icsi-ref has a malformed %-escape", 39},
        {"<sip:a@b>;description=\"<a<b>\"", "Contact: feature parameter description string value", 23},
        {"<sip:a@b>, ", "Contact: expected a contact (name-addr or addr-spec) after ','", 11},
        {"<sip:a@b>,,<sip:c@d>", "after ','", 10},
        {"", "Contact: expected a contact", 0},
        {"<sip:a@b", "Contact: '<' without matching '>'", 0},
        {"Bob", "Contact: expected a URI", 0},
    };
    for (auto const& b : cases)
        BOOST_TEST_CONTEXT(b.value) { header_checks::expect_error(parse_contact(b.value), b.fragment, b.offset); }
}
