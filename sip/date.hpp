#pragma once
/// @file
/// The Date header (RFC 3261 20.17): an RFC 1123 date, always in GMT.

#include "sip/abnf/parse_error.hpp"

#include <chrono>
#include <string_view>

namespace cpm::sip {

/// SIP-date = rfc1123-date = wkday "," SP date1 SP time SP "GMT"
struct sip_date {
    std::string_view raw;             ///< as written
    std::chrono::sys_seconds time{};  ///< the instant it names (UTC)
    std::chrono::weekday weekday{};   ///< as written (not checked against the date)
};

/// Parses a Date value such as "Sat, 13 Nov 2010 23:29:00 GMT". Day names,
/// month names and "GMT" match case-insensitively (RFC 5234 strings); the
/// calendar date and the clock time must exist (a leap second is accepted).
abnf::result<sip_date> parse_date(std::string_view value);

} // namespace cpm::sip
