#pragma once
// application/conference-info+xml (RFC 4575) -> JSON.

#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"

#include <boost/json/value.hpp>

namespace cpm::inspect {

/// Parses @p text as a conference-info document: every element of the
/// model, with the 'state' of each element that has one (full, partial or
/// deleted, RFC 4575 section 4.6) and the version.
sip::abnf::result<boost::json::value> inspect_conference_info(sip::abnf::text_buffer text);

} // namespace cpm::inspect
