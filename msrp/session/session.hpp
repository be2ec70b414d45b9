#pragma once
/// @file
/// One MSRP session (RFC 4975), sans-I/O: the user sends and receives
/// messages; a driver (connection.hpp) feeds it the requests and responses
/// addressed to it and writes what it produces. Tests drive it with a fake
/// clock and no socket.

#include "msrp/message.hpp"
#include "msrp/session/config.hpp"
#include "msrp/session/events.hpp"
#include "msrp/session/receiver.hpp"
#include "msrp/session/sender.hpp"
#include "msrp/uri.hpp"

#include <boost/system/result.hpp>

#include <deque>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace cpm::msrp {

class router;

/// One MSRP session; not copyable or movable (views into its own config).
/// Every call happens on the driver's executor.
class session {
public:
    /// Checks the URIs of @p cfg (session_errc::bad_path). @p events receives
    /// outcomes; @p sinks creates the sink of each incoming message (default:
    /// a memory_sink bounded by max_size, else 1 MiB).
    static boost::system::result<std::unique_ptr<session>> create(session_config cfg, event_handler events = {},
                                                                  sink_factory sinks = {});
    session(session const&) = delete;
    session& operator=(session const&) = delete;

    /// The settings the session was created with.
    session_config const& config() const noexcept { return cfg_; }

    /// Queues a message; its Message-ID, or session_errc::queue_full.
    /// @p body nullptr sends the bodiless SEND (RFC 4975 5.4).
    boost::system::result<std::string> send(std::unique_ptr<body_source> body, send_options opts = {});
    /// Queues the bodiless SEND an active endpoint sends on connecting
    /// (RFC 4975 5.4), so the passive end can bind the connection.
    boost::system::result<std::string> send_bodiless() { return send(std::unique_ptr<body_source>(), {}); }
    /// Queues a message held in memory.
    boost::system::result<std::string> send(std::string body, send_options opts = {});
    /// Aborts a message being sent (RFC 4975 5.1, '#').
    boost::system::error_code abort(std::string_view message_id);

    /// RFC 4975 7.3: whether @p request is for this session: its To-Path
    /// is one URI, matching local_uri (6.1; with cema the session-ids). A
    /// To-Path of several URIs is for no session (the driver answers 481).
    bool addressed(head const& request) const;
    /// Whether the last URI of @p request's From-Path is the peer's (the
    /// last URI of remote_path); a mismatch is answered 481 by the driver.
    bool from_peer(head const& request) const;
    /// Whether a response with @p transaction_id answers one of our requests.
    bool owns_response(std::string_view transaction_id) const noexcept { return sender_.owns(transaction_id); }

    /// A request addressed to this session: head, body bytes, end-line.
    void on_request_head(head const& request, session_clock::time_point now);
    void on_request_body(std::span<char const> bytes, session_clock::time_point now);
    void on_request_end(head const& request, continuation flag);
    /// A response to one of our SENDs.
    void on_response(head const& response) { sender_.on_response(response); }
    /// Transaction timeouts and stalled reassemblies.
    void on_timer(session_clock::time_point now);
    /// The connection is gone: pending sends and receptions fail.
    void on_closed();

    /// Responses and REPORTs to write, in wire form, oldest first; the
    /// driver takes the bytes (and clears them).
    std::string& control() noexcept { return control_; }
    /// The next SEND chunk to write, if any may go now.
    bool next_chunk(chunk_view& out) { return sender_.next(out); }
    /// Every chunk next_chunk() gave was written at @p now: their
    /// transaction timeouts start (RFC 4975 7.1.1).
    void written(session_clock::time_point now) noexcept { sender_.written(now); }
    /// Bytes of responses and REPORTs waiting to be written.
    std::size_t backlog() const noexcept { return control_.size(); }
    /// Whether anything waits to be written.
    bool wants_write() const noexcept { return !control_.empty() || sender_.has_pending(); }
    /// Called when send() or abort() queues output, so a driver can wake.
    void set_listener(std::function<void()> listener) { listener_ = std::move(listener); }

    /// SEND transactions awaiting a response.
    std::size_t outstanding() const noexcept { return sender_.outstanding(); }
    /// Messages queued or being sent.
    std::size_t queued() const noexcept { return sender_.queued(); }
    /// Messages in reassembly.
    std::size_t receiving() const noexcept { return receiver_.in_progress(); }
    /// The router (connection) the session is bound to, nullptr when none:
    /// RFC 4975 5.4 binds a session to one connection.
    router const* bound_to() const noexcept { return bound_; }

private:
    session(session_config cfg, event_handler events, sink_factory sinks, std::string prefix);
    void notify() const
    {
        if (listener_)
            listener_();
    }

    session_config cfg_;
    event_handler events_;
    uri local_;
    std::string_view remote_last_; // the peer's own URI, a view into cfg_.remote_path
    uri remote_;
    std::string control_; // appended to, so answering allocates nothing once grown
    sender sender_;
    receiver receiver_;
    std::function<void()> listener_;
    bool current_is_send_ = false; // the request being received is a SEND
    router const* bound_ = nullptr; // set by router::attach, cleared by detach and on_closed
    friend class router;
};

} // namespace cpm::msrp
