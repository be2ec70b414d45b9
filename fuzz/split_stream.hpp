#pragma once
// How the stream-framer targets (sip_framer, msrp_framer) cut one fuzz input
// into reads: byte 0 picks limits (the target says which bits mean what),
// bytes 1-4 seed the random split, the rest is the stream. Short inputs are
// padded with zero control bytes. A target feeds the stream whole, in
// random_chunks() and in single_bytes(), and requires the same events.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace cpm::fuzz {

/// One fuzz input split into its control bytes and the byte stream.
struct split_input {
    static constexpr std::size_t control_bytes = 5;

    std::uint8_t limits = 0;  ///< byte 0: which limits to shrink
    std::uint64_t seed = 0;   ///< bytes 1-4: the random split
    std::string_view stream;  ///< the rest

    split_input(std::uint8_t const* data, std::size_t size) noexcept
    {
        std::uint8_t control[control_bytes] = {};
        std::copy(data, data + std::min(size, control_bytes), control);
        limits = control[0];
        seed = std::uint64_t{control[1]} | std::uint64_t{control[2]} << 8 | std::uint64_t{control[3]} << 16 |
               std::uint64_t{control[4]} << 24;
        std::string_view const input(reinterpret_cast<char const*>(data), size);
        stream = input.substr(std::min(size, control_bytes));
    }
};

/// splitmix64: a small deterministic generator for the chunk sizes.
class split_rng {
public:
    explicit split_rng(std::uint64_t seed) noexcept : state_(seed) {}
    std::uint64_t next() noexcept
    {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15u);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        return z ^ (z >> 31);
    }

private:
    std::uint64_t state_;
};

/// @p stream in reads of random length: mostly short (where a CRLF, a fold
/// or an end-line straddles two reads), sometimes long, now and then empty.
inline std::vector<std::string_view> random_chunks(std::string_view stream, std::uint64_t seed)
{
    split_rng rng(seed);
    std::vector<std::string_view> chunks;
    std::size_t at = 0;
    while (at < stream.size()) {
        auto const r = rng.next();
        std::size_t const scale = std::size_t{1} << (r % 11); // 1 to 1024
        std::size_t const length = r % 16 == 0 ? 0 : 1 + (r >> 8) % scale;
        chunks.push_back(stream.substr(at, length));
        at += std::min(length, stream.size() - at);
    }
    return chunks;
}

/// @p stream one byte a read.
inline std::vector<std::string_view> single_bytes(std::string_view stream)
{
    std::vector<std::string_view> chunks;
    for (std::size_t i = 0; i < stream.size(); ++i)
        chunks.push_back(stream.substr(i, 1));
    return chunks;
}

} // namespace cpm::fuzz
