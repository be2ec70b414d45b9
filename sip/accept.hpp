#pragma once
/// @file
/// The content negotiation lists: Accept (media ranges), Accept-Encoding and
/// Accept-Language (RFC 3261 20.1 - 20.3), each entry with its q weight.

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"
#include "sip/media_type.hpp"

#include <boost/container/small_vector.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

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

/// The entries of one Accept value: up to four inline, without a heap
/// allocation (a CPM client accepts application/sdp, message/cpim,
/// multipart/mixed, application/im-iscomposing+xml...).
using accept_range_list = boost::container::small_vector<accept_range, 4>;
/// The entries of one Accept-Encoding or Accept-Language value: up to four inline.
using accept_value_list = boost::container::small_vector<accept_value, 4>;

/// Accept = [accept-range *(COMMA accept-range)]: may be empty (RFC 3261
/// 20.1: nothing is acceptable).
abnf::result<accept_range_list> parse_accept(std::string_view value);
/// Accept-Encoding = [encoding *(COMMA encoding)], codings = token / "*".
abnf::result<accept_value_list> parse_accept_encoding(std::string_view value);
/// Accept-Language = [language *(COMMA language)], language-range =
/// 1*8ALPHA *("-" 1*8ALPHA) / "*".
abnf::result<accept_value_list> parse_accept_language(std::string_view value);

} // namespace cpm::sip
