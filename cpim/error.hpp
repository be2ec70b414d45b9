#pragma once
/// @file
/// Error codes of the CPIM codec (RFC 3862).

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace cpm::cpim {

/// What was wrong with a message/cpim body, named by grammar element or limit.
enum class errc {
    bad_header_line = 1, ///< no "Name: value" CRLF shape
    bad_header_name,
    bad_header_params,
    bad_header_value,    ///< a character outside HEADERCHAR
    bad_address,         ///< From / To / cc
    bad_date_time,       ///< DateTime (RFC 3339 date-time)
    bad_namespace,       ///< NS
    bad_require,         ///< Require
    bad_mime_header,     ///< an encapsulated MIME header
    bad_escape,          ///< a backslash escape that does not decode
    missing_separator,   ///< no blank line after the message or MIME headers
    message_size_limit,
    header_count_limit,
    line_length_limit,
};

boost::system::error_category const& cpim_category() noexcept;

inline boost::system::error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), cpim_category()};
}

} // namespace cpm::cpim

template <>
struct boost::system::is_error_code_enum<cpm::cpim::errc> : std::true_type {};
