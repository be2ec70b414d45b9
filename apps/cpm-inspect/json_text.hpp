#pragma once
// Text and octets as JSON: Boost.JSON writes string bytes as they are, so
// anything that may not be UTF-8 goes through these helpers and the output
// stays valid JSON.

#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <string_view>

namespace cpm::inspect {

/// Whether @p s is well-formed UTF-8 (RFC 3629: no overlongs, surrogates
/// or code points past U+10FFFF).
bool is_utf8(std::string_view s) noexcept;

/// @p s as a JSON string; a byte that is not part of a well-formed UTF-8
/// sequence becomes U+FFFD (header text is UTF-8 by RFC 3261 25.1, so this
/// only shows in malformed input).
boost::json::string text(std::string_view s);

/// A body or body part: {"length", "text"} when it is UTF-8, else
/// {"length", "base64"} (RFC 4648 section 4) so binary parts survive intact.
boost::json::object octets_json(std::string_view bytes);

} // namespace cpm::inspect
