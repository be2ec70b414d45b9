#pragma once
/// @file
/// Error codes of the IMDN codec (RFC 5438).

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace cpm::imdn {

/// What was wrong with an IMDN header, document or request, named by the
/// RFC 5438 element or rule.
enum class errc {
    bad_disposition_notification = 1,
    bad_message_id,
    bad_address,          ///< Original-To, IMDN-Record-Route, IMDN-Route
    duplicate_header,
    not_an_imdn,          ///< the XML root is not <imdn> in urn:ietf:params:xml:ns:imdn, or no such body
    missing_element,
    duplicate_element,
    unexpected_element,   ///< an element of the IMDN namespace where the schema has none
    unknown_status,       ///< a status that is not one of the notification's
    bad_datetime,
    missing_header,       ///< the IM lacks what a notification needs (Message-ID, DateTime, From)
    not_requested,        ///< the IM did not ask for this notification
    bad_value,            ///< text a document or header cannot carry
    not_on_route,         ///< an IMDN whose first IMDN-Route is not this intermediary
};

boost::system::error_category const& imdn_category() noexcept;

inline boost::system::error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), imdn_category()};
}

} // namespace cpm::imdn

template <>
struct boost::system::is_error_code_enum<cpm::imdn::errc> : std::true_type {};
