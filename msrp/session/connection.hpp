#pragma once
/// @file
/// The Asio C++20 coroutine driver of one MSRP connection: a reader that
/// feeds the router, a writer that drains it with scatter-gather writes,
/// and a ticker for transaction timeouts. @p Stream is any Asio async
/// stream: asio::ip::tcp::socket (msrp), asio::ssl::stream over it
/// (msrps), or an in-memory test stream.
///
/// Bounded everywhere: one read buffer, one write batch in flight, reading
/// pauses while more than max_backlog answers wait (back-pressure onto the
/// peer), and each session's SEND window (session_config::max_outstanding)
/// throttles the sender.

#include "msrp/session/error.hpp"
#include "msrp/session/router.hpp"
#include "msrp/session/session.hpp"
#include "msrp/session/setup.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <memory>
#include <span>
#include <tuple>
#include <utility>
#include <vector>

namespace cpm::msrp {

/// Bounds and periods of a connection.
struct connection_options {
    std::size_t read_buffer = 256 * 1024;      ///< bytes read per system call at most
    std::size_t max_backlog = 1024 * 1024;     ///< bytes of answers waiting before reading pauses
    std::size_t write_budget = 64 * 1024;      ///< bytes gathered into one write at most (see router)
    std::size_t coalesce_below = 8 * 1024;     ///< chunks with smaller bodies are copied together
    std::chrono::milliseconds tick{250};       ///< how often timeouts are checked
    /// On a plain socket, reads and writes that can complete at once are
    /// done directly, up to this many back to back before the loop yields
    /// to the others (see connection::direct).
    unsigned burst = 16;
    msrp::limits limits;                       ///< framer bounds (head size, header count)
};

/// Drives one connection; create it with std::make_shared, attach the
/// sessions, then co_await run().
template <class Stream>
class connection : public std::enable_shared_from_this<connection<Stream>> {
public:
    /// Takes a connected (and, for TLS, handshaken) @p stream.
    connection(Stream stream, connection_options opts = {})
        : stream_(std::move(stream)), opts_(opts), router_(opts.limits, opts.write_budget, opts.coalesce_below), wake_(stream_.get_executor()),
          drained_(stream_.get_executor()), buffer_(opts.read_buffer)
    {
        if constexpr (direct) {
            boost::system::error_code ec;
            stream_.non_blocking(true, ec);
            direct_ = !ec && opts_.burst > 0;
        }
    }

    /// The stream (socket options, TLS details).
    Stream& stream() noexcept { return stream_; }

    /// Routes the requests addressed to @p s over this connection; @p s must
    /// stay alive until detach() or the end of run(). The active end of the
    /// session (@p role) sends the bodiless SEND at once (RFC 4975 5.4), so
    /// the passive end can bind the connection to the session, also when
    /// the connection is already shared with other sessions.
    void attach(session& s, setup_role role = setup_role::passive)
    {
        router_.attach(s);
        if (role == setup_role::active)
            s.send_bodiless();
        listen(s);
    }
    /// The passive end (RFC 4975 5.4): requests for sessions not attached
    /// here are looked up in @p find; one bound to no connection is attached
    /// by its first request, one bound to another connection gets 506 (see
    /// router::set_directory).
    void set_directory(router::directory find)
    {
        router_.set_directory(std::move(find), [this](session& s) { listen(s); });
    }
    /// Stops routing to @p s (its pending work stays with it).
    void detach(session& s)
    {
        s.set_listener({});
        router_.detach(s);
    }

    /// Runs until the stream fails, the peer closes, or close()/abort();
    /// then every attached session is told (pending sends fail with
    /// connection_closed). Returns why it stopped (empty after close()).
    boost::asio::awaitable<boost::system::error_code> run()
    {
        using namespace boost::asio::experimental::awaitable_operators;
        auto self = this->shared_from_this(); // alive while running
        co_await (read_loop() || write_loop() || tick_loop());
        router_.on_closed();
        close_lowest();
        co_return result_;
    }

    /// Orderly close: what is queued is written and answered first, then
    /// the stream is shut down (TLS close_notify, TCP FIN).
    void close()
    {
        closing_ = true;
        wake();
    }
    /// Abortive close: the stream closes now; pending work fails.
    void abort()
    {
        if (!result_)
            result_ = make_error_code(session_errc::aborted);
        close_lowest();
        wake_.cancel();
        drained_.cancel();
    }

private:
    using timer = boost::asio::steady_timer;

    /// A plain socket: it can be switched to non-blocking mode, then read
    /// and written directly when ready, and waited on for readiness. Each
    /// direct call saves the round trip through the scheduler (a posted
    /// completion and an epoll_wait) that an asynchronous one costs; with
    /// small chunks that round trip is as expensive as the write itself.
    static constexpr bool direct = requires(Stream& s, boost::system::error_code& ec,
                                            std::vector<boost::asio::const_buffer> const& out) {
        s.non_blocking(true, ec);
        s.read_some(boost::asio::mutable_buffer(), ec);
        s.write_some(out, ec);
        Stream::wait_read;
    };

    void wake()
    {
        if (writer_waits_)
            wake_.cancel();
    }

    // Wakes the writer whenever @p s queues output.
    void listen(session& s)
    {
        s.set_listener([w = this->weak_from_this()] {
            if (auto self = w.lock())
                self->wake();
        });
        wake();
    }

    // Drops the first @p n bytes of @p b (written already).
    static void consume(std::vector<boost::asio::const_buffer>& b, std::size_t n)
    {
        auto it = b.begin();
        for (; it != b.end() && n >= it->size(); ++it)
            n -= it->size();
        b.erase(b.begin(), it);
        if (n > 0)
            b.front() += n;
    }

