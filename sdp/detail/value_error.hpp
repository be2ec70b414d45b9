#pragma once
/// @file
/// Private: the error of a typed attribute value, at an offset into it.

#include "sdp/error.hpp"
#include "sip/abnf/parse_error.hpp"

#include <string>
#include <string_view>

namespace cpm::sdp::detail {

inline cpm::sip::abnf::parse_error value_error(std::string_view value, char const* at, std::string message)
{
    return cpm::sip::abnf::make_parse_error(value, at, errc::bad_attribute_value, std::move(message));
}

} // namespace cpm::sdp::detail
