#pragma once
/// @file
/// The server side of Digest (RFC 3261 22.1 to 22.3, RFC 7616 3.3 and 3.4):
/// a challenger issues 401/407 challenges and verifies the credentials of
/// the retried request against a user store. Sans-I/O: the caller passes
/// each request and the current time, and sends what it is given.
///
/// State: the nonces are self-validating (nonce.hpp), so the only state is
/// the bounded nonce-count table that detects replays. Not thread-safe: one
/// challenger per strand (or per shard, each tracking the nonce-counts of
/// its own requests).

#include "sip/auth/auth_kind.hpp"
#include "sip/auth/nonce.hpp"
#include "sip/auth/nonce_count_table.hpp"
#include "sip/auth/user_store.hpp"
#include "sip/builder.hpp"
#include "sip/digest.hpp"
#include "sip/message.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::sip::auth {

struct challenger_config {
    std::string realm;  ///< RFC 3261 22.1: a globally unique protection space, e.g. the domain
    std::string secret; ///< keys the nonces and opaque; share it across the nodes of a cluster
    auth_kind kind = auth_kind::www;
    std::chrono::seconds nonce_lifetime{300};
    /// One challenge per algorithm, in the server's order of preference
    /// (RFC 7616 3.7); credentials with any other algorithm are refused.
    std::vector<digest_algorithm> algorithms{digest_algorithm::sha_256, digest_algorithm::md5};
    /// Most nonces whose nonce-count is tracked at once.
    std::size_t replay_capacity = 65536;
    /// RFC 3261 22.4 keeps RFC 2069 clients working: credentials without
    /// qop (hence without nonce-count, so without replay protection).
    bool accept_rfc2069 = true;
    /// warn-agent (hostport or pseudonym) of the Warning in a 400.
    std::string warning_agent = "cpm";
};

/// The outcome of checking a request's credentials.
enum class verdict : std::uint8_t {
    ok,                    ///< authenticated
    no_credentials,        ///< none for this realm: challenge
    malformed,             ///< unparsable credentials: 400
    unsupported_algorithm, ///< an algorithm not offered: challenge
    unsupported_qop,       ///< a qop other than "auth" (or none while RFC 2069 is off): challenge
    uri_mismatch,          ///< digest-uri is not the Request-URI: challenge
    bad_nonce,             ///< a nonce we did not issue for this realm: challenge
    opaque_mismatch,       ///< opaque not returned unchanged: challenge
    unknown_user,          ///< no such user in the realm: challenge
    bad_response,          ///< wrong password (or tampered request): challenge
    stale,                 ///< right credentials, expired nonce: challenge with stale=true
    replay,                ///< nonce-count not greater than the last one: challenge
};

/// A verdict with its sentence ("Authorization: nc 00000002 already used").
struct verification {
    verdict result = verdict::no_credentials;
    std::string sentence;      ///< names the element at fault; empty when ok
    std::string_view username; ///< as in the credentials (a view into the request)

    bool ok() const noexcept { return result == verdict::ok; }
};

/// The status a server answers @p v with: 0 for ok, 400 for malformed,
/// 401 or 407 (by @p kind) otherwise.
unsigned status_for(verdict v, auth_kind kind) noexcept;

class challenger {
public:
    /// @p users must outlive the challenger.
    challenger(challenger_config config, user_store const& users);

    /// The WWW-Authenticate / Proxy-Authenticate values to send, one per
    /// configured algorithm, each with a new nonce. For a known @p user,
    /// only the algorithms the user store can verify for that user (an HA1
    /// serves its own algorithm only).
    std::vector<std::string> challenges(wall_clock::time_point now, bool stale = false,
                                        std::string_view user = {}) const;

    /// Adds challenges(now, stale, user) to @p response as the kind's header.
    void add_challenges(message_builder& response, wall_clock::time_point now, bool stale = false,
                        std::string_view user = {}) const;

    /// Checks the credentials of @p request for this realm. A fresh
    /// nonce-count is recorded only when the response digest is right.
    verification verify(message const& request, wall_clock::time_point now);

    /// The whole response that @p result calls for (see status_for), to
    /// @p request: a 401/407 with fresh challenges (stale=true after a stale
    /// verdict) for the user of the credentials, else of the From, or a 400 with a Warning carrying the sentence. Empty for ok.
    std::string respond(message const& request, verification const& result, wall_clock::time_point now,
                        response_options const& options = {}) const;

    challenger_config const& config() const noexcept { return config_; }

private:
    std::string challenge_value(digest_algorithm algorithm, std::string_view nonce, bool stale) const;
    bool offered(digest_algorithm algorithm) const noexcept;

    challenger_config config_;
    user_store const& users_;
    nonce_codec nonces_;
    nonce_count_table counts_;
    std::string opaque_;
};

} // namespace cpm::sip::auth
