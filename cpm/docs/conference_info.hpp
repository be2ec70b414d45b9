#pragma once
/// @file
/// conference-info documents (RFC 4575 section 5, application/conference-info+xml):
/// the state of a tightly coupled conference as a conference event package
/// NOTIFY carries it, in full or partial form (RFC 4575 section 4.6).
///
/// The model (conference_info and its parts) is plain data whose text is
/// text_value: views into a parsed document, or owned strings once a
/// conference_tracker has merged them (conference_tracker.hpp). The writer
/// (conference_info_builder.hpp) turns a model back into a document.

#include "imdn/xml/document.hpp"

#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace cpm::docs {

inline constexpr std::string_view conference_info_namespace = "urn:ietf:params:xml:ns:conference-info";

/// state-type (RFC 4575 section 5.2): whether an element holds all of its
/// content, only what changed since the previous notification, or was
/// removed.
enum class element_state : std::uint8_t { full, partial, deleted };

/// endpoint-status-type (RFC 4575 section 5.7.3).
enum class endpoint_status : std::uint8_t {
    pending,
    dialing_out,
    dialing_in,
    alerting,
    on_hold,
    connected,
    muted_via_focus,
    disconnecting,
    disconnected,
};

/// joining-type (RFC 4575 section 5.7.4).
enum class joining_method : std::uint8_t { dialed_in, dialed_out, focus_owner };

/// disconnection-type (RFC 4575 section 5.7.6).
enum class disconnection_method : std::uint8_t { departed, booted, failed, busy };

/// media-status-type (RFC 4575 sections 5.8 and 5.3.4): the direction of a stream.
enum class media_status : std::uint8_t { recvonly, sendonly, sendrecv, inactive };

using imdn::xml::text_value;

/// execution-type (RFC 4575 sections 5.7.2, 5.7.5, 5.7.7): when, why and by whom something
/// happened (referred, joining-info, disconnection-info, modified).
struct execution {
    std::optional<text_value> when;   ///< xs:dateTime, as written
    std::optional<text_value> reason;
    std::optional<text_value> by;     ///< a URI

    bool operator==(execution const&) const = default;
};

/// uri-type: one <entry> of a uris-type list (RFC 4575 section 5.3.1).
/// Its key is the URI.
struct uri_entry {
    text_value uri;
    std::optional<text_value> display_text;
    std::optional<text_value> purpose;
    std::optional<execution> modified;

    bool operator==(uri_entry const&) const = default;
};

/// uris-type: conf-uris, service-uris, host-info/uris, associated-aors,
/// sidebars-by-ref.
struct uri_list {
    element_state state = element_state::full;
    std::vector<uri_entry> entries;

    bool operator==(uri_list const&) const = default;
};

/// conference-medium-type: one <entry> of available-media (RFC 4575
/// section 5.3.4), keyed by its label.
struct available_medium {
    text_value label;
    std::optional<text_value> display_text;
    text_value type; ///< "audio", "video", "message", ...
    std::optional<media_status> status;

    bool operator==(available_medium const&) const = default;
};

/// conference-media-type: <available-media>.
struct available_media {
    element_state state = element_state::full;
    std::vector<available_medium> entries;

    bool operator==(available_media const&) const = default;
};

/// <conference-description> (RFC 4575 section 5.3).
struct conference_description {
    std::optional<text_value> display_text;
    std::optional<text_value> subject;
    std::optional<text_value> free_text;
    std::optional<text_value> keywords; ///< a space-separated list, as written
    std::optional<uri_list> conf_uris;
    std::optional<uri_list> service_uris;
    std::optional<std::uint32_t> maximum_user_count;
    std::optional<available_media> media;

    bool operator==(conference_description const&) const = default;
};

/// <host-info> (RFC 4575 section 5.4).
struct host_info {
    std::optional<text_value> display_text;
    std::optional<text_value> web_page;
    std::optional<uri_list> uris;

    bool operator==(host_info const&) const = default;
};

/// <conference-state> (RFC 4575 section 5.5).
struct conference_state {
    std::optional<std::uint32_t> user_count;
    std::optional<bool> active;
    std::optional<bool> locked;

    bool operator==(conference_state const&) const = default;
};

