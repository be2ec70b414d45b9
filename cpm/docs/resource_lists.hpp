#pragma once
/// @file
/// resource-lists documents (RFC 4826 section 3, application/resource-lists+xml)
/// with the copy control attributes of RFC 5364, as carried by a
/// multi-recipient MESSAGE (RFC 5365) or a conference INVITE (RFC 5366).
/// A view over one xml::document: URIs and names are views into the text
/// unless a reference had to be decoded.

#include "imdn/xml/document.hpp"

#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace cpm::docs {

inline constexpr std::string_view resource_lists_namespace = "urn:ietf:params:xml:ns:resource-lists";
inline constexpr std::string_view copy_control_namespace = "urn:ietf:params:xml:ns:copycontrol";

/// RFC 5364 copyControl: the role of a recipient, as in e-mail.
enum class copy_control : std::uint8_t { to, cc, bcc };

/// The RFC 5364 attributes of an entry (each optional on the wire).
struct copy_attributes {
    std::optional<copy_control> copy;    ///< cp:copyControl
    std::optional<bool> anonymize;       ///< cp:anonymize (xs:boolean)
    std::optional<std::uint32_t> count;  ///< cp:count: how many recipients one entry stands for

    /// An entry without copyControl is a "to" recipient.
    copy_control effective() const noexcept { return copy.value_or(copy_control::to); }
    bool anonymized() const noexcept { return anonymize.value_or(false); }
    bool empty() const noexcept { return !copy && !anonymize && !count; }
};

/// <display-name xml:lang="..">text</display-name>
struct display_name {
    imdn::xml::text_value text;
    imdn::xml::text_value lang; ///< xml:lang (decoded); empty when absent
    bool present = false;

    bool operator==(display_name const&) const = default;
};

enum class item_kind : std::uint8_t { list, entry, entry_ref, external };

/// One child of a <list>, in document order.
struct item {
    item_kind kind = item_kind::entry;
    /// entry@uri, entry-ref@ref or external@anchor (decoded); empty for a
    /// nested list and for an external without anchor.
    imdn::xml::text_value uri;
    display_name name;
    copy_attributes copy;            ///< entries, entry-refs and externals
    std::size_t list = 0;            ///< kind == list: index into resource_lists::lists()
    std::uint32_t offset = 0;        ///< of the element's '<' in the document
};

/// One <list>, top level or nested.
struct list {
    std::optional<imdn::xml::text_value> name; ///< the name attribute
    display_name display;
    std::vector<item> items;
    std::optional<std::size_t> parent; ///< index of the enclosing list; none at top level
    std::uint32_t offset = 0;
};

class resource_lists {
public:
    /// Parses and keeps @p text.
    static sip::abnf::result<resource_lists> parse(sip::abnf::text_buffer text,
                                                   imdn::xml::limits const& lim = {});
    /// Parses text that the caller keeps alive (a SIP body part).
    static sip::abnf::result<resource_lists> parse(std::string_view text, imdn::xml::limits const& lim = {});

    resource_lists(resource_lists&&) noexcept = default;
    resource_lists& operator=(resource_lists&&) noexcept = default;

    /// Every list, outer before inner, in document order.
    std::span<list const> lists() const noexcept { return lists_; }
    /// Indices of the top-level lists.
    std::span<std::size_t const> top_level() const noexcept { return top_; }
    /// Every <entry>, nested lists flattened in document order: the
    /// recipients of an RFC 5365 / RFC 5366 URI list.
    std::vector<item const*> entries() const;

    imdn::xml::document const& document() const noexcept { return doc_; }

private:
    explicit resource_lists(imdn::xml::document doc) : doc_(std::move(doc)) {}
    static sip::abnf::result<resource_lists> read(imdn::xml::document doc);

    imdn::xml::document doc_;
    std::vector<list> lists_;
    std::vector<std::size_t> top_;

    friend class resource_lists_reader;
};

/// "to", "cc", "bcc".
std::string_view to_string(copy_control c) noexcept;

} // namespace cpm::docs
