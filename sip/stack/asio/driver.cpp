#include "sip/stack/asio/driver.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace cpm::sip::stack::asio {

namespace net = boost::asio;

stack::peer to_stack(transport::peer const& p)
{
    stack::protocol proto = protocol::udp;
    if (p.kind == transport::transport_kind::tcp)
        proto = protocol::tcp;
    else if (p.kind == transport::transport_kind::tls)
        proto = protocol::tls;
    return {p.address.to_string(), p.port, proto};
}

std::optional<transport::peer> to_transport(stack::peer const& p)
{
    boost::system::error_code ec;
    auto const address = net::ip::make_address(p.address, ec);
    if (ec)
        return std::nullopt;
    transport::transport_kind kind = transport::transport_kind::udp;
    if (p.protocol == protocol::tcp)
        kind = transport::transport_kind::tcp;
    else if (p.protocol == protocol::tls)
        kind = transport::transport_kind::tls;
    return transport::peer{address, p.port, kind};
}

driver::driver(transport::layer& layer, config c) : layer_(layer), core_(std::move(c))
{
    layer_.on_message([this](transport::inbound in) { on_inbound(std::move(in)); });
}

void driver::on_inbound(transport::inbound in)
{
    core_.on_message(std::move(in.message), to_stack(in.from));
    flush();
}

void driver::shutdown()
{
    for (auto& [handle, timer] : timers_)
        timer->cancel();
    timers_.clear();
}

void driver::flush()
{
    if (flushing_)
        return;
    flushing_ = true;
    for (;;) {
        action_list acts = core_.drain();
        if (acts.empty())
            break;
        for (auto& a : acts)
            execute(a);
    }
    flushing_ = false;
}

void driver::execute(action& a)
{
    if (auto* s = std::get_if<send>(&a))
        transmit(std::move(*s));
    else if (auto const* t = std::get_if<start_timer>(&a))
        start(*t);
    else if (auto const* t = std::get_if<stop_timer>(&a)) {
        auto it = timers_.find(static_cast<std::uint64_t>(t->id));
        if (it != timers_.end()) {
            it->second->cancel();
            timers_.erase(it);
        }
    } else if (tu_)
        tu_(a);
}

void driver::start(start_timer const& t)
{
    auto timer = std::make_shared<net::steady_timer>(layer_.get_executor());
    timer->expires_after(t.after);
    timers_[static_cast<std::uint64_t>(t.id)] = timer;
    // One coroutine per timer; the shared timer outlives a stop that
    // erases it from the table while the wait is pending.
    net::co_spawn(
        layer_.get_executor(),
        [this, timer, id = t.id]() -> net::awaitable<void> {
            auto [ec] = co_await timer->async_wait(net::as_tuple(net::use_awaitable));
            if (ec)
                co_return; // stopped
            auto it = timers_.find(static_cast<std::uint64_t>(id));
            if (it == timers_.end() || it->second != timer)
                co_return;
            timers_.erase(it);
            core_.on_timer(id);
            flush();
        },
        net::detached);
}

void driver::transmit(send s)
{
    auto target = to_transport(s.to);
    if (!target) {
        // Not an address the transport can reach: a transport error (8.1.3.1).
        if (s.transaction != 0) {
            core_.on_send_failed(s.transaction);
            flush();
        }
        return;
    }
    net::co_spawn(
        layer_.get_executor(),
        [this, bytes = std::move(s.bytes), to = *target, tx = s.transaction]() mutable -> net::awaitable<void> {
            auto const ec = co_await layer_.send(std::move(bytes), to);
            if (ec && tx != 0) {
                core_.on_send_failed(tx);
                flush();
            }
        },
        net::detached);
}

} // namespace cpm::sip::stack::asio
