#pragma once
/// @file
/// Error codes of CPM's XML documents (resource-lists, conference-info, reginfo): what a
/// well-formed document breaks of its schema.

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace cpm::docs {

enum class errc {
    bad_root = 1,         ///< not the document element the type requires
    unexpected_element,   ///< an element the schema does not allow there
    unexpected_attribute, ///< an unqualified attribute the schema does not define
    missing_attribute,    ///< a required attribute is absent
    bad_attribute_value,  ///< outside the attribute's type
    unexpected_text,      ///< character data in element-only content
    bad_value,            ///< element content outside its type
    missing_element,      ///< a required child element is absent
    missing_version,      ///< a notification without the version that orders it
    entity_mismatch,      ///< a partial notification about another resource
    state_limit,          ///< merged state would exceed its limits
};

boost::system::error_category const& docs_category() noexcept;

inline boost::system::error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), docs_category()};
}

} // namespace cpm::docs

template <>
struct boost::system::is_error_code_enum<cpm::docs::errc> : std::true_type {};
