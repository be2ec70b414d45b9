#pragma once
/// @file
/// The Reason header (RFC 3326): why a request (typically BYE or CANCEL)
/// was sent, in the terms of some protocol ("SIP", "Q.850").

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

/// Reason = reason-value *(COMMA reason-value)
abnf::result<std::vector<reason>> parse_reason(std::string_view value);

} // namespace cpm::sip
