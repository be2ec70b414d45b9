#pragma once
/// @file
/// The message/imdn+xml document (RFC 5438 section 10): parse and build.
///
///   <imdn xmlns="urn:ietf:params:xml:ns:imdn">
///     <message-id>  <datetime>  [<recipient-uri>] [<original-recipient-uri>] [<subject>]
///     <delivery-notification> | <display-notification> | <processing-notification>
///       <status> one of the statuses of that notification </status>
///   </imdn>
///
/// Elements of other namespaces are extensions and are skipped (the schema
/// allows them); an element of the IMDN namespace the schema does not have,
/// a repeated or missing one, and a status that does not belong to the
/// notification are errors.

#include "imdn/xml/document.hpp"

#include "cpim/date_time.hpp"
#include "sip/abnf/parse_error.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace cpm::imdn {

/// The XML namespace of the document (RFC 5438 section 10.2).
inline constexpr std::string_view xml_namespace = "urn:ietf:params:xml:ns:imdn";
/// Its media type (RFC 5438 section 10).
inline constexpr std::string_view content_type = "message/imdn+xml";

/// Which report a document carries (RFC 5438 section 5).
enum class notification_kind : std::uint8_t { delivery, display, processing };

/// The status element inside <status> (RFC 5438 section 10.2 schema).
enum class notification_status : std::uint8_t {
    delivered, ///< delivery
    failed,    ///< delivery
    displayed, ///< display
    processed, ///< processing
    stored,    ///< processing
    forbidden, ///< any: policy forbids the report or the action
    error,     ///< any
};

/// "delivery-notification", "display-notification", "processing-notification".
std::string_view element_name(notification_kind k) noexcept;
/// "delivered", "failed", ... (the element name).
std::string_view element_name(notification_status s) noexcept;
/// Whether @p s is one of the statuses of @p k.
bool allowed(notification_kind k, notification_status s) noexcept;

/// A parsed document: every text a view into it unless it had to be decoded
/// (a reference, CDATA, a CR), in which case an owned copy.
struct notification {
    xml::text_value message_id;
    xml::text_value datetime; ///< as written (RFC 3339 date-time, checked by parse)
    std::optional<xml::text_value> recipient_uri;
    std::optional<xml::text_value> original_recipient_uri;
    std::optional<xml::text_value> subject;
    notification_kind kind = notification_kind::delivery;
    notification_status status = notification_status::delivered;

    /// The decoded datetime (its views point into this notification).
    cpim::date_time date_time() const;
};

/// Parses a message/imdn+xml document. @p text must outlive the result.
/// Reader errors and IMDN errors alike carry line:column in @p text.
sip::abnf::result<notification> parse_notification(std::string_view text, xml::limits const& lim = {});

/// What a built document says. Texts are plain (escaped when written).
struct notification_fields {
    std::string_view message_id;
    std::string_view datetime; ///< an RFC 3339 date-time, e.g. from cpim::append_date_time
    std::string_view recipient_uri;          ///< omitted when empty
    std::string_view original_recipient_uri; ///< omitted when empty
    std::string_view subject;                ///< omitted when empty
    notification_kind kind = notification_kind::delivery;
    notification_status status = notification_status::delivered;
};

/// The document in canonical form (XML declaration, default namespace, one
/// element per line). Refuses a status that is not the notification's, an
/// empty or non-Token message-id, a datetime that is not RFC 3339, and text
/// XML cannot carry; the sentence names the field (offset 0).
sip::abnf::result<std::string> build_notification(notification_fields const& fields);

} // namespace cpm::imdn
