#pragma once
/// @file
/// A strict, zero-copy XML 1.0 reader with Namespaces in XML 1.0: the
/// document is a flat array of elements and one of attributes, linked by
/// indices, every name and value a view into the parsed text. Character
/// and entity references, line ends and attribute whitespace are decoded
/// only on request (text(), value()).
///
/// Refused, with line:column: anything not well-formed, any DOCTYPE (so no
/// DTD, no entity declarations, no external entities), encodings other
/// than UTF-8, and documents over the limits.

#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::imdn::xml {

/// The namespace name bound to the prefix "xml" (Namespaces in XML 1.0, section 3).
inline constexpr std::string_view xml_namespace = "http://www.w3.org/XML/1998/namespace";
/// The namespace name of namespace declaration attributes (xmlns, xmlns:p).
inline constexpr std::string_view xmlns_namespace = "http://www.w3.org/2000/xmlns/";

/// Explicit bounds on what one document may cost.
struct limits {
    std::size_t max_size = 1 << 20;      ///< bytes of input (at most 4 GiB - 1: offsets are 32-bit)
    std::uint32_t max_depth = 64;        ///< nesting of elements; the root is depth 1
    std::uint32_t max_attributes = 64;   ///< per element, namespace declarations included
    std::uint32_t max_elements = 100000; ///< in the whole document
};

/// Index of an element or attribute in its document; @c none for "no such".
using index = std::uint32_t;
inline constexpr index none = 0xffffffffu;

/// Text that is a view into the document when it needs no decoding, or an
/// owned decoded copy otherwise.
class text_value {
public:
    text_value() = default;
    explicit text_value(std::string_view view) noexcept : view_(view) {}
    explicit text_value(std::string decoded) : owned_(std::move(decoded)), is_owned_(true) {}

    std::string_view view() const noexcept { return is_owned_ ? std::string_view(owned_) : view_; }
    /// Whether decoding had to make a copy.
    bool decoded() const noexcept { return is_owned_; }
    friend bool operator==(text_value const& a, std::string_view b) noexcept { return a.view() == b; }
    /// Equal text, whether viewed or owned.
    friend bool operator==(text_value const& a, text_value const& b) noexcept { return a.view() == b.view(); }

private:
    std::string_view view_;
    std::string owned_;
    bool is_owned_ = false;
};

/// One attribute as written: name="value" or name='value'.
struct attribute {
    std::string_view name;        ///< the QName as written ("p:local" or "local")
    std::string_view ns;          ///< namespace name; "" for unprefixed attributes
    std::string_view raw_value;   ///< between the quotes, references not decoded
    std::uint32_t offset = 0;     ///< of the name, from the start of the document
    std::uint32_t prefix_size = 0;///< bytes of the prefix in name; 0 when unprefixed
    bool plain = true;            ///< raw_value is the value (no reference, no whitespace to normalise)

    std::string_view prefix() const noexcept { return name.substr(0, prefix_size); }
    std::string_view local() const noexcept { return prefix_size == 0 ? name : name.substr(prefix_size + 1); }
    bool is_namespace_declaration() const noexcept { return ns == xmlns_namespace; }
};

/// One element. Children and attributes are reached through the document.
struct element {
    std::string_view name;         ///< the QName as written
    std::string_view ns;           ///< namespace name; "" when in no namespace
    std::string_view content;      ///< raw bytes between the start and end tags ("" for <e/>)
    std::uint32_t begin = 0;       ///< offset of its '<'
    std::uint32_t end = 0;         ///< offset just past its end tag (or "/>")
    index parent = none;
    index first_child = none;      ///< first child element
    index next_sibling = none;     ///< next element with the same parent
    index first_attribute = 0;
    std::uint32_t attribute_count = 0;
    std::uint32_t depth = 1;       ///< the root is 1
    std::uint32_t prefix_size = 0; ///< bytes of the prefix in name; 0 when unprefixed
    bool plain_text = true;        ///< content is character data needing no decoding (no markup, reference or CR)

