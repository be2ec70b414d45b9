#include "sip/transport/worker_pool.hpp"

#include <boost/asio/executor_work_guard.hpp>

#include <optional>

namespace cpm::sip::transport {

namespace asio = boost::asio;

struct worker_pool::worker {
    // Concurrency hint 1: one thread runs this context, so Asio can skip
    // the locking a shared context needs.
    asio::io_context context{1};
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
    std::unique_ptr<transport::layer> layer;
    std::thread thread;
};

worker_pool::worker_pool(std::size_t workers, transport::config const& config, resolver_factory make_resolver)
{
    auto directory = std::make_shared<stream_directory>();
    for (std::size_t i = 0; i < workers; ++i) {
        auto w = std::make_unique<worker>();
        auto names = make_resolver ? make_resolver(w->context.get_executor()) : nullptr;
        w->layer = std::make_unique<transport::layer>(w->context.get_executor(), config, std::move(names),
                                                      static_cast<std::uint16_t>(i));
        w->layer->share_streams(directory);
        workers_.push_back(std::move(w));
    }
}

worker_pool::~worker_pool()
{
    stop();
    // Layers go before their contexts (members of worker, destroyed in
    // reverse order): the contexts are no longer running.
    for (auto& w : workers_)
        w->layer.reset();
}

transport::layer& worker_pool::layer(std::size_t index) noexcept
{
    return *workers_[index]->layer;
}

result<std::uint16_t> worker_pool::listen(transport_kind kind, asio::ip::address const& address, std::uint16_t port)
{
    for (auto& w : workers_) {
        auto bound = w->layer->listen(kind, address, port);
        if (!bound)
            return bound;
        port = *bound;
    }
    return port;
}

void worker_pool::start()
{
    for (auto& w : workers_) {
        if (w->thread.joinable())
            continue;
        w->work.emplace(w->context.get_executor());
        w->thread = std::thread([&context = w->context] { context.run(); });
    }
}

void worker_pool::stop()
{
    for (auto& w : workers_) {
        w->work.reset();
        w->context.stop();
    }
    for (auto& w : workers_)
        if (w->thread.joinable())
            w->thread.join();
}

} // namespace cpm::sip::transport
