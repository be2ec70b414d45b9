#pragma once
/// @file
/// Nonce-count replay protection (RFC 7616 3.4: "the server can ... detect
/// request replays by maintaining its own copy of this count"): a bounded
/// table of the highest nc seen per nonce. A request whose nc is not greater
/// than the last one accepted for its nonce is a replay.
///
/// Bounded: when full, the entry of the oldest-issued nonce goes, and the
/// table remembers the newest issue time it has forgotten. A nonce issued
/// at or before that mark and not in the table may have been used before,
/// so it is reported as forgotten (the server answers with a fresh nonce,
/// stale=true) rather than accepted.

#include "sip/auth/nonce.hpp"

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace cpm::sip::auth {

class nonce_count_table {
public:
    enum class verdict : std::uint8_t {
        fresh,     ///< nc greater than any seen for this nonce: recorded
        replay,    ///< nc not greater than the last accepted one
        forgotten, ///< the nonce may have been evicted: ask for a new one
    };

    /// @p capacity: the most nonces tracked at once (at least 1);
    /// @p lifetime: entries of nonces older than this are dropped.
    nonce_count_table(std::size_t capacity, std::chrono::seconds lifetime);

    /// Checks @p nc for @p nonce (issued at @p issued) and records it when fresh.
    verdict record(std::string_view nonce, wall_clock::time_point issued, std::uint32_t nc, wall_clock::time_point now);

    std::size_t size() const noexcept { return counts_.size(); }

private:
    void drop_expired(wall_clock::time_point now);
    void evict_oldest();

    std::size_t capacity_;
    std::chrono::seconds lifetime_;
    std::unordered_map<std::string, std::uint32_t> counts_; // nonce -> highest nc accepted
    std::set<std::pair<wall_clock::time_point, std::string>> by_issue_; // eviction order
    wall_clock::time_point forgotten_up_to_ = wall_clock::time_point::min();
};

} // namespace cpm::sip::auth
