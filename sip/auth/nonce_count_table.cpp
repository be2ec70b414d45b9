#include "sip/auth/nonce_count_table.hpp"

namespace cpm::sip::auth {

nonce_count_table::nonce_count_table(std::size_t capacity, std::chrono::seconds lifetime)
    : capacity_(capacity == 0 ? 1 : capacity), lifetime_(lifetime)
{
}

void nonce_count_table::drop_expired(wall_clock::time_point now)
{
    // Expired nonces are refused before they reach the table, so their
    // entries can go without raising the forgotten mark.
    while (!by_issue_.empty() && now - by_issue_.begin()->first > lifetime_) {
        counts_.erase(by_issue_.begin()->second);
        by_issue_.erase(by_issue_.begin());
    }
}

void nonce_count_table::evict_oldest()
{
    auto oldest = by_issue_.begin();
    if (oldest->first > forgotten_up_to_)
        forgotten_up_to_ = oldest->first;
    counts_.erase(oldest->second);
    by_issue_.erase(oldest);
}

nonce_count_table::verdict nonce_count_table::record(std::string_view nonce, wall_clock::time_point issued,
                                                     std::uint32_t nc, wall_clock::time_point now)
{
    drop_expired(now);
    std::string key(nonce);
    if (auto it = counts_.find(key); it != counts_.end()) {
        if (nc <= it->second)
            return verdict::replay;
        it->second = nc;
        return verdict::fresh;
    }
    if (issued <= forgotten_up_to_)
        return verdict::forgotten;
    if (counts_.size() >= capacity_)
        evict_oldest();
    by_issue_.emplace(issued, key);
    counts_.emplace(std::move(key), nc);
    return verdict::fresh;
}

} // namespace cpm::sip::auth
