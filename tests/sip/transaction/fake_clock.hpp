#pragma once
// Test driver for the transaction machines: a fake clock, no sockets. It
// executes the actions of each event (timers become deadlines on the fake
// clock, transmissions and TU hand-overs are recorded with their time) and
// fires due timers, earliest first, as the test advances the clock.

#include "sip/message.hpp"
#include "sip/transaction/events.hpp"
#include "tests/sip/transaction/fire_due.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <ostream>
#include <type_traits>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::sip::transaction {

// Boost.Test prints the values it compares: states, timer ids and failures by number.
template <class E>
    requires std::is_enum_v<E>
std::ostream& operator<<(std::ostream& os, E e)
{
    return os << static_cast<int>(e);
}

} // namespace cpm::sip::transaction

namespace cpm::sip::transaction::test {

using namespace std::chrono_literals;

inline sip::message parse(std::string_view text)
{
    auto m = sip::message::parse(abnf::text_buffer(text));
    BOOST_TEST_REQUIRE(m.has_value(), (m ? "" : m.error().message) << "\n" << text);
    return std::move(*m);
}

/// First line of @p bytes, without CRLF.
inline std::string first_line(std::string_view bytes)
{
    return std::string(bytes.substr(0, bytes.find("\r\n")));
}

struct sent_record {
    duration at;
    std::string bytes;
};

template <class Machine, class Event>
class fake_driver {
public:
    explicit fake_driver(Machine machine) : machine_(std::move(machine)) {}

    /// Delivers @p event now and executes its actions.
    void feed(Event event) { execute(machine_.on(std::move(event))); }

    /// Moves the clock forward by @p d, firing every timer due on the way.
    void advance(duration d)
    {
        duration const until = now_ + d;
        fire_due(deadlines_, until, [&](timer_id id, duration at) {
            now_ = at;
            feed(timer_fired{id});
        });
        now_ = until;
    }

    Machine& machine() { return machine_; }
    duration now() const { return now_; }
    bool armed(timer_id id) const { return deadlines_.count(id) != 0; }
    /// Deadline of @p id relative to now (the test checks it is armed first).
    duration remaining(timer_id id) const { return deadlines_.at(id) - now_; }

    std::vector<sent_record> sent;          ///< every transmit, in order
    std::vector<std::string> to_tu;         ///< first line of each message passed to the TU
    std::vector<failure> reports;           ///< failures reported to the TU
    bool terminated = false;
    duration terminated_at{-1};
    std::vector<timer_id> started;          ///< every start_timer, in order

    /// Times of the transmissions, for schedule checks.
    std::vector<duration> sent_times() const
    {
        std::vector<duration> t;
        for (auto const& s : sent)
            t.push_back(s.at);
        return t;
    }

private:
    void execute(actions const& list)
    {
        for (auto const& a : list) {
            BOOST_TEST_REQUIRE(!terminated, "an action after terminated");
            std::visit(
                [&](auto const& act) {
                    using A = std::decay_t<decltype(act)>;
                    if constexpr (std::is_same_v<A, transmit>) {
                        sent.push_back({now_, std::string(act.bytes)});
                    } else if constexpr (std::is_same_v<A, start_timer>) {
                        deadlines_[act.id] = now_ + act.after;
                        started.push_back(act.id);
                    } else if constexpr (std::is_same_v<A, stop_timer>) {
                        BOOST_TEST(deadlines_.count(act.id) == 1u, "stop of a timer not running");
                        deadlines_.erase(act.id);
                    } else if constexpr (std::is_same_v<A, pass_to_tu>) {
                        to_tu.push_back(first_line(act.message->text()));
                    } else if constexpr (std::is_same_v<A, report>) {
                        reports.push_back(act.what);
                    } else {
                        BOOST_TEST(deadlines_.empty(), "terminated with timers running");
                        terminated = true;
                        terminated_at = now_;
                    }
                },
                a);
        }
    }

    Machine machine_;
    duration now_{0};
    std::map<timer_id, duration> deadlines_;
};

/// Milliseconds as durations, for schedule comparisons.
inline std::vector<duration> ms(std::initializer_list<long> values)
{
    std::vector<duration> out;
    for (long v : values)
        out.emplace_back(v);
    return out;
}

// --- messages -----------------------------------------------------------------

inline std::string const invite_text =
    "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds, SIP/2.0/UDP p0.example.com;branch=z9hG4bK0\r\n"
    "Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bK1\r\n"
    "Max-Forwards: 70\r\n"
    "Route: <sip:p1.example.com;lr>\r\n"
    "To: Bob <sip:bob@biloxi.example.com>\r\n"
    "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
    "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
    "CSeq: 314159 INVITE\r\n"
    "Route: <sip:p2.example.com;lr>\r\n"
    "Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
    "Timestamp: 54\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

/// A request of @p method with the same dialog fields as invite_text.
inline std::string request_text(std::string_view method, std::string_view branch = "z9hG4bK776asdhds",
                                std::string_view to_tag = {})
{
    std::string s;
    s.append(method).append(" sip:bob@biloxi.example.com SIP/2.0\r\n");
    s.append("Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=").append(branch).append("\r\n");
    s.append("Max-Forwards: 70\r\n");
    s.append("To: Bob <sip:bob@biloxi.example.com>");
    if (!to_tag.empty())
        s.append(";tag=").append(to_tag);
    s.append("\r\n");
    s.append("From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n");
    s.append("Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n");
    s.append("CSeq: 314159 ").append(method == "ACK" ? "ACK" : method).append("\r\n");
    s.append("Content-Length: 0\r\n\r\n");
    return s;
}

/// A response @p code to a request of @p method (CSeq 314159), To tag @p to_tag.
inline std::string response_text(unsigned code, std::string_view method = "INVITE",
                                 std::string_view to_tag = "a6c85cf")
{
    std::string s = "SIP/2.0 " + std::to_string(code) + " Something\r\n";
    s.append("Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n");
    s.append("To: Bob <sip:bob@biloxi.example.com>;tag=").append(to_tag).append("\r\n");
    s.append("From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n");
    s.append("Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n");
    s.append("CSeq: 314159 ").append(method).append("\r\n");
    s.append("Content-Length: 0\r\n\r\n");
    return s;
}

} // namespace cpm::sip::transaction::test
