#pragma once
/// @file
/// The content negotiation lists: Accept (media ranges), Accept-Encoding and
/// Accept-Language (RFC 3261 20.1 - 20.3), each entry with its q weight.

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"
#include "sip/media_type.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace cpm::sip {

/// accept-range = media-range *(SEMI accept-param)
struct accept_range {
    media_type range;               ///< "*/*", "text/*" or "type/subtype", all parameters included
    std::optional<std::uint16_t> q; ///< the q accept-param in thousandths, when present
};

/// encoding / language = (codings / language-range) *(SEMI accept-param)
struct accept_value {
    std::string_view value;         ///< "gzip", "en-gb", "*"
    std::optional<std::uint16_t> q; ///< thousandths, when present
    abnf::param_list params;
    std::string_view raw;           ///< the whole entry
};

/// Accept = [accept-range *(COMMA accept-range)]: may be empty (RFC 3261
/// 20.1: nothing is acceptable).
abnf::result<std::vector<accept_range>> parse_accept(std::string_view value);
/// Accept-Encoding = [encoding *(COMMA encoding)], codings = token / "*".
abnf::result<std::vector<accept_value>> parse_accept_encoding(std::string_view value);
/// Accept-Language = [language *(COMMA language)], language-range =
/// 1*8ALPHA *("-" 1*8ALPHA) / "*".
abnf::result<std::vector<accept_value>> parse_accept_language(std::string_view value);

} // namespace cpm::sip
