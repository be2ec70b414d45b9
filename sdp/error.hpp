#pragma once
/// @file
/// Error codes of the SDP codec.

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace cpm::sdp {

/// What was wrong with a session description, named by line type or limit.
enum class errc {
    empty_description = 1,
    bad_line,          ///< not "<type>=<value>", or a bare CR / NUL inside a line
    unknown_type,      ///< a type letter RFC 8866 does not define
    out_of_order,      ///< a line where RFC 8866 section 5 does not allow it
    missing_line,      ///< v=, o=, s=, t= or c= absent
    bad_version,
    bad_origin,
    bad_text,          ///< s=, i=, e=, p= value
    bad_uri,
    bad_connection,
    bad_bandwidth,
    bad_time,
    bad_repeat,
    bad_zone,
    bad_key,
    bad_attribute,
    bad_media,
    bad_attribute_value, ///< a typed attribute (path, accept-types, ...) did not decode
    size_limit,
    line_count_limit,
    media_count_limit,
};

boost::system::error_category const& sdp_category() noexcept;

inline boost::system::error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), sdp_category()};
}

} // namespace cpm::sdp

template <>
struct boost::system::is_error_code_enum<cpm::sdp::errc> : std::true_type {};
