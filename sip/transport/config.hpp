#pragma once
/// @file
/// Limits and timeouts of one transport layer (one worker): every buffer,
/// table and wait is bounded by a value from here, never by a static.

#include "sip/limits.hpp"

#include <boost/asio/ssl/context.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cpm::sip::transport {

/// A sent-by this element writes in the Via of its requests.
struct sent_by {
    std::string host;                  ///< as written in the Via (name or IP literal, "[...]" for IPv6)
    std::optional<std::uint16_t> port; ///< empty: any port
};

struct config {
    /// Message size, header count and line length of received messages
    /// (the stream framer and message::parse use them).
    sip::limits limits{};
    /// Open stream connections per layer, accepted and opened together.
    /// An accept over the limit is closed at once; a send that would
    /// open one fails with errc::connection_limit.
    std::size_t max_connections = 1024;
    /// Bytes queued for writing on one connection. A send past it fails
    /// with errc::buffer_limit and closes the connection (a peer that
    /// stopped reading must not make us buffer without end).
    std::size_t max_buffered_bytes = 1024 * 1024;
    /// Receive buffer (SO_RCVBUF) of each UDP listener; the kernel caps
    /// it at net.core.rmem_max. Datagrams that come while the worker is
    /// busy wait there; beyond it they are dropped and retransmitted
    /// 500 ms later (T1). 0: the system default.
    std::size_t datagram_receive_buffer = 4 * 1024 * 1024;
    /// A connection with no traffic either way for this long is closed.
    std::chrono::milliseconds idle_timeout = std::chrono::minutes(5);
    /// Once the first byte of a message arrived on a stream, the whole
    /// message must follow within this time (a stalled half message
    /// closes the connection).
    std::chrono::milliseconds message_timeout = std::chrono::seconds(32);
    /// A stream the framer gave up on (RFC 3261 18.3: it cannot be
    /// resynchronised) stops being read as SIP but stays open this long
    /// after the last message it delivered, so that the answers to the
    /// messages framed before the fault, and the 400 / 513 to the faulty
    /// one, still go out. Then our side ends (FIN; TLS: close_notify) and
    /// the peer has as long again to end its side. Bytes read meanwhile
    /// are discarded (reading on avoids a reset that would destroy them).
    std::chrono::milliseconds close_linger = std::chrono::seconds(2);
    /// TCP connect plus TLS handshake of an outgoing or accepted connection.
    std::chrono::milliseconds connect_timeout = std::chrono::seconds(10);
    /// TLS contexts (certificates, verification mode) for accepted and
    /// opened connections; without one, TLS in that role fails with
    /// errc::no_tls_context. Shared: one context serves every worker.
    std::shared_ptr<boost::asio::ssl::context> tls_server;
    std::shared_ptr<boost::asio::ssl::context> tls_client;
    /// RFC 3261 18.1.2: a response whose topmost Via sent-by is none of
    /// these is silently discarded. Empty: no check (the transaction layer
    /// still drops what matches no transaction).
    std::vector<transport::sent_by> sent_by;
    /// warn-agent of the Warning in a 400 answered to a malformed request
    /// on a stream (RFC 3261 20.43: hostport or pseudonym).
    std::string warning_agent = "cpm";
};

} // namespace cpm::sip::transport
