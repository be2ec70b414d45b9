#pragma once
/// @file
/// The receiving half of a session, sans-I/O: SEND chunks reassembled by
/// Message-ID into sinks (RFC 4975 5.1, out of order and duplicated chunks
/// included), the checks of RFC 4975 7.3 with their responses (400, 413,
/// 415), success REPORTs (RFC 4975 7.1.3) and failure REPORTs for messages
/// that stall.

#include "msrp/message.hpp"
#include "msrp/session/config.hpp"
#include "msrp/session/events.hpp"
#include "msrp/session/range_set.hpp"
#include "msrp/session/sender.hpp"

#include <deque>
#include <list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>

namespace cpm::msrp {

/// Reassembles the incoming messages of one session.
class receiver {
public:
    /// @p cfg, @p events and @p ids (its transaction ids name the REPORTs)
    /// outlive the receiver; responses and REPORTs go to @p control.
    receiver(session_config const& cfg, event_handler const& events, sink_factory factory, sender& ids,
             std::string& control);

    /// The head of a SEND addressed to this session.
    void on_head(head const& send, session_clock::time_point now);
    /// The next body bytes of that SEND.
    void on_body(std::span<char const> bytes, session_clock::time_point now);
    /// Its end-line: the response, and completion of the message.
    void on_end(head const& send, continuation flag);
    /// Gives up messages with no progress for reassembly_timeout.
    void on_timer(session_clock::time_point now);
    /// The session ended: every message in reassembly fails.
    void on_closed();
    /// Messages in reassembly.
    std::size_t in_progress() const noexcept { return messages_.size(); }

private:
    struct message {
        explicit message(std::size_t max_ranges) : ranges(max_ranges) {}
        std::string id;
        std::string head_text; // the first chunk's head: the REPORTs are built from it
        std::string content_type;
        std::unique_ptr<body_sink> sink;
        range_set ranges;
        std::optional<std::uint64_t> total;
        report_mode success = report_mode::no;
        report_mode failure = report_mode::yes;
        session_clock::time_point progress{};
    };
    struct chunk {
        message* msg = nullptr;
        std::uint16_t code = 200;            // what this chunk will be answered
        std::uint64_t offset = 0;            // 0-based position of the next byte
        std::optional<std::uint64_t> end;    // 0-based, exclusive, when the Byte-Range says
        report_mode failure = report_mode::yes;
        report_mode success = report_mode::no;
        boost::system::error_code error;     // why the message fails
    };

    std::uint16_t admit(head const& send, session_clock::time_point now);
    void report_failure(message const& m, std::uint16_t code);
    void fail(message& m, boost::system::error_code ec, std::uint16_t code);
    void complete(message& m);
    void erase(message const& m);
    message* find(std::string_view id) noexcept;

    session_config const& cfg_;
    event_handler const& events_;
    sink_factory factory_;
    sender& ids_;
    std::string& control_;
    std::list<message> messages_;
    // Messages failed with an error code, remembered (as many as
    // max_incoming_messages) so chunks still in flight get the same answer
    // instead of starting the message again.
    std::deque<std::pair<std::string, std::uint16_t>> refused_;
    chunk chunk_;
};

} // namespace cpm::msrp
