#pragma once
/// @file
/// A request outside any dialog that the client may send more than once:
/// again with Digest credentials after a 401/407 (RFC 3261 22.2), or with
/// a longer Expires after a 423 (10.2.8). Each send takes a fresh Via
/// branch and the next CSeq (8.1.3.5: "the UAC ... MUST increment the CSeq").

#include "sip/auth/client_credentials.hpp"
#include "sip/stack/core.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cpm::client {

struct outgoing {
    std::string method;      ///< "REGISTER", "MESSAGE"
    std::string request_uri;
    std::string from;        ///< name-addr of From, without the tag
    std::string from_tag;
    std::string to;          ///< name-addr of To
    std::string call_id;
    std::uint32_t cseq = 1;
    std::vector<std::string> route; ///< Route values in order (RFC 3608 preloaded route)
    std::vector<std::pair<std::string, std::string>> fields; ///< further fields, in order
    std::string content_type; ///< empty: no body
    std::string body;
    /// Authorization / Proxy-Authorization values of the last answer.
    std::vector<sip::auth::authorization> credentials;

    /// The wire form, with a fresh Via (from @p c) for @p next_hop.
    std::string render(sip::stack::core& c, sip::stack::peer const& next_hop) const;
};

/// One request in flight: what it is, the bytes last sent, and how many
/// challenges it has met.
struct pending_request {
    outgoing request;
    std::string sent;
    sip::stack::client_handle handle{};
    unsigned challenges = 0;
};

/// Sends @p p's request (again) to @p to: renders it and starts a client
/// transaction.
sip::stack::result<sip::stack::client_handle> send(sip::stack::core& c, sip::stack::peer const& to,
                                                   pending_request& p);

/// RFC 3261 22.2, 22.3: for a 401 or 407 @p response to @p p, takes the
/// challenge into @p digest and readies the retry (next CSeq, the
/// credentials). False when it cannot be retried: a second challenge in a
/// row that is not stale (the credentials were refused), or one the
/// client cannot answer; the response is then final for the caller.
bool answer_challenge(sip::auth::digest_client& digest, sip::message const& response, pending_request& p);

/// The credentials cached for @p r's realm(s), put on a new request before
/// it goes out (22.3: pre-authorized, the next nonce-count).
void preauthorize(sip::auth::digest_client& digest, outgoing& r);

} // namespace cpm::client
