#pragma once
/// @file
/// Writes resource-lists documents (RFC 4826) with RFC 5364 copy control
/// attributes: the URI list of a multi-recipient MESSAGE (RFC 5365) or of
/// a conference INVITE (RFC 5366). The text is parsed back before it is
/// handed out, so a built document is always one the reader accepts.

#include "cpm/docs/resource_lists.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace cpm::docs {

/// Display name and RFC 5364 attributes of one entry (all optional).
struct entry_options {
    std::string_view display_name;
    std::string_view lang; ///< xml:lang of the display name
    copy_attributes copy;
};

class resource_lists_builder {
public:
    /// Opens a <list> (nested when another is open).
    resource_lists_builder& begin_list(std::string_view name = {}, std::string_view display_name = {},
                                       std::string_view lang = {});
    resource_lists_builder& end_list();
    resource_lists_builder& entry(std::string_view uri, entry_options const& options = {});
    resource_lists_builder& entry_ref(std::string_view ref, entry_options const& options = {});
    /// An <external> list; an empty @p anchor writes none.
    resource_lists_builder& external(std::string_view anchor, entry_options const& options = {});

    /// The document, parsed back from its text (document().text()). Lists
    /// left open are closed. The first misuse (text that XML cannot carry,
    /// an entry outside any list, end_list without a list) is reported here.
    sip::abnf::result<resource_lists> build() const;

private:
    void indent();
    void leaf(char const* element, char const* attribute, std::string_view value, entry_options const& options,
              bool write_attribute);
    void display(std::string_view text, std::string_view lang);
    void fail(std::string sentence);

    std::string out_;
    int depth_ = 0;
    std::optional<std::string> error_;
};

/// Canonical text of @p rl: the same lists, entries, names and copy
/// control attributes (extension elements and attributes are not kept).
sip::abnf::result<resource_lists> rebuild(resource_lists const& rl);

} // namespace cpm::docs
