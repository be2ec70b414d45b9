#pragma once
/// @file
/// The sending half of a session, sans-I/O: outgoing messages cut into
/// chunks (RFC 4975 5.1), several messages interleaved, and the SEND
/// transactions awaiting responses with their timeout (RFC 4975 7.1.1).

#include "msrp/message.hpp"
#include "msrp/serialize.hpp"
#include "msrp/session/config.hpp"
#include "msrp/session/events.hpp"
#include "msrp/session/sink.hpp"

#include <boost/system/result.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::msrp {

/// The clock of every session timer; the sans-I/O calls take its time
/// points as arguments, so tests drive time by hand.
using session_clock = std::chrono::steady_clock;

/// One SEND chunk ready to write: head, body, then the data CRLF and the
/// end-line. Views valid until the next sender call.
struct chunk_view {
    std::string_view head;      ///< start line to the blank line; for a bodiless SEND, through the end-line
    std::span<char const> body; ///< the chunk's bytes (a view into the body source)
    std::string_view tail;      ///< CRLF + end-line; empty for a bodiless SEND
};

/// Cuts outgoing messages into chunks and tracks their transactions.
class sender {
public:
    /// @p cfg outlives the sender (owned by the session). Transaction and
    /// message ids start with @p id_prefix, unique per session.
    sender(session_config const& cfg, std::string id_prefix, event_handler const& events);

    /// Queues a message (@p body nullptr: the bodiless SEND of RFC 4975
    /// 5.4). Returns its Message-ID, or session_errc::queue_full.
    boost::system::result<std::string> enqueue(std::unique_ptr<body_source> body, send_options opts);
    /// RFC 4975 5.1: a message partly sent is ended with a '#' chunk; one
    /// not started is dropped. Either way message_failed (aborted) follows.
    boost::system::error_code abort(std::string_view message_id);

    /// The next chunk of the next message in turn, when one is ready and
    /// fewer than max_outstanding transactions await a response. Its
    /// transaction timer starts when written() says it was written.
    bool next(chunk_view& out);
    /// Every chunk next() handed out so far was written to the connection
    /// at @p now: their transaction timeouts count from @p now (RFC 4975
    /// 7.1.1). Visits only the chunks handed out since the last call.
    void written(session_clock::time_point now) noexcept;
    /// Whether next() could produce something (ignoring the window).
    bool has_pending() const noexcept;
    /// A response to one of our SENDs (@p tid starts with our prefix). With
    /// Failure-Report partial an error response may come after the message
    /// was settled (message_sent): it still fails the message, once.
    void on_response(head const& response);
    /// A REPORT for one of our messages: a success report is passed up, a
    /// failure report fails the message (RFC 4975 7.1.2); unknown
    /// Message-IDs are ignored.
    void on_report(head const& report);
    /// Fails every written transaction whose timeout passed (RFC 4975
    /// 7.1.1: as if answered 408).
    void on_timer(session_clock::time_point now);
    /// The connection is gone: every message not finished fails.
    void on_closed();

    /// Whether @p tid is one of ours.
    bool owns(std::string_view tid) const noexcept;
    /// A fresh transaction id (REPORTs use them too).
    std::string transaction_id();
    /// Transactions awaiting a response.
    std::size_t outstanding() const noexcept { return outstanding_; }
    /// Messages queued or in flight.
    std::size_t queued() const noexcept { return messages_.size(); }

private:
    struct message {
        std::string id;
        std::unique_ptr<body_source> body;
        send_options opts;
        outgoing head;                  // reused for every chunk: id and Byte-Range change
        std::size_t range_field = 0;    // index of Byte-Range in head.fields
        std::optional<std::uint64_t> total;
        std::uint64_t sent = 0;         // body bytes handed out
        std::size_t outstanding = 0;    // transactions awaiting a response
        bool started = false;
        bool done = false;              // the last chunk was handed out
        bool failed = false;
        bool abort_requested = false;
    };
    struct transaction {
        std::uint64_t seq = 0;
        message* msg = nullptr; // nullptr once the message settled
        bool pending = false;
        bool timed = false;
        session_clock::time_point deadline{}; // valid once written (seq < unwritten_)
        // Failure-Report partial: the Message-ID a late error response
        // fails; assigned in place, so the slot's capacity is reused.
        std::string message_id;
    };
    struct finished {
        std::string id;
        bool failed = false; // message_failed was reported
    };

    chunk_view bodiless(message& m, continuation flag);
    void register_transaction(message& m, std::uint64_t seq);
    void fail(message& m, boost::system::error_code ec, std::uint16_t status);
    void fail_finished(std::string_view id, boost::system::error_code ec, std::uint16_t status, byte_range range);
    void settle(std::list<message>::iterator it);
    void settle(message& m);
    void remember(message const& m);
    void format_tid(std::uint64_t seq, std::string& out) const;

    session_config const& cfg_;
    std::string prefix_;
    event_handler const& events_;
    std::list<message> messages_;        // stable addresses: transactions point in
    std::list<message>::iterator turn_;  // round robin position
    std::vector<transaction> window_;    // ring indexed by seq % size
    std::size_t outstanding_ = 0;
    std::uint64_t next_seq_ = 1;
    std::uint64_t unwritten_ = 1;        // the first sequence number not known written
    std::uint64_t next_message_ = 1;
    std::deque<finished> recent_;        // finished messages a REPORT may name
    std::string head_buf_;
    std::string tail_buf_;
    std::string tid_;
    std::unique_ptr<body_source> retired_; // body of the message settled by the last next()
};

} // namespace cpm::msrp
