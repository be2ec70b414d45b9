#define BOOST_TEST_MODULE sip_content_disposition
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/content_disposition.hpp"

using namespace cpm::sip;
using header_checks::error_of;
using header_checks::expect_error;
using header_checks::expect_error_at;

BOOST_AUTO_TEST_CASE(rfc3261_and_rfc5366_examples)
{
    auto s = parse_content_disposition("session");
    BOOST_TEST_REQUIRE(s.has_value(), error_of(s));
    BOOST_TEST(s->is("SESSION"));
    BOOST_TEST((s->handling == disposition_handling::unspecified));
    auto o = parse_content_disposition("session;handling=optional");
    BOOST_TEST_REQUIRE(o.has_value(), error_of(o));
    BOOST_TEST((o->handling == disposition_handling::optional));
    // RFC 5366 / 5365 resource lists in CPM group INVITE and MESSAGE.
    auto r = parse_content_disposition("recipient-list ; handling=required");
    BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
    BOOST_TEST(r->type == "recipient-list");
    BOOST_TEST((r->handling == disposition_handling::required));
    auto x = parse_content_disposition("render;handling=x-later;foo=\"bar\"");
    BOOST_TEST_REQUIRE(x.has_value(), error_of(x));
    BOOST_TEST((x->handling == disposition_handling::other));
    BOOST_TEST(x->handling_text == "x-later");
    BOOST_TEST(x->params.value_of("foo") == "\"bar\"");
}

BOOST_AUTO_TEST_CASE(invalid_dispositions)
{
    expect_error(parse_content_disposition(""), "Content-Disposition: disp-type must be a token", 0);
    expect_error(parse_content_disposition("session handling"), "Content-Disposition: unexpected character", 8);
    std::string_view const q = "session;handling=\"optional\"";
    expect_error_at(parse_content_disposition(q), "Content-Disposition: handling must be optional, required or a token", q,
                    "handling");
}
