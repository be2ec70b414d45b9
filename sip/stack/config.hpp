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
    /// The URI of this UA's Contact in the dialogs it creates (12.1.1, 12.1.2).
    std::string contact = "sip:127.0.0.1:5060";
    /// Option tags this element understands: a request whose Require names
    /// another gets 420 with Unsupported (8.2.2.3).
    std::vector<std::string> supported{};
    /// This element forwards requests (a proxy): 16.3 step 3 answers
    /// Max-Forwards 0 with 483 (Too Many Hops), OPTIONS excepted. A UA is
    /// the final recipient and processes such a request normally.
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
