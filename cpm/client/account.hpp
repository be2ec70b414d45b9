#pragma once
/// @file
/// Who a CPM client is and where it registers: the user, its domain and
/// password, the SIP/IP core it talks to, its instance identifier, and the
/// CPM services it announces (shared/spec/DECISIONS.md, "Service
/// identifiers and feature tags").

#include "sip/stack/peer.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::client {

/// The ICSI of Pager Mode messages (DECISIONS.md; the draft leaves 'xxx').
inline constexpr std::string_view pager_service = "urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg";
/// DECISIONS.md "CPM release version": the User-Agent product token
/// (draft 7.3.1 step 4), followed by our own product.
inline constexpr std::string_view user_agent_text = "CPM-client/OMA1.0 cpm/0.1";
/// The methods the client serves (Allow, RFC 3261 20.5).
inline constexpr std::string_view allowed_methods = "MESSAGE, OPTIONS";
/// The bodies a MESSAGE to the client may carry (Accept, RFC 3261 20.1).
inline constexpr std::string_view accepted_types = "text/plain, message/cpim";
/// Draft 5.1: a Pager Mode message carries at most this many bytes of
/// content; more goes as a Large Message (MSRP).
inline constexpr std::size_t pager_limit = 1300;

struct account {
    std::string user;         ///< "alice"
    std::string domain;       ///< "example.com": the registrar's domain and the AOR's host
    std::string password;     ///< answers every Digest realm (RFC 3261 22)
    std::string display_name; ///< draft 7.1 step 7: shown in From and Contact when set
    /// Where every request goes: the SIP/IP core (outbound proxy and
    /// registrar; draft 7.1 step 8, 7.3.1 step 10).
    sip::stack::peer server;
    /// RFC 5626 +sip.instance: "urn:uuid:..." stable for this client
    /// (draft 7.1 step 3); see instance_for().
    std::string instance;
    std::uint32_t reg_id = 1;    ///< RFC 5626 reg-id
    std::uint32_t expires = 600; ///< the registration time asked for (10.2.1.1)
    /// Draft 7.1 step 5 wants Require: gruu in REGISTER. A registrar
    /// without GRUU support then answers 420 (RFC 3261 8.2.2.3); turn it
    /// off for such a core.
    bool require_gruu = true;
    /// The ICSIs this client supports, announced in the Contact of its
    /// REGISTER (draft 7.1 steps 2 and 6): only Pager Mode for now.
    std::vector<std::string> services{std::string(pager_service)};
};

/// "sip:<user>@<domain>": the address of record (RFC 3261 10.2.1).
std::string address_of_record(account const& a);

/// "[\"display\" ]<uri>": a name-addr with the display name of draft 7.1
/// step 7 when @p display is not empty (quotes and backslashes escaped).
std::string name_addr(std::string_view display, std::string_view uri);

/// `+g.3gpp.icsi-ref="urn%3Aurn-7%3A..."` for @p services (RFC 3840 9,
/// 3GPP TS 24.229 7.9A: URNs %-encoded, comma separated, in one parameter).
std::string icsi_feature(std::span<std::string const> services);

/// A target as a user types it: a full URI is kept, "bob" becomes
/// "sip:bob@<domain>", "bob@host" becomes "sip:bob@host".
std::string expand_target(std::string_view target, std::string_view domain);

} // namespace cpm::client
