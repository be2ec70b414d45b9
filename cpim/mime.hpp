#pragma once
/// @file
/// The MIME headers of the object a CPIM message encapsulates (RFC 3862
/// 2.4, RFC 2045): Content-Type, Content-ID, Content-Disposition decoded,
/// every other header kept as written.

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"

#include <string_view>

namespace cpm::cpim {

/// One MIME header line as received (RFC 5322 2.2 field syntax).
struct mime_header {
    std::string_view name;  ///< as written; compared case-insensitively
    std::string_view value; ///< leading and trailing whitespace removed; folds kept
    std::string_view line;  ///< the whole field without its final CRLF
};

/// Content-Type = type "/" subtype *( ";" parameter )  (RFC 2045 5.1)
struct content_type {
    std::string_view type;    ///< "text"
    std::string_view subtype; ///< "plain"
    sip::abnf::param_list params;
    std::string_view raw;

    /// Case-insensitive match of type and subtype ("*" matches anything).
    bool is(std::string_view t, std::string_view s) const noexcept;
};

/// Content-Disposition = disposition-type *( ";" parameter )  (RFC 2183)
struct content_disposition {
    std::string_view type; ///< "inline", "attachment", "render", ...
    sip::abnf::param_list params;
};

/// Error offsets of these three are relative to @p value.
sip::abnf::result<content_type> parse_content_type(std::string_view value);
sip::abnf::result<content_disposition> parse_content_disposition(std::string_view value);
/// Content-ID = "<" id ">" (RFC 2045 7, RFC 2392): the id between the brackets.
sip::abnf::result<std::string_view> parse_content_id(std::string_view value);

} // namespace cpm::cpim
