// cpm-server: the embedded SIP/IP core (registrar and authenticating
// stateful proxy) on one or more worker threads. Thin: flags, wiring,
// signals; the roles live in cpm/core.
#include "options.hpp"

#include "cpm/core/log.hpp"
#include "cpm/core/memory_location.hpp"
#include "cpm/core/node.hpp"
#include "cpm/core/users_file.hpp"
#include "sip/transport/worker_pool.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>

#include <csignal>
#include <cstdio>
#include <ctime>
#include <future>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace net = boost::asio;
namespace core = cpm::core;
namespace st = cpm::sip::stack;
namespace tr = cpm::sip::transport;

namespace {

/// Keys the Digest nonces and temp-gruus of this process (all workers).
std::string make_secret()
{
    std::random_device entropy;
    std::string out;
    for (int i = 0; i < 4; ++i) {
        char chunk[17];
        std::snprintf(chunk, sizeof chunk, "%08x%08x", entropy(), entropy());
        out += chunk;
    }
    return out;
}

std::string host_port(tr::endpoint const& e, std::uint16_t port)
{
    std::string host = e.address.is_v6() ? '[' + e.address.to_string() + ']' : e.address.to_string();
    return host + ':' + std::to_string(port);
}

std::shared_ptr<net::ssl::context> tls_server_context(cpm::server::options const& o, std::string& problem)
{
    auto ctx = std::make_shared<net::ssl::context>(net::ssl::context::tls_server);
    boost::system::error_code ec;
    ctx->use_certificate_chain_file(o.tls_certificate, ec);
    if (!ec)
        ctx->use_private_key_file(o.tls_key, net::ssl::context::pem, ec);
    if (ec) {
        problem = ec.message();
        return nullptr;
    }
    return ctx;
}

} // namespace

int main(int argc, char** argv)
{
    auto parsed = cpm::server::parse_options(argc, argv);
    if (std::holds_alternative<cpm::server::show_help>(parsed)) {
        std::cout << cpm::server::usage();
        return 0;
    }
    if (auto const* problem = std::get_if<std::string>(&parsed)) {
        std::cerr << "cpm-server: " << *problem << '\n' << cpm::server::usage();
        return 2;
    }
    auto const& o = std::get<cpm::server::options>(parsed);
    core::set_log_level(o.level);

    auto users = core::load_users_file(o.users_file, o.domain);
    if (!users) {
        std::cerr << "error: " << users.error().message << '\n';
        return 1;
    }

    tr::config transport;
    transport.limits.max_message_size = o.max_message_size;
    transport.max_connections = o.max_connections;
    transport.warning_agent = "cpm-server";
    if (std::any_of(o.listen.begin(), o.listen.end(), [](auto const& e) { return e.kind == tr::transport_kind::tls; })) {
        std::string problem;
        transport.tls_server = tls_server_context(o, problem);
        if (!transport.tls_server) {
            std::cerr << "cpm-server: --tls-certificate/--tls-key: " << problem << '\n';
            return 1;
        }
    }
    transport.tls_client = std::make_shared<net::ssl::context>(net::ssl::context::tls_client);

    // Block the stop signals before the workers start, so only the main
    // thread (sigtimedwait below) receives them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    std::vector<std::pair<tr::endpoint, std::uint16_t>> bound;
    tr::worker_pool pool(o.workers, transport);
    for (auto const& e : o.listen) {
        auto port = pool.listen(e.kind, e.address, e.port);
        if (!port) {
            std::cerr << "cpm-server: --listen " << tr::to_string(e) << ": " << port.error().message() << '\n';
            return 1;
        }
        bound.emplace_back(e, *port);
    }

    core::memory_location location;
    std::string const secret = make_secret();
    std::random_device entropy;
    std::vector<std::unique_ptr<core::node>> nodes;
    for (std::size_t i = 0; i < pool.size(); ++i) {
        core::node_config c;
        // The first listener names this element in Via and Record-Route.
        c.stack.sent_by = host_port(bound.front().first, bound.front().second);
        c.stack.contact = "sip:" + c.stack.sent_by;
        c.stack.timers = cpm::sip::transaction::timers::scaled(o.t1, o.t2, o.t4);
        c.stack.max_transactions = o.max_transactions;
        c.stack.seed = (std::uint64_t(entropy()) << 32) | entropy();
        c.registrar.domain = o.domain;
        c.registrar.secret = secret;
        c.registrar.min_expires = o.min_expires;
        c.registrar.max_expires = o.max_expires;
        c.registrar.default_expires = o.max_expires;
        c.proxy.domain = o.domain;
        c.proxy.nonce_secret = secret;
        for (auto const& [e, port] : bound)
            c.proxy.aliases.push_back(host_port(e, port));
        for (auto const& a : o.trusted)
            c.proxy.trusted.push_back(a.to_string());
        nodes.push_back(std::make_unique<core::node>(pool.layer(i), std::move(c), location, *users, i));
    }
    std::vector<core::node*> all;
    for (auto& n : nodes)
        all.push_back(n.get());
    if (all.size() > 1)
        for (auto* n : all)
            n->join(all);
    pool.start();
    for (auto const& [e, port] : bound)
        std::cout << "listening " << tr::to_string(tr::endpoint{e.kind, e.address, port}) << '\n';
    std::cout << std::flush;
    core::log(core::log_level::info, "serving " + o.domain + " with " + std::to_string(users->size()) + " users on "
                                         + std::to_string(pool.size()) + " worker(s)");

    // Wait for SIGINT/SIGTERM; meanwhile drop expired bindings once a minute.
    for (;;) {
        timespec const minute{60, 0};
        int const sig = sigtimedwait(&stop_signals, nullptr, &minute);
        if (sig == SIGINT || sig == SIGTERM)
            break;
        location.purge(core::wall_clock::now());
    }
    core::log(core::log_level::info, "stopping");
    // Each node stops its timers and its layer closes on its own thread.
    for (std::size_t i = 0; i < pool.size(); ++i) {
        std::promise<void> done;
        net::post(pool.layer(i).get_executor(), [&, i] {
            nodes[i]->shutdown();
            pool.layer(i).shutdown();
            done.set_value();
        });
        done.get_future().wait();
    }
    pool.stop();
    nodes.clear();
    return 0;
}
