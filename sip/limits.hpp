#pragma once
/// @file
/// Explicit, configurable bounds of the SIP codec: exceeding one is a clear
/// error, never an unbounded allocation.

#include <cstddef>

namespace cpm::sip {

struct limits {
    std::size_t max_message_size = 256 * 1024; ///< start line + headers + body
    std::size_t max_header_count = 256;        ///< header fields (not list elements)
    std::size_t max_line_length = 16 * 1024;   ///< one header field, folds included
};

} // namespace cpm::sip
