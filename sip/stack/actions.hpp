#pragma once
/// @file
/// What the stack core asks its driver to do (send bytes, start and stop
/// timers) and what it tells its transaction user (the TU notifications),
/// as one ordered list of actions per call.

#include "sip/message.hpp"
#include "sip/stack/peer.hpp"
#include "sip/transaction/events.hpp"
#include "sip/transaction/timers.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace cpm::sip::stack {

using duration = transaction::duration;

/// Handles. Client transactions, server transactions, dialogs and timers
/// draw from one counter, so a value names one object of one kind; 0 names
/// none.
enum class client_handle : std::uint64_t {};
enum class server_handle : std::uint64_t {};
enum class dialog_handle : std::uint64_t {};
enum class timer_handle : std::uint64_t {};

inline constexpr dialog_handle no_dialog{};

/// A message handed to the TU: shared, so it outlives the core's copy.
using message_ptr = std::shared_ptr<sip::message const>;

// --- driver actions -----------------------------------------------------------

/// Send @p bytes to @p to. @p transaction (0: none) is the client or server
/// transaction to tell when the transport fails to send (core::on_send_failed()).
struct send {
    std::string bytes;
    peer to;
    std::uint64_t transaction = 0;
};

/// Start timer @p id, to fire (core::on_timer()) after @p after. Handles
/// are never reused: a timer the core restarts gets a new one.
struct start_timer {
    timer_handle id;
    duration after;
};

/// Cancel timer @p id (a firing that races with it is ignored by the core).
struct stop_timer {
    timer_handle id;
};

// --- TU notifications -------------------------------------------------------

/// A new request for the TU (17.2.1, 17.2.2), in dialog @p dialog when
/// it is a request within one (12.2.2). Answer it with core::respond().
/// Proxy mode (config::forwards): @p dialog is always no_dialog, a request
/// with a To tag included (the proxy routes it, 16.4).
struct request_received {
    server_handle transaction;
    dialog_handle dialog;
    message_ptr request;
    peer from;
};

/// A response to a request of the TU: provisional or final (a 2xx to an
/// INVITE once per dialog: the core sends the ACK and absorbs its
/// retransmissions, 13.2.2.4). @p dialog: the dialog it belongs to or created.
/// Proxy mode: @p dialog is no_dialog, and every 2xx to an INVITE comes,
/// retransmissions and other forks' included, while its client transaction
/// is in Accepted (RFC 6026 7.2); the core sends no ACK for it.
struct response_received {
    client_handle transaction;
    dialog_handle dialog;
    message_ptr response;
};

/// 8.1.3.1: the request got no response (408, Timer B or F) or could not
/// be sent (503, a transport error); the TU treats it as that response.
struct request_failed {
    client_handle transaction;
    unsigned status;
};

/// A server transaction failed: the ACK for a non-2xx never came (Timer H,
/// 17.2.1) or the transport could not send a response (17.2.4).
struct response_failed {
    server_handle transaction;
    transaction::failure what;
};

/// 13.3.1.4: the ACK for a 2xx this UA sent arrived (retransmissions stop).
struct ack_received {
    dialog_handle dialog;
    message_ptr ack;
};

/// 9.2: the INVITE of @p transaction was cancelled: the core answered the
/// CANCEL with 200 and (UA mode) the INVITE with 487 (Request Terminated).
/// Proxy mode: the INVITE is still unanswered; the TU cancels its pending
/// branches and answers it with the best response they bring (16.10: the
/// 487, or a 2xx that crossed the CANCEL).
struct request_cancelled {
    server_handle transaction;
};

/// 13.3.1.4: no ACK came for the 2xx within 64*T1: the TU should send BYE.
struct ack_timeout {
    dialog_handle dialog;
};

/// The core removed the dialog: BYE answered or received (15), 481 or 408
/// to a request within it (12.2.1.2), or an early dialog ended by a
/// 300-699 (12.3).
struct dialog_ended {
    dialog_handle dialog;
};

/// A timer the TU started with core::start_tu_timer() fired.
struct tu_timer_fired {
    timer_handle id;
    std::uint64_t cookie;
};

/// Proxy mode only (config::forwards): an ACK that matched no server
/// transaction (the ACK for a 2xx, 13.2.2.4, or a stray one), for the proxy
/// to forward statelessly (RFC 3261 16.11). It passed the basic admission
/// checks (a faulty ACK is dropped, never answered, 17). An ACK an INVITE
/// server transaction in Accepted passes up (RFC 6026 7.1: the peer reused
/// the INVITE's branch) comes the same way, with @p from the peer of that
/// transaction.
struct ack_to_forward {
    message_ptr ack;
    peer from;
};

using action = std::variant<send, start_timer, stop_timer, request_received, response_received, request_failed,
                            response_failed, ack_received, request_cancelled, ack_timeout, dialog_ended,
                            tu_timer_fired, ack_to_forward>;

/// The actions of one call into the core, in the order they happened.
using action_list = std::vector<action>;

} // namespace cpm::sip::stack
