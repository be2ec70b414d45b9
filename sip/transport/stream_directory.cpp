#include "sip/transport/stream_directory.hpp"

namespace cpm::sip::transport {

void stream_directory::add(peer const& remote, layer* owner)
{
    std::lock_guard lock(mutex_);
    owners_.emplace(remote, owner);
}

void stream_directory::remove(peer const& remote, layer* owner)
{
    std::lock_guard lock(mutex_);
    auto [first, last] = owners_.equal_range(remote);
    for (auto it = first; it != last; ++it)
        if (it->second == owner) {
            owners_.erase(it);
            return;
        }
}

layer* stream_directory::find(peer const& remote, layer const* self) const
{
    std::lock_guard lock(mutex_);
    auto [first, last] = owners_.equal_range(remote);
    for (auto it = first; it != last; ++it)
        if (it->second != self)
            return it->second;
    return nullptr;
}

} // namespace cpm::sip::transport
