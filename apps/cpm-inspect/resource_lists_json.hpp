#pragma once
// application/resource-lists+xml (RFC 4826, RFC 5364 copy control) -> JSON.

#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"

#include <boost/json/value.hpp>

namespace cpm::inspect {

/// Parses @p text as a resource-lists document: its lists as a tree and
/// the flattened recipient entries.
sip::abnf::result<boost::json::value> inspect_resource_lists(sip::abnf::text_buffer text);

} // namespace cpm::inspect
