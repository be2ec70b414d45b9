// The XML reader: one forward pass over the text that checks the XML 1.0
// (fifth edition) well-formedness rules and the Namespaces in XML 1.0
// constraints, and records elements and attributes as views. Hand-written
// scanning over the byte table of detail/chars.hpp: the plain-ASCII runs of
// character data and attribute values cost one table look-up per byte.

#include "imdn/xml/detail/chars.hpp"
#include "imdn/xml/document.hpp"
#include "imdn/xml/error.hpp"

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace cpm::imdn::xml {

using namespace detail;
using sip::abnf::parse_error;

namespace {

/// A prefix in scope and the namespace name it is bound to.
struct binding {
    std::string_view prefix;
    std::string_view name;
};

/// An element whose end tag has not been seen yet.
struct open_element {
    open_element(index e, std::uint32_t mark, std::string_view ns) noexcept
        : element(e), bindings_mark(mark), default_ns(ns)
    {
    }
    index element;
    index last_child = none;
    std::uint32_t bindings_mark; ///< size of the binding stack before its declarations
    std::string_view default_ns; ///< the default namespace in its scope ("" for none)
};

bool same(char const* a, char const* b, std::size_t n) noexcept
{
    // Names are short: eight bytes at a time beats a call to memcmp.
    for (; n >= 8; a += 8, b += 8, n -= 8) {
        std::uint64_t x, y;
        std::memcpy(&x, a, 8);
        std::memcpy(&y, b, 8);
        if (x != y)
            return false;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i])
            return false;
    return true;
}

bool equal(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && same(a.data(), b.data(), a.size());
}

/// Namespaces in XML 1.0 [7] QName, for a Name: at most one ':', neither
/// first nor last, and the local part starting with a NameStartChar. Sets
/// @p prefix_size (0: unprefixed).
bool qname(std::string_view name, std::uint32_t& prefix_size) noexcept
{
    std::size_t colon = 0;
    std::size_t colons = 0;
    for (std::size_t i = 0; i < name.size(); ++i)
        if (name[i] == ':') {
            colon = i;
            ++colons;
        }
    prefix_size = static_cast<std::uint32_t>(colon);
    if (colons == 0)
        return true;
    if (colons > 1 || colon == 0 || colon + 1 == name.size())
        return false;
    char const* const local = name.data() + colon + 1;
    if (static_cast<unsigned char>(*local) < 0x80)
        return has(*local, ch_name_start);
    char32_t cp = 0;
    return decode_utf8(local, name.data() + name.size(), cp) != 0 && is_name_start(cp);
}

std::string quoted(std::string_view s)
{
    // Error sentences quote names taken from the input: cap their length.
    constexpr std::size_t max = 60;
    return s.size() <= max ? std::string(s) : std::string(s.substr(0, max)) + "...";
}

} // namespace

/// Builds one document; friend of document.
class parser {
public:
    parser(std::string_view text, limits const& lim, document& doc)
        : doc_(doc), lim_(lim), begin_(text.data()), p_(text.data()), end_(text.data() + text.size())
    {
    }

    bool run();
    parse_error take_error() { return std::move(error_); }

private:
    document& doc_;
    limits const& lim_;
    char const* const begin_;
    char const* p_;
    char const* const end_;
    boost::container::small_vector<open_element, 16> open_;
    boost::container::small_vector<binding, 8> bindings_;
    parse_error error_;

    std::uint32_t offset(char const* at) const noexcept { return static_cast<std::uint32_t>(at - begin_); }
    std::string_view view(char const* from, char const* to) const noexcept
    {
        return {from, static_cast<std::size_t>(to - from)};
    }

    bool fail(char const* at, errc code, std::string sentence)
    {
        error_ = sip::abnf::make_parse_error(view(begin_, end_), at, code, "XML: " + std::move(sentence));
        return false;
    }

    bool at(std::string_view s) const noexcept
    {
        return static_cast<std::size_t>(end_ - p_) >= s.size() && same(p_, s.data(), s.size());
    }
    void skip_space() noexcept { p_ = skip(p_, end_, ch_space); }

