#include "sip/transport/detail/connection.hpp"

#include "sip/transport/error.hpp"
#include "sip/transport/transport.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <array>
#include <optional>

namespace cpm::sip::transport::detail {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

// Bytes read per read_some(): the framer copies them out, so this is the
// only read buffer of a connection.
constexpr std::size_t read_chunk = 16 * 1024;

bool only_line_ends(std::span<char const> bytes) noexcept
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == '\r' || c == '\n'; });
}

} // namespace

// Bytes of queued messages joined into one write at most.
constexpr std::size_t write_batch = 64 * 1024;

struct connection::pending_write {
    std::string bytes;
    std::optional<asio::steady_timer> done; // only when someone awaits the result
    error_code result;
    bool finished = false;

    void finish(error_code ec)
    {
        result = ec;
        finished = true;
        if (done)
            done->cancel();
    }
};

connection::connection(layer& owner, connection_id id, peer remote)
    : owner_(owner), config_(owner.config()), id_(id), remote_(remote), framer_(owner.config().limits),
      setup_deadline_(clock::now() + owner.config().connect_timeout), idle_deadline_(clock::time_point::max()),
      message_deadline_(clock::time_point::max()), watchdog_timer_(owner.get_executor()),
      writer_wake_(owner.get_executor())
{
}

void connection::start_accepted()
{
    asio::co_spawn(owner_.get_executor(), run(true, {}, {}), asio::detached);
}

void connection::start_client(asio::ip::tcp::endpoint target, std::string server_name)
{
    asio::co_spawn(owner_.get_executor(), run(false, target, std::move(server_name)), asio::detached);
}

asio::awaitable<void> connection::run(bool server, asio::ip::tcp::endpoint target, std::string server_name)
{
    auto self = shared_from_this();
    asio::co_spawn(owner_.get_executor(), watchdog(), asio::detached);
    if (!server) {
        auto [ec] = co_await socket().async_connect(target, tuple_awaitable);
        if (!open_)
            co_return;
        if (ec) {
            close(ec);
            co_return;
        }
    }
    error_code nodelay_ec;
    socket().set_option(asio::ip::tcp::no_delay(true), nodelay_ec); // small messages must not wait (Nagle)
    if (auto ec = co_await handshake(server, server_name); ec || !open_) {
        close(ec);
        co_return;
    }
    ready_ = true;
    touch();
    watchdog_timer_.cancel(); // the deadline moved from set-up to idle
    asio::co_spawn(owner_.get_executor(), write_loop(), asio::detached);
    co_await read_loop();
}

asio::awaitable<void> connection::read_loop()
{
    auto self = shared_from_this();
    auto buffer = std::make_unique<std::array<char, read_chunk>>();
    while (open_) {
        auto [ec, n] = co_await read_some(*buffer);
        if (!open_)
            co_return;
        if (ec == asio::error::eof && lingering_) {
            // The peer is done sending; ours still goes out (see deadline()).
            peer_done_ = true;
            watchdog_timer_.cancel();
            co_return;
        }
        if (ec) {
            close(ec);
            co_return;
        }
        if (lingering_)
            continue; // no longer SIP: discarded
        touch();
        on_bytes(std::span<char const>(buffer->data(), n));
    }
}

void connection::linger(error_code why)
{
    auto const now = clock::now();
    lingering_ = true;
    linger_reason_ = why;
    // A message delivered just before may still be answered: wait that
    // long after the last delivery before ending our side; then the peer
    // has as long again to read the answers and end its side.
    answers_due_ = last_delivery_ + config_.close_linger;
    linger_deadline_ = std::max(answers_due_, now) + config_.close_linger;
    watchdog_timer_.cancel(); // the deadline moved
}

void connection::half_close()
{
    // Our answers are out: the peer reads them and sees the end; its bytes
    // are still drained (a close with unread input would send a reset,
    // which may destroy the answers before the peer reads them).
    end_sending();
    half_closed_ = true;
}

void connection::on_bytes(std::span<char const> rest)
{
    while (open_) {
        auto const [used, status] = framer_.feed(rest);
        auto const taken = rest.first(used);
        rest = rest.subspan(used);
        switch (status) {
        case frame_status::need_more:
            // A message started (not just line ends between messages, RFC
            // 3261 7.5 and RFC 5626 pongs): it must complete in time.
            if (!mid_message_ && !only_line_ends(taken)) {
                mid_message_ = true;
                message_deadline_ = clock::now() + config_.message_timeout;
                watchdog_timer_.cancel(); // the deadline may have moved earlier
            }
            return;
        case frame_status::keepalive:
            // RFC 5626 3.5.1: answer a CRLFCRLF ping with one CRLF; the
            // ping is not a message and goes no further.
            mid_message_ = false;
            ++owner_.stats_.keepalives_answered;
            post("\r\n");
            break;
        case frame_status::message_ready:
            mid_message_ = false;
            last_delivery_ = clock::now();
            owner_.deliver(*this, framer_.release());
            break;
        case frame_status::error:
            // RFC 3261 18.3: a stream that cannot be framed cannot be
            // resynchronised: answer the failing request when its head is
            // readable, and close once the answers went out (linger()).
            ++owner_.stats_.limit_closes;
            mid_message_ = false;
            owner_.unframed(*this, framer_.failed_text(), framer_.error());
            linger(framer_.error().code == make_error_code(sip::errc::message_size_limit)
                       ? make_error_code(errc::message_too_large)
                       : make_error_code(errc::framing_error));
            return;
        }
    }
}

