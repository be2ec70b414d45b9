#pragma once
/// @file
/// Writing canonical SDP: every line in RFC 8866 section 5 order, CRLF
/// line ends, single spaces between fields. Output is appended to a
/// caller-supplied string; to parse it, copy it into an abnf::text_buffer.

#include "sdp/session.hpp"

#include <string>

namespace cpm::sdp {

/// Appends @p d to @p out. The description must be valid (parse() of the
/// output gives back @p d); views in it may point anywhere.
void serialize(session_description const& d, std::string& out);

/// Appends one media description (m= and the lines under it).
void serialize(media_description const& m, std::string& out);

/// The description as a new string.
std::string to_string(session_description const& d);

} // namespace cpm::sdp