/// media-type: one <media> of an endpoint (RFC 4575 section 5.8), keyed
/// by its id.
struct endpoint_media {
    text_value id;
    std::optional<text_value> display_text;
    std::optional<text_value> type;
    std::optional<text_value> label;  ///< the SDP a=label of the stream (RFC 4574)
    std::optional<text_value> src_id; ///< the RTP SSRC (or other source id) the focus uses
    std::optional<media_status> status;

    bool operator==(endpoint_media const&) const = default;
};

/// sip-dialog-id-type: the <sip> of <call-info> (RFC 4575 section 5.7).
struct sip_dialog_id {
    std::optional<text_value> display_text;
    text_value call_id;
    text_value from_tag;
    text_value to_tag;

    bool operator==(sip_dialog_id const&) const = default;
};

/// endpoint-type (RFC 4575 section 5.7): one device of a user, keyed by
/// its entity.
struct endpoint {
    text_value entity;
    element_state state = element_state::full;
    std::optional<text_value> display_text;
    std::optional<execution> referred;
    std::optional<endpoint_status> status;
    std::optional<joining_method> joining;
    std::optional<execution> joining_info;
    std::optional<disconnection_method> disconnection;
    std::optional<execution> disconnection_info;
    std::vector<endpoint_media> media;
    std::optional<sip_dialog_id> call_info;

    bool operator==(endpoint const&) const = default;
};

/// user-type (RFC 4575 section 5.6): one participant, keyed by its entity.
struct user {
    text_value entity;
    element_state state = element_state::full;
    std::optional<text_value> display_text;
    std::optional<uri_list> associated_aors;
    std::optional<std::vector<text_value>> roles; ///< <roles><entry>..</entry></roles>
    std::optional<text_value> languages;          ///< a space-separated list of language tags
    std::optional<text_value> cascaded_focus;
    std::vector<endpoint> endpoints;

    bool operator==(user const&) const = default;
};

/// users-type: <users>.
struct user_list {
    element_state state = element_state::full;
    std::vector<user> entries;

    bool operator==(user_list const&) const = default;
};

struct conference_info;

/// sidebars-by-val-type (RFC 4575 section 5.9.2): sidebars described in
/// full, each a conference-type keyed by its entity.
struct sidebar_list {
    element_state state = element_state::full;
    std::vector<conference_info> entries;

    bool operator==(sidebar_list const&) const = default;
};

/// conference-type: the document element <conference-info> (RFC 4575
/// section 5.2), or one sidebar of <sidebars-by-val>.
struct conference_info {
    text_value entity;                          ///< the conference URI
    element_state state = element_state::full;
    std::optional<std::uint32_t> version;       ///< orders notifications (section 4.6)
    std::optional<conference_description> description;
    std::optional<host_info> host;
    std::optional<conference_state> conference;
    std::optional<user_list> users;
    std::optional<uri_list> sidebars_by_ref;
    std::optional<sidebar_list> sidebars_by_val;

    bool operator==(conference_info const&) const = default;
};

/// A parsed conference-info document: the model with views into the text.
class conference_document {
public:
    /// Parses and keeps @p text.
    static sip::abnf::result<conference_document> parse(sip::abnf::text_buffer text,
                                                        imdn::xml::limits const& lim = {});
    /// Parses text that the caller keeps alive (a NOTIFY body).
    static sip::abnf::result<conference_document> parse(std::string_view text, imdn::xml::limits const& lim = {});

    conference_document(conference_document&&) noexcept = default;
    conference_document& operator=(conference_document&&) noexcept = default;

    conference_info const& info() const noexcept { return info_; }
    imdn::xml::document const& document() const noexcept { return doc_; }

private:
    explicit conference_document(imdn::xml::document doc) : doc_(std::move(doc)) {}
    static sip::abnf::result<conference_document> read(imdn::xml::document doc);

    imdn::xml::document doc_;
    conference_info info_;
};

/// The schema spelling: "full", "dialing-out", "focus-owner", "sendrecv", ...
std::string_view to_string(element_state s) noexcept;
std::string_view to_string(endpoint_status s) noexcept;
std::string_view to_string(joining_method m) noexcept;
std::string_view to_string(disconnection_method m) noexcept;
std::string_view to_string(media_status s) noexcept;

} // namespace cpm::docs
