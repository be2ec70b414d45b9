#pragma once
// Private: builds the error of a header value parser. Offsets are relative
// to the value; message::parse rebases them onto the whole message.

#include "sip/abnf/parse_error.hpp"
#include "sip/error.hpp"

#include <string>
#include <string_view>

namespace cpm::sip::grammar {

inline abnf::parse_error value_error(std::string_view value, char const* at, std::string message,
                                     errc code = errc::bad_header_value)
{
    return abnf::make_parse_error(value, at, code, std::move(message));
}

} // namespace cpm::sip::grammar
