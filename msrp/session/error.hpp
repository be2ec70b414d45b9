#pragma once
/// @file
/// Error codes of the MSRP session engine: why a message failed, why a
/// call was refused, why a connection ended.

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace cpm::msrp {

/// What went wrong in a session; the MSRP status that caused a failure, if
/// any, travels next to it (session events).
enum class session_errc {
    transaction_timeout = 1, ///< no response within the transaction timeout (RFC 4975 7.1.1: treated as 408)
    rejected,                ///< the peer answered a SEND with a non-200 response
    failure_reported,        ///< the peer sent a failure REPORT
    aborted,                 ///< the message was aborted (by us, or by the peer with '#')
    queue_full,              ///< too many messages queued or in reassembly
    sink_failed,             ///< the body sink refused bytes
    source_failed,           ///< the body source failed
    too_fragmented,          ///< too many disjoint byte ranges in one message
    stalled,                 ///< an incoming message made no progress for too long
    unknown_message,         ///< no such message id
    connection_closed,       ///< the connection ended before the message completed
    bad_path,                ///< a path is not a valid MSRP URI list
};

/// The category of session_errc ("cpm.msrp.session").
boost::system::error_category const& session_category() noexcept;

/// Makes session_errc usable as a boost::system::error_code.
inline boost::system::error_code make_error_code(session_errc e) noexcept
{
    return {static_cast<int>(e), session_category()};
}

} // namespace cpm::msrp

template <>
struct boost::system::is_error_code_enum<cpm::msrp::session_errc> : std::true_type {};
