#pragma once
/// @file
/// Messages the stack core parses a second time: the copies it hands to the
/// transaction user (which outlive the transaction's own), and the
/// responses and requests it writes itself (which the transaction machines
/// take parsed).

#include "sip/message.hpp"
#include "sip/stack/actions.hpp"

#include <optional>
#include <string_view>

namespace cpm::sip::stack {

/// The TU's copy of @p m: its bytes parsed again (null only if they no
/// longer parse under the default limits, a message the transport admitted
/// with larger ones).
message_ptr share(sip::message const& m);

/// @p bytes written by this element (message_builder output over fields
/// of a parsed message), parsed; nullopt if they do not parse.
std::optional<sip::message> parse_own(std::string_view bytes);

} // namespace cpm::sip::stack
