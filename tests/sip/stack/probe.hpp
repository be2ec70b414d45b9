#pragma once
// A stack core driven directly, one message at a time, on a fake clock
// (the harness of core_test.cpp and proxy_test.cpp).

#include "fake_timers.hpp"
#include "messages.hpp"
#include "simulation.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace cpm::sip::stack::test {

inline peer const alice{"192.0.2.7", 5060, transport_kind::udp};

/// A core with the driver's part played by hand: sends and notifications
/// are collected, timers fire when the fake clock passes them.
struct probe {
    explicit probe(config c = base()) : stack(std::move(c)) {}

    static config base()
    {
        config c;
        c.sent_by = "192.0.2.1:5060";
        c.contact = "sip:ua@192.0.2.1:5060";
        c.supported = {"timer"};
        return c;
    }

    void receive(std::string_view text, peer const& from = alice)
    {
        auto m = sip::message::parse(abnf::text_buffer(text));
        BOOST_TEST_REQUIRE(m.has_value(), (m ? "" : m.error().message));
        stack.on_message(std::move(*m), from);
        collect();
    }

    void collect()
    {
        for (auto& a : stack.drain()) {
            if (auto* s = std::get_if<send>(&a))
                sent.push_back(std::move(*s));
            else if (auto* t = std::get_if<start_timer>(&a))
                timers.start(*t);
            else if (auto* t = std::get_if<stop_timer>(&a))
                BOOST_TEST_REQUIRE(timers.stop(t->id));
            else
                notes.push_back(std::move(a));
        }
    }

    /// Advances the clock by @p d, firing the timers due in order.
    void advance(duration d)
    {
        timers.advance(d, [&](timer_handle id) {
            stack.on_timer(id);
            collect();
        });
    }

    /// The status line of the last message sent.
    std::string last_status() const
    {
        BOOST_TEST_REQUIRE(!sent.empty());
        return sent.back().bytes.substr(0, sent.back().bytes.find("\r\n"));
    }
    sip::message last_sent() const
    {
        auto m = sip::message::parse(abnf::text_buffer(sent.back().bytes));
        BOOST_TEST_REQUIRE(m.has_value());
        return std::move(*m);
    }
    template <class T>
    std::vector<T> notes_of() const
    {
        std::vector<T> out;
        for (auto const& n : notes)
            if (auto const* x = std::get_if<T>(&n))
                out.push_back(*x);
        return out;
    }

    core stack;
    std::vector<send> sent;
    std::vector<action> notes;
    fake_timers timers;
};

/// A request from Alice (8.1.1) with the given parts.
inline std::string request(std::string_view method, std::string_view extra = {}, std::string_view to_tag = {},
                    std::string_view branch = "z9hG4bK1", std::uint32_t cseq = 1, std::string_view body = {})
{
    std::string s(method);
    s.append(" sip:ua@192.0.2.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.7:5060;branch=").append(branch);
    s.append("\r\nMax-Forwards: 70\r\nFrom: <sip:alice@192.0.2.7>;tag=a1\r\nTo: <sip:ua@192.0.2.1>");
    if (!to_tag.empty())
        s.append(";tag=").append(to_tag);
    s.append("\r\nCall-ID: call1\r\nCSeq: ").append(std::to_string(cseq)).append(" ").append(method);
    s.append("\r\nContact: <sip:alice@192.0.2.7>\r\n").append(extra);
    if (!body.empty())
        s.append("Content-Type: application/sdp\r\n");
    s.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n\r\n").append(body);
    return s;
}

inline std::string_view warning_of(sip::message const& m)
{
    auto const* w = m.find(header_id::warning);
    return w != nullptr ? w->value : std::string_view{};
}

} // namespace cpm::sip::stack::test
