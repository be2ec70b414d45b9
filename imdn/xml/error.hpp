#pragma once
/// @file
/// Error codes of the XML reader: one per well-formedness rule, namespace
/// constraint or limit.

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace cpm::imdn::xml {

/// Why a document was refused, named by the XML 1.0 production, the
/// Namespaces in XML 1.0 constraint or the limit it broke.
enum class errc {
    incomplete = 1,       ///< the input ends inside markup or before the root element closes
    no_root_element,
    bad_xml_declaration,
    unsupported_encoding, ///< only UTF-8 (and its ASCII subset) is read
    doctype_not_allowed,  ///< no DTD, so no entity declarations (no XXE, no expansion bombs)
    bad_character,        ///< not an XML Char, or malformed UTF-8
    bad_name,
    bad_start_tag,
    bad_end_tag,
    mismatched_end_tag,
    bad_attribute,
    duplicate_attribute,
    lt_in_attribute_value,
    bad_reference,
    undefined_entity,
    cdata_end_in_text,    ///< "]]>" in character data
    bad_comment,
    bad_processing_instruction,
    bad_cdata,
    content_outside_root,
    undeclared_prefix,
    bad_namespace_declaration,
    size_limit,
    depth_limit,
    attribute_limit,
    element_limit,
};

boost::system::error_category const& xml_category() noexcept;

inline boost::system::error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), xml_category()};
}

} // namespace cpm::imdn::xml

template <>
struct boost::system::is_error_code_enum<cpm::imdn::xml::errc> : std::true_type {};
