#pragma once
/// @file
/// Error codes of the SIP codec.

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace cpm::sip {

/// What was wrong with a SIP message, named by grammar element or limit.
enum class errc {
    empty_message = 1,
    bad_start_line,
    bad_method,
    bad_request_uri,
    bad_version,
    bad_status_code,
    bad_reason_phrase,
    bad_header_name,
    bad_header_line,
    bad_header_value,
    missing_header,
    bad_content_length,
    bad_uri,
    bad_multipart,
    incomplete,          ///< the input ends before the message does
    message_size_limit,
    header_count_limit,
    line_length_limit,
    too_many_hops,       ///< Max-Forwards is 0: answer 483, do not forward (RFC 3261 16.3)
    no_via_left,         ///< a response whose only Via was this element's (RFC 3261 16.7)
};

boost::system::error_category const& sip_category() noexcept;

inline boost::system::error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), sip_category()};
}

} // namespace cpm::sip

template <>
struct boost::system::is_error_code_enum<cpm::sip::errc> : std::true_type {};