    bool check_utf8(char const*& p, char const* stop);
    bool check_chars(char const* from, char const* to);
    bool scan_name(std::string_view& name, char const* what);
    bool scan_qname(std::string_view& name, std::uint32_t& prefix_size, char const* what);
    bool check_reference(char const* amp, char const*& next);

    bool xml_declaration();
    bool misc(bool after_root);
    bool comment();
    bool processing_instruction();
    bool cdata();
    bool content();
    bool start_tag();
    bool end_tag();
    bool attribute_value(attribute& a);
    bool declare(attribute const& a, std::string_view& default_ns);
    bool resolve(element& e, std::string_view default_ns);
    bool lookup(std::string_view prefix, std::string_view& name) const noexcept;
};

// One UTF-8 sequence at p (>= 0x80) that must be a Char; advances p.
bool parser::check_utf8(char const*& p, char const* stop)
{
    char32_t cp = 0;
    int const len = decode_utf8(p, stop, cp);
    if (len == 0)
        return fail(p, errc::bad_character, "malformed UTF-8 sequence");
    if (!is_char(cp))
        return fail(p, errc::bad_character, "character U+" + std::to_string(static_cast<unsigned>(cp)) +
                                                 " (decimal) is not allowed in XML");
    p += len;
    return true;
}

// XML 1.0 [2]: every character of [from, to) is a Char.
bool parser::check_chars(char const* from, char const* to)
{
    for (char const* p = from; p < to;) {
        if (has(*p, ch_plain)) {
            ++p;
        } else if (static_cast<unsigned char>(*p) >= 0x80) {
            if (!check_utf8(p, to))
                return false;
        } else {
            return fail(p, errc::bad_character,
                        "control character " + std::to_string(static_cast<unsigned char>(*p)) + " is not allowed");
        }
    }
    return true;
}

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

// XML 1.0 [67] Reference at amp, with WFC Legal Character and Entity Declared.
bool parser::check_reference(char const* amp, char const*& next)
{
    auto const r = read_reference(amp, end_);
    switch (r.kind) {
    case reference_kind::ok:
        next = r.next;
        return true;
    case reference_kind::not_a_char:
        return fail(amp, errc::bad_reference, "character reference to a character not allowed in XML");
    case reference_kind::undefined_entity:
        return fail(amp, errc::undefined_entity,
                    "undefined entity &" + quoted(r.name) + "; (no DTD: only lt, gt, amp, apos and quot)");
    case reference_kind::malformed: break;
    }
    return fail(amp, errc::bad_reference, "'&' must start a reference such as &amp; or &#38;");
}

// XML 1.0 [23] XMLDecl at the very start: version, encoding (UTF-8 only), standalone.
bool parser::xml_declaration()
{
    p_ += 5; // "<?xml"
    auto const eq = [&] {
        skip_space();
        if (p_ == end_ || *p_ != '=')
            return false;
        ++p_;
        skip_space();
        return true;
    };
    auto const literal = [&](std::string_view& out) {
        if (p_ == end_ || (*p_ != '"' && *p_ != '\''))
            return false;
        char const q = *p_++;
        char const* const v = p_;
        while (p_ < end_ && *p_ != q)
            ++p_;
        if (p_ == end_)
            return false;
        out = view(v, p_++);
        return true;
    };
    auto const pseudo = [&](std::string_view attr, std::string_view& value) {
        char const* const before = p_;
        skip_space();
        if (p_ == before || !at(attr)) {
            p_ = before;
            return false;
        }
        p_ += attr.size();
        if (!eq() || !literal(value)) {
            p_ = before;
            return false;
        }
        return true;
    };
    std::string_view version;
    if (!pseudo("version", version))
        return fail(p_, errc::bad_xml_declaration, "XML declaration: version=\"1.x\" must come first");
    // [26] VersionNum ::= '1.' [0-9]+
    bool ok = version.size() >= 3 && version.substr(0, 2) == "1.";
    for (std::size_t i = 2; ok && i < version.size(); ++i)
        ok = version[i] >= '0' && version[i] <= '9';
    if (!ok)
        return fail(version.data(), errc::bad_xml_declaration, "XML declaration: version must be 1.x");
    std::string_view encoding;
    if (pseudo("encoding", encoding)) {
        // [81] EncName; this reader reads UTF-8 only (US-ASCII is a subset).
        auto const iequals = [](std::string_view a, std::string_view b) {
            if (a.size() != b.size())
                return false;
            for (std::size_t i = 0; i < a.size(); ++i)
                if ((a[i] | 0x20) != (b[i] | 0x20))
                    return false;
            return true;
        };
        if (!iequals(encoding, "UTF-8") && !iequals(encoding, "US-ASCII"))
            return fail(encoding.data(), errc::unsupported_encoding,
                        "encoding \"" + quoted(encoding) + "\" is not supported (UTF-8 only)");
    }
    std::string_view standalone;
    if (pseudo("standalone", standalone) && standalone != "yes" && standalone != "no")
        return fail(standalone.data(), errc::bad_xml_declaration, "XML declaration: standalone must be yes or no");
    skip_space();
    if (!at("?>"))
        return fail(p_, p_ == end_ ? errc::incomplete : errc::bad_xml_declaration,
                    "XML declaration: expected '?>' after version, encoding and standalone");
    p_ += 2;
    return true;
}

