#include "sip/date.hpp"

#include "sip/abnf/char_class.hpp"
#include "sip/grammar/header_rules.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace cpm::sip {

namespace {
using grammar::header_error;
constexpr std::string_view header = "Date";

constexpr std::array<std::string_view, 7> day_names{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> month_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Index of @p s in @p names (case-insensitive), or -1.
template <std::size_t N>
int index_of(std::array<std::string_view, N> const& names, std::string_view s) noexcept
{
    for (std::size_t i = 0; i < N; ++i)
        if (abnf::iequals(names[i], s))
            return static_cast<int>(i);
    return -1;
}

// Exactly @p n digits at @p s, or -1.
int fixed_digits(std::string_view s) noexcept
{
    int v = 0;
    for (char c : s) {
        if (!abnf::is_digit(c))
            return -1;
        v = v * 10 + (c - '0');
    }
    return s.empty() ? -1 : v;
}
} // namespace

abnf::result<sip_date> parse_date(std::string_view value)
{
    // Fixed layout: "Www, DD Mmm YYYY HH:MM:SS GMT" (29 bytes).
    constexpr std::string_view layout = "Www, DD Mmm YYYY HH:MM:SS GMT";
    auto at = [&](std::size_t i) { return value.data() + std::min(i, value.size()); };
    for (std::size_t i = 0; i < layout.size(); ++i) {
        char const want = layout[i];
        if (i >= value.size())
            return header_error(value, at(i), header, "expected \"Www, DD Mmm YYYY HH:MM:SS GMT\"");
        bool const separator = want == ',' || want == ' ' || want == ':';
        if (separator && value[i] != want)
            return header_error(value, at(i), header,
                                std::string("expected '") + want + "' in \"Www, DD Mmm YYYY HH:MM:SS GMT\"");
    }
    if (value.size() != layout.size())
        return header_error(value, at(layout.size()), header, "unexpected character after the date");

    sip_date d;
    d.raw = value;
    int const wday = index_of(day_names, value.substr(0, 3));
    if (wday < 0)
        return header_error(value, at(0), header, "unknown day name (expected Mon..Sun)");
    d.weekday = std::chrono::weekday(static_cast<unsigned>(wday));
    int const day = fixed_digits(value.substr(5, 2));
    int const month = index_of(month_names, value.substr(8, 3));
    int const year = fixed_digits(value.substr(12, 4));
    int const hh = fixed_digits(value.substr(17, 2));
    int const mm = fixed_digits(value.substr(20, 2));
    int const ss = fixed_digits(value.substr(23, 2));
    if (day < 0)
        return header_error(value, at(5), header, "day must be two digits");
    if (month < 0)
        return header_error(value, at(8), header, "unknown month name (expected Jan..Dec)");
    if (year < 0)
        return header_error(value, at(12), header, "year must be four digits");
    if (hh < 0 || mm < 0 || ss < 0 || hh > 23 || mm > 59 || ss > 60)
        return header_error(value, at(17), header, "time must be HH:MM:SS, 00:00:00 to 23:59:60");
    if (!abnf::iequals(value.substr(26, 3), "GMT"))
        return header_error(value, at(26), header, "the time zone must be GMT");
    using namespace std::chrono;
    year_month_day const ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month + 1)),
                             std::chrono::day(static_cast<unsigned>(day))};
    if (!ymd.ok())
        return header_error(value, at(5), header, "no such calendar date");
    d.time = sys_days(ymd) + hours(hh) + minutes(mm) + seconds(ss);
    return d;
}

} // namespace cpm::sip
