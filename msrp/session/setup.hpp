#pragma once
/// @file
/// Establishing the connection under an MSRP session: who connects (RFC
/// 4975 5.4, RFC 6135 a=setup), where to (the first URI of the peer's
/// path), and the TLS of msrps URIs.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/system/result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cpm::msrp {

/// Which end opens the transport connection.
enum class setup_role : std::uint8_t { active, passive };

/// The role of this endpoint. @p negotiated_setup is the a=setup value
/// that applies to us after offer/answer ("active" or "passive"; RFC 6135
/// and RFC 4145 4: actpass is resolved by the answer), absent when the
/// peers did not use a=setup: then RFC 4975 5.4 makes the offerer active.
/// Other values ("holdconn", unknown) yield nullopt: no connection.
std::optional<setup_role> connection_role(std::optional<std::string_view> negotiated_setup, bool offerer) noexcept;

/// Where to connect: the first URI of a path (the next hop, RFC 4975 5.4).
struct next_hop {
    std::string host;     ///< without IPv6 brackets
    std::uint16_t port = 0;
    bool secure = false;  ///< msrps: TLS (RFC 4975 14.1)
};
/// The next hop of @p remote_path; session_errc::bad_path when the first
/// URI does not parse or lacks a port (RFC 4975 9 requires one to connect).
boost::system::result<next_hop> hop_of(std::string_view remote_path);

/// Resolves and connects to @p hop (the active end).
boost::asio::awaitable<boost::system::result<boost::asio::ip::tcp::socket>> connect(boost::asio::any_io_executor ex,
                                                                                   next_hop hop);

/// Runs the TLS handshake of an msrps connection: the active end is the
/// TLS client (RFC 4975 14.1), which checks the peer certificate when the
/// context says so. @p stream is owned by the caller for the await.
boost::asio::awaitable<boost::system::error_code>
handshake(boost::asio::ssl::stream<boost::asio::ip::tcp::socket>& stream, setup_role role);

} // namespace cpm::msrp
