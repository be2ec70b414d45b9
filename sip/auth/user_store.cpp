#include "sip/auth/user_store.hpp"

namespace cpm::sip::auth {

void memory_user_store::add_password(std::string_view realm, std::string_view username, std::string_view password)
{
    entries_[key(realm, username, digest_algorithm::unspecified)] =
        user_secret{user_secret::kind::password, std::string(password)};
}

void memory_user_store::add_ha1(std::string_view realm, std::string_view username, digest_algorithm algorithm,
                                std::string_view ha1)
{
    entries_[key(realm, username, algorithm)] = user_secret{user_secret::kind::ha1, std::string(ha1)};
}

std::optional<user_secret> memory_user_store::find(std::string_view realm, std::string_view username,
                                                   digest_algorithm algorithm) const
{
    if (auto it = entries_.find(key(realm, username, algorithm)); it != entries_.end())
        return it->second;
    if (auto it = entries_.find(key(realm, username, digest_algorithm::unspecified)); it != entries_.end())
        return it->second;
    return std::nullopt;
}

} // namespace cpm::sip::auth
