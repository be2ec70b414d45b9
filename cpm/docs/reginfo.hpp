#pragma once
/// @file
/// reginfo documents (RFC 3680 section 5, application/reginfo+xml): the
/// registration state a registrar reports in the "reg" event package, in
/// full or partial form, with the GRUUs of RFC 5628 (which a CPM client
/// that registered with a GRUU learns its own temporary GRUU from).
///
/// Like conference_info.hpp, the model is plain data with text_value text
/// (views into the parsed document unless decoded); build() in
/// reginfo_builder.hpp writes it back.

#include "cpm/docs/resource_lists.hpp"

#include "imdn/xml/document.hpp"

#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace cpm::docs {

inline constexpr std::string_view reginfo_namespace = "urn:ietf:params:xml:ns:reginfo";
inline constexpr std::string_view gruuinfo_namespace = "urn:ietf:params:xml:ns:gruuinfo";

using imdn::xml::text_value;

/// <reginfo state>: the whole registration state, or what changed since
/// the previous version (RFC 3680 sections 5.1 and 5.2).
enum class reginfo_state : std::uint8_t { full, partial };

/// <registration state> (RFC 3680 section 5.1): the state machine of one
/// address of record.
enum class registration_state : std::uint8_t { init, active, terminated };

/// <contact state> (RFC 3680 section 5.1).
enum class contact_state : std::uint8_t { active, terminated };

/// <contact event>: the transition that led to the contact's state (RFC
/// 3680 section 5.1: registered, created, refreshed, shortened to active;
/// expired, deactivated, probation, unregistered, rejected to terminated).
enum class contact_event : std::uint8_t {
    registered,
    created,
    refreshed,
    shortened,
    expired,
    deactivated,
    probation,
    unregistered,
    rejected,
};

/// <unknown-param name="..">value</unknown-param>: a Contact header
/// parameter the registrar kept (e.g. +sip.instance).
struct unknown_param {
    text_value name;
    text_value value; ///< empty for a parameter without value

    bool operator==(unknown_param const&) const = default;
};

/// <gr:temp-gruu uri first-cseq/> (RFC 5628 section 4): the latest
/// temporary GRUU, valid from the REGISTER with that CSeq on.
struct temp_gruu {
    text_value uri;
    std::uint32_t first_cseq = 0;

    bool operator==(temp_gruu const&) const = default;
};

/// <contact> (RFC 3680 section 5.1): one binding of the address of record.
struct contact {
    text_value id;                     ///< the key of the contact within its registration
    contact_state state = contact_state::active;
    contact_event event = contact_event::registered;
    std::optional<std::uint64_t> duration_registered; ///< seconds
    std::optional<std::uint64_t> expires;             ///< seconds
    std::optional<std::uint64_t> retry_after;         ///< seconds (after probation)
    std::optional<text_value> q;
    std::optional<text_value> call_id;                ///< the callid attribute
    std::optional<std::uint64_t> cseq;
    text_value uri;                    ///< the <uri>: the contact address
    display_name name;                 ///< <display-name xml:lang>
    std::vector<unknown_param> params;
    std::optional<text_value> pub_gruu; ///< RFC 5628 <gr:pub-gruu uri>
    std::optional<temp_gruu> temp;      ///< RFC 5628 <gr:temp-gruu>

    bool operator==(contact const&) const = default;
};

/// <registration aor id state> (RFC 3680 section 5.1).
struct registration {
    text_value aor;
    text_value id; ///< the key of the registration within the document
    registration_state state = registration_state::init;
    std::vector<contact> contacts;

    bool operator==(registration const&) const = default;
};

/// <reginfo version state>.
struct reginfo {
    std::uint32_t version = 0; ///< from 0, one more per notification (RFC 3680 section 5.2)
    reginfo_state state = reginfo_state::full;
    std::vector<registration> registrations;

    bool operator==(reginfo const&) const = default;
};

/// A parsed reginfo document: the model with views into the text.
class reginfo_document {
public:
    /// Parses and keeps @p text.
    static sip::abnf::result<reginfo_document> parse(sip::abnf::text_buffer text,
                                                     imdn::xml::limits const& lim = {});
    /// Parses text that the caller keeps alive (a NOTIFY body).
    static sip::abnf::result<reginfo_document> parse(std::string_view text, imdn::xml::limits const& lim = {});

    reginfo_document(reginfo_document&&) noexcept = default;
    reginfo_document& operator=(reginfo_document&&) noexcept = default;

    reginfo const& info() const noexcept { return info_; }
    imdn::xml::document const& document() const noexcept { return doc_; }

private:
    explicit reginfo_document(imdn::xml::document doc) : doc_(std::move(doc)) {}
    static sip::abnf::result<reginfo_document> read(imdn::xml::document doc);

    imdn::xml::document doc_;
    reginfo info_;
};

/// The schema spelling: "full", "init", "active", "refreshed", ...
std::string_view to_string(reginfo_state s) noexcept;
std::string_view to_string(registration_state s) noexcept;
std::string_view to_string(contact_state s) noexcept;
std::string_view to_string(contact_event e) noexcept;

} // namespace cpm::docs
