#pragma once
/// @file
/// One worker of the embedded SIP/IP core: a stack core in proxy mode run
/// by the Asio driver on the worker's transport layer, with the registrar
/// taking the REGISTERs for our domain and the proxy every other request.
/// The location service and the users are shared by the workers; each
/// worker has its own core, registrar and proxy (no lock on the hot path).

#include "cpm/core/location.hpp"
#include "cpm/core/proxy.hpp"
#include "cpm/core/registrar.hpp"
#include "cpm/core/users_file.hpp"
#include "sip/stack/asio/driver.hpp"
#include "sip/transport/transport.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace cpm::core {

struct node_config {
    sip::stack::config stack;  ///< forwards is set by the node
    registrar_config registrar;
    proxy_config proxy;
};

/// Counters of one node (read on its own thread).
struct node_stats {
    std::uint64_t requests = 0;  ///< server transactions the node's TU saw
    std::uint64_t registers = 0; ///< of which REGISTERs answered by the registrar
    std::uint64_t handed_over = 0; ///< responses passed to the worker owning their transaction
};

class node {
public:
    /// Runs on @p layer's executor from then on. @p layer, @p location and
    /// @p users must outlive the node.
    /// Node @p index of a server (its branches carry it, see join()).
    node(sip::transport::layer& layer, node_config config, location_service& location, user_directory const& users,
         std::size_t index = 0);
    node(node const&) = delete;
    node& operator=(node const&) = delete;

    /// Makes the nodes of one server (node i at @p all[i], this one
    /// included) hand each other the responses that arrive at the wrong
    /// worker: SO_REUSEPORT spreads datagrams by address, not by
    /// transaction, so a response can reach a worker other than the one that
    /// sent its request. Call on every node before the workers start.
    void join(std::vector<node*> all);

    /// Stops the node's timers (call on its executor before stopping it).
    void shutdown();

    node_stats const& stats() const noexcept { return stats_; }
    proxy const& routing() const noexcept { return proxy_; }
    registrar const& registrations() const noexcept { return registrar_; }

private:
    void on_tu(sip::stack::core& core, sip::stack::action const& a);
    void on_inbound(sip::transport::inbound in);

    sip::transport::layer& layer_;
    sip::stack::asio::driver driver_;
    registrar registrar_;
    proxy proxy_;
    node_stats stats_;
    std::size_t index_;
    std::vector<node*> all_;
};

} // namespace cpm::core
