#pragma once
// application/reginfo+xml (RFC 3680, RFC 5628 GRUUs) -> JSON.

#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"

#include <boost/json/value.hpp>

namespace cpm::inspect {

/// Parses @p text as a reginfo document: version, state, and each
/// registration with its contacts (states, events, timers, parameters,
/// GRUUs).
sip::abnf::result<boost::json::value> inspect_reginfo(sip::abnf::text_buffer text);

} // namespace cpm::inspect
