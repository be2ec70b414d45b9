#pragma once
/// @file
/// quoted-string fields of Digest headers (RFC 3261 25.1): writing one, and
/// reading the text of one whose body the parser returned with its
/// quoted-pairs kept.

#include "sip/abnf/unescape.hpp"

#include <string>
#include <string_view>

namespace cpm::sip::auth {

/// Appends "\"" text "\"", escaping '"' and '\' as quoted-pairs.
inline void append_quoted(std::string& out, std::string_view text)
{
    out.push_back('"');
    for (char c : text) {
        if (c == '"' || c == '\\')
            out.push_back('\\');
        out.push_back(c);
    }
    out.push_back('"');
}

/// The text of a quoted-string body (the part between the quotes), with
/// quoted-pairs resolved; copies only when there is a backslash.
inline std::string_view quoted_text(std::string_view body, std::string& storage)
{
    if (body.find('\\') == std::string_view::npos)
        return body;
    storage = abnf::unquote(std::string("\"").append(body).append("\""));
    return storage;
}

} // namespace cpm::sip::auth
