#define BOOST_TEST_MODULE sip_date
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/date.hpp"

using namespace cpm::sip;
using header_checks::error_of;
using header_checks::expect_error;

BOOST_AUTO_TEST_CASE(rfc3261_examples)
{
    // RFC 3261 20.17 and the 24.2 example.
    auto d = parse_date("Sat, 13 Nov 2010 23:29:00 GMT");
    BOOST_TEST_REQUIRE(d.has_value(), error_of(d));
    BOOST_TEST(d->time.time_since_epoch().count() == 1289690940);
    BOOST_TEST((d->weekday == std::chrono::Saturday));
    auto e = parse_date("Thu, 21 Feb 2002 13:02:03 GMT");
    BOOST_TEST_REQUIRE(e.has_value(), error_of(e));
    BOOST_TEST(e->time.time_since_epoch().count() == 1014296523);
    BOOST_TEST(e->raw == "Thu, 21 Feb 2002 13:02:03 GMT");
}

BOOST_AUTO_TEST_CASE(names_match_case_insensitively_as_abnf_strings_do)
{
    BOOST_TEST(parse_date("sat, 13 NOV 2010 23:29:00 gmt").has_value());
}

BOOST_AUTO_TEST_CASE(leap_day_and_leap_second)
{
    BOOST_TEST(parse_date("Thu, 29 Feb 2024 00:00:00 GMT").has_value());
    BOOST_TEST(parse_date("Sat, 31 Dec 2016 23:59:60 GMT").has_value());
}

BOOST_AUTO_TEST_CASE(invalid_dates)
{
    expect_error(parse_date("Sat, 13 Nov 2010 23:29:00 UTC"), "Date: the time zone must be GMT", 26);
    expect_error(parse_date("Sat, 13 Nov 2010 23:29:00 +0000"), "Date: unexpected character after the date", 29);
    expect_error(parse_date("Sat, 13 Nov 2010 23:29"), "Date: expected \"Www, DD Mmm YYYY HH:MM:SS GMT\"", 22);
    expect_error(parse_date("Sat 13 Nov 2010 23:29:00 GMT"), "Date: expected ','", 3);
    expect_error(parse_date("Sun, 30 Feb 2010 23:29:00 GMT"), "Date: no such calendar date", 5);
    expect_error(parse_date("Sat, 13 Nov 2010 24:00:00 GMT"), "Date: time must be HH:MM:SS", 17);
    expect_error(parse_date("Sam, 13 Nov 2010 23:29:00 GMT"), "Date: unknown day name", 0);
    expect_error(parse_date("Sat, 13 Noe 2010 23:29:00 GMT"), "Date: unknown month name", 8);
    expect_error(parse_date("Sat, 1x Nov 2010 23:29:00 GMT"), "Date: day must be two digits", 5);
    expect_error(parse_date("Sat, 13 Nov 201O 23:29:00 GMT"), "Date: year must be four digits", 12);
    expect_error(parse_date("Saturday, 13-Nov-10 23:29:00 GMT"), "Date: expected ','", 3);
}