    boost::asio::awaitable<void> read_loop()
    {
        using boost::asio::as_tuple;
        using boost::asio::use_awaitable;
        unsigned streak = 0; // direct reads since the last yield
        for (;;) {
            boost::system::error_code ec;
            std::size_t n = 0;
            if (direct_ && streak < opts_.burst) {
                if constexpr (direct) {
                    n = stream_.read_some(boost::asio::buffer(buffer_), ec);
                    if (ec == boost::asio::error::would_block) {
                        // Nothing ready: the writer sends the answers to
                        // everything read so far in one write while we wait.
                        streak = 0;
                        auto [wec] = co_await stream_.async_wait(Stream::wait_read, as_tuple(use_awaitable));
                        if (wec) {
                            finish(wec);
                            co_return;
                        }
                        continue;
                    }
                    ++streak;
                }
            } else {
                streak = 0;
                std::tie(ec, n) =
                    co_await stream_.async_read_some(boost::asio::buffer(buffer_), as_tuple(use_awaitable));
            }
            if (ec) {
                finish(ec);
                co_return;
            }
            if (auto const fe = router_.feed({buffer_.data(), n}, session_clock::now())) {
                finish(fe);
                co_return;
            }
            wake();
            while (router_.backlog() > opts_.max_backlog) {
                drained_.expires_at(timer::time_point::max());
                reader_waits_ = true;
                co_await drained_.async_wait(as_tuple(use_awaitable));
                reader_waits_ = false;
                if (result_)
                    co_return;
            }
        }
    }

    boost::asio::awaitable<void> write_loop()
    {
        using boost::asio::as_tuple;
        using boost::asio::use_awaitable;
        unsigned streak = 0; // direct writes since the last yield
        for (;;) {
            if (result_)
                co_return;
            if (router_.prepare(pieces_)) {
                buffers_.clear();
                std::size_t total = 0;
                for (auto const p : pieces_) {
                    buffers_.emplace_back(p.data(), p.size());
                    total += p.size();
                }
                boost::system::error_code ec;
                std::size_t n = 0;
                if (direct_ && streak < opts_.burst) {
                    if constexpr (direct) {
                        n = stream_.write_some(buffers_, ec);
                        if (ec == boost::asio::error::would_block)
                            ec = {}, n = 0;
                        ++streak;
                    }
                }
                if (!ec && n < total) {
                    // The rest (all of it once the burst is spent) goes
                    // through the scheduler, which lets the reader run.
                    streak = 0;
                    consume(buffers_, n);
                    std::tie(ec, n) = co_await boost::asio::async_write(stream_, buffers_, as_tuple(use_awaitable));
                }
                // The last byte went to the socket now: the SEND chunks'
                // transaction timeouts start here (RFC 4975 7.1.1).
                router_.written(session_clock::now());
                if (ec) {
                    finish(ec);
                    co_return;
                }
                if (reader_waits_)
                    drained_.cancel();
                continue;
            }
            if (closing_ && router_.idle()) {
                co_await shutdown();
                co_return;
            }
            streak = 0;
            wake_.expires_at(timer::time_point::max());
            writer_waits_ = true;
            co_await wake_.async_wait(as_tuple(use_awaitable));
            writer_waits_ = false;
        }
    }

    boost::asio::awaitable<void> tick_loop()
    {
        using boost::asio::as_tuple;
        using boost::asio::use_awaitable;
        timer t(stream_.get_executor());
        for (;;) {
            t.expires_after(opts_.tick);
            auto [ec] = co_await t.async_wait(as_tuple(use_awaitable));
            if (ec || result_)
                co_return;
            router_.on_timer(session_clock::now());
            wake();
        }
    }

    void finish(boost::system::error_code ec)
    {
        // operation_aborted: a loop cancelled because another one ended
        // first (orderly close included); that one said why.
        if (!result_ && ec != boost::asio::error::operation_aborted)
            result_ = ec;
    }

    // The orderly end of each kind of stream: TLS sends close_notify, a
    // socket half-closes, a test stream closes.
    boost::asio::awaitable<void> shutdown()
    {
        using boost::asio::as_tuple;
        using boost::asio::use_awaitable;
        if constexpr (requires { stream_.async_shutdown(as_tuple(use_awaitable)); }) {
            co_await stream_.async_shutdown(as_tuple(use_awaitable));
        } else if constexpr (requires(boost::system::error_code ec) {
                                 stream_.shutdown(boost::asio::socket_base::shutdown_send, ec);
                             }) {
            boost::system::error_code ec;
            stream_.shutdown(boost::asio::socket_base::shutdown_send, ec);
        } else {
            stream_.close();
        }
    }

    void close_lowest()
    {
        if constexpr (requires(boost::system::error_code ec) { stream_.lowest_layer().close(ec); }) {
            boost::system::error_code ec;
            stream_.lowest_layer().close(ec);
        } else {
            stream_.close();
        }
    }

    Stream stream_;
    connection_options opts_;
    router router_;
    timer wake_;    // the writer sleeps here; cancel() wakes it
    timer drained_; // the reader sleeps here while the backlog is high
    std::vector<char> buffer_;
    std::vector<std::span<char const>> pieces_;
    std::vector<boost::asio::const_buffer> buffers_;
    boost::system::error_code result_;
    bool closing_ = false;
    bool direct_ = false;       // see direct
    bool writer_waits_ = false; // the writer sleeps on wake_
    bool reader_waits_ = false; // the reader sleeps on drained_
};

} // namespace cpm::msrp
