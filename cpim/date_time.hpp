#pragma once
/// @file
/// The CPIM DateTime header value (RFC 3862 4.4): an RFC 3339 section 5.6
/// date-time, validated field by field and decoded with its offset.

#include "sip/abnf/parse_error.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace cpm::cpim {

/// How the date-time names its offset from UTC.
enum class utc_offset_kind : std::uint8_t {
    zulu,          ///< "Z" (or "z")
    numeric,       ///< "+hh:mm" / "-hh:mm" (including "+00:00")
    unknown_local, ///< "-00:00": UTC time, local offset unknown (RFC 3339 4.3)
};

/// date-time = full-date "T" full-time (RFC 3339 5.6). The fields are the
/// local time as written; utc() applies the offset.
struct date_time {
    std::uint16_t year = 1970;
    std::uint8_t month = 1;   ///< 1-12
    std::uint8_t day = 1;     ///< 1-28/29/30/31 as the month allows
    std::uint8_t hour = 0;    ///< 0-23
    std::uint8_t minute = 0;  ///< 0-59
    std::uint8_t second = 0;  ///< 0-59, or 60 for a leap second
    std::uint32_t nanosecond = 0;  ///< time-secfrac, digits past the ninth dropped
    std::string_view fraction;     ///< the secfrac digits as written (no '.'); empty when absent
    std::int16_t offset_minutes = 0; ///< local time minus UTC, -1439..1439
    utc_offset_kind offset_kind = utc_offset_kind::zulu;
    std::string_view raw;     ///< the value as written (empty when built)

    /// The instant, whole seconds (a leap second :60 reads as the next
    /// minute's :00, which POSIX time cannot tell apart).
    std::chrono::sys_seconds utc() const noexcept;
};

/// Parses an RFC 3339 date-time that must make up all of @p value. Errors
/// name the field: "CPIM DateTime: month must be 01-12".
sip::abnf::result<date_time> parse_date_time(std::string_view value);

/// The date-time of instant @p t in UTC ("Z"), with the fraction of a
/// second to @p fraction_digits digits (0-9).
date_time make_utc_date_time(std::chrono::sys_time<std::chrono::nanoseconds> t, unsigned fraction_digits = 0);

/// Appends the canonical form: upper-case "T" and "Z", two-digit fields,
/// the fraction as written (or as many digits as nanosecond needs).
void append_date_time(std::string& out, date_time const& dt);

} // namespace cpm::cpim
