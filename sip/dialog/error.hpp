#pragma once
/// @file
/// Why a message cannot create, or act on, a dialog.

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <type_traits>

namespace cpm::sip::dialog {

enum class errc {
    not_a_dialog_message = 1, ///< a request or response that cannot create a dialog (no To tag, wrong status)
    missing_contact,          ///< RFC 3261 12.1.1, 12.1.2: a dialog needs the peer's Contact
    bad_contact,              ///< Contact present but not one URI
    bad_record_route,         ///< Record-Route malformed
    wrong_dialog,             ///< the message's dialog id differs from this dialog's
    terminated,               ///< the dialog is terminated
};

boost::system::error_category const& dialog_category() noexcept;

inline boost::system::error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), dialog_category()};
}

template <class T>
using result = boost::system::result<T>;

} // namespace cpm::sip::dialog

template <>
struct boost::system::is_error_code_enum<cpm::sip::dialog::errc> : std::true_type {};
