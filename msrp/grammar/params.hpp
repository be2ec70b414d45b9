#pragma once
// Private: ";" name ["=" (token / quoted-string)] lists of the MIME-style
// MSRP fields (Content-Type gen-param, Content-Disposition parameters).

#include "msrp/headers.hpp"

#include <string_view>
#include <vector>

namespace cpm::msrp::grammar {

/// Parses @p rest (a tail of @p value) as *( ";" pname [ "=" pval ] ) into
/// @p out. With @p spaces, SP/HTAB may surround ";" and "=" (RFC 2183
/// fields); without, none may appear (RFC 4975 media-type). Errors start
/// with @p header and are relative to @p value.
sip::abnf::result<void> parse_semicolon_params(std::string_view value, std::string_view rest, bool spaces,
                                               std::string_view header, std::vector<parameter>& out);

/// pval = token / quoted-string at the start of @p s; its length or 0.
std::size_t param_value_length(std::string_view s) noexcept;

} // namespace cpm::msrp::grammar
