#pragma once
/// @file
/// The byte ranges of one incoming message received so far: chunks may
/// arrive out of order and more than once (RFC 4975 5.1), and a message is
/// complete when [0, total) is covered.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace cpm::msrp {

/// Disjoint, merged, half-open byte ranges with a bounded count.
class range_set {
public:
    /// @p max_ranges bounds the number of disjoint ranges kept.
    explicit range_set(std::size_t max_ranges) : max_(max_ranges) {}
    /// Adds [@p begin, @p end); false (and nothing added) when that would
    /// need more than max_ranges disjoint ranges.
    bool insert(std::uint64_t begin, std::uint64_t end);
    /// Whether [0, @p size) is covered.
    bool covers(std::uint64_t size) const noexcept;
    /// End of the range starting at 0 (0 when byte 0 is missing).
    std::uint64_t contiguous() const noexcept;
    /// Bytes covered.
    std::uint64_t bytes() const noexcept;
    /// Disjoint ranges held.
    std::size_t count() const noexcept { return ranges_.size(); }

private:
    std::size_t max_;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges_;
};

} // namespace cpm::msrp
