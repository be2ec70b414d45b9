#pragma once
/// @file
/// Headers that list "<URI>" with parameters: Alert-Info, Call-Info,
/// Error-Info (RFC 3261 20.4, 20.9, 20.18) and Identity-Info (RFC 4474).

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"

#include <boost/container/small_vector.hpp>

#include <string_view>

namespace cpm::sip {

/// LAQUOT absoluteURI RAQUOT *(SEMI generic-param)
struct info_uri {
    std::string_view uri;     ///< without the angle brackets
    abnf::param_list params;
    std::string_view purpose; ///< Call-Info ";purpose" (icon, info, card, ...); empty when absent
    std::string_view raw;     ///< the whole entry
};

/// The entries of one Alert-Info, Call-Info, Error-Info or Identity-Info
/// value: two inline, without a heap allocation.
using info_uri_list = boost::container::small_vector<info_uri, 2>;

/// Every entry of one header value; @p header names the header in error
/// sentences. Alert-Info, Call-Info and Error-Info take a list;
/// Identity-Info exactly one entry.
abnf::result<info_uri_list> parse_info_list(std::string_view value, std::string_view header);

} // namespace cpm::sip
