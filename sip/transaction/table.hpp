#pragma once
/// @file
/// A table of transactions by key (client_key or server_key): insertion,
/// lookup, removal. One per stack instance and side, used from one strand.

#include "sip/transaction/key.hpp"

#include <cstddef>
#include <unordered_map>
#include <utility>

namespace cpm::sip::transaction {

/// Keys are views (key.hpp): every key must point into memory that @p Value
/// owns and that does not move with it, such as the text_buffer of the
/// transaction's request (build the key with client_key_of(tx.request()) or
/// server_key_of(tx.request())). Erase an entry before its value dies.
template <class Key, class Value>
class table {
public:
    /// Stores @p value under @p key; nullptr (and @p value dropped) when the
    /// key is already taken.
    Value* insert(Key const& key, Value value)
    {
        auto [it, inserted] = map_.try_emplace(key, std::move(value));
        return inserted ? &it->second : nullptr;
    }

    /// The value stored under a key equal to @p key, or nullptr.
    Value* find(Key const& key) noexcept
    {
        auto it = map_.find(key);
        return it == map_.end() ? nullptr : &it->second;
    }

    /// Removes the entry under @p key; false when there was none.
    bool erase(Key const& key) { return map_.erase(key) != 0; }

    std::size_t size() const noexcept { return map_.size(); }
    bool empty() const noexcept { return map_.empty(); }

private:
    std::unordered_map<Key, Value, key_hash> map_;
};

} // namespace cpm::sip::transaction
