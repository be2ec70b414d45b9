#pragma once
// Property checks shared by the MSRP fuzz targets (msrp_message, msrp_uri,
// msrp_framer): views lie inside the text they were parsed from and are
// read byte by byte (so AddressSanitizer sees a view into freed or foreign
// memory), errors point inside the input, and every typed header value is
// decoded.

#include "msrp/message.hpp"
#include "msrp/uri.hpp"
#include "sip/abnf/parse_error.hpp"

#include "require.hpp"

#include <cstddef>
#include <string_view>

namespace cpm::fuzz::msrp_checks {

using cpm::fuzz::require;

/// A parse error points inside the @p size bytes parsed and says something.
void check_error(sip::abnf::parse_error const& e, std::size_t size);

/// @p view lies inside @p buffer; its bytes are read.
void check_view(std::string_view buffer, std::string_view view, char const* what);

/// Every part of @p u lies inside @p buffer, and equivalent(u, u).
void check_uri(std::string_view buffer, msrp::uri const& u);

/// The views of @p h lie inside @p buffer, To-Path and From-Path come first,
/// and every known field decodes (or fails with a well-formed error).
void check_head(std::string_view buffer, msrp::head const& h);

} // namespace cpm::fuzz::msrp_checks
