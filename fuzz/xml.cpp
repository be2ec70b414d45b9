// Fuzz target: the XML reader (imdn/xml) on arbitrary bytes.
//
// Properties checked on every input:
// - parsing never crashes, hangs or reads outside the input; an error
//   points inside the input, says "XML: ..." and its line:column is that
//   of its offset;
// - in a parsed document every name, content and value view lies inside
//   the input (namespace names may also be the two predefined ones or a
//   decoded copy); elements are in document order with consistent parent,
//   child, sibling and depth links, each child's [begin, end) inside its
//   parent's content, and the document within the limits;
// - text() of an element whose content is plain is its content;
// - parse(serialize(parse(x))) == parse(x): writing every element with its
//   attributes (values decoded, then escaped) and its decoded text, and
//   reading that back, gives the same names, namespaces, values and texts;
// - a document that parses under the default limits and is deeper than 4
//   fails under max_depth = 4 with the depth limit error.

#include "imdn/xml/document.hpp"
#include "imdn/xml/error.hpp"
#include "imdn/xml/escape.hpp"
#include "require.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace cpm::imdn::xml;

using cpm::fuzz::require;

bool inside(std::string_view whole, std::string_view part)
{
    return part.empty() ||
           (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

/// Reads every byte of @p v, so AddressSanitizer sees a view into freed memory.
std::size_t touch(std::string_view v)
{
    std::size_t sum = 0;
    for (char c : v)
        sum += static_cast<unsigned char>(c);
    return sum;
}

void check_error(cpm::sip::abnf::parse_error const& e, std::string_view input)
{
    require(e.offset <= input.size(), "error offset inside the input");
    require(e.message.rfind("XML: ", 0) == 0, "error sentence starts with 'XML: '");
    auto const pos = cpm::sip::abnf::locate(input, e.offset);
    require(pos.line == e.line && pos.column == e.column, "error line:column is that of its offset");
}

void check_structure(document const& doc, std::string_view input)
{
    auto const elements = doc.elements();
    require(!elements.empty(), "a document has a root");
    // A namespace name is a view of an xmlns value, the predefined xml one,
    // or (when the value holds a reference) a copy the document owns.
    bool decoded_declaration = false;
    for (auto const& e : elements)
        for (auto const& a : doc.attributes(e))
            decoded_declaration |= a.is_namespace_declaration() && !a.plain;
    std::size_t sum = 0;
    for (std::size_t i = 0; i < elements.size(); ++i) {
        auto const& e = elements[i];
        require(inside(input, e.name) && inside(input, e.content), "element views inside the input");
        require(e.ns.empty() || inside(input, e.ns) || e.ns == xml_namespace || decoded_declaration,
                "namespace name inside the input, predefined or decoded");
        require(e.begin < e.end && e.end <= input.size() && input[e.begin] == '<', "element range");
        require(e.content.data() >= input.data() + e.begin &&
                    e.content.data() + e.content.size() <= input.data() + e.end,
                "content inside the element");
        require(e.prefix_size < e.name.size() && (e.prefix_size == 0 || e.name[e.prefix_size] == ':'),
                "prefix then ':' then local part");
        if (i == 0) {
            require(e.parent == none && e.depth == 1, "the root has no parent");
        } else {
            require(e.parent < i && e.depth == elements[e.parent].depth + 1, "parent before child, depth + 1");
            auto const& p = elements[e.parent];
            require(e.begin >= static_cast<std::size_t>(p.content.data() - input.data()) &&
                        input.data() + e.end <= p.content.data() + p.content.size(),
                    "child inside its parent's content");
        }
        if (e.next_sibling != none) {
            auto const& s = elements[e.next_sibling];
            require(e.next_sibling > i && s.parent == e.parent && s.begin >= e.end, "siblings in order");
        }
        if (e.first_child != none)
            require(elements[e.first_child].parent == i, "first child's parent");
        for (auto const& a : doc.attributes(e)) {
            require(inside(input, a.name) && inside(input, a.raw_value), "attribute views inside the input");
            sum += touch(document::value(a).view());
        }
        auto const t = doc.text(e);
        if (e.plain_text && e.first_child == none)
            require(!t.decoded() && t.view() == e.content, "plain text is the content itself");
        sum += touch(t.view()) + touch(e.ns);
    }
    (void)sum;
}

/// Every element: <name attr="value"...>text children</name>.
void serialize(document const& doc, element const& e, std::string& out)
{
    out += '<';
    out += e.name;
    for (auto const& a : doc.attributes(e)) {
        out += ' ';
        out += a.name;
        out += "=\"";
        require(append_attribute_value(out, document::value(a).view()), "a decoded value can be written back");
        out += '"';
    }
    out += '>';
    require(append_text(out, doc.text(e).view()), "a decoded text can be written back");
    for (auto const& c : doc.children(e))
        serialize(doc, c, out);
    out += "</";
    out += e.name;
    out += '>';
}

void check_round_trip(document const& doc)
{
    std::string text;
    serialize(doc, doc.root(), text);
    auto again = document::parse(text);
    require(again.has_value(), "a serialized document parses");
    require(again->elements().size() == doc.elements().size(), "same element count");
    for (std::size_t i = 0; i < doc.elements().size(); ++i) {
        auto const& a = doc.elements()[i];
        auto const& b = again->elements()[i];
        require(a.name == b.name && a.ns == b.ns && a.parent == b.parent && a.depth == b.depth,
                "same names, namespaces and tree");
        require(doc.text(a).view() == again->text(b).view(), "same text");
        auto const x = doc.attributes(a);
        auto const y = again->attributes(b);
        require(x.size() == y.size(), "same attribute count");
        for (std::size_t j = 0; j < x.size(); ++j)
            require(x[j].name == y[j].name && x[j].ns == y[j].ns &&
                        document::value(x[j]).view() == document::value(y[j]).view(),
                    "same attributes");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    auto doc = document::parse(input);
    if (!doc) {
        check_error(doc.error(), input);
        return 0;
    }
    check_structure(*doc, input);
    check_round_trip(*doc);

    std::uint32_t max_depth = 0;
    for (auto const& e : doc->elements())
        max_depth = std::max(max_depth, e.depth);
    limits shallow;
    shallow.max_depth = 4;
    auto const limited = document::parse(input, shallow);
    if (max_depth > 4) {
        require(!limited && limited.error().code == make_error_code(errc::depth_limit), "depth limit enforced");
    } else {
        require(limited.has_value(), "within the depth limit, the same result");
    }
    return 0;
}
