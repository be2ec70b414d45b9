#pragma once
/// @file
/// Error codes of the transport layer. Socket errors reach callers as the
/// system's own codes (boost::asio::error::...); these name the layer's
/// own conditions.

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <type_traits>

namespace cpm::sip::transport {

enum class errc {
    connection_limit = 1, ///< config::max_connections reached: no connection opened or accepted
    message_too_large,    ///< a received message over limits::max_message_size: the stream was closed
    buffer_limit,         ///< config::max_buffered_bytes of unsent bytes on one connection: it was closed
    idle_timeout,         ///< no traffic for config::idle_timeout: the connection was closed
    message_timeout,      ///< a message started but did not complete within config::message_timeout
    connect_timeout,      ///< connect and TLS handshake took longer than config::connect_timeout
    connection_closed,    ///< the connection closed before the bytes were written
    framing_error,        ///< the stream could not be framed (RFC 3261 18.3): the connection was closed
    no_listener,          ///< no UDP socket of the target's address family to send from
    no_tls_context,       ///< TLS needed but config has no TLS context for that role
    unsupported_transport,///< a Via names a transport this layer does not run (RFC 3261 18.2.2)
    host_not_found,       ///< the resolver returned no address
};

boost::system::error_category const& transport_category() noexcept;

inline boost::system::error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), transport_category()};
}

template <class T>
using result = boost::system::result<T>;

} // namespace cpm::sip::transport

template <>
struct boost::system::is_error_code_enum<cpm::sip::transport::errc> : std::true_type {};
