#pragma once
/// @file
/// The client side of Digest (RFC 3261 22.2 to 22.4, RFC 7616 3.4): answers
/// a 401/407 with Authorization / Proxy-Authorization values, and keeps the
/// credentials per realm so later requests go out pre-authorized with the
/// next nonce-count (RFC 3261 22.3: "a UAC MAY cache credentials for a
/// realm and use them in later requests to the same realm"). Sans-I/O: the
/// caller hands in the messages and puts the returned fields in its request.
/// Not thread-safe: one client per user agent strand.

#include "sip/auth/auth_kind.hpp"
#include "sip/digest.hpp"
#include "sip/message.hpp"

#include <boost/system/result.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cpm::sip::auth {

/// What a user gives for one realm.
struct client_secret {
    std::string username;
    std::string password;
};

/// Where the client asks for credentials (a prompt, a configuration file).
/// It is asked once per realm and non-stale challenge; a stale=true
/// challenge reuses the cached secret without asking.
class credential_source {
public:
    virtual ~credential_source() = default;
    /// The secret for @p realm, or nullopt to give up.
    virtual std::optional<client_secret> credentials(std::string_view realm) = 0;
};

/// One field to add to the (re)sent request.
struct authorization {
    header_id header = header_id::authorization; ///< Authorization or Proxy-Authorization
    std::string realm;
    std::string value;
};

enum class client_errc : std::uint8_t {
    not_a_challenge,       ///< the response is not a 401 or 407
    malformed_challenge,   ///< no challenge header parses
    unsupported_challenge, ///< no Digest challenge with an algorithm and qop we can answer
    no_credentials,        ///< the credential source gave none for a realm
};

struct client_error {
    client_errc code = client_errc::not_a_challenge;
    std::string sentence;
};

/// Lets result<T, client_error>::value() throw on error (Boost.System hook).
[[noreturn]] void throw_exception_from_error(client_error const& e, boost::source_location const& loc);

template <class T>
using client_result = boost::system::result<T, client_error>;

struct client_config {
    /// Makes a client nonce (RFC 7616 3.4: "an opaque quoted ASCII-only
    /// string value provided by the client"); by default 16 random bytes in hex.
    std::function<std::string()> make_cnonce;
};

class digest_client {
public:
    /// @p source must outlive the client.
    explicit digest_client(credential_source& source, client_config config = {});

    /// Takes the challenges of @p response (401 or 407) to @p request into
    /// the cache (per realm, the strongest algorithm offered: SHA-512-256,
    /// then SHA-256, then MD5) and returns the fields for the retried
    /// request: those of every cached realm, each with its next nc.
    client_result<std::vector<authorization>> answer(message const& response, message const& request);

    /// The fields that pre-authorize a new request from the cache, one per
    /// cached realm, each with its next nc. Empty when nothing is cached.
    std::vector<authorization> authorize(std::string_view method, std::string_view request_uri);

    /// Drops the cached credentials of @p realm (both kinds).
    void forget(std::string_view realm);

    std::size_t cached() const noexcept { return cache_.size(); }

private:
    struct entry {
        client_secret secret;
        std::string nonce;
        std::string opaque;
        std::string cnonce;
        digest_algorithm algorithm = digest_algorithm::unspecified;
        bool qop_auth = false; ///< qop=auth offered; otherwise the RFC 2069 form
        std::uint32_t nc = 0;  ///< last nonce-count sent with this nonce
    };
    using key = std::pair<auth_kind, std::string>; // (kind, realm)

    client_result<void> take(auth_kind kind, challenge const& c);
    std::string credentials_value(std::string_view realm, entry& e, std::string_view method,
                                  std::string_view request_uri);

    credential_source& source_;
    client_config config_;
    std::map<key, entry, std::less<>> cache_;
};

} // namespace cpm::sip::auth
