#pragma once
/// @file
/// Why the CPM client refused a call or gave up on a request.

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <type_traits>

namespace cpm::client {

enum class errc {
    too_large = 1,     ///< pager-mode content over 1300 bytes (draft 5.1: Large Message Mode instead)
    bad_uri,           ///< the target is not a SIP, SIPS or tel URI
    bad_text,          ///< the text is empty or holds bytes a SIP body cannot carry as text/plain
    busy,              ///< a registration transaction is already running
    not_registered,    ///< de-registration asked with no registration
    no_credentials,    ///< a 401/407 the Digest client could not answer
};

boost::system::error_category const& client_category() noexcept;

inline boost::system::error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), client_category()};
}

template <class T>
using result = boost::system::result<T>;

} // namespace cpm::client

template <>
struct boost::system::is_error_code_enum<cpm::client::errc> : std::true_type {};
