#pragma once
/// @file
/// Known SIP header names, their compact forms (RFC 3261 7.3.3 and later
/// RFCs) and a lookup that costs one switch and a few compares.

#include <cstdint>
#include <string_view>

namespace cpm::sip {

enum class header_id : std::uint8_t {
    unknown, ///< preserved raw; compare header_field::name
    // Hot path (decoded eagerly)
    via, from, to, call_id, cseq, max_forwards, content_length, content_type,
    // Decoded on access
    contact, route, record_route, path, service_route,
    expires, min_expires, session_expires, min_se,
    supported, require, proxy_require, unsupported, allow, accept,
    accept_encoding, accept_language,
    accept_contact, reject_contact, request_disposition,
    event, allow_events, subscription_state,
    privacy, p_asserted_identity, p_preferred_identity,
    p_asserted_service, p_preferred_service,
    referred_by, refer_to, reply_to, user_agent, server, warning, error_info,
    retry_after, date, content_disposition, content_encoding, content_language,
    mime_version, www_authenticate, proxy_authenticate, authorization,
    proxy_authorization, authentication_info, timestamp, subject, organization,
    priority, call_info, alert_info, in_reply_to, rseq, rack, reason,
    identity, identity_info,
    conversation_id, contribution_id, inreplyto_contribution_id,
    // RFC 7315 (IMS), RFC 6809, RFC 3903, RFC 5626, RFC 4488
    p_associated_uri, p_called_party_id, feature_caps, sip_etag, sip_if_match,
    flow_timer, refer_sub,
    count_ ///< number of ids (not a header)
};

/// Maps a header name (either form, any case) to its id.
header_id lookup_header(std::string_view name) noexcept;
/// The canonical long name ("Call-ID"), empty for unknown.
std::string_view canonical_name(header_id id) noexcept;
/// The compact form letter, or '\0' when the header has none.
char compact_form(header_id id) noexcept;

} // namespace cpm::sip
