#pragma once
/// @file
/// The error value every parser in the project returns for bad input.

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cpm::sip::abnf {

/// Where and why a parse failed. @c message is one human sentence that
/// names the element, e.g. "Via: expected SIP/2.0/<transport>"; it is what
/// a SIP 400 Warning, an MSRP 400 and cpm-inspect print.
struct parse_error {
    boost::system::error_code code;
    std::size_t offset = 0;   ///< byte offset from the start of the input
    std::uint32_t line = 1;   ///< 1-based
    std::uint32_t column = 1; ///< 1-based, in bytes
    std::string message;
};

/// 1-based line and column of @p offset in @p text (lines end in LF; a CR
/// before it belongs to the line).
struct position {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
};
position locate(std::string_view text, std::size_t offset) noexcept;

/// Builds a parse_error at @p at, a pointer into @p text.
parse_error make_parse_error(std::string_view text, char const* at,
                             boost::system::error_code code, std::string message);

/// Lets result<T, parse_error>::value() throw on error (Boost.System hook).
[[noreturn]] void throw_exception_from_error(parse_error const& e,
                                             boost::source_location const& loc);

template <class T>
using result = boost::system::result<T, parse_error>;

} // namespace cpm::sip::abnf
