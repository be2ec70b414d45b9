#pragma once
/// @file
/// One CPM client as a transaction user of the stack core: its
/// registration, its pager, and the Digest credentials they share (one
/// cache per realm, RFC 3261 22.3). handle() takes every TU notification
/// of the core; requests nobody here serves get the RFC 3261 answer
/// (OPTIONS 200 with Allow, 11.2; other methods 405 with Allow, 8.2.1).

#include "cpm/client/account.hpp"
#include "cpm/client/pager.hpp"
#include "cpm/client/registration.hpp"

#include "sip/auth/client_credentials.hpp"
#include "sip/stack/core.hpp"

namespace cpm::client {

class user_agent {
public:
    explicit user_agent(account a);
    user_agent(user_agent const&) = delete;
    user_agent& operator=(user_agent const&) = delete;

    client::registration& registration() noexcept { return registration_; }
    client::pager& pager() noexcept { return pager_; }
    account const& settings() const noexcept { return account_; }

    /// Routes @p a (a TU notification of @p c) to the registration or the
    /// pager, and answers the requests neither takes.
    void handle(sip::stack::core& c, sip::stack::action const& a);

private:
    /// RFC 3261 22: the account's password answers every realm.
    class secret final : public sip::auth::credential_source {
    public:
        explicit secret(account const& a) : account_(a) {}
        std::optional<sip::auth::client_secret> credentials(std::string_view realm) override;

    private:
        account const& account_;
    };

    account account_;
    secret secret_;
    sip::auth::digest_client digest_;
    client::registration registration_;
    client::pager pager_;
};

} // namespace cpm::client
