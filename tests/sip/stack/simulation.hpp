#pragma once
// A simulated network for the stack core (the PJSIP loop transport idea):
// in memory, on a fake clock, with a seeded generator deciding which
// datagrams are lost, duplicated and delayed (so reordered). The reliable
// flavour models TCP: nothing is lost or duplicated, a "lost" segment
// arrives after a retransmission delay instead, and each direction keeps
// its order. Every node is a stack core with a transaction user (the
// scenario's handler) that the simulation calls for each TU notification.

#include "sip/stack/core.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <queue>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace cpm::sip::stack {

// Boost.Test prints handles by their number.
inline std::ostream& boost_test_print_type(std::ostream& os, dialog_handle h)
{
    return os << "dialog " << static_cast<std::uint64_t>(h);
}

} // namespace cpm::sip::stack

namespace cpm::sip::stack::test {

using namespace std::chrono_literals;

struct network_config {
    double loss = 0.2;      ///< probability that a datagram (or segment) is lost
    double duplicate = 0.05; ///< unreliable only: probability of a second copy
    duration min_delay = 5ms;
    duration max_delay = 150ms;
    bool reliable = false;  ///< TCP-like: losses become retransmission delays
    duration rto = 400ms;   ///< reliable: the delay a lost segment adds
};

class simulation {
public:
    /// The transaction user of one node: called with each notification.
    using tu_handler = std::function<void(std::size_t node, action const&)>;

    simulation(std::uint64_t seed, network_config const& net) : net_(net), rng_(seed) {}

    /// Adds a node at 10.0.0.<n+1>:5060; returns its index.
    std::size_t add_node(config c = {})
    {
        std::size_t const index = nodes_.size();
        peer address{"10.0.0." + std::to_string(index + 1), 5060, net_.reliable ? transport_kind::tcp : transport_kind::udp};
        c.sent_by = address.address + ":5060";
        c.contact = "sip:node" + std::to_string(index) + "@" + c.sent_by;
        c.seed = rng_();
        nodes_.push_back(std::make_unique<node>(std::move(c), std::move(address)));
        return index;
    }

    core& stack(std::size_t n) { return nodes_[n]->stack; }
    peer const& address(std::size_t n) const { return nodes_[n]->address; }
    void on_tu(tu_handler h) { tu_ = std::move(h); }
    duration now() const { return now_; }
    std::mt19937_64& rng() { return rng_; }

    /// Runs @p f at now + @p after (a TU action at a chosen time).
    void at(duration after, std::function<void()> f)
    {
        push(now_ + after, event{event_kind::call, 0, {}, {}, {}, std::move(f)});
    }

    /// Executes what node @p n's core has queued (call after using its TU API).
    void pump(std::size_t n)
    {
        node& x = *nodes_[n];
        for (;;) {
            action_list acts = x.stack.drain();
            if (acts.empty())
                break;
            for (auto& a : acts)
                execute(n, a);
        }
        BOOST_TEST_REQUIRE(x.stack.transaction_count() <= x.stack.configuration().max_transactions);
        BOOST_TEST_REQUIRE(x.stack.dialog_count() <= x.stack.configuration().max_dialogs);
    }

    /// Runs events until none is left or the clock passes @p limit.
    void run(duration limit)
    {
        while (!queue_.empty() && queue_.top().at <= limit) {
            auto e = queue_.top();
            queue_.pop();
            now_ = e.at;
            dispatch(e);
        }
    }

    bool idle() const { return queue_.empty(); }
    std::size_t sent() const { return sent_; }
    std::size_t lost() const { return lost_; }

private:
    struct node {
        node(config c, peer a) : stack(std::move(c)), address(std::move(a)) {}
        core stack;
        peer address;
        std::set<std::uint64_t> timers; ///< live timer handles
    };

