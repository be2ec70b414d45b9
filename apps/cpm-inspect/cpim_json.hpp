#pragma once
// message/cpim (RFC 3862) -> JSON: every header with its namespace
// resolved and its value decoded, the MIME headers, the body.

#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"

#include <boost/json/value.hpp>

namespace cpm::inspect {

/// Parses @p text as one message/cpim body and decodes all of it,
/// escapes included: an escape that does not decode is an error.
sip::abnf::result<boost::json::value> inspect_cpim(sip::abnf::text_buffer text);

} // namespace cpm::inspect
