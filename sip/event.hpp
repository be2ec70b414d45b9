#pragma once
/// @file
/// SIP-specific event notification headers (RFC 6665 section 8.2): Event and
/// Subscription-State. Allow-Events is a token_list (token_list.hpp).

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace cpm::sip {

/// Event = event-type *(SEMI event-param), event-type = event-package
/// *("." event-template) (RFC 6665 8.2.1).
struct event {
    std::string_view type;      ///< as written: "presence.winfo"
    std::string_view package;   ///< "presence"
    std::string_view templates; ///< after the first '.': "winfo"; empty when none
    std::string_view id;        ///< the ";id" token, empty when absent
    abnf::param_list params;    ///< every parameter as written

    /// Case-sensitive package match, as RFC 6665 7.2 compares event types.
    bool is(std::string_view package_name) const noexcept { return package == package_name && templates.empty(); }
};

abnf::result<event> parse_event(std::string_view value);

enum class substate : std::uint8_t { active, pending, terminated, extension };

/// Subscription-State = substate-value *(SEMI subexp-params) (RFC 6665 8.2.3).
struct subscription_state {
    sip::substate state = substate::extension;
    std::string_view state_text;           ///< as written
    std::string_view reason;               ///< "timeout", "rejected", ...; empty when absent
    std::optional<std::uint32_t> expires;
    std::optional<std::uint32_t> retry_after;
    abnf::param_list params;
};

abnf::result<subscription_state> parse_subscription_state(std::string_view value);

} // namespace cpm::sip
