#include "imdn/xml/error.hpp"

#include <string>

namespace cpm::imdn::xml {

namespace {
class category final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "cpm.xml"; }
    std::string message(int ev) const override
    {
        switch (static_cast<errc>(ev)) {
        case errc::incomplete: return "incomplete XML document";
        case errc::no_root_element: return "no root element";
        case errc::bad_xml_declaration: return "malformed XML declaration";
        case errc::unsupported_encoding: return "unsupported encoding";
        case errc::doctype_not_allowed: return "document type declarations are not accepted";
        case errc::bad_character: return "character not allowed in XML";
        case errc::bad_name: return "malformed name";
        case errc::bad_start_tag: return "malformed start tag";
        case errc::bad_end_tag: return "malformed end tag";
        case errc::mismatched_end_tag: return "end tag does not match the start tag";
        case errc::bad_attribute: return "malformed attribute";
        case errc::duplicate_attribute: return "duplicate attribute";
        case errc::lt_in_attribute_value: return "'<' in an attribute value";
        case errc::bad_reference: return "malformed reference";
        case errc::undefined_entity: return "undefined entity";
        case errc::cdata_end_in_text: return "']]>' in character data";
        case errc::bad_comment: return "malformed comment";
        case errc::bad_processing_instruction: return "malformed processing instruction";
        case errc::bad_cdata: return "malformed CDATA section";
        case errc::content_outside_root: return "content outside the root element";
        case errc::undeclared_prefix: return "undeclared namespace prefix";
        case errc::bad_namespace_declaration: return "malformed namespace declaration";
        case errc::size_limit: return "document size limit exceeded";
        case errc::depth_limit: return "element depth limit exceeded";
        case errc::attribute_limit: return "attribute count limit exceeded";
        case errc::element_limit: return "element count limit exceeded";
        }
        return "unknown XML error";
    }
};
} // namespace

boost::system::error_category const& xml_category() noexcept
{
    static category const instance;
    return instance;
}

} // namespace cpm::imdn::xml
