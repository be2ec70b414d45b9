#pragma once
/// @file
/// The SIP transport layer of one worker (RFC 3261 section 18): UDP, TCP
/// and TLS listeners, the stream connections with their framers, and the
/// awaitable send path.
///
/// Threading: a layer lives on one single-threaded executor (one
/// io_context per worker thread, see worker_pool.hpp) and is never touched
/// from another thread, so its tables take no lock. Workers share a port
/// through SO_REUSEPORT; the kernel spreads datagrams and accepted
/// connections over them, and a connection stays with the worker that
/// accepted or opened it.
///
/// Inbound, each complete message (a datagram, or a message framed on a
/// stream, one sip::framer per connection) is parsed, a request's topmost
/// Via is stamped (18.2.1, RFC 3581; see inbound.hpp) and the handler
/// receives it. RFC 5626 CRLF keep-alives are answered and never handed up.
/// A malformed request gets a 400 with a Warning (on a stream the
/// connection stays: the framer kept the stream in step; a datagram's goes
/// to its source, see prepare_datagram()); one that cannot be answered is
/// dropped and counted. A stream that cannot be framed is answered (513
/// past a size limit, else 400) when the head of the failing request is
/// readable, then closed after config::close_linger, the answers to the
/// messages framed before the fault still going out meanwhile.
///
/// Outbound, send() returns the transport error as a value (RFC 3261
/// 8.1.3.1, 17.1.4 want transport failures reported to the transaction
/// user). Streams are reused: the connection named by the caller, else
/// one already open to the peer, else a new one.
///
/// Lifetime: destroy a layer only while its io_context is not running
/// (after run() returned or stop()); the context's destruction then frees
/// the pending coroutines.

#include "sip/transport/config.hpp"
#include "sip/transport/error.hpp"
#include "sip/transport/inbound.hpp"
#include "sip/transport/peer.hpp"
#include "sip/transport/resolver.hpp"
#include "sip/transport/routing.hpp"
#include "sip/transport/stream_directory.hpp"
#include "sip/message.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/system/error_code.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace cpm::sip::transport {

namespace detail {
class connection;
class listeners;
class connection_table;
} // namespace detail

/// Counters of one layer (plain integers: one thread touches them).
struct statistics {
    std::uint64_t messages_received = 0;     ///< handed to the handler
    std::uint64_t datagrams_dropped = 0;     ///< malformed or oversized datagrams
    std::uint64_t responses_discarded = 0;   ///< sent-by not ours (RFC 3261 18.1.2)
    std::uint64_t bad_requests_answered = 0; ///< 400s sent for malformed requests (streams and datagrams)
    std::uint64_t too_large_answered = 0;    ///< 513s sent before closing a stream over a size limit
    std::uint64_t malformed_discarded = 0;   ///< framed stream messages that did not parse and got no answer
    std::uint64_t keepalives_answered = 0;   ///< RFC 5626 pongs sent
    std::uint64_t connections_accepted = 0;
    std::uint64_t connections_opened = 0;
    std::uint64_t connections_refused = 0;   ///< accepts over config::max_connections
    std::uint64_t connections_closed = 0;    ///< all causes
    std::uint64_t limit_closes = 0;          ///< closed for a limit or timeout (errc values)
};

/// The transport of one worker.
class layer {
public:
    /// Receives every complete inbound message; runs on the layer's
    /// executor, inside the receive path: it must not throw and should
    /// hand long work to a coroutine of its own.
    using message_handler = std::function<void(inbound)>;

    /// @p executor must be single-threaded (an io_context run by one
    /// thread). @p names_resolver defaults to a system_resolver. @p shard
    /// is mixed into connection ids so they stay unique across workers.
    layer(boost::asio::any_io_executor executor, transport::config config,
          std::unique_ptr<resolver> names_resolver = nullptr, std::uint16_t shard = 0);
    ~layer();
    layer(layer const&) = delete;
    layer& operator=(layer const&) = delete;

    /// Registers this layer's stream connections in @p directory, shared
    /// with the other layers of a pool, and sends through another layer's
    /// connection to a peer this one has none to (stream_directory.hpp).
    /// Call before the layer runs.
    void share_streams(std::shared_ptr<stream_directory> directory);

