#pragma once
/// @file
/// The Warning header (RFC 3261 20.43).

#include "sip/abnf/parse_error.hpp"

#include <boost/container/small_vector.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace cpm::sip {

/// warning-value = warn-code SP warn-agent SP warn-text
struct warning {
    std::uint16_t code = 0;  ///< warn-code, three digits (300-399 registered)
    std::string_view agent;  ///< hostport or pseudonym token
    std::string_view text;   ///< warn-text as written, with its quotes

    /// The warn-text without quotes and quoted-pairs (copies).
    std::string text_unquoted() const;
};

/// The warning-values of one Warning header: usually one, two inline
/// without a heap allocation.
using warning_list = boost::container::small_vector<warning, 2>;

/// Warning = warning-value *(COMMA warning-value). RFC 3261 puts one SP
/// between the parts; any LWS is accepted, as for every other separator.
abnf::result<warning_list> parse_warning(std::string_view value);

} // namespace cpm::sip
