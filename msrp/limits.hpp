#pragma once
/// @file
/// Explicit, configurable bounds of the MSRP codec. Bodies are streamed and
/// never buffered, so only the header block is bounded here; the size of a
/// message is the session's business (SDP max-size, 413).

#include <cstddef>

namespace cpm::msrp {

struct limits {
    std::size_t max_head_size = 16 * 1024; ///< start line + header fields + blank line
    std::size_t max_header_count = 64;     ///< header fields, To-Path and From-Path included
};

} // namespace cpm::msrp