    /// Installs the handler of inbound messages (replacing any earlier one).
    void on_message(message_handler handler);

    /// Listens for @p kind on @p address:@p port (0 picks a free port).
    /// Sockets get SO_REUSEPORT, so every worker can listen on one port.
    /// Returns the bound port. A UDP listener is also the socket UDP sends
    /// go out from (so responses come from the port in our Via).
    result<std::uint16_t> listen(transport_kind kind, boost::asio::ip::address const& address, std::uint16_t port);

    /// Sends @p bytes (one whole message) to @p target. On TCP and TLS it
    /// uses connection @p prefer when that is still open (RFC 3261 18.2.2:
    /// a response goes back on the request's connection), else a
    /// connection already open to @p target, else opens one. Completes
    /// when the bytes are handed to the kernel, or with the error.
    boost::asio::awaitable<boost::system::error_code>
    send(std::string bytes, peer target, connection_id prefer = connection_id::none);

    /// UDP only: sends @p bytes to @p target at once, without a
    /// coroutine (a datagram send does not wait unless the socket buffer
    /// is full). Returns the outcome, or nullopt when @p target is not UDP
    /// or the socket would block: then use send().
    std::optional<boost::system::error_code> try_send_datagram(std::string_view bytes, peer target);

    /// send() of a parsed message's bytes.
    boost::asio::awaitable<boost::system::error_code>
    send(sip::message const& message, peer target, connection_id prefer = connection_id::none);

    /// Sends a response where route_response() said (RFC 3261 18.2.2):
    /// the request's connection when open, else the route's host
    /// (resolved when it is a name) and port.
    boost::asio::awaitable<boost::system::error_code> send_response(std::string bytes, response_route route);

    /// Sends to a host given by name or IP literal, through the resolver
    /// (first address).
    boost::asio::awaitable<boost::system::error_code>
    send_to_host(std::string bytes, std::string host, std::uint16_t port, transport_kind kind);

    /// Closes connection @p id (no-op when it is gone).
    void close(connection_id id);

    /// Stops listening and closes every connection; pending sends fail.
    void shutdown();

    /// Open stream connections.
    std::size_t connection_count() const noexcept;
    transport::statistics const& stats() const noexcept { return stats_; }
    transport::config const& config() const noexcept { return config_; }
    boost::asio::any_io_executor get_executor() const noexcept { return executor_; }

private:
    friend class detail::connection;

    // Called by connections (same thread).
    void deliver(detail::connection& from, abnf::text_buffer text);
    // The framer of @p from gave up: answer what it had seen if possible.
    void unframed(detail::connection& from, std::string_view seen, abnf::parse_error const& error);
    void closed(detail::connection& which) noexcept;

    /// The UDP listener that sends to @p address (mapped to IPv6 when only
    /// an IPv6 socket can reach it), or nullptr.
    boost::asio::ip::udp::socket* datagram_socket_for(boost::asio::ip::address& address);
    boost::asio::awaitable<boost::system::error_code> send_udp(std::string bytes, peer target);
    boost::asio::awaitable<boost::system::error_code> send_stream(std::string bytes, peer target,
                                                                  connection_id prefer, std::string server_name);
    std::shared_ptr<detail::connection> open_connection(peer const& target, std::string server_name,
                                                        boost::system::error_code& ec);
    // The socket and acceptor belong to listeners_ (deque: stable references).
    boost::asio::awaitable<void> receive_datagrams(boost::asio::ip::udp::socket& socket);
    boost::asio::awaitable<void> accept_connections(boost::asio::ip::tcp::acceptor& acceptor, transport_kind kind);
    void hand_up(std::variant<sip::message, rejected> outcome, peer const& from, connection_id id,
                 detail::connection* stream);

    boost::asio::any_io_executor executor_;
    transport::config config_;
    std::unique_ptr<resolver> resolver_;
    message_handler handler_;
    std::unique_ptr<detail::listeners> listeners_;
    std::unique_ptr<detail::connection_table> connections_;
    transport::statistics stats_;
};

} // namespace cpm::sip::transport