std::shared_ptr<connection::pending_write> connection::enqueue(std::string bytes, bool awaited, error_code& ec)
{
    if (!open_ || half_closed_) {
        ec = make_error_code(errc::connection_closed);
        return nullptr;
    }
    if (queued_bytes_ + bytes.size() > config_.max_buffered_bytes) {
        ++owner_.stats_.limit_closes;
        ec = make_error_code(errc::buffer_limit);
        close(ec);
        return nullptr;
    }
    auto p = std::make_shared<pending_write>();
    p->bytes = std::move(bytes);
    if (awaited)
        p->done.emplace(owner_.get_executor(), asio::steady_timer::time_point::max());
    queued_bytes_ += p->bytes.size();
    queue_.push_back(p);
    writer_wake_.cancel();
    return p;
}

asio::awaitable<error_code> connection::write(std::string bytes)
{
    auto self = shared_from_this();
    error_code ec;
    auto p = enqueue(std::move(bytes), true, ec);
    if (!p)
        co_return ec;
    if (!p->finished)
        co_await p->done->async_wait(tuple_awaitable);
    co_return p->result;
}

void connection::post(std::string bytes)
{
    error_code ignored; // a failure closed the connection; nobody waits for the result
    enqueue(std::move(bytes), false, ignored);
}

asio::awaitable<void> connection::write_loop()
{
    auto self = shared_from_this();
    while (open_) {
        if (queue_.empty()) {
            writer_wake_.expires_at(asio::steady_timer::time_point::max());
            co_await writer_wake_.async_wait(tuple_awaitable);
            continue;
        }
        // What is queued goes out in one write, up to write_batch bytes: a
        // proxy forwards thousands of small messages a second to one peer,
        // and a system call each made the queue grow until its limit.
        auto const first = queue_.front();
        std::size_t taken = 1;
        std::string const* bytes = &first->bytes;
        if (queue_.size() > 1 && first->bytes.size() < write_batch) {
            batch_.clear();
            taken = 0;
            for (auto const& p : queue_) {
                if (taken > 0 && batch_.size() + p->bytes.size() > write_batch)
                    break;
                batch_ += p->bytes;
                ++taken;
            }
            bytes = &batch_;
        }
        auto ec = co_await write_all(*bytes);
        if (!open_)
            co_return; // close() failed every queued write
        for (; taken > 0; --taken) {
            auto const p = queue_.front();
            queue_.pop_front();
            queued_bytes_ -= p->bytes.size();
            p->finish(ec);
        }
        if (lingering_ && queue_.empty())
            watchdog_timer_.cancel(); // the deadline may have moved earlier
        if (ec) {
            close(ec);
            co_return;
        }
        touch();
    }
}

void connection::touch() noexcept
{
    idle_deadline_ = clock::now() + config_.idle_timeout;
}

connection::clock::time_point connection::deadline() const noexcept
{
    if (!ready_)
        return setup_deadline_;
    if (lingering_) {
        // 1. the answers are out and none is due: end our side (watchdog);
        // 2. both sides ended: close now; 3. at the latest, linger_deadline_.
        if (!half_closed_ && queue_.empty())
            return answers_due_;
        if (half_closed_ && peer_done_)
            return clock::time_point::min();
        return linger_deadline_;
    }
    return mid_message_ ? std::min(idle_deadline_, message_deadline_) : idle_deadline_;
}

error_code connection::expiry_reason() const noexcept
{
    if (!ready_)
        return make_error_code(errc::connect_timeout);
    if (lingering_)
        return linger_reason_;
    if (mid_message_ && message_deadline_ <= idle_deadline_)
        return make_error_code(errc::message_timeout);
    return make_error_code(errc::idle_timeout);
}

asio::awaitable<void> connection::watchdog()
{
    auto self = shared_from_this();
    while (open_) {
        // Deadlines that move later (traffic) are seen when the wait
        // ends; those that move earlier cancel the wait.
        watchdog_timer_.expires_at(deadline());
        co_await watchdog_timer_.async_wait(tuple_awaitable);
        auto const now = clock::now();
        if (!open_ || now < deadline())
            continue;
        if (lingering_ && !half_closed_ && now < linger_deadline_) {
            half_close();
            continue;
        }
        if (!lingering_) // a linger's limit close was counted when it began
            ++owner_.stats_.limit_closes;
        close(expiry_reason());
    }
}

void connection::close(error_code why)
{
    if (!open_)
        return;
    open_ = false;
    error_code ignored;
    socket().close(ignored);
    watchdog_timer_.cancel();
    writer_wake_.cancel();
    auto const failed = why ? why : make_error_code(errc::connection_closed);
    for (auto& p : queue_)
        p->finish(failed);
    queue_.clear();
    queued_bytes_ = 0;
    owner_.closed(*this);
}

} // namespace cpm::sip::transport::detail
