#pragma once
/// @file
/// Where the verifier finds a user's secret: the password, or the HA1
/// (H(username:realm:password)) of each algorithm, so that a store need not
/// keep passwords (RFC 7616 5.2 calls HA1 "password equivalent": protect it
/// as such).

#include "sip/digest.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace cpm::sip::auth {

/// One user's secret for one realm and algorithm.
struct user_secret {
    enum class kind : std::uint8_t { password, ha1 };
    kind type = kind::password;
    std::string value; ///< the password, or HA1 in hex for the algorithm asked
};

/// The verifier's view of the user database.
class user_store {
public:
    virtual ~user_store() = default;
    /// The secret of @p username in @p realm usable with @p algorithm (a
    /// base algorithm: md5, sha_256 or sha_512_256), or nullopt when the
    /// user is unknown (or has no HA1 for that algorithm).
    virtual std::optional<user_secret> find(std::string_view realm, std::string_view username,
                                            digest_algorithm algorithm) const = 0;
};

/// An in-memory store: for tests, tools and small deployments.
class memory_user_store final : public user_store {
public:
    /// Stores a password, usable with every algorithm.
    void add_password(std::string_view realm, std::string_view username, std::string_view password);
    /// Stores the HA1 of one base algorithm.
    void add_ha1(std::string_view realm, std::string_view username, digest_algorithm algorithm,
                 std::string_view ha1);

    std::optional<user_secret> find(std::string_view realm, std::string_view username,
                                    digest_algorithm algorithm) const override;

private:
    // (realm, username, algorithm or unspecified for a password) -> secret
    using key = std::tuple<std::string, std::string, digest_algorithm>;
    std::map<key, user_secret, std::less<>> entries_;
};

} // namespace cpm::sip::auth
