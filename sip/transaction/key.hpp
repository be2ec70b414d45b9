#pragma once
/// @file
/// Transaction keys: which transaction a message belongs to (RFC 3261
/// 17.1.3 for responses to client transactions, 17.2.3 for requests to
/// server transactions, with the RFC 2543 fallback). Keys are views into
/// the message they were made from.

#include "sip/message.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace cpm::sip::transaction {

/// 17.1.3: a response matches a client transaction when the branch of its
/// top Via and its CSeq method equal those of the request that created the
/// transaction. So a CANCEL (same branch as its INVITE, 9.1) has its own
/// transaction.
struct client_key {
    std::string_view branch; ///< compared byte for byte
    std::string_view method; ///< CSeq method, case-sensitive (7.1)

    friend bool operator==(client_key const&, client_key const&) = default;
};

/// The key of a request a client sends or of a response it receives.
client_key client_key_of(sip::message const& m) noexcept;

/// 17.2.3: the key of a request at a server. With a branch that starts with
/// the magic cookie "z9hG4bK" (rfc3261 true): branch, sent-by (host and
/// port) of the top Via, and the method, ACK counting as INVITE. Otherwise
/// (RFC 2543 peers): Request-URI, From tag, Call-ID, CSeq number, top Via
/// and the method (ACK as INVITE); the To tag check that 17.2.3 adds is
/// left to legacy_to_tag_matches(), since an ACK carries the response's To
/// tag rather than the INVITE's.
struct server_key {
    bool rfc3261 = true;
    std::string_view method;  ///< request method, "INVITE" for ACK
    // RFC 3261 matching
    std::string_view branch;  ///< byte for byte
    std::string_view host;    ///< sent-by host, case-insensitive
    std::optional<std::uint16_t> port; ///< sent-by port as written
    // RFC 2543 matching
    std::string_view request_uri; ///< byte for byte
    std::string_view from_tag;
    std::string_view call_id;     ///< byte for byte (20.8)
    std::uint32_t cseq_number = 0;
    std::string_view top_via;     ///< the whole top via-parm, byte for byte

    friend bool operator==(server_key const& a, server_key const& b) noexcept;
};

/// The key of @p request (any method; ACK keys as the INVITE it acknowledges).
server_key server_key_of(sip::message const& request) noexcept;

/// 9.2: the key of the transaction a CANCEL names: the CANCEL's own key
/// with its method taken as @p method ("anything but CANCEL or ACK"; INVITE
/// by default, the only method 9.1 lets a client cancel).
server_key cancelled_key_of(sip::message const& cancel, std::string_view method = "INVITE") noexcept;

/// 17.2.3, RFC 2543 fallback: the To tag part of the match. An ACK must
/// carry the To tag of @p last_response (the response the transaction
/// sent); any other request the To tag of @p creating_request.
bool legacy_to_tag_matches(sip::message const& request, sip::message const& creating_request,
                           sip::message const* last_response) noexcept;

/// Hashes keys consistently with their equality.
struct key_hash {
    std::size_t operator()(client_key const& k) const noexcept;
    std::size_t operator()(server_key const& k) const noexcept;
};

} // namespace cpm::sip::transaction
