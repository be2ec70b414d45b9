#pragma once
// A CPM client user agent on a stack core without sockets: the driver's
// part is played by hand. Sends are collected, TU notifications go to the
// user agent (which may call the core again), timers fire when the fake
// clock passes them. The server side answers with the messages the tests
// write, and checks Digest credentials with the server challenger.

#include "cpm/client/user_agent.hpp"
#include "cpm/client/uuid.hpp"

#include "sip/auth/challenger.hpp"
#include "sip/auth/user_store.hpp"
#include "sip/builder.hpp"
#include "sip/stack/core.hpp"
#include "tests/sip/stack/fake_timers.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::sip::stack {
inline std::ostream& operator<<(std::ostream& os, peer const& p)
{
    return os << p.address << ':' << p.port << '/' << via_token(p.kind);
}
} // namespace cpm::sip::stack

namespace cpm::client {
inline std::ostream& operator<<(std::ostream& os, registration_state s)
{
    return os << to_string(s);
}
} // namespace cpm::client

namespace cpm::client::test {

namespace st = sip::stack;

inline st::peer const server{"192.0.2.10", 5060, sip::transport_kind::udp};

inline account alice()
{
    account a;
    a.user = "alice";
    a.domain = "example.com";
    a.password = "secret";
    a.server = server;
    a.instance = instance_for("alice@example.com on test");
    a.expires = 600;
    return a;
}

inline st::config client_config()
{
    st::config c;
    c.sent_by = "192.0.2.1:5070";
    c.contact = "sip:alice@192.0.2.1:5070";
    c.seed = 7;
    return c;
}

/// A parsed copy of @p text (owned).
inline sip::message parse(std::string_view text)
{
    auto m = sip::message::parse(sip::abnf::text_buffer(text));
    BOOST_TEST_REQUIRE(m.has_value(), (m ? std::string() : m.error().message));
    return std::move(*m);
}

inline std::string field(sip::message const& m, std::string_view name)
{
    auto const* f = m.find(name);
    return f == nullptr ? std::string() : std::string(f->value);
}

struct harness {
    explicit harness(account a = alice(), st::config c = client_config()) : stack(std::move(c)), ua(std::move(a))
    {
        users.add_password("example.com", "alice", "secret");
    }

    /// Runs @p f on the core, then everything it caused.
    template <class F>
    auto call(F&& f)
    {
        auto r = f(stack);
        pump();
        return r;
    }

    void pump()
    {
        for (;;) {
            auto actions = stack.drain();
            if (actions.empty())
                return;
            for (auto& a : actions) {
                if (auto* s = std::get_if<st::send>(&a))
                    sent.push_back(std::move(*s));
                else if (auto* t = std::get_if<st::start_timer>(&a))
                    timers.start(*t);
                else if (auto* t = std::get_if<st::stop_timer>(&a))
                    timers.stop(t->id);
                else
                    ua.handle(stack, a);
            }
        }
    }

    /// A message from the server (a response, or a request to the client).
    void receive(std::string_view text)
    {
        stack.on_message(parse(text), server);
        pump();
    }

    /// Advances the clock by @p d, firing the timers due in order.
    void advance(st::duration d)
    {
        timers.advance(d, [&](st::timer_handle id) {
            stack.on_timer(id);
            pump();
        });
    }

    sip::message last_sent() const
    {
        BOOST_TEST_REQUIRE(!sent.empty());
        return parse(sent.back().bytes);
    }

    /// The response @p code to the last request sent, with To tag and
    /// @p extra header lines ("Name: value\r\n...").
    std::string reply(unsigned code, std::string_view reason, std::string_view extra = {}) const
    {
        auto const request = last_sent();
        std::string out;
        sip::response_options o;
        o.to_tag = "srv1";
        auto b = sip::make_response(out, request, code, reason, o);
        std::string_view rest = extra;
        while (!rest.empty()) {
            auto const end = rest.find("\r\n");
            auto const line = rest.substr(0, end);
            auto const colon = line.find(':');
            b.header(line.substr(0, colon), line.substr(colon + 2));
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 2);
        }
        b.finish();
        return out;
    }

    /// A 401 (or 407 with @p kind proxy) challenge to the last request.
    std::string challenge(sip::auth::auth_kind kind = sip::auth::auth_kind::www)
    {
        auto const request = last_sent();
        sip::auth::challenger_config cc;
        cc.realm = "example.com";
        cc.secret = "test-secret";
        cc.kind = kind;
        challengers.emplace_back(std::make_unique<sip::auth::challenger>(std::move(cc), users));
        auto const v = challengers.back()->verify(request, sip::auth::wall_clock::now());
        return challengers.back()->respond(request, v, sip::auth::wall_clock::now(),
                                           sip::response_options{"srv1"});
    }

    /// The verdict of the last challenger on the last request sent.
    sip::auth::verification verify_last()
    {
        BOOST_TEST_REQUIRE(!challengers.empty());
        return challengers.back()->verify(last_sent(), sip::auth::wall_clock::now());
    }

    st::core stack;
    user_agent ua;
    sip::auth::memory_user_store users;
    std::vector<std::unique_ptr<sip::auth::challenger>> challengers;
    std::vector<st::send> sent;
    st::test::fake_timers timers;
};

} // namespace cpm::client::test
