#define BOOST_TEST_MODULE sip_caller_prefs
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/caller_prefs.hpp"

using namespace cpm::sip;
using header_checks::error_of;
using header_checks::expect_error;
using header_checks::expect_error_at;

BOOST_AUTO_TEST_CASE(rfc3841_accept_contact_examples)
{
    auto a = parse_accept_contact("*;audio;require");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST_REQUIRE(a->size() == 1u);
    BOOST_TEST((*a)[0].require);
    BOOST_TEST(!(*a)[0].explicit_match);
    BOOST_TEST((*a)[0].features().contains("audio"));
    BOOST_TEST(!(*a)[0].features().contains("require"));

    auto b = parse_accept_contact("*;video;explicit");
    BOOST_TEST_REQUIRE(b.has_value(), error_of(b));
    BOOST_TEST((*b)[0].explicit_match);

    auto c = parse_accept_contact("*;methods=\"BYE\";class=\"business\";q=1.0");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    BOOST_TEST((*c)[0].features().find("class")->values().contains("business"));
    BOOST_TEST((*c)[0].params.value_of("q") == "1.0");

    auto two = parse_accept_contact("*;audio, *;video;require");
    BOOST_TEST_REQUIRE(two.has_value(), error_of(two));
    BOOST_TEST_REQUIRE(two->size() == 2u);
    BOOST_TEST((*two)[1].raw == "*;video;require");
}

BOOST_AUTO_TEST_CASE(req_7_3_1_A1_and_7_4_1_A1_accept_contact_carries_the_cpm_feature_tag)
{
    // REQ-7.3.1-A.1 (MESSAGE), REQ-7.4.1-A.1 (INVITE), REQ-7.5.7-A.2: the CPM
    // ICSI in Accept-Contact (DECISIONS.md); ;require;explicit as RCS sends.
    auto a = parse_accept_contact(
        "*;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session\";require;explicit");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    auto const& pref = a->at(0);
    BOOST_TEST(pref.require);
    BOOST_TEST(pref.explicit_match);
    BOOST_TEST(pref.features().has_icsi("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.session"));
    BOOST_TEST(!pref.features().has_icsi("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg"));
}

BOOST_AUTO_TEST_CASE(rfc3841_reject_contact)
{
    auto r = parse_reject_contact("*;actor=\"msg-taker\";video");
    BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
    BOOST_TEST(r->at(0).features().find("actor")->values().contains("msg-taker"));
    // "require" is an ordinary parameter in Reject-Contact.
    auto s = parse_reject_contact("*;audio;require");
    BOOST_TEST_REQUIRE(s.has_value(), error_of(s));
    BOOST_TEST(!s->at(0).require);
}

BOOST_AUTO_TEST_CASE(feature_caps_rfc6809)
{
    auto f = parse_feature_caps("*;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\";+g.3gpp.srvcc");
    BOOST_TEST_REQUIRE(f.has_value(), error_of(f));
    BOOST_TEST(f->at(0).features().contains("+g.3gpp.srvcc"));
    expect_error_at(parse_feature_caps("*;audio"), "Feature-Caps: audio is not a feature-capability indicator",
                    "*;audio", "audio");
    expect_error_at(parse_feature_caps("*;+a;foo=1"), "Feature-Caps: foo is not a feature-capability indicator",
                    "*;+a;foo=1", "foo");
}

BOOST_AUTO_TEST_CASE(invalid_caller_preferences)
{
    expect_error(parse_accept_contact("<sip:a@b>;audio"), "Accept-Contact: each value must start with \"*\"", 0);
    expect_error(parse_accept_contact("*;audio, sip:x"), "Accept-Contact: each value must start with \"*\"", 9);
    expect_error(parse_accept_contact(""), "Accept-Contact: expected \"*\" and its parameters", 0);
    expect_error(parse_accept_contact("*;methods=\"INVITE BYE\""), "Accept-Contact: feature parameter methods", 17);
    expect_error(parse_reject_contact("*;audio x"), "Reject-Contact: expected ',' or the end", 8);
}

BOOST_AUTO_TEST_CASE(rfc3841_request_disposition)
{
    auto d = parse_request_disposition("proxy, recurse, parallel");
    BOOST_TEST_REQUIRE(d.has_value(), error_of(d));
    BOOST_TEST(*d->proxy);
    BOOST_TEST(*d->recurse);
    BOOST_TEST(*d->parallel);
    BOOST_TEST(!d->fork.has_value());
    auto e = parse_request_disposition("redirect, no-cancel, no-fork, no-recurse, sequential, no-queue");
    BOOST_TEST_REQUIRE(e.has_value(), error_of(e));
    BOOST_TEST(!*e->proxy);
    BOOST_TEST(!*e->cancel);
    BOOST_TEST(!*e->fork);
    BOOST_TEST(!*e->recurse);
    BOOST_TEST(!*e->parallel);
    BOOST_TEST(!*e->queue);
    BOOST_TEST(*parse_request_disposition("NO-FORK, no-fork").value().fork == false);
    expect_error(parse_request_disposition("fork, no-fork"), "Request-Disposition: conflicting directives fork and no-fork", 6);
    expect_error(parse_request_disposition("proxy, forking"), "Request-Disposition: unknown directive", 7);
    expect_error(parse_request_disposition("proxy;x"), "Request-Disposition: expected ',' or the end", 5);
}
