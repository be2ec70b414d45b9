#pragma once
/// @file
/// Error codes of the MSRP codec.

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace cpm::msrp {

/// What was wrong with MSRP input, named by grammar element or limit.
enum class errc {
    bad_start_line = 1,
    bad_transaction_id,
    bad_method,
    bad_status_code,
    bad_header_line,
    bad_header_name,
    bad_header_value,
    missing_header,  ///< To-Path or From-Path absent or not first
    bad_uri,
    bad_end_line,
    incomplete,      ///< the input ends before the message does
    header_size_limit,
    header_count_limit,
};

boost::system::error_category const& msrp_category() noexcept;

inline boost::system::error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), msrp_category()};
}

} // namespace cpm::msrp

template <>
struct boost::system::is_error_code_enum<cpm::msrp::errc> : std::true_type {};
