#pragma once
// SDP session description -> JSON, MSRP media lines decoded.

#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"

#include <boost/json/value.hpp>

namespace cpm::inspect {

/// Parses @p text as one SDP session description (RFC 8866) and decodes
/// the MSRP attributes of every m=message line; an attribute that does not
/// decode is reported like a parse error.
sip::abnf::result<boost::json::value> inspect_sdp(sip::abnf::text_buffer text);

} // namespace cpm::inspect
