#pragma once
/// @file
/// Network-asserted identity (RFC 3325) and the privacy service (RFC 3323)
/// of the proxy: what it removes from and adds to a request it forwards.
///
/// RFC 3325 section 5 (the proxy is the edge of a Trust Domain):
/// - P-Asserted-Identity from an untrusted source is removed; from a
///   trusted peer it is kept (and not asserted again).
/// - P-Preferred-Identity is consumed: removed always. When it names the
///   authenticated user (REQ-6.2-P1: "a client preferred identity ... to be
///   used inside the P-Asserted-Identity"), its display name is used.
/// - The proxy asserts the authenticated user: P-Asserted-Identity:
///   "Display Name" <sip:user@domain>.
/// - RFC 3325 9.3 / section 7: with "Privacy: id", no P-Asserted-Identity
///   goes to an untrusted recipient (our registered UEs are untrusted).
///
/// RFC 3323 section 5 (what this privacy service does toward an untrusted
/// recipient; a trusted one gets the request as is, the Trust Domain's
/// exit applies the privacy):
/// - "user" and "header": the fields RFC 3323 4.1 lists as revealing the
///   user and not needed to route (Subject, Call-Info, Organization,
///   User-Agent, Reply-To, In-Reply-To) are withheld.
/// - "header": anonymizing Via, Contact and Record-Route (5.1) needs state
///   this proxy does not keep; "session" (media relaying, 5.2) is not
///   offered either. Those are not performed; with "critical" (4.2) the
///   request is rejected with 500 (Privacy Unavailable) instead.
/// - "none": no privacy function; "id": see above.

#include "sip/header_id.hpp"
#include "sip/message.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::core {

/// The user the proxy authenticated (RFC 3261 22.3), to assert.
struct asserted_user {
    std::string aor;          ///< "sip:alice@example.com"
    std::string display_name; ///< from the users file; empty when none
};

/// What the proxy does with the identity fields of one forwarded request.
struct identity_edits {
    std::vector<sip::header_id> remove;  ///< fields to remove
    std::string extra_headers;           ///< whole fields to add ("P-Asserted-Identity: ...\r\n")
    /// RFC 3323 4.2: "critical" asked for privacy this service cannot give:
    /// answer 500 (Privacy Unavailable) instead of forwarding.
    bool privacy_unavailable = false;
};

/// Where the request comes from and goes to, in RFC 3325 terms.
struct identity_context {
    bool trusted_source = false;    ///< a peer of the Trust Domain (--trust)
    bool trusted_recipient = false; ///< the next hop is a peer of the Trust Domain
    /// The authenticated originator; nullopt when none (a trusted peer, a
    /// request from another domain, a request within a dialog).
    std::optional<asserted_user> user;
};

/// The RFC 3325 / RFC 3323 edits of @p request forwarded in @p context.
/// Malformed Privacy or P-Preferred-Identity values are treated as absent
/// (they ask nothing a proxy can honour; the fields are withheld anyway).
identity_edits plan_identity(sip::message const& request, identity_context const& context);

/// The P-Asserted-Identity value for @p user: "\"Display\" <aor>" or "<aor>"
/// (the display name quoted and escaped as RFC 3261 25.1 quoted-string).
std::string asserted_identity_value(asserted_user const& user);

} // namespace cpm::core
