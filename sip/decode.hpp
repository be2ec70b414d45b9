#pragma once
/// @file
/// Decodes any header field value by its id into its typed view: the one
/// entry point cpm-inspect (and any conformance check) uses to see every
/// header of a message.
///
///     for (auto const& h : msg.headers()) {
///         auto v = decode(h.id, h.value);   // abnf::result<typed_value>
///         if (!v) report(v.error());        // "Contact: q must be a qvalue ..."
///         else std::visit(printer, *v);
///     }
///
/// Each header id always yields the same alternative (below); headers of
/// the same shape share one (Require and Supported are both a token_list),
/// so a consumer switches on the id when the shape is not enough. Every
/// view points into the value passed in: keep the message alive.

#include "sip/abnf/parse_error.hpp"
#include "sip/accept.hpp"
#include "sip/addresses.hpp"
#include "sip/caller_prefs.hpp"
#include "sip/contact.hpp"
#include "sip/content_disposition.hpp"
#include "sip/cseq.hpp"
#include "sip/date.hpp"
#include "sip/digest.hpp"
#include "sip/event.hpp"
#include "sip/header_id.hpp"
#include "sip/header_values.hpp"
#include "sip/identity.hpp"
#include "sip/info_uri.hpp"
#include "sip/media_type.hpp"
#include "sip/message.hpp"
#include "sip/name_addr.hpp"
#include "sip/product.hpp"
#include "sip/reason.hpp"
#include "sip/token_list.hpp"
#include "sip/via.hpp"
#include "sip/warning.hpp"

#include <cstdint>
#include <string_view>
#include <variant>

namespace cpm::sip {

/// The typed view of one header field value. Alternatives and the headers
/// that produce them:
/// - std::monostate: header_id::unknown (the raw value is all there is)
/// - std::uint32_t: Max-Forwards, Content-Length, Expires, Min-Expires,
///   RSeq, Flow-Timer
/// - std::string_view: Call-ID, Priority, SIP-ETag, SIP-If-Match, Subject,
///   Organization, Conversation-ID, Contribution-ID, InReplyTo-Contribution-ID
/// - via_list: Via
/// - name_addr: From, To, Reply-To, Refer-To, P-Called-Party-ID
/// - cseq: CSeq;  media_type: Content-Type;  contact_list: Contact
/// - name_addr_list: Route, Record-Route, Path, Service-Route,
///   P-Asserted-Identity, P-Preferred-Identity, P-Associated-URI
/// - referred_by: Referred-By
/// - session_expires: Session-Expires, Min-SE
/// - retry_after, timestamp, sip_date (Date), mime_version, rack, refer_sub
/// - token_list: Supported, Require, Proxy-Require, Unsupported, Allow,
///   Allow-Events, Content-Encoding, Content-Language, In-Reply-To, Privacy
///   (';'-separated), P-Asserted-Service, P-Preferred-Service
/// - accept_range_list: Accept
/// - accept_value_list: Accept-Encoding, Accept-Language
/// - caller_preference_list: Accept-Contact, Reject-Contact, Feature-Caps
/// - request_disposition, event (Event), subscription_state
/// - product_list: User-Agent, Server
/// - warning_list: Warning
/// - info_uri_list: Alert-Info, Call-Info, Error-Info, Identity-Info
/// - content_disposition, reason_list (Reason), identity (Identity)
/// - challenge: WWW-Authenticate, Proxy-Authenticate
/// - credentials: Authorization, Proxy-Authorization
/// - authentication_info: Authentication-Info
using typed_value = std::variant<
    std::monostate, std::uint32_t, std::string_view, via_list, name_addr, cseq, media_type, contact_list,
    name_addr_list, referred_by, session_expires, retry_after, timestamp, sip_date, mime_version, rack, refer_sub,
    token_list, accept_range_list, accept_value_list, caller_preference_list, request_disposition, event,
    subscription_state, product_list, warning_list, info_uri_list, content_disposition, reason_list, identity,
    challenge, credentials, authentication_info>;

/// Decodes @p value, the value of a header field with id @p id (as
/// header_field::value holds it: after HCOLON, trailing whitespace removed,
/// folds kept). Errors name the header ("Contact: ...") and their offsets
/// are relative to @p value. header_id::unknown yields std::monostate.
abnf::result<typed_value> decode(header_id id, std::string_view value);

/// Decodes field @p field of @p msg (a reference into msg.headers()) with
/// the same result as decode(field.id, field.value), but reuses what
/// message::parse() already decoded: the first Via, From, To, Call-ID, CSeq,
/// Max-Forwards, Content-Length and Content-Type fields are not read again
/// (for a Via field only its via-parms after the topmost one are). Decoding
/// a whole message this way reads every value once.
abnf::result<typed_value> decode(message const& msg, header_field const& field);

} // namespace cpm::sip
