#include "cpm/core/node.hpp"

#include "cpm/core/log.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include <algorithm>

namespace cpm::core {

namespace net = boost::asio;
namespace st = sip::stack;

namespace {

st::config proxy_mode(st::config c)
{
    c.forwards = true;
    return c;
}

std::string describe(st::peer const& p)
{
    return std::string(st::via_token(p.protocol)) + ' ' + p.address + ':' + std::to_string(p.port);
}

} // namespace

node::node(sip::transport::layer& layer, node_config config, location_service& location, user_directory const& users)
    : layer_(layer),
      driver_(layer, proxy_mode(std::move(config.stack))),
      registrar_(std::move(config.registrar), location, users),
      proxy_(std::move(config.proxy), location, users)
{
    driver_.on_tu([this](st::action const& a) { driver_.call([&](st::core& c) { on_tu(c, a); }); });
}

void node::shutdown()
{
    driver_.shutdown();
}

bool node::trusted(st::peer const& from) const
{
    auto const& list = proxy_.config().trusted;
    return std::find(list.begin(), list.end(), from.address) != list.end();
}

void node::on_tu(st::core& core, st::action const& a)
{
    if (auto const* n = std::get_if<st::request_received>(&a)) {
        ++stats_.requests;
        sip::message const& request = *n->request;
        if (log_enabled(log_level::debug))
            log(log_level::debug, std::string(request.method_text()) + ' ' + std::string(request.request_uri())
                                      + " Call-ID " + std::string(request.call_id()) + " from " + describe(n->from));
        // 10.3 step 1: a REGISTER for our domain is the registrar's; one for
        // another domain is proxied like any request (16).
        if (request.method() == sip::method::register_ && registrar_.responsible_for(request)) {
            ++stats_.registers;
            core.respond(n->transaction, registrar_.handle(request, n->from, wall_clock::now(), trusted(n->from)));
            return;
        }
    }
    proxy_.on_notification(core, a);
    send_stateless();
}

void node::send_stateless()
{
    // 16.11: ACKs for 2xx are forwarded outside any transaction.
    for (auto& s : proxy_.take_stateless()) {
        auto target = st::asio::to_transport(s.to);
        if (!target)
            continue;
        net::co_spawn(
            layer_.get_executor(),
            [this, bytes = std::move(s.bytes), to = *target]() mutable -> net::awaitable<void> {
                co_await layer_.send(std::move(bytes), to);
            },
            net::detached);
    }
}

} // namespace cpm::core
