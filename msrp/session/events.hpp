#pragma once
/// @file
/// What a session tells its user: outcomes of sent messages, received
/// messages, REPORTs.

#include "msrp/headers.hpp"
#include "msrp/session/sink.hpp"

#include <boost/system/error_code.hpp>

#include <cstdint>
#include <functional>
#include <string_view>

namespace cpm::msrp {

/// What a session_event reports.
enum class event_kind : std::uint8_t {
    message_sent,     ///< every chunk written and, with Failure-Report yes, answered 200
    message_failed,   ///< a sent message failed: error and status say why (408 for a timeout)
    report_received,  ///< a success REPORT (status 200) for a sent message; range says which bytes
    message_received, ///< an incoming message is complete in its sink
    receive_failed,   ///< an incoming message was given up (413, aborted by the peer, stalled, ...)
};

/// One event; the views are valid during the handler call only.
struct session_event {
    event_kind kind = event_kind::message_sent;
    std::string_view message_id;
    boost::system::error_code error; ///< message_failed, receive_failed
    std::uint16_t status = 0;        ///< the MSRP status involved (200, 408, 413, ...)
    byte_range range;                ///< report_received: bytes reported; message_received: 1-N/N
    std::string_view content_type;   ///< message_received
    body_sink* sink = nullptr;       ///< message_received: the finished sink, destroyed after the handler
};

/// An event with the fields most events carry.
inline session_event make_event(event_kind kind, std::string_view message_id, boost::system::error_code error = {},
                                std::uint16_t status = 0, byte_range range = {})
{
    session_event e;
    e.kind = kind;
    e.message_id = message_id;
    e.error = error;
    e.status = status;
    e.range = range;
    return e;
}

/// Receives session events. Called on the connection's executor, never
/// while a session is in an inconsistent state; it may call send() and abort().
using event_handler = std::function<void(session_event const&)>;

/// What the receiver knows when the first chunk of a message arrives.
struct incoming_message {
    std::string_view message_id;
    std::string_view content_type;
    std::optional<std::uint64_t> total; ///< Byte-Range total when known
};

/// Creates the sink of a new incoming message; nullptr refuses it (413).
using sink_factory = std::function<std::unique_ptr<body_sink>(incoming_message const&)>;

} // namespace cpm::msrp
