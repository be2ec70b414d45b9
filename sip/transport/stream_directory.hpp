#pragma once
/// @file
/// Which layer of a worker pool holds an open stream connection to a peer.
/// A connection stays with the worker that accepted or opened it, but a
/// request for that peer may be sent by any worker: a proxy reaches a
/// registered user over the TCP connection its REGISTER came on (RFC 5626
/// 5.3), which another worker accepted. A layer that has no connection to
/// the peer asks the directory and sends through the owner's layer instead
/// of opening a second connection (to a port nobody listens on, for a
/// client's ephemeral port).
///
/// Threading: every layer of the pool updates and reads it; a mutex guards
/// it. It is touched when a connection opens or closes and when a send
/// finds no connection of its own, never on the path of a send that does.

#include "sip/transport/peer.hpp"

#include <mutex>
#include <unordered_map>

namespace cpm::sip::transport {

class layer;

class stream_directory {
public:
    /// @p owner has an open connection to @p remote.
    void add(peer const& remote, layer* owner);
    /// One of @p owner's connections to @p remote closed.
    void remove(peer const& remote, layer* owner);
    /// A layer other than @p self with a connection to @p remote, or nullptr.
    layer* find(peer const& remote, layer const* self) const;

private:
    mutable std::mutex mutex_;
    std::unordered_multimap<peer, layer*, peer_hash> owners_;
};

} // namespace cpm::sip::transport
