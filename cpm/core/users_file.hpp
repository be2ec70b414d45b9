#pragma once
/// @file
/// The users of the embedded SIP/IP core, read from a text file (issue 6:
/// "users come from a file for now"). One user per line; '#' starts a
/// comment line; blank lines are ignored:
///
///     alice plain:secret Alice Liddell
///     bob md5:0123456789abcdef0123456789abcdef
///     carol sha256:<64 hex digits> Carol
///
/// A plain password serves every Digest algorithm; an HA1
/// (H(user:realm:password), RFC 7616 3.4.2) serves its own algorithm only,
/// and was computed with the realm the server uses: its domain.

#include "sip/abnf/parse_error.hpp"
#include "sip/auth/user_store.hpp"

#include <map>
#include <string>
#include <string_view>

namespace cpm::core {

/// The users of one domain: their secrets (realm = the domain) and display names.
class user_directory final : public sip::auth::user_store {
public:
    explicit user_directory(std::string domain) : domain_(std::move(domain)) {}

    /// Adds @p user; false when it is already there (nothing changes then).
    bool add_password(std::string_view user, std::string_view password, std::string_view display_name = {});
    bool add_ha1(std::string_view user, sip::digest_algorithm algorithm, std::string_view ha1,
                 std::string_view display_name = {});

    /// Whether @p user (the user part of an AOR of our domain) exists.
    bool contains(std::string_view user) const;
    /// The display name of @p user; empty when none was given or the user is unknown.
    std::string_view display_name(std::string_view user) const;
    std::size_t size() const noexcept { return display_names_.size(); }
    std::string const& domain() const noexcept { return domain_; }

    std::optional<sip::auth::user_secret> find(std::string_view realm, std::string_view username,
                                               sip::digest_algorithm algorithm) const override;

private:
    std::string domain_;
    sip::auth::memory_user_store secrets_;
    std::map<std::string, std::string, std::less<>> display_names_; // every user, "" when it has none
};

/// Parses the text of a users file for @p domain. An error's message reads
/// "FILE:LINE:COL: sentence" (@p file_name as given), its line and column
/// point at the faulty element: a missing or unknown secret kind, an HA1 of
/// the wrong length or not hex, a duplicate user.
sip::abnf::result<user_directory> parse_users(std::string_view text, std::string_view domain,
                                              std::string_view file_name);

/// Reads and parses the file at @p path; an unreadable file is an error
/// ("FILE:1:1: cannot read the file").
sip::abnf::result<user_directory> load_users_file(std::string const& path, std::string_view domain);

} // namespace cpm::core
