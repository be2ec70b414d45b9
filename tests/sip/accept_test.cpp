#define BOOST_TEST_MODULE sip_accept
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/accept.hpp"

using namespace cpm::sip;
using header_checks::error_of;
using header_checks::expect_error;

BOOST_AUTO_TEST_CASE(accept_rfc3261_example)
{
    auto a = parse_accept("application/sdp;level=1, application/x-private, text/html");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST_REQUIRE(a->size() == 3u);
    BOOST_TEST((*a)[0].range.is("application", "sdp"));
    BOOST_TEST((*a)[0].range.params.value_of("level") == "1");
    BOOST_TEST(!(*a)[0].q);
    BOOST_TEST((*a)[2].range.subtype == "html");
}

BOOST_AUTO_TEST_CASE(accept_ranges_and_weights)
{
    auto a = parse_accept("message/cpim;q=1, */*;q=0.1, text/*;q=0.5");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST(*(*a)[0].q == 1000);
    BOOST_TEST((*a)[1].range.type == "*");
    BOOST_TEST(*(*a)[1].q == 100);
    BOOST_TEST(*(*a)[2].q == 500);
    BOOST_TEST(parse_accept("").value().empty()); // RFC 3261 20.1: nothing acceptable
    expect_error(parse_accept("*/html"), "Accept: a \"*\" type needs a \"*\" subtype", 2);
    expect_error(parse_accept("text/plain;q=2"), "Accept: q must be a qvalue", 11);
    expect_error(parse_accept("text/plain, "), "Accept: expected a media-range after ','", 12);
    // Where media_type.cpp places that error is its own business; the sentence is named.
    auto const t = parse_accept("text");
    BOOST_TEST_REQUIRE(!t.has_value());
    BOOST_TEST(t.error().message.rfind("Accept: expected type/subtype", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(accept_encoding)
{
    auto a = parse_accept_encoding("gzip;q=1.0, identity; q=0.5, *;q=0");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST_REQUIRE(a->size() == 3u);
    BOOST_TEST((*a)[0].value == "gzip");
    BOOST_TEST(*(*a)[0].q == 1000);
    BOOST_TEST((*a)[1].raw == "identity; q=0.5");
    BOOST_TEST(*(*a)[2].q == 0);
    BOOST_TEST(parse_accept_encoding("").value().empty());
    expect_error(parse_accept_encoding("gzip;q=x"), "Accept-Encoding: q must be a qvalue", 5);
}

BOOST_AUTO_TEST_CASE(accept_language_rfc3261_example)
{
    auto a = parse_accept_language("da, en-gb;q=0.8, en;q=0.7");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST_REQUIRE(a->size() == 3u);
    BOOST_TEST((*a)[0].value == "da");
    BOOST_TEST(!(*a)[0].q);
    BOOST_TEST((*a)[1].value == "en-gb");
    BOOST_TEST(*(*a)[1].q == 800);
    BOOST_TEST(*(*a)[2].q == 700);
    BOOST_TEST(parse_accept_language("*").value().at(0).value == "*");
    expect_error(parse_accept_language("en-gb1"), "Accept-Language: expected ',' or the end", 5);
    expect_error(parse_accept_language("1en"), "Accept-Language: expected a language-range", 0);
}
