#pragma once
/// @file
/// RFC 3862 section 2.3 character escapes ("\u00e9", "\t", "\"", "\\"):
/// the only places the CPIM codec copies, on request.

#include "sip/abnf/parse_error.hpp"

#include <string>
#include <string_view>

namespace cpm::cpim {

/// Decodes the escapes of a header value ("a\tb" -> a TAB b; "\u00e9" -> the
/// UTF-8 of U+00E9). A backslash that starts no Escape, and \u of a
/// surrogate code point (no character), are errors at their offset.
sip::abnf::result<std::string> unescape(std::string_view value);

/// Decodes a String (DQUOTE *( Str-char / Escape ) DQUOTE): quotes removed,
/// escapes decoded. Input that is not quoted is decoded as a header value.
sip::abnf::result<std::string> unquote(std::string_view quoted);

/// True when @p value holds a backslash (callers skip the copy otherwise).
inline bool has_escapes(std::string_view value) noexcept
{
    return value.find('\\') != std::string_view::npos;
}

/// Where escaped text goes: a bare header value, or the inside of a String
/// (where a double quote must be escaped too).
enum class escape_context : unsigned char { header_value, string };

/// Appends @p text to @p out in wire form: backslash, the controls (TAB, CR,
/// LF, BS as \t \r \n \b, others as \u00XX, DEL as \u007F) and, in a
/// String, the double quote are escaped. Returns false, leaving @p out
/// unchanged, when @p text is not UTF-8 (no escape can carry such bytes).
bool append_escaped(std::string& out, std::string_view text, escape_context where);

} // namespace cpm::cpim
