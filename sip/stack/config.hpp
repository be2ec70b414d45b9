#pragma once
/// @file
/// What one stack instance is configured with: timer values, its own
/// address for Via and Contact, the extensions it supports, and the bounds
/// of its tables.

#include "sip/transaction/timers.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cpm::sip::stack {

struct config {
    /// T1, T2, T4 and timers A to M (RFC 3261 appendix A, RFC 6026).
    transaction::timers timers{};
    /// The sent-by (host[:port]) of the Via this element writes (18.1.1)
    /// and the agent of its Warning fields (20.43).
    std::string sent_by = "127.0.0.1:5060";
    /// Written after the magic cookie of every branch this core makes (a
    /// worker's number, say): a server with several workers reads it from
    /// the top Via of a response and hands the response to the worker whose
    /// core owns the client transaction. Token characters only.
    std::string branch_tag{};
    /// The URI of this UA's Contact in the dialogs it creates (12.1.1, 12.1.2).
    std::string contact = "sip:127.0.0.1:5060";
    /// Option tags this element understands: a request whose Require (a UA,
    /// 8.2.2.3) or Proxy-Require (a proxy, 16.3 step 5) names another gets
    /// 420 with Unsupported.
    std::vector<std::string> supported{};
    /// This element forwards requests: the core runs in PROXY MODE, under a
    /// stateful proxy TU (RFC 3261 16), instead of as a UA core:
    /// - admission: 16.3 step 3 answers Max-Forwards 0 with 483 (Too Many
    ///   Hops), OPTIONS excepted; Proxy-Require is checked (16.3 step 5: 420
    ///   with Unsupported), Require is not (it is for the UAS, 8.2.2.3).
    ///   A UA is the final recipient: it checks Require, ignores
    ///   Proxy-Require and processes Max-Forwards 0 normally.
    /// - no dialogs: requests with a To tag are not matched to dialogs but
    ///   create server transactions and reach the TU as request_received
    ///   with no_dialog (the proxy routes them, 16.4); send_request() and
    ///   respond() create no dialogs; the core neither sends the ACK for a
    ///   2xx nor retransmits a 2xx (both are end to end, 13.2.2.4, 13.3.1.4).
    /// - client INVITE transactions hand every 2xx (first, retransmitted,
    ///   of every fork) to the TU as response_received (RFC 6026 7.2,
    ///   Accepted state), for the proxy to forward (16.7 step 5).
    /// - server INVITE transactions: a 2xx moves them to Accepted (RFC 6026
    ///   7.1), where respond() sends every further 2xx the TU passes (a
    ///   retransmission from downstream, another fork's 2xx: 16.7 step 5).
    /// - an ACK matching no server transaction (or passed up by one in
    ///   Accepted) reaches the TU as ack_to_forward (16.11: forwarded
    ///   statelessly).
    /// - CANCEL: the core answers it 200 and reports request_cancelled, but
    ///   does not answer the INVITE with 487: the proxy cancels its branches
    ///   and forwards the best response (16.10).
    /// - a response matching no client transaction is dropped and counted
    ///   (core::stray_response_count()): RFC 6026 replaced the stateless
    ///   forwarding of such responses (RFC 3261 16.7, 18.1.2).
    /// - a CANCEL matching no INVITE server transaction is answered 481 (a
    ///   stateful proxy forwarded no INVITE statelessly, 16.10).
    bool forwards = false;
    /// Larger requests are answered 513 (Message Too Large, 21.5.13).
    std::size_t max_request_size = 64 * 1024;
    /// Live client and server transactions together; a request beyond it
    /// is answered 503 with Retry-After statelessly (21.5.4).
    std::size_t max_transactions = 4096;
    /// Live dialogs.
    std::size_t max_dialogs = 4096;
    /// Live timers started by the TU (core::start_tu_timer()).
    std::size_t max_tu_timers = 1024;
    /// Seed of the generator of branches, tags and Call-IDs, and of the
    /// random parts of RFC 3261 14.2 (Retry-After). A driver seeds it from
    /// an entropy source; tests fix it.
    std::uint64_t seed = 0;
};

} // namespace cpm::sip::stack
