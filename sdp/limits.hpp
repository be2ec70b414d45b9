#pragma once
/// @file
/// Explicit, configurable bounds of the SDP parser: exceeding one is a clear
/// error, never an unbounded allocation.

#include <cstddef>

namespace cpm::sdp {

struct limits {
    std::size_t max_size = 64 * 1024; ///< bytes of the whole description
    std::size_t max_lines = 1024;     ///< lines of every type together
    std::size_t max_media = 64;       ///< m= lines
};

} // namespace cpm::sdp
