#pragma once
/// @file
/// The two Digest flows of RFC 3261 22.2 and 22.3: a UAS or registrar
/// answers 401 with WWW-Authenticate and reads Authorization; a proxy
/// answers 407 with Proxy-Authenticate and reads Proxy-Authorization.

#include "sip/header_id.hpp"

#include <cstdint>
#include <string_view>

namespace cpm::sip::auth {

enum class auth_kind : std::uint8_t {
    www,   ///< 401, WWW-Authenticate, Authorization (RFC 3261 22.2)
    proxy, ///< 407, Proxy-Authenticate, Proxy-Authorization (RFC 3261 22.3)
};

constexpr header_id challenge_header(auth_kind kind) noexcept
{
    return kind == auth_kind::www ? header_id::www_authenticate : header_id::proxy_authenticate;
}

constexpr header_id credentials_header(auth_kind kind) noexcept
{
    return kind == auth_kind::www ? header_id::authorization : header_id::proxy_authorization;
}

constexpr unsigned challenge_status(auth_kind kind) noexcept
{
    return kind == auth_kind::www ? 401 : 407;
}

constexpr std::string_view challenge_reason(auth_kind kind) noexcept
{
    return kind == auth_kind::www ? "Unauthorized" : "Proxy Authentication Required";
}

} // namespace cpm::sip::auth
