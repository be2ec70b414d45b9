#include "cpim/date_time.hpp"

#include "cpim/error.hpp"

namespace cpm::cpim {

namespace {

using namespace std::chrono;

constexpr std::string_view shape_error =
    "CPIM DateTime: expected RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS[.frac] then Z or +HH:MM)";

/// Reads exactly @p n digits at @p p.
bool digits(char const*& p, char const* end, int n, unsigned& out)
{
    if (end - p < n)
        return false;
    unsigned v = 0;
    for (int i = 0; i < n; ++i) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        v = v * 10 + static_cast<unsigned>(p[i] - '0');
    }
    out = v;
    p += n;
    return true;
}

bool literal(char const*& p, char const* end, char c)
{
    if (p == end || *p != c)
        return false;
    ++p;
    return true;
}

/// RFC 3339 appendix C: leap years.
unsigned days_in_month(unsigned year, unsigned month) noexcept
{
    return unsigned{year_month_day_last(std::chrono::year(static_cast<int>(year)),
                                        month_day_last(std::chrono::month(month)))
                        .day()};
}

sys_days civil(unsigned year, unsigned month, unsigned day) noexcept
{
    return sys_days(year_month_day(std::chrono::year(static_cast<int>(year)), std::chrono::month(month),
                                   std::chrono::day(day)));
}

} // namespace

std::chrono::sys_seconds date_time::utc() const noexcept
{
    return sys_seconds(civil(year, month, day)) + hours(hour) + minutes(minute) + seconds(second) -
           minutes(offset_minutes);
}

sip::abnf::result<date_time> parse_date_time(std::string_view value)
{
    char const* const begin = value.data();
    char const* const end = begin + value.size();
    char const* p = begin;
    auto fail = [&](char const* at, std::string_view sentence) {
        return sip::abnf::make_parse_error(value, at, errc::bad_date_time, std::string(sentence));
    };
    date_time dt;
    unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    // full-date = date-fullyear "-" date-month "-" date-mday
    if (!digits(p, end, 4, year) || !literal(p, end, '-'))
        return fail(p, shape_error);
    char const* const month_at = p;
    if (!digits(p, end, 2, month) || !literal(p, end, '-'))
        return fail(p, shape_error);
    char const* const day_at = p;
    if (!digits(p, end, 2, day))
        return fail(p, shape_error);
    // RFC 3339 5.6 NOTE: "T" and "Z" may be lower case.
    if (p == end || (*p != 'T' && *p != 't'))
        return fail(p, shape_error);
    ++p;
    char const* const hour_at = p;
    if (!digits(p, end, 2, hour) || !literal(p, end, ':'))
        return fail(p, shape_error);
    char const* const minute_at = p;
    if (!digits(p, end, 2, minute) || !literal(p, end, ':'))
        return fail(p, shape_error);
    char const* const second_at = p;
    if (!digits(p, end, 2, second))
        return fail(p, shape_error);
    if (p != end && *p == '.') {
        char const* const frac = ++p;
        while (p != end && *p >= '0' && *p <= '9')
            ++p;
        if (p == frac)
            return fail(p, "CPIM DateTime: expected digits after '.'");
        dt.fraction = std::string_view(frac, static_cast<std::size_t>(p - frac));
        std::uint32_t ns = 0;
        for (std::size_t i = 0; i < 9; ++i)
            ns = ns * 10 + (i < dt.fraction.size() ? static_cast<std::uint32_t>(dt.fraction[i] - '0') : 0);
        dt.nanosecond = ns;
    }
    // time-offset = "Z" / time-numoffset
    char const* const offset_at = p;
    if (p != end && (*p == 'Z' || *p == 'z')) {
        ++p;
        dt.offset_kind = utc_offset_kind::zulu;
    } else if (p != end && (*p == '+' || *p == '-')) {
        bool const negative = *p++ == '-';
        unsigned oh = 0, om = 0;
        if (!digits(p, end, 2, oh) || !literal(p, end, ':') || !digits(p, end, 2, om))
            return fail(p, shape_error);
        if (oh > 23 || om > 59)
            return fail(offset_at, "CPIM DateTime: offset must be 00:00-23:59");
        int const total = static_cast<int>(oh * 60 + om);
        dt.offset_minutes = static_cast<std::int16_t>(negative ? -total : total);
        dt.offset_kind = (negative && total == 0) ? utc_offset_kind::unknown_local : utc_offset_kind::numeric;
    } else {
        return fail(p, shape_error);
    }
    if (p != end)
        return fail(p, "CPIM DateTime: unexpected character after the date-time");

    if (month < 1 || month > 12)
        return fail(month_at, "CPIM DateTime: month must be 01-12");
    if (day < 1 || day > days_in_month(year, month))
        return fail(day_at, "CPIM DateTime: no such day in that month");
    if (hour > 23)
        return fail(hour_at, "CPIM DateTime: hour must be 00-23");
    if (minute > 59)
        return fail(minute_at, "CPIM DateTime: minute must be 00-59");
    dt.year = static_cast<std::uint16_t>(year);
    dt.month = static_cast<std::uint8_t>(month);
    dt.day = static_cast<std::uint8_t>(day);
    dt.hour = static_cast<std::uint8_t>(hour);
    dt.minute = static_cast<std::uint8_t>(minute);
    if (second == 60) {
        // RFC 3339 5.7: a leap second is the last second of a UTC day at
        // the end of a month, 23:59:60Z whatever the local offset.
        dt.second = 59;
        auto const utc = dt.utc();
        auto const utc_day = floor<days>(utc);
        year_month_day const ymd(utc_day);
        hh_mm_ss const tod(utc - utc_day);
        bool const last_day = ymd.day() == year_month_day_last(ymd.year(), month_day_last(ymd.month())).day();
        if (!last_day || tod.hours().count() != 23 || tod.minutes().count() != 59)
            return fail(second_at, "CPIM DateTime: second 60 only at 23:59:60 UTC on the last day of a month");
    } else if (second > 59) {
        return fail(second_at, "CPIM DateTime: second must be 00-59 (60 for a leap second)");
    }
    dt.second = static_cast<std::uint8_t>(second);
    dt.raw = value;
    return dt;
}

