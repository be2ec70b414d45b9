#pragma once
// SIP message -> JSON, every header decoded.

#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"

#include <boost/json/value.hpp>

namespace cpm::inspect {

/// Parses @p text as one SIP message and decodes all of it. An error in
/// any header (hot or on access) is reported like a parse error.
sip::abnf::result<boost::json::value> inspect_sip(sip::abnf::text_buffer text);

} // namespace cpm::inspect
