#include "msrp/session/range_set.hpp"

#include <algorithm>

namespace cpm::msrp {

bool range_set::insert(std::uint64_t begin, std::uint64_t end)
{
    if (begin >= end)
        return true;
    // The common case: the next chunk in order extends the last range.
    if (!ranges_.empty() && ranges_.back().first <= begin && begin <= ranges_.back().second) {
        ranges_.back().second = std::max(ranges_.back().second, end);
        return true;
    }
    // First range ending at or after begin, and first starting after end:
    // everything in between merges with [begin, end).
    auto lo = std::lower_bound(ranges_.begin(), ranges_.end(), begin,
                               [](auto const& r, std::uint64_t v) { return r.second < v; });
    auto hi = std::upper_bound(lo, ranges_.end(), end, [](std::uint64_t v, auto const& r) { return v < r.first; });
    if (lo == hi) {
        if (ranges_.size() >= max_)
            return false;
        ranges_.insert(lo, {begin, end});
        return true;
    }
    lo->first = std::min(lo->first, begin);
    lo->second = std::max((hi - 1)->second, end);
    ranges_.erase(lo + 1, hi);
    return true;
}

bool range_set::covers(std::uint64_t size) const noexcept
{
    return size == 0 || contiguous() >= size;
}

std::uint64_t range_set::contiguous() const noexcept
{
    return !ranges_.empty() && ranges_.front().first == 0 ? ranges_.front().second : 0;
}

std::uint64_t range_set::bytes() const noexcept
{
    std::uint64_t n = 0;
    for (auto const& [b, e] : ranges_)
        n += e - b;
    return n;
}

} // namespace cpm::msrp
