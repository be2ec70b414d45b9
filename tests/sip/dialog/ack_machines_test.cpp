// The end-to-end 2xx / ACK machines on a fake clock: UAS 2xx
// retransmission (RFC 3261 13.3.1.4) and UAC ACK re-sending (13.2.2.4).
#define BOOST_TEST_MODULE sip_dialog_ack_machines
#include <boost/test/unit_test.hpp>

#include "sip/dialog/ack_machines.hpp"
#include "tests/sip/transaction/fire_due.hpp"

#include <map>
#include <string>
#include <vector>

using namespace cpm::sip;
using namespace cpm::sip::dialog;
using namespace std::chrono_literals;

namespace {

// Executes the actions of each event: timers become deadlines on a fake
// clock, transmissions are recorded with their time.
template <class Machine>
class driver {
public:
    explicit driver(Machine m) : machine_(std::move(m)) {}

    void feed(event e)
    {
        for (auto const& a : machine_.on(e)) {
            BOOST_TEST_REQUIRE(!finished, "an action after finished");
            std::visit(
                [&](auto const& act) {
                    using A = std::decay_t<decltype(act)>;
                    if constexpr (std::is_same_v<A, transmit>)
                        sent.push_back({now, std::string(act.bytes)});
                    else if constexpr (std::is_same_v<A, start_timer>)
                        deadlines[act.id] = now + act.after;
                    else if constexpr (std::is_same_v<A, stop_timer>) {
                        BOOST_TEST(deadlines.count(act.id) == 1u, "stop of a timer not running");
                        deadlines.erase(act.id);
                    } else if constexpr (std::is_same_v<A, ack_timeout>)
                        timeouts.push_back(now);
                    else {
                        BOOST_TEST(deadlines.empty(), "finished with timers running");
                        finished = true;
                    }
                },
                a);
        }
    }

    void advance(duration d)
    {
        duration const until = now + d;
        transaction::test::fire_due(deadlines, until, [&](timer_id id, duration at) {
            now = at;
            feed(timer_fired{id});
        });
        now = until;
    }

    std::vector<duration> sent_times() const
    {
        std::vector<duration> t;
        for (auto const& s : sent)
            t.push_back(s.first);
        return t;
    }

    Machine& machine() { return machine_; }

    duration now{0};
    std::vector<std::pair<duration, std::string>> sent;
    std::vector<duration> timeouts;
    std::map<timer_id, duration> deadlines;
    bool finished = false;

private:
    Machine machine_;
};

std::vector<duration> ms(std::initializer_list<long> values)
{
    std::vector<duration> out;
    for (long v : values)
        out.emplace_back(v);
    return out;
}

std::string const ok = "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n";
std::string const ack = "ACK sip:bob@192.0.2.4 SIP/2.0\r\nContent-Length: 0\r\n\r\n";

} // namespace

BOOST_AUTO_TEST_CASE(rfc3261_13_3_1_4_2xx_retransmitted_t1_doubling_to_t2)
{
    driver d(uas_2xx_retransmitter(ok, transaction::timers{}));
    d.feed(start{});
    BOOST_TEST((d.machine().current() == uas_2xx_retransmitter::state::waiting_ack));
    d.advance(12s);
    // 0, then +0.5, +1, +2, +4, +4, ... (T1 = 500 ms, T2 = 4 s).
    BOOST_TEST(d.sent_times() == ms({0, 500, 1500, 3500, 7500, 11500}), boost::test_tools::per_element());
    BOOST_TEST(d.sent.back().second == ok);
    d.feed(message_received{}); // the ACK
    BOOST_TEST((d.machine().current() == uas_2xx_retransmitter::state::acknowledged));
    BOOST_TEST(d.finished);
    BOOST_TEST(d.timeouts.empty());
    d.advance(60s);
    BOOST_TEST(d.sent.size() == 6u);
}

BOOST_AUTO_TEST_CASE(rfc3261_13_3_1_4_no_ack_in_64_t1_gives_up_for_bye)
{
    driver d(uas_2xx_retransmitter(ok, transaction::timers{}));
    d.feed(start{});
    d.advance(31999ms);
    BOOST_TEST(d.timeouts.empty());
    std::size_t const sent = d.sent.size();
    // 0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5
    BOOST_TEST(sent == 11u);
    d.advance(1ms);
    BOOST_TEST(d.timeouts == ms({32000}), boost::test_tools::per_element());
    BOOST_TEST(d.finished);
    BOOST_TEST((d.machine().current() == uas_2xx_retransmitter::state::timed_out));
    // A late ACK changes nothing.
    d.feed(message_received{});
    BOOST_TEST(d.sent.size() == sent);
}

BOOST_AUTO_TEST_CASE(rfc3261_13_3_1_4_scaled_timers)
{
    auto const t = transaction::timers::scaled(100ms, 400ms, 1000ms);
    driver d(uas_2xx_retransmitter(ok, t));
    d.feed(start{});
    d.advance(2s);
    BOOST_TEST(d.sent_times() == ms({0, 100, 300, 700, 1100, 1500, 1900}), boost::test_tools::per_element());
    d.advance(4400ms);
    BOOST_TEST(d.timeouts == ms({6400}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rfc3261_13_2_2_4_retransmitted_2xx_gets_same_ack)
{
    driver d(uac_2xx_acker(ack, transaction::timers{}));
    d.feed(start{});
    BOOST_TEST(d.sent.size() == 1u);
    d.advance(500ms);
    d.feed(message_received{}); // the 2xx again (our ACK was lost)
    d.advance(1s);
    d.feed(message_received{});
    BOOST_TEST(d.sent_times() == ms({0, 500, 1500}), boost::test_tools::per_element());
    for (auto const& s : d.sent)
        BOOST_TEST(s.second == ack);
    BOOST_TEST(!d.finished);
    // Kept for 64*T1, then finished: later 2xx copies get nothing.
    d.advance(30500ms);
    BOOST_TEST(d.finished);
    BOOST_TEST((d.machine().current() == uac_2xx_acker::state::finished));
    d.feed(message_received{});
    BOOST_TEST(d.sent.size() == 3u);
}

BOOST_AUTO_TEST_CASE(stale_timer_firing_ignored)
{
    driver d(uas_2xx_retransmitter(ok, transaction::timers{}));
    d.feed(start{});
    d.feed(message_received{});
    d.feed(timer_fired{timer_id::retransmit_2xx});
    d.feed(timer_fired{timer_id::ack_wait});
    BOOST_TEST(d.sent.size() == 1u);
    BOOST_TEST(d.timeouts.empty());
}
