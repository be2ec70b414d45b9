#pragma once
/// @file
/// Explicit, configurable bounds of the CPIM codec: exceeding one is a
/// clear error, never an unbounded allocation.

#include <cstddef>

namespace cpm::cpim {

struct limits {
    std::size_t max_message_size = 1024 * 1024; ///< headers + MIME headers + body
    std::size_t max_header_count = 128;         ///< CPIM message headers
    std::size_t max_mime_header_count = 64;     ///< encapsulated MIME headers
    std::size_t max_line_length = 8 * 1024;     ///< one header line (MIME folds included)
};

} // namespace cpm::cpim
