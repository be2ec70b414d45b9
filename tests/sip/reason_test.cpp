#define BOOST_TEST_MODULE sip_reason
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/reason.hpp"

using namespace cpm::sip;
using header_checks::error_of;
using header_checks::expect_error;
using header_checks::expect_error_at;

BOOST_AUTO_TEST_CASE(rfc3326_examples)
{
    auto r = parse_reason("SIP ;cause=200 ;text=\"Call completed elsewhere\"");
    BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
    BOOST_TEST(r->at(0).protocol == "SIP");
    BOOST_TEST(*r->at(0).cause == 200u);
    BOOST_TEST(r->at(0).text_unquoted() == "Call completed elsewhere");
    auto q = parse_reason("Q.850 ;cause=16 ;text=\"Terminated\"");
    BOOST_TEST_REQUIRE(q.has_value(), error_of(q));
    BOOST_TEST(q->at(0).protocol == "Q.850");
    BOOST_TEST(*q->at(0).cause == 16u);
    auto both = parse_reason("SIP;cause=600;text=\"Busy Everywhere\", Q.850;cause=17");
    BOOST_TEST_REQUIRE(both.has_value(), error_of(both));
    BOOST_TEST_REQUIRE(both->size() == 2u);
    BOOST_TEST(*both->at(1).cause == 17u);
    BOOST_TEST(both->at(1).text.empty());
    BOOST_TEST(parse_reason("preemption;cause=1;text=\"UA Preemption\"").has_value());
}

BOOST_AUTO_TEST_CASE(invalid_reasons)
{
    std::string_view const c = "SIP;cause=abc";
    expect_error_at(parse_reason(c), "Reason: cause must be digits", c, "cause");
    std::string_view const t = "SIP;cause=200;text=Busy";
    expect_error_at(parse_reason(t), "Reason: text must be a quoted-string", t, "text");
    expect_error(parse_reason(""), "Reason: expected a reason-value", 0);
    expect_error(parse_reason("\"SIP\""), "Reason: protocol must be a token", 0);
    expect_error(parse_reason("SIP;cause=200,"), "Reason: expected a reason-value", 14);
}