    element() = default;
    /// What a start tag tells at once; the rest is filled in as parsing goes.
    element(std::string_view qname, std::uint32_t at, index parent_index, index first_attr, std::uint32_t level,
            std::uint32_t prefix_bytes) noexcept
        : name(qname), begin(at), parent(parent_index), first_attribute(first_attr), depth(level),
          prefix_size(prefix_bytes)
    {
    }

    std::string_view prefix() const noexcept { return name.substr(0, prefix_size); }
    std::string_view local() const noexcept { return prefix_size == 0 ? name : name.substr(prefix_size + 1); }
    bool is(std::string_view namespace_name, std::string_view local_name) const noexcept
    {
        return local() == local_name && ns == namespace_name;
    }
};

/// A parsed, well-formed, namespace-well-formed document.
class document {
public:
    /// Parses @p text, which the caller keeps alive and unchanged for the
    /// life of the document (every view points into it). Errors carry the
    /// offset and line:column in @p text.
    static sip::abnf::result<document> parse(std::string_view text, limits const& lim = {});
    /// Parses and keeps @p text.
    static sip::abnf::result<document> parse(sip::abnf::text_buffer text, limits const& lim = {});

    document(document&&) noexcept = default;
    document& operator=(document&&) noexcept = default;

    std::string_view text() const noexcept { return text_; }
    element const& root() const noexcept { return elements_.front(); }
    element const& at(index i) const noexcept { return elements_[i]; }
    index index_of(element const& e) const noexcept { return static_cast<index>(&e - elements_.data()); }
    std::span<element const> elements() const noexcept { return elements_; }
    std::span<attribute const> attributes(element const& e) const noexcept
    {
        return {attributes_.data() + e.first_attribute, e.attribute_count};
    }

    /// The first child of @p parent with this namespace name and local
    /// name, or nullptr.
    element const* child(element const& parent, std::string_view ns, std::string_view local) const noexcept;
    /// Number of children of @p parent with this expanded name.
    std::size_t count_children(element const& parent, std::string_view ns, std::string_view local) const noexcept;
    /// The attribute of @p e with this expanded name, or nullptr.
    attribute const* find_attribute(element const& e, std::string_view ns, std::string_view local) const noexcept;

    /// The character data directly inside @p e (child elements skipped,
    /// comments and processing instructions dropped, CDATA unwrapped,
    /// references decoded, line ends normalised to LF).
    text_value text(element const& e) const;
    /// The normalised value of @p a (XML 1.0 section 3.3.3 for CDATA
    /// attributes: references decoded, each white space character a space).
    static text_value value(attribute const& a);

    /// Child elements, in document order: for (auto const& c : doc.children(e)).
    class child_range;
    child_range children(element const& parent) const noexcept;

private:
    friend class parser;
    document() = default;

    sip::abnf::text_buffer owned_;
    std::string_view text_;
    std::vector<element> elements_;
    std::vector<attribute> attributes_;
    /// Namespace names that had to be decoded (a reference in an xmlns
    /// value); each string's address is stable, views point into it.
    std::vector<std::unique_ptr<std::string>> decoded_names_;
};

class document::child_range {
public:
    class iterator {
    public:
        using value_type = element;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        iterator(document const* d, index i) noexcept : doc_(d), i_(i) {}
        element const& operator*() const noexcept { return doc_->at(i_); }
        element const* operator->() const noexcept { return &doc_->at(i_); }
        iterator& operator++() noexcept
        {
            i_ = doc_->at(i_).next_sibling;
            return *this;
        }
        iterator operator++(int) noexcept
        {
            auto old = *this;
            ++*this;
            return old;
        }
        friend bool operator==(iterator a, iterator b) noexcept { return a.i_ == b.i_; }

    private:
        document const* doc_ = nullptr;
        index i_ = none;
    };
    child_range(document const* d, index first) noexcept : doc_(d), first_(first) {}
    iterator begin() const noexcept { return {doc_, first_}; }
    iterator end() const noexcept { return {doc_, none}; }

private:
    document const* doc_;
    index first_;
};

inline document::child_range document::children(element const& parent) const noexcept
{
    return {this, parent.first_child};
}

} // namespace cpm::imdn::xml