// XML 1.0 [15] Comment at "<!--": no "--" inside, no "--->" end.
bool parser::comment()
{
    char const* const start = p_;
    char const* const body = p_ + 4;
    std::string_view const rest = view(body, end_);
    auto const dashes = rest.find("--");
    if (dashes == std::string_view::npos)
        return fail(start, errc::incomplete, "comment not closed by '-->'");
    if (dashes + 2 >= rest.size() || rest[dashes + 2] != '>')
        return fail(body + dashes, errc::bad_comment, "'--' is not allowed inside a comment");
    if (!check_chars(body, body + dashes))
        return false;
    p_ = body + dashes + 3;
    return true;
}

// XML 1.0 [16] PI: a target that is a Name other than [Xx][Mm][Ll], then S and data.
bool parser::processing_instruction()
{
    char const* const start = p_;
    p_ += 2;
    std::string_view target;
    if (!scan_name(target, "a processing instruction target"))
        return false;
    if (target.size() == 3 && (target[0] | 0x20) == 'x' && (target[1] | 0x20) == 'm' && (target[2] | 0x20) == 'l')
        return fail(start, errc::bad_processing_instruction,
                    "the XML declaration is only allowed at the very start of the document");
    // Namespaces in XML 1.0 section 7: no colon in a PI target.
    if (target.find(':') != std::string_view::npos)
        return fail(target.data(), errc::bad_processing_instruction,
                    "processing instruction target " + quoted(target) + " contains ':'");
    auto const close = view(p_, end_).find("?>");
    if (close == std::string_view::npos)
        return fail(start, errc::incomplete, "processing instruction <?" + quoted(target) + " not closed by '?>'");
    if (close != 0 && !has(*p_, ch_space))
        return fail(p_, errc::bad_processing_instruction, "processing instruction: expected white space after the target");
    if (!check_chars(p_, p_ + close))
        return false;
    p_ += close + 2;
    return true;
}

// XML 1.0 [18] CDSect at "<![CDATA[".
bool parser::cdata()
{
    char const* const start = p_;
    char const* const body = p_ + 9;
    auto const close = view(body, end_).find("]]>");
    if (close == std::string_view::npos)
        return fail(start, errc::incomplete, "CDATA section not closed by ']]>'");
    if (!check_chars(body, body + close))
        return false;
    p_ = body + close + 3;
    return true;
}

