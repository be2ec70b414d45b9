#pragma once
/// @file
/// Non-INVITE transactions that only wait. Over an unreliable transport a
/// non-INVITE server transaction stays in Completed for Timer J (64*T1,
/// 32 s) to answer retransmissions of its request with its final response
/// again (RFC 3261 17.2.2), and a client one for Timer K (T4) to absorb
/// retransmissions of the response (17.1.2.2). A proxy at thousands of
/// messages a second holds tens of thousands of them; kept whole (the
/// parsed request and response, kilobytes each) they are most of its
/// memory and of its time spent growing the heap. The core moves them here
/// instead: an owned copy of the transaction key and, at a server, the
/// bytes of the final response and where they go.

#include "sip/stack/peer.hpp"
#include "sip/transaction/key.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cpm::sip::stack {

/// A completed non-INVITE server transaction (17.2.2) waiting for Timer J.
struct lingering_server {
    std::unique_ptr<char[]> key_bytes; ///< what the table key's views point into
    std::string response;              ///< the final response, sent again per retransmission
    peer reply_to;
};

/// The waiting transactions of one core, by key. Keys given to add_*()
/// may point into memory that dies right after: the tables copy them.
class lingering_transactions {
public:
    /// Takes over the server transaction with RFC 3261 key @p key whose
    /// final response @p response goes to @p reply_to. Returns the stored
    /// key (valid until erase_server()).
    transaction::server_key add_server(transaction::server_key const& key, std::string_view response, peer reply_to);
    lingering_server const* find_server(transaction::server_key const& key) const noexcept;
    void erase_server(transaction::server_key const& key) { servers_.erase(key); }

    /// Takes over the client transaction with key @p key. Returns the
    /// stored key (valid until erase_client()).
    transaction::client_key add_client(transaction::client_key const& key);
    bool has_client(transaction::client_key const& key) const noexcept { return clients_.contains(key); }
    void erase_client(transaction::client_key const& key) { clients_.erase(key); }

    std::size_t size() const noexcept { return servers_.size() + clients_.size(); }

private:
    std::unordered_map<transaction::server_key, lingering_server, transaction::key_hash> servers_;
    std::unordered_map<transaction::client_key, std::unique_ptr<char[]>, transaction::key_hash> clients_;
};

} // namespace cpm::sip::stack
