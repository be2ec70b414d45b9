#pragma once
// IMDN (RFC 5438) -> JSON: a message/imdn+xml document, or a whole
// message/cpim with its IMDN headers and, when it carries one, its
// notification document.

#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"

#include <boost/json/value.hpp>

namespace cpm::inspect {

/// Parses @p text as an IMDN document (it starts with '<', after an
/// optional byte order mark and white space) or else as a message/cpim
/// body. Errors in a carried document point into the whole input.
sip::abnf::result<boost::json::value> inspect_imdn(sip::abnf::text_buffer text);

} // namespace cpm::inspect