// XML 1.0 [27] Misc* (prolog or epilog): white space, comments, PIs.
bool parser::misc(bool after_root)
{
    for (;;) {
        skip_space();
        if (p_ == end_ || *p_ != '<')
            return true;
        if (at("<!--")) {
            if (!comment())
                return false;
        } else if (at("<?")) {
            if (!processing_instruction())
                return false;
        } else if (at("<![CDATA[")) {
            return fail(p_, errc::content_outside_root, "CDATA section outside the root element");
        } else if (at("<!DOCTYPE")) {
            return fail(p_, errc::doctype_not_allowed,
                        after_root ? "<!DOCTYPE after the root element"
                                   : "<!DOCTYPE is not accepted (no DTDs, no entity declarations, no external "
                                     "entities)");
        } else {
            return true;
        }
    }
}

// A namespace declaration attribute (Namespaces in XML 1.0, section 3 and
// its constraints Reserved Prefixes and Namespace Names, No Prefix
// Undeclaring); adds its binding, or sets @p default_ns.
bool parser::declare(attribute const& a, std::string_view& default_ns)
{
    std::string_view name = a.raw_value;
    if (!a.plain) {
        auto decoded = std::make_unique<std::string>(std::string(document::value(a).view()));
        name = *decoded;
        doc_.decoded_names_.push_back(std::move(decoded));
    }
    char const* const where = a.raw_value.data();
    bool const is_default = a.prefix_size == 0;
    std::string_view const prefix = is_default ? std::string_view() : a.local();
    if (!is_default && prefix == "xmlns")
        return fail(where, errc::bad_namespace_declaration, "the prefix xmlns must not be declared");
    if (!is_default && prefix == "xml") {
        if (name != xml_namespace)
            return fail(where, errc::bad_namespace_declaration, "the prefix xml must be bound to " +
                                                                    std::string(xml_namespace));
        return true; // already bound
    }
    if (name == xml_namespace || name == xmlns_namespace)
        return fail(where, errc::bad_namespace_declaration,
                    quoted(name) + " may not be bound to " + (is_default ? "the default namespace" : "xmlns:" + quoted(prefix)));
    if (!is_default && name.empty())
        return fail(where, errc::bad_namespace_declaration,
                    "xmlns:" + quoted(prefix) + "=\"\": a prefix cannot be undeclared in XML 1.0");
    if (is_default)
        default_ns = name; // "" undeclares it
    else
        bindings_.push_back({prefix, name});
    return true;
}

// The namespace name bound to the non-empty @p prefix in scope; false
// when it is not declared.
bool parser::lookup(std::string_view prefix, std::string_view& name) const noexcept
{
    for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it)
        if (equal(it->prefix, prefix)) {
            name = it->name;
            return true;
        }
    name = xml_namespace;
    return prefix == "xml";
}

// Namespace names for the element and its attributes, once all the
// declarations of the start tag are known; NSC Prefix Declared and the
// expanded-name uniqueness of attributes.
bool parser::resolve(element& e, std::string_view default_ns)
{
    if (e.prefix_size == 0) {
        e.ns = default_ns;
    } else if (e.prefix() == "xmlns") {
        return fail(e.name.data(), errc::bad_namespace_declaration, "element names may not have the prefix xmlns");
    } else if (!lookup(e.prefix(), e.ns)) {
        return fail(e.name.data(), errc::undeclared_prefix,
                    "<" + quoted(e.name) + ">: the prefix " + quoted(e.prefix()) + " is not declared");
    }
    auto* const attrs = doc_.attributes_.data() + e.first_attribute;
    for (std::uint32_t i = 0; i < e.attribute_count; ++i) {
        attribute& a = attrs[i];
        if (a.prefix_size == 0 || a.is_namespace_declaration())
            continue;
        if (!lookup(a.prefix(), a.ns))
            return fail(a.name.data(), errc::undeclared_prefix,
                        "attribute " + quoted(a.name) + ": the prefix " + quoted(a.prefix()) + " is not declared");
        for (std::uint32_t j = 0; j < i; ++j)
            if (attrs[j].prefix_size != 0 && !attrs[j].is_namespace_declaration() && attrs[j].local() == a.local() &&
                attrs[j].ns == a.ns)
                return fail(a.name.data(), errc::duplicate_attribute,
                            "<" + quoted(e.name) + ">: attributes " + quoted(attrs[j].name) + " and " +
                                quoted(a.name) + " have the same expanded name");
    }
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
