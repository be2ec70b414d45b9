#pragma once
/// @file
/// UUIDs (RFC 4122) the client writes: random ones for Conversation-ID and
/// Contribution-ID (DECISIONS.md), and a name-based one for the stable
/// +sip.instance of a client (RFC 5626 4.1: the same across restarts).

#include "sip/stack/core.hpp"

#include <string>
#include <string_view>

namespace cpm::client {

/// A version 4 UUID from the core's seeded generator ("f81d4fae-7dec-41d0-a765-00a0c91e6bf6").
std::string random_uuid(sip::stack::core& c);

/// A version 5 UUID of @p name (SHA-1, URL namespace): the same name always
/// gives the same UUID.
std::string name_uuid(std::string_view name);

/// "urn:uuid:<name_uuid(name)>": an RFC 5626 instance identifier derived
/// from a stable name (user, domain and host, say).
std::string instance_for(std::string_view name);

} // namespace cpm::client