date_time make_utc_date_time(sys_time<nanoseconds> t, unsigned fraction_digits)
{
    auto const day = floor<days>(t);
    year_month_day const ymd(day);
    hh_mm_ss const tod(t - day);
    date_time dt;
    dt.year = static_cast<std::uint16_t>(static_cast<int>(ymd.year()));
    dt.month = static_cast<std::uint8_t>(unsigned(ymd.month()));
    dt.day = static_cast<std::uint8_t>(unsigned(ymd.day()));
    dt.hour = static_cast<std::uint8_t>(tod.hours().count());
    dt.minute = static_cast<std::uint8_t>(tod.minutes().count());
    dt.second = static_cast<std::uint8_t>(tod.seconds().count());
    std::uint32_t ns = static_cast<std::uint32_t>(tod.subseconds().count());
    if (fraction_digits > 9)
        fraction_digits = 9;
    std::uint32_t scale = 1;
    for (unsigned i = fraction_digits; i < 9; ++i)
        scale *= 10;
    dt.nanosecond = fraction_digits == 0 ? 0 : ns / scale * scale;
    dt.offset_kind = utc_offset_kind::zulu;
    return dt;
}

void append_date_time(std::string& out, date_time const& dt)
{
    auto two = [&out](unsigned v) {
        out += static_cast<char>('0' + v / 10 % 10);
        out += static_cast<char>('0' + v % 10);
    };
    two(dt.year / 100u);
    two(dt.year % 100u);
    out += '-';
    two(dt.month);
    out += '-';
    two(dt.day);
    out += 'T';
    two(dt.hour);
    out += ':';
    two(dt.minute);
    out += ':';
    two(dt.second);
    if (!dt.fraction.empty()) {
        out += '.';
        out += dt.fraction;
    } else if (dt.nanosecond != 0) {
        char digits[9];
        std::uint32_t ns = dt.nanosecond;
        for (int i = 8; i >= 0; --i, ns /= 10)
            digits[i] = static_cast<char>('0' + ns % 10);
        std::size_t n = 9;
        while (n > 1 && digits[n - 1] == '0')
            --n;
        out += '.';
        out.append(digits, n);
    }
    switch (dt.offset_kind) {
    case utc_offset_kind::zulu:
        out += 'Z';
        break;
    case utc_offset_kind::unknown_local:
        out += "-00:00";
        break;
    case utc_offset_kind::numeric: {
        int const m = dt.offset_minutes < 0 ? -dt.offset_minutes : dt.offset_minutes;
        out += dt.offset_minutes < 0 ? '-' : '+';
        two(static_cast<unsigned>(m / 60));
        out += ':';
        two(static_cast<unsigned>(m % 60));
        break;
    }
    }
}

} // namespace cpm::cpim
