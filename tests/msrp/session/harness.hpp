#pragma once
// Test helpers of the session engine: recorded events, and two routers
// wired back to back without sockets (sans-I/O pumping on a fake clock).

#include "msrp/message.hpp"
#include "msrp/session/router.hpp"
#include "msrp/session/session.hpp"

#include <boost/test/unit_test.hpp>

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace cpm::msrp::test {

inline std::string const alice_uri = "msrp://127.0.0.1:7777/alice55;tcp";
inline std::string const bob_uri = "msrp://127.0.0.1:8888/bob66;tcp";

/// An event copied out of the handler (views die after the call).
struct recorded {
    event_kind kind;
    std::string id;
    boost::system::error_code error;
    std::uint16_t status = 0;
    byte_range range;
    std::string content_type;
    std::string body; // message_received into a memory_sink
};

/// One endpoint: a session, its router, what it reported.
struct endpoint {
    /// @p coalesce_below 0: one SEND chunk per prepare() (see router).
    endpoint(std::string local, std::string remote, session_config cfg = {}, sink_factory sinks = {},
             std::size_t coalesce_below = 8 * 1024)
        : routes({}, 64 * 1024, coalesce_below)
    {
        cfg.local_uri = std::move(local);
        cfg.remote_path = std::move(remote);
        auto s = session::create(std::move(cfg), [this](session_event const& e) { record(e); }, std::move(sinks));
        BOOST_REQUIRE(s);
        sess = std::move(*s);
        routes.attach(*sess);
    }
    void record(session_event const& e)
    {
        recorded r{e.kind, std::string(e.message_id), e.error, e.status, e.range, std::string(e.content_type), {}};
        if (auto const* m = dynamic_cast<memory_sink const*>(e.sink))
            r.body = m->data();
        events.push_back(std::move(r));
        if (on_event)
            on_event(events.back());
    }
    std::size_t count(event_kind k) const
    {
        std::size_t n = 0;
        for (auto const& e : events)
            n += e.kind == k ? 1 : 0;
        return n;
    }
    recorded const* find(event_kind k) const
    {
        for (auto const& e : events)
            if (e.kind == k)
                return &e;
        return nullptr;
    }
    std::unique_ptr<session> sess;
    router routes;
    std::vector<recorded> events;
    std::function<void(recorded const&)> on_event; ///< called after each event is recorded
};

/// Everything @p r has to write now, concatenated.
inline std::string drain(router& r, session_clock::time_point now)
{
    std::string out;
    std::vector<std::span<char const>> pieces;
    while (r.prepare(pieces)) {
        for (auto p : pieces)
            out.append(p.data(), p.size());
        r.written(now);
    }
    return out;
}

/// Moves bytes both ways until neither side has more to say.
inline void pump(endpoint& a, endpoint& b, session_clock::time_point now)
{
    for (int round = 0; round < 100000; ++round) {
        std::string const ab = drain(a.routes, now);
        std::string const ba = drain(b.routes, now);
        if (ab.empty() && ba.empty())
            return;
        BOOST_REQUIRE(!b.routes.feed(ab, now));
        BOOST_REQUIRE(!a.routes.feed(ba, now));
    }
    BOOST_FAIL("pump did not settle");
}

/// Messages parsed out of bytes a router wrote; owns the bytes.
struct parsed {
    std::shared_ptr<std::string const> wire;
    std::vector<message_view> messages;
    std::size_t size() const noexcept { return messages.size(); }
    message_view const& operator[](std::size_t i) const { return messages.at(i); }
};

/// The messages in @p wire, parsed one after the other.
inline parsed split(std::string wire)
{
    parsed out{std::make_shared<std::string const>(std::move(wire)), {}};
    std::string_view rest = *out.wire;
    while (!rest.empty()) {
        auto m = parse_message(rest);
        BOOST_REQUIRE_MESSAGE(m, "unparsable output: " << rest.substr(0, 200));
        rest.remove_prefix(m->text.size());
        out.messages.push_back(std::move(*m));
    }
    return out;
}

inline std::string value_of(head const& h, header_id id)
{
    auto const* f = h.find(id);
    return f ? std::string(f->value) : std::string("<none>");
}

} // namespace cpm::msrp::test
