#pragma once
/// @file
/// Self-validating server nonces (RFC 7616 3.3 suggests
/// "time-stamp H(time-stamp ":" ETag ":" secret-data)"): the nonce carries
/// its issue time and a random salt, sealed by an HMAC-SHA-256 keyed with a
/// server secret and bound to the realm. Checking one needs no state, so
/// every node that shares the secret accepts the nonces of the others, and
/// a restart forgets nothing.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace cpm::sip::auth {

/// Nonces carry wall-clock time so that every node of a cluster (and a
/// restarted one) can judge their age.
using wall_clock = std::chrono::system_clock;

/// What a nonce turned out to be.
struct nonce_check {
    enum class status : std::uint8_t {
        valid,   ///< ours, within its lifetime
        expired, ///< ours, older than the lifetime (answer stale=true)
        forged,  ///< not ours: bad shape, bad seal, or another realm's
    };
    status state = status::forged;
    wall_clock::time_point issued{}; ///< set unless forged
};

/// Issues and checks nonces (and the opaque value) for one secret.
class nonce_codec {
public:
    /// @p secret: at least 16 random bytes, shared by the nodes of a
    /// cluster; @p lifetime: how long a nonce stays fresh.
    nonce_codec(std::string secret, std::chrono::seconds lifetime);

    /// A new nonce for @p realm issued at @p now: 64 lower-case hex digits
    /// (millisecond time stamp, random salt, truncated HMAC).
    std::string issue(std::string_view realm, wall_clock::time_point now) const;

    nonce_check check(std::string_view nonce, std::string_view realm, wall_clock::time_point now) const;

    /// RFC 7616 3.3 opaque: a string the client returns unchanged; here an
    /// HMAC of the realm, so it is stable and needs no state.
    std::string opaque(std::string_view realm) const;

    std::chrono::seconds lifetime() const noexcept { return lifetime_; }

private:
    std::string seal(std::string_view label, std::string_view payload, std::string_view realm) const;

    std::string secret_;
    std::chrono::seconds lifetime_;
};

} // namespace cpm::sip::auth
