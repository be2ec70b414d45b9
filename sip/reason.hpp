#pragma once
/// @file
/// The Reason header (RFC 3326): why a request (typically BYE or CANCEL)
/// was sent, in the terms of some protocol ("SIP", "Q.850").

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"

#include <boost/container/small_vector.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cpm::sip {

/// reason-value = protocol *(SEMI reason-params)
struct reason {
    std::string_view protocol;           ///< "SIP", "Q.850", "preemption" or a token
    std::optional<std::uint32_t> cause;  ///< protocol-cause
    std::string_view text;               ///< reason-text as written, with quotes; empty when absent
    abnf::param_list params;

    /// The reason-text without quotes and quoted-pairs (copies).
    std::string text_unquoted() const;
};

/// The reason-values of one Reason header: two inline (a SIP cause and a
/// Q.850 cause), without a heap allocation.
using reason_list = boost::container::small_vector<reason, 2>;

/// Reason = reason-value *(COMMA reason-value)
abnf::result<reason_list> parse_reason(std::string_view value);

} // namespace cpm::sip
