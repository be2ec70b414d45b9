// The XML reader: one forward pass over the text that checks the XML 1.0
// (fifth edition) well-formedness rules and the Namespaces in XML 1.0
// constraints, and records elements and attributes as views. Hand-written
// scanning over the byte table of detail/chars.hpp: the plain-ASCII runs of
// character data and attribute values cost one table look-up per byte.

#include "imdn/xml/detail/parser.hpp"

#include <algorithm>
#include <string>

namespace cpm::imdn::xml {

using namespace detail;

// XML 1.0 [5] Name at p_.
bool parser::scan_name(std::string_view& name, char const* what)
{
    char const* const start = p_;
    // The ASCII fast path: most names are [A-Za-z_:][A-Za-z0-9_:.-]*.
    if (p_ < end_ && has(*p_, ch_name_start)) {
        ++p_;
        while (p_ < end_ && has(*p_, ch_name))
            ++p_;
        if (p_ == end_ || static_cast<unsigned char>(*p_) < 0x80) {
            name = view(start, p_);
            return true;
        }
    }
    bool first = p_ == start;
    while (p_ < end_) {
        auto const c = static_cast<unsigned char>(*p_);
        if (c < 0x80) {
            if (!has(*p_, first ? ch_name_start : ch_name))
                break;
            ++p_;
        } else {
            char32_t cp = 0;
            int const len = decode_utf8(p_, end_, cp);
            if (len == 0)
                return fail(p_, errc::bad_character, "malformed UTF-8 sequence");
            if (!(first ? is_name_start(cp) : is_name_char(cp)))
                break;
            p_ += len;
        }
        first = false;
    }
    if (p_ == start) {
        if (p_ == end_)
            return fail(p_, errc::incomplete, std::string("the document ends where ") + what + " should be");
        return fail(p_, errc::bad_name, std::string("expected ") + what);
    }
    name = view(start, p_);
    return true;
}

// Namespaces in XML 1.0 [7] QName at p_. The fast path takes ASCII
// NCName [':' NCName]; anything else goes through scan_name and qname().
bool parser::scan_qname(std::string_view& name, std::uint32_t& prefix_size, char const* what)
{
    char const* const start = p_;
    if (p_ < end_ && has(*p_, ch_name_start) && *p_ != ':') {
        char const* p = skip(p_ + 1, end_, ch_ncname);
        char const* colon = nullptr;
        if (end_ - p >= 2 && *p == ':' && has(p[1], ch_name_start) && p[1] != ':') {
            colon = p;
            p = skip(p + 2, end_, ch_ncname);
        }
        if (p == end_ || (static_cast<unsigned char>(*p) < 0x80 && *p != ':')) {
            p_ = p;
            name = view(start, p);
            prefix_size = colon != nullptr ? static_cast<std::uint32_t>(colon - start) : 0;
            return true;
        }
    }
    if (!scan_name(name, what))
        return false;
    if (!qname(name, prefix_size))
        return fail(name.data(), errc::bad_name, quoted(name) + " is not a QName");
    return true;
}


// XML 1.0 [10] AttValue after its opening quote; WFC No < in Attribute Values.
bool parser::attribute_value(attribute& a)
{
    char const q = *p_++;
    std::uint8_t const cls = q == '"' ? ch_attr_dq : ch_attr_sq;
    char const* const start = p_;
    for (;;) {
        p_ = skip(p_, end_, cls);
        if (p_ == end_)
            return fail(start - 1, errc::incomplete, "attribute " + quoted(a.name) + ": value not closed");
        char const c = *p_;
        if (c == q)
            break;
        if (c == '<')
            return fail(p_, errc::lt_in_attribute_value,
                        "attribute " + quoted(a.name) + ": '<' must be written &lt; in a value");
        if (c == '&') {
            if (!check_reference(p_, p_))
                return false;
            a.plain = false;
        } else if (c == '\t' || c == '\n' || c == '\r') {
            a.plain = false; // normalised to spaces on request
            ++p_;
        } else if (static_cast<unsigned char>(c) >= 0x80) {
            if (!check_utf8(p_, end_))
                return false;
        } else if (c == '"' || c == '\'') {
            ++p_; // the other quote
        } else {
            return fail(p_, errc::bad_character,
                        "control character " + std::to_string(static_cast<unsigned char>(c)) + " is not allowed");
        }
    }
    a.raw_value = view(start, p_++);
    return true;
}

// XML 1.0 [40] STag / [44] EmptyElemTag at '<'.
bool parser::start_tag()
{
    char const* const lt = p_++;
    auto& elements = doc_.elements_;
    if (elements.size() >= lim_.max_elements)
        return fail(lt, errc::element_limit, "more than " + std::to_string(lim_.max_elements) + " elements");
    if (open_.size() >= lim_.max_depth)
        return fail(lt, errc::depth_limit, "elements nested deeper than " + std::to_string(lim_.max_depth));
    std::string_view name;
    std::uint32_t prefix_size = 0;
    if (!scan_qname(name, prefix_size, "an element name after '<'"))
        return false;
    index const self = static_cast<index>(elements.size());
    index const parent_index = open_.empty() ? none : open_.back().element;
    std::string_view default_ns = open_.empty() ? std::string_view() : open_.back().default_ns;
    // Built in place (no temporary to copy).
    elements.emplace_back(name, offset(lt), parent_index, static_cast<index>(doc_.attributes_.size()),
                          static_cast<std::uint32_t>(open_.size() + 1), prefix_size);
    if (!open_.empty()) {
        auto& parent = open_.back();
        if (parent.last_child == none)
            elements[parent.element].first_child = self;
        else
            elements[parent.last_child].next_sibling = self;
        parent.last_child = self;
    }
    auto const mark = static_cast<std::uint32_t>(bindings_.size());

    for (;;) {
        char const* const before_space = p_;
        skip_space();
        if (p_ == end_)
            return fail(lt, errc::incomplete, "start tag <" + quoted(name) + " not closed");
        if (*p_ == '>' || *p_ == '/')
            break;
        if (p_ == before_space)
            return fail(p_, errc::bad_start_tag, "<" + quoted(name) + ">: expected white space before an attribute");
        if (elements[self].attribute_count >= lim_.max_attributes)
            return fail(p_, errc::attribute_limit,
                        "<" + quoted(name) + ">: more than " + std::to_string(lim_.max_attributes) + " attributes");
        std::uint32_t const attribute_offset = offset(p_);
        std::string_view attribute_name;
        std::uint32_t attribute_prefix = 0;
        if (!scan_qname(attribute_name, attribute_prefix, "an attribute name"))
            return false;
        // Built in place; a failed document is dropped whole.
        attribute& a = doc_.attributes_.emplace_back();
        a.name = attribute_name;
        a.offset = attribute_offset;
        a.prefix_size = attribute_prefix;
        skip_space();
        if (p_ == end_ || *p_ != '=')
            return fail(p_, p_ == end_ ? errc::incomplete : errc::bad_attribute,
                        "attribute " + quoted(a.name) + ": expected '='");
        ++p_;
        skip_space();
        if (p_ == end_ || (*p_ != '"' && *p_ != '\''))
            return fail(p_, p_ == end_ ? errc::incomplete : errc::bad_attribute,
                        "attribute " + quoted(a.name) + ": the value must be quoted");
        if (!attribute_value(a))
            return false;
        // WFC Unique Att Spec.
        auto const* const siblings = doc_.attributes_.data() + elements[self].first_attribute;
        for (std::uint32_t i = 0; i < elements[self].attribute_count; ++i)
            if (equal(siblings[i].name, a.name))
                return fail(a.name.data(), errc::duplicate_attribute,
                            "<" + quoted(name) + ">: attribute " + quoted(a.name) + " appears twice");
        bool const declaration = a.name == "xmlns" || a.prefix() == "xmlns";
        if (declaration)
            a.ns = xmlns_namespace;
        ++elements[self].attribute_count;
        if (declaration && !declare(a, default_ns))
            return false;
    }
    if (elements[self].prefix_size == 0 && elements[self].attribute_count == 0)
        elements[self].ns = default_ns; // nothing else to resolve
    else if (!resolve(elements[self], default_ns))
        return false;
    if (*p_ == '/') {
        if (p_ + 1 == end_ || p_[1] != '>')
            return fail(p_, p_ + 1 == end_ ? errc::incomplete : errc::bad_start_tag,
                        "<" + quoted(name) + ">: expected '>' after '/'");
        p_ += 2;
        elements[self].end = offset(p_);
        elements[self].content = view(p_, p_);
        while (bindings_.size() > mark)
            bindings_.pop_back();
        return true;
    }
    ++p_;
    open_.emplace_back(self, mark, default_ns);
    elements[self].content = view(p_, p_); // start; completed at the end tag
    return true;
}

// XML 1.0 [42] ETag at "</"; WFC Element Type Match.
bool parser::end_tag()
{
    char const* const lt = p_;
    p_ += 2;
    auto& top = open_.back();
    element& e = doc_.elements_[top.element];
    std::string_view name = e.name;
    std::size_t const n = name.size();
    if (static_cast<std::size_t>(end_ - p_) > n && same(p_, name.data(), n) &&
        (p_[n] == '>' || has(p_[n], ch_space))) {
        p_ += n; // the expected name, then no more name characters
    } else if (!scan_name(name, "an element name after '</'")) {
        return false;
    } else if (name != e.name) {
        // No line number of the start tag in the sentence: the document may
        // be a body inside a larger text, where only the error's own
        // position is rebased.
        return fail(lt, errc::mismatched_end_tag,
                    "end tag </" + quoted(name) + "> does not match the open element <" + quoted(e.name) + ">");
    }
    skip_space();
    if (p_ == end_ || *p_ != '>')
        return fail(p_, p_ == end_ ? errc::incomplete : errc::bad_end_tag, "end tag </" + quoted(name) + ": expected '>'");
    ++p_;
    char const* const content_start = e.content.data();
    e.content = view(content_start, lt);
    e.end = offset(p_);
    while (bindings_.size() > top.bindings_mark)
        bindings_.pop_back();
    open_.pop_back();
    return true;
}

// XML 1.0 [43] content of the open elements, until the root's end tag.
bool parser::content()
{
    while (!open_.empty()) {
        // CharData: the plain-ASCII run first, then what needs a look.
        p_ = skip(p_, end_, ch_text);
        if (p_ == end_)
            return fail(p_, errc::incomplete,
                        "the document ends inside <" + quoted(doc_.elements_[open_.back().element].name) + ">");
        char const c = *p_;
        if (c == '<') {
            if (p_ + 1 < end_ && p_[1] == '/') {
                if (!end_tag())
                    return false;
                continue;
            }
            if (p_ + 1 < end_ && (p_[1] == '!' || p_[1] == '?')) {
                doc_.elements_[open_.back().element].plain_text = false;
                if (at("<!--")) {
                    if (!comment())
                        return false;
                } else if (at("<![CDATA[")) {
                    if (!cdata())
                        return false;
                } else if (p_[1] == '?') {
                    if (!processing_instruction())
                        return false;
                } else if (at("<!DOCTYPE")) {
                    return fail(p_, errc::doctype_not_allowed, "<!DOCTYPE is only possible before the root element, and not accepted");
                } else {
                    auto const rest = view(p_, end_);
                    bool const truncated = std::string_view("<![CDATA[").starts_with(rest) ||
                                           std::string_view("<!--").starts_with(rest);
                    return fail(p_, truncated ? errc::incomplete : errc::bad_cdata,
                                "'<!' must start a comment <!-- or a CDATA section <![CDATA[");
                }
                continue;
            }
            if (!start_tag())
                return false;
            continue;
        }
        if (c == '&') {
            doc_.elements_[open_.back().element].plain_text = false;
            if (!check_reference(p_, p_))
                return false;
        } else if (c == ']') {
            // [14] CharData excludes "]]>".
            if (end_ - p_ >= 3 && p_[1] == ']' && p_[2] == '>')
                return fail(p_, errc::cdata_end_in_text, "']]>' is not allowed in text (write ]]&gt;)");
            ++p_;
        } else if (c == '\r') {
            doc_.elements_[open_.back().element].plain_text = false; // line end normalised on request
            ++p_;
        } else if (static_cast<unsigned char>(c) >= 0x80) {
            if (!check_utf8(p_, end_))
                return false;
        } else {
            return fail(p_, errc::bad_character,
                        "control character " + std::to_string(static_cast<unsigned char>(c)) + " is not allowed");
        }
    }
    return true;
}

bool parser::run()
{
    if (static_cast<std::size_t>(end_ - begin_) > std::min<std::size_t>(lim_.max_size, 0xffffffffu))
        return fail(begin_, errc::size_limit, "document larger than " + std::to_string(lim_.max_size) + " bytes");
    // A UTF-8 byte order mark (XML 1.0 section 4.3.3).
    if (at("\xEF\xBB\xBF"))
        p_ += 3;
    // [23] XMLDecl: "<?xml" then white space.
    if (at("<?xml") && end_ - p_ > 5 && has(p_[5], ch_space)) {
        if (!xml_declaration())
            return false;
    }
    doc_.elements_.reserve(static_cast<std::size_t>(end_ - p_) / 48 + 4);
    doc_.attributes_.reserve(static_cast<std::size_t>(end_ - p_) / 96 + 2);
    if (!misc(false))
        return false;
    if (p_ == end_)
        return fail(p_, errc::no_root_element, "no root element");
    if (*p_ != '<')
        return fail(p_, errc::content_outside_root, "text before the root element");
    if (!start_tag())
        return false;
    if (!content())
        return false;
    if (!misc(true))
        return false;
    if (p_ != end_)
        return fail(p_, errc::content_outside_root,
                    *p_ == '<' ? "a second root element (only one is allowed)" : "text after the root element");
    return true;
}

sip::abnf::result<document> document::parse(std::string_view text, limits const& lim)
{
    document doc;
    doc.text_ = text;
    parser p(text, lim, doc);
    if (!p.run())
        return p.take_error();
    return doc;
}

sip::abnf::result<document> document::parse(sip::abnf::text_buffer text, limits const& lim)
{
    auto const view = text.view();
    auto doc = parse(view, lim);
    if (doc)
        doc->owned_ = std::move(text);
    return doc;
}

} // namespace cpm::imdn::xml
