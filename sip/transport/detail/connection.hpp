#pragma once
/// @file
/// One stream connection (TCP or TLS) of a layer: a read loop that frames
/// messages (one sip::framer per connection, RFC 3261 18.3), a bounded
/// write queue, and a watchdog enforcing the set-up, idle and
/// per-message timeouts. Private to the transport layer.

#include "sip/framer.hpp"
#include "sip/transport/config.hpp"
#include "sip/transport/peer.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <tuple>

namespace cpm::sip::transport {
class layer;
} // namespace cpm::sip::transport

namespace cpm::sip::transport::detail {

class connection : public std::enable_shared_from_this<connection> {
public:
    using clock = std::chrono::steady_clock;

    virtual ~connection() = default;
    connection(connection const&) = delete;
    connection& operator=(connection const&) = delete;

    connection_id id() const noexcept { return id_; }
    peer const& remote() const noexcept { return remote_; }
    bool is_open() const noexcept { return open_; }

    /// Queues @p bytes; completes once they are written, or with the
    /// error that closed the connection. Fails with errc::buffer_limit
    /// (and closes) when the queue would pass config::max_buffered_bytes.
    boost::asio::awaitable<boost::system::error_code> write(std::string bytes);
    /// Queues @p bytes without waiting (keep-alive pong, 400 answers).
    void post(std::string bytes);

    /// Closes now; queued writes fail with @p why. Idempotent.
    void close(boost::system::error_code why);

    /// An accepted connection: (TLS handshake), then read and write.
    void start_accepted();
    /// An opened connection: connect to @p target, (TLS handshake with
    /// SNI @p server_name when not empty), then read and write.
    void start_client(boost::asio::ip::tcp::endpoint target, std::string server_name);

protected:
    connection(layer& owner, connection_id id, peer remote);

    virtual boost::asio::ip::tcp::socket& socket() noexcept = 0;
    /// TLS: the handshake in the given role; TCP: nothing.
    virtual boost::asio::awaitable<boost::system::error_code> handshake(bool server, std::string const& server_name) = 0;
    virtual boost::asio::awaitable<std::tuple<boost::system::error_code, std::size_t>>
    read_some(std::span<char> buffer) = 0;
    virtual boost::asio::awaitable<boost::system::error_code> write_all(std::string const& bytes) = 0;
    /// Ends our sending side (the write queue is empty, no write runs):
    /// TCP sends FIN; TLS sends close_notify.
    virtual void end_sending() = 0;

private:
    struct pending_write;

    boost::asio::awaitable<void> run(bool server, boost::asio::ip::tcp::endpoint target, std::string server_name);
    boost::asio::awaitable<void> read_loop();
    boost::asio::awaitable<void> write_loop();
    boost::asio::awaitable<void> watchdog();
    std::shared_ptr<pending_write> enqueue(std::string bytes, bool awaited, boost::system::error_code& ec);
    void on_bytes(std::span<char const> bytes);
    // Stops framing; writes go on until config::close_linger passed, then
    // the connection closes with @p why.
    void linger(boost::system::error_code why);
    // Ends our side of a lingering connection (end_sending()).
    void half_close();
    void touch() noexcept;
    clock::time_point deadline() const noexcept;
    boost::system::error_code expiry_reason() const noexcept;

    layer& owner_;
    config const& config_;
    connection_id id_;
    peer remote_;
    bool open_ = true;
    bool ready_ = false;       // set-up (connect, handshake) done
    bool mid_message_ = false; // the framer holds part of a message
    bool lingering_ = false;   // framing failed: closing (see deadline())
    bool half_closed_ = false; // lingering, our side ended
    bool peer_done_ = false;   // lingering, the peer's side ended
    boost::system::error_code linger_reason_;
    clock::time_point linger_deadline_; // the close, at the latest
    clock::time_point answers_due_;     // answers to delivered messages may come until then
    clock::time_point last_delivery_;   // the last message handed up
    sip::framer framer_;
    clock::time_point setup_deadline_;
    clock::time_point idle_deadline_;
    clock::time_point message_deadline_;
    boost::asio::steady_timer watchdog_timer_;
    boost::asio::steady_timer writer_wake_;
    std::deque<std::shared_ptr<pending_write>> queue_;
    std::size_t queued_bytes_ = 0;
    std::string batch_; // queued messages joined for one write (write_loop)
};

/// A plain TCP connection over @p socket (accepted, or not yet connected).
std::shared_ptr<connection> make_tcp_connection(layer& owner, connection_id id, peer remote,
                                                boost::asio::ip::tcp::socket socket);
/// A TLS connection over @p socket, using @p context for its role.
std::shared_ptr<connection> make_tls_connection(layer& owner, connection_id id, peer remote,
                                                boost::asio::ip::tcp::socket socket,
                                                boost::asio::ssl::context& context);

} // namespace cpm::sip::transport::detail
