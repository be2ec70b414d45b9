#pragma once
/// @file
/// Content-Disposition (RFC 3261 20.11, RFC 2183): how a body is to be
/// interpreted, and whether the receiver must understand it.

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"

#include <cstdint>
#include <string_view>

namespace cpm::sip {

/// handling-param = "handling" EQUAL ("optional" / "required" / other-handling)
enum class disposition_handling : std::uint8_t { unspecified, optional, required, other };

/// Content-Disposition = disp-type *(SEMI disp-param)
struct content_disposition {
    std::string_view type; ///< "render", "session", "icon", "alert", "recipient-list", ...
    disposition_handling handling = disposition_handling::unspecified;
    std::string_view handling_text; ///< as written; empty when absent
    abnf::param_list params;

    /// Case-insensitive disp-type match.
    bool is(std::string_view t) const noexcept;
};

abnf::result<content_disposition> parse_content_disposition(std::string_view value);

} // namespace cpm::sip
