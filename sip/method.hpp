#pragma once
/// @file
/// SIP request methods: the well-known ones as an enum, extensions by text.

#include <cstdint>
#include <string_view>

namespace cpm::sip {

enum class method : std::uint8_t {
    extension, ///< any other token; compare method_text()
    invite, ack, bye, cancel, register_, options, message, subscribe, notify,
    refer, info, update, prack, publish,
};

/// Case-sensitive, as RFC 3261 7.1 says method names are.
method method_from_text(std::string_view text) noexcept;
/// Canonical upper-case name ("" for extension).
std::string_view to_string(method m) noexcept;

} // namespace cpm::sip
