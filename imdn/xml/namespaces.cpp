// Namespaces in XML 1.0 for the XML reader: declarations, prefix look-up
// and the resolution of element and attribute names.

#include "imdn/xml/detail/parser.hpp"

#include <memory>
#include <string>

namespace cpm::imdn::xml {

using namespace detail;

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


} // namespace cpm::imdn::xml
