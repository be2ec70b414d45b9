#pragma once
/// @file
/// The only places a parser copies: turning wire escapes into plain text,
/// on request.

#include <optional>
#include <string>
#include <string_view>

namespace cpm::sip::abnf {

/// Removes the quotes and quoted-pair backslashes of a quoted-string
/// ("\"a\\\"b\"" -> a"b). Input that is not quoted is returned unchanged.
std::string unquote(std::string_view quoted);

/// Decodes %HH escapes (RFC 3986 / RFC 3261 "escaped"); nullopt when a '%'
/// is not followed by two hex digits.
std::optional<std::string> percent_decode(std::string_view escaped);

/// True when @p s contains a '%' (callers skip the copy otherwise).
inline bool has_escapes(std::string_view s) noexcept
{
    return s.find('%') != std::string_view::npos;
}

} // namespace cpm::sip::abnf