    enum class event_kind : std::uint8_t { deliver, timer, call };
    struct event {
        event_kind kind;
        std::size_t node;
        std::string bytes;
        peer from;
        timer_handle timer;
        std::function<void()> call;
        duration at{};
        std::uint64_t order = 0;
    };
    struct later {
        bool operator()(event const& a, event const& b) const
        {
            return a.at != b.at ? a.at > b.at : a.order > b.order;
        }
    };

    void push(duration at, event e)
    {
        e.at = at;
        e.order = ++order_;
        queue_.push(std::move(e));
    }

    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
    duration delay()
    {
        return duration(std::uniform_int_distribution<long>(net_.min_delay.count(), net_.max_delay.count())(rng_));
    }

    std::size_t node_at(peer const& p) const
    {
        for (std::size_t i = 0; i < nodes_.size(); ++i)
            if (nodes_[i]->address.address == p.address)
                return i;
        BOOST_FAIL("no node at " << p.address);
        return 0;
    }

    void transmit(std::size_t from, send const& s)
    {
        ++sent_;
        std::size_t const to = node_at(s.to);
        BOOST_TEST_REQUIRE(!s.bytes.empty());
        if (net_.reliable) {
            // One ordered stream per direction: a lost segment is resent
            // after the RTO and holds back what follows it.
            duration at = now_ + delay();
            if (chance(net_.loss)) {
                ++lost_;
                at += net_.rto;
            }
            auto& last = stream_tail_[{from, to}];
            at = std::max(at, last);
            last = at;
            push(at, event{event_kind::deliver, to, s.bytes, nodes_[from]->address, {}, {}});
            return;
        }
        if (chance(net_.loss)) {
            ++lost_;
            return;
        }
        push(now_ + delay(), event{event_kind::deliver, to, s.bytes, nodes_[from]->address, {}, {}});
        if (chance(net_.duplicate))
            push(now_ + delay(), event{event_kind::deliver, to, s.bytes, nodes_[from]->address, {}, {}});
    }

    void execute(std::size_t n, action& a)
    {
        node& x = *nodes_[n];
        if (auto* s = std::get_if<send>(&a)) {
            transmit(n, *s);
        } else if (auto* t = std::get_if<start_timer>(&a)) {
            BOOST_TEST_REQUIRE(t->after >= duration::zero());
            BOOST_TEST_REQUIRE(x.timers.insert(static_cast<std::uint64_t>(t->id)).second);
            push(now_ + t->after, event{event_kind::timer, n, {}, {}, t->id, {}});
        } else if (auto* t = std::get_if<stop_timer>(&a)) {
            // Every stop names a timer that is running.
            BOOST_TEST_REQUIRE(x.timers.erase(static_cast<std::uint64_t>(t->id)) == 1u);
        } else if (tu_) {
            tu_(n, a);
        }
    }

    void dispatch(event& e)
    {
        switch (e.kind) {
        case event_kind::deliver: {
            auto m = sip::message::parse(abnf::text_buffer(e.bytes));
            BOOST_TEST_REQUIRE(m.has_value(), "the stack sent bytes that do not parse:\n" << e.bytes);
            nodes_[e.node]->stack.on_message(std::move(*m), e.from);
            pump(e.node);
            return;
        }
        case event_kind::timer:
            if (nodes_[e.node]->timers.erase(static_cast<std::uint64_t>(e.timer)) == 0)
                return; // stopped since
            nodes_[e.node]->stack.on_timer(e.timer);
            pump(e.node);
            return;
        case event_kind::call:
            e.call();
            for (std::size_t i = 0; i < nodes_.size(); ++i)
                pump(i);
            return;
        }
    }

    network_config net_;
    std::mt19937_64 rng_;
    std::vector<std::unique_ptr<node>> nodes_;
    tu_handler tu_;
    std::priority_queue<event, std::vector<event>, later> queue_;
    std::map<std::pair<std::size_t, std::size_t>, duration> stream_tail_;
    duration now_{0};
    std::uint64_t order_ = 0;
    std::size_t sent_ = 0;
    std::size_t lost_ = 0;
};

} // namespace cpm::sip::stack::test
