#define BOOST_TEST_MODULE cpim_date_time
#include <boost/test/unit_test.hpp>

#include "checks.hpp"
#include "cpim/date_time.hpp"

#include <string>

using namespace cpm::cpim;
using cpim_checks::error_of;
using cpim_checks::expect_error;

namespace {
std::string canonical(date_time const& dt)
{
    std::string out;
    append_date_time(out, dt);
    return out;
}
} // namespace

BOOST_AUTO_TEST_CASE(rfc3862_example_with_negative_offset)
{
    auto d = parse_date_time("2000-12-13T13:40:00-08:00");
    BOOST_TEST_REQUIRE(d.has_value(), error_of(d));
    BOOST_TEST(d->year == 2000);
    BOOST_TEST(d->month == 12);
    BOOST_TEST(d->day == 13);
    BOOST_TEST(d->hour == 13);
    BOOST_TEST(d->minute == 40);
    BOOST_TEST(d->second == 0);
    BOOST_TEST(d->offset_minutes == -480);
    BOOST_TEST((d->offset_kind == utc_offset_kind::numeric));
    BOOST_TEST(d->fraction.empty());
    // 2000-12-13T21:40:00Z
    BOOST_TEST(d->utc().time_since_epoch().count() == 976743600);
    BOOST_TEST(d->raw == "2000-12-13T13:40:00-08:00");
}

BOOST_AUTO_TEST_CASE(rfc3339_examples)
{
    // RFC 3339 5.8.
    auto a = parse_date_time("1985-04-12T23:20:50.52Z");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST(a->fraction == "52");
    BOOST_TEST(a->nanosecond == 520000000u);
    BOOST_TEST((a->offset_kind == utc_offset_kind::zulu));
    BOOST_TEST(a->utc().time_since_epoch().count() == 482196050);

    auto b = parse_date_time("1996-12-19T16:39:57-08:00");
    BOOST_TEST_REQUIRE(b.has_value(), error_of(b));
    BOOST_TEST(b->utc().time_since_epoch().count() == 851042397);

    auto c = parse_date_time("1990-12-31T23:59:60Z");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    BOOST_TEST(c->second == 60);
    auto d = parse_date_time("1990-12-31T15:59:60-08:00");
    BOOST_TEST_REQUIRE(d.has_value(), error_of(d));
    BOOST_TEST(d->second == 60);

    auto e = parse_date_time("1937-01-01T12:00:27.87+00:20");
    BOOST_TEST_REQUIRE(e.has_value(), error_of(e));
    BOOST_TEST(e->offset_minutes == 20);
    BOOST_TEST(e->nanosecond == 870000000u);
}

BOOST_AUTO_TEST_CASE(lower_case_t_and_z_and_unknown_local_offset)
{
    // RFC 3339 5.6 NOTE: "t" and "z" may be lower case.
    auto a = parse_date_time("2024-02-29t00:00:00z");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST(a->day == 29);
    BOOST_TEST(canonical(*a) == "2024-02-29T00:00:00Z");
    // RFC 3339 4.3: -00:00 is UTC with an unknown local offset.
    auto b = parse_date_time("2024-02-29T00:00:00-00:00");
    BOOST_TEST_REQUIRE(b.has_value(), error_of(b));
    BOOST_TEST((b->offset_kind == utc_offset_kind::unknown_local));
    BOOST_TEST(canonical(*b) == "2024-02-29T00:00:00-00:00");
    auto c = parse_date_time("2024-02-29T00:00:00+00:00");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    BOOST_TEST((c->offset_kind == utc_offset_kind::numeric));
}

BOOST_AUTO_TEST_CASE(long_fraction_is_kept_as_written_and_truncated_to_nanoseconds)
{
    auto a = parse_date_time("2006-04-04T12:16:49.1234567891234-05:00");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST(a->nanosecond == 123456789u);
    BOOST_TEST(canonical(*a) == "2006-04-04T12:16:49.1234567891234-05:00");
}

BOOST_AUTO_TEST_CASE(canonical_form_of_a_built_instant)
{
    using namespace std::chrono;
    sys_time<nanoseconds> t = sys_days(year(2023) / 7 / 1) + hours(8) + minutes(5) + seconds(9) + milliseconds(250);
    auto dt = make_utc_date_time(t, 3);
    BOOST_TEST(canonical(dt) == "2023-07-01T08:05:09.25Z");
    BOOST_TEST(canonical(make_utc_date_time(t)) == "2023-07-01T08:05:09Z");
    auto back = parse_date_time(canonical(dt));
    BOOST_TEST_REQUIRE(back.has_value(), error_of(back));
    BOOST_TEST(back->utc().time_since_epoch().count() == duration_cast<seconds>(t.time_since_epoch()).count());
    BOOST_TEST(back->nanosecond == 250000000u);
}

BOOST_AUTO_TEST_CASE(every_error_names_the_field_and_its_position)
{
    std::string const shape =
        "CPIM DateTime: expected RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS[.frac] then Z or +HH:MM)";
    expect_error(parse_date_time(""), shape, 0);
    expect_error(parse_date_time("2000-12-13 13:40:00Z"), shape, 10);
    expect_error(parse_date_time("2000-12-13T13:40Z"), shape, 16);
    expect_error(parse_date_time("2000-12-13T13:40:00"), shape, 19);
    expect_error(parse_date_time("2000-12-13T13:40:00+0800"), shape, 22);
    expect_error(parse_date_time("00-12-13T13:40:00Z"), shape, 0);
    expect_error(parse_date_time("2000-12-13T13:40:00.Z"), "CPIM DateTime: expected digits after '.'", 20);
    expect_error(parse_date_time("2000-12-13T13:40:00Z "), "CPIM DateTime: unexpected character after the date-time", 20);
    expect_error(parse_date_time("2000-13-13T13:40:00Z"), "CPIM DateTime: month must be 01-12", 5);
    expect_error(parse_date_time("2000-00-13T13:40:00Z"), "CPIM DateTime: month must be 01-12", 5);
    expect_error(parse_date_time("2023-02-29T13:40:00Z"), "CPIM DateTime: no such day in that month", 8);
    expect_error(parse_date_time("2023-04-31T13:40:00Z"), "CPIM DateTime: no such day in that month", 8);
    expect_error(parse_date_time("2023-04-00T13:40:00Z"), "CPIM DateTime: no such day in that month", 8);
    expect_error(parse_date_time("2023-04-30T24:00:00Z"), "CPIM DateTime: hour must be 00-23", 11);
    expect_error(parse_date_time("2023-04-30T23:60:00Z"), "CPIM DateTime: minute must be 00-59", 14);
    expect_error(parse_date_time("2023-04-30T23:59:61Z"), "CPIM DateTime: second must be 00-59 (60 for a leap second)", 17);
    expect_error(parse_date_time("2023-04-29T23:59:60Z"),
                 "CPIM DateTime: second 60 only at 23:59:60 UTC on the last day of a month", 17);
    expect_error(parse_date_time("1990-12-31T23:59:60-08:00"),
                 "CPIM DateTime: second 60 only at 23:59:60 UTC on the last day of a month", 17);
    expect_error(parse_date_time("2023-04-30T23:59:00+24:00"), "CPIM DateTime: offset must be 00:00-23:59", 19);
    expect_error(parse_date_time("2023-04-30T23:59:00-05:60"), "CPIM DateTime: offset must be 00:00-23:59", 19);
}
