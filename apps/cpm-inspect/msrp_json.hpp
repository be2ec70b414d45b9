#pragma once
// MSRP messages -> JSON, every header decoded.

#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"

#include <boost/json/value.hpp>

namespace cpm::inspect {

/// Parses @p text as one or more MSRP messages, back to back, and decodes
/// all of them: an array with one object per message. An error in any
/// header is reported like a parse error, at its place in the file.
sip::abnf::result<boost::json::value> inspect_msrp(sip::abnf::text_buffer text);

} // namespace cpm::inspect
