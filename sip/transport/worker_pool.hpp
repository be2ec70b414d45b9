#pragma once
/// @file
/// One io_context, one thread and one transport layer per worker, all
/// listening on the same ports through SO_REUSEPORT: the kernel spreads
/// datagrams and accepted connections over the workers, and each worker's
/// hot path (its sockets, connections and handler) runs on its own thread
/// without a lock.

#include "sip/transport/transport.hpp"

#include <boost/asio/io_context.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace cpm::sip::transport {

class worker_pool {
public:
    /// Builds the resolver of one worker (system_resolver when empty).
    using resolver_factory = std::function<std::unique_ptr<resolver>(boost::asio::any_io_executor)>;

    /// @p workers layers sharing @p config (each gets its own copy and a
    /// distinct shard number in its connection ids).
    worker_pool(std::size_t workers, transport::config const& config, resolver_factory make_resolver = {});
    /// Stops and joins the threads, then destroys the layers.
    ~worker_pool();
    worker_pool(worker_pool const&) = delete;
    worker_pool& operator=(worker_pool const&) = delete;

    std::size_t size() const noexcept { return workers_.size(); }
    /// Worker @p index's layer. Before start() any thread may set it up
    /// (on_message, listen); afterwards touch it only from its own thread
    /// (post or co_spawn onto get_executor()).
    transport::layer& layer(std::size_t index) noexcept;

    /// Listens on every worker at one port: with @p port 0 the first
    /// worker picks it and the others join. Call before start().
    result<std::uint16_t> listen(transport_kind kind, boost::asio::ip::address const& address, std::uint16_t port);

    /// Runs each worker's io_context on its own thread.
    void start();
    /// Stops the io_contexts and joins the threads (idempotent).
    void stop();

private:
    struct worker;
    std::vector<std::unique_ptr<worker>> workers_;
};

} // namespace cpm::sip::transport
