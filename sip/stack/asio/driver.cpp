#include "sip/stack/asio/driver.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace cpm::sip::stack::asio {

namespace net = boost::asio;

stack::peer to_stack(transport::peer const& p)
{
    return {p.address.to_string(), p.port, p.kind};
}

std::optional<transport::peer> to_transport(stack::peer const& p)
{
    boost::system::error_code ec;
    auto const address = net::ip::make_address(p.address, ec);
    if (ec)
        return std::nullopt;
    return transport::peer{address, p.port, p.kind};
}

driver::driver(transport::layer& layer, config c)
    : layer_(layer), core_(std::move(c)), wakeup_(layer.get_executor()),
      wheel_(wakeup_grain, wheel_slots, clock::now())
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
    wakeup_.cancel();
    armed_for_ = clock::time_point::max();
    wheel_.clear();
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
    else if (std::holds_alternative<stop_timer>(a))
        return; // lazy: the timer stays on the wheel and the core ignores it when it fires
    else if (tu_)
        tu_(a);
}

void driver::start(start_timer const& t)
{
    wheel_.add(t.id, clock::now() + t.after);
    arm();
}

void driver::arm()
{
    auto const at = wheel_.next_due();
    if (!at || *at >= armed_for_)
        return;
    armed_for_ = *at;
    // Setting the expiry cancels a pending wait (its handler sees
    // operation_aborted and leaves); this wait replaces it.
    wakeup_.expires_at(armed_for_);
    wakeup_.async_wait([this](boost::system::error_code ec) {
        if (ec)
            return;
        armed_for_ = clock::time_point::max();
        fire_due();
    });
}

void driver::fire_due()
{
    wheel_.expire(clock::now(), [this](timer_handle id) {
        core_.on_timer(id);
        flush();
    });
    arm();
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
    // A datagram goes out at once; a coroutine only when it has to wait.
    if (auto const sent = layer_.try_send_datagram(s.bytes, *target)) {
        if (*sent && s.transaction != 0)
            core_.on_send_failed(s.transaction); // flush() is running: it executes what follows
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
