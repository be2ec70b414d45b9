// The stack core over a simulated network that loses 20% of the messages,
// duplicates and delays (so reorders) them, on a fake clock: a MESSAGE,
// an INVITE/ACK/BYE, a CANCEL racing the 200, a re-INVITE glare (491 and
// retry, RFC 3261 14.1) and a SUBSCRIBE/NOTIFY (RFC 6665) each complete
// correctly for 200 seeds, over an unreliable (UDP: retransmissions on)
// and a reliable (TCP-like) transport. Afterwards every transaction,
// dialog and timer is gone.
#define BOOST_TEST_MODULE sip_stack_network
#include <boost/test/unit_test.hpp>

#include "messages.hpp"
#include "simulation.hpp"

#include "sip/dialog/glare.hpp"

#include <optional>

using namespace cpm::sip;
using namespace cpm::sip::stack;
using namespace cpm::sip::stack::test;

namespace {

constexpr std::uint64_t seeds = 200;
constexpr duration horizon = 600s;

network_config lossy(bool reliable)
{
    network_config n;
    n.loss = 0.2;
    n.reliable = reliable;
    return n;
}

unsigned code_of(response_received const& r) { return r.response->status_code(); }

/// After the run: nothing left anywhere.
void require_quiet(simulation& sim, std::size_t nodes)
{
    BOOST_TEST(sim.idle());
    for (std::size_t n = 0; n < nodes; ++n) {
        BOOST_TEST(sim.stack(n).transaction_count() == 0u);
        BOOST_TEST(sim.stack(n).dialog_count() == 0u);
        BOOST_TEST(sim.stack(n).timer_count() == 0u);
    }
}

// --- MESSAGE (RFC 3428) ----------------------------------------------------------

void message_once(std::uint64_t seed, bool reliable)
{
    simulation sim(seed, lossy(reliable));
    std::size_t const a = sim.add_node();
    std::size_t const b = sim.add_node();
    int received = 0;
    int failures = 0;
    std::vector<unsigned> finals;
    sim.on_tu([&](std::size_t n, action const& act) {
        if (auto const* r = std::get_if<request_received>(&act)) {
            BOOST_TEST(n == b);
            ++received;
            BOOST_TEST(r->request->body() == "hello");
            BOOST_TEST(sim.stack(b).respond(r->transaction, reply(*r->request, 200, "OK", "b1")).has_value());
        } else if (auto const* r = std::get_if<response_received>(&act)) {
            if (code_of(*r) >= 200)
                finals.push_back(code_of(*r));
        } else if (std::holds_alternative<request_failed>(act)) {
            ++failures;
        }
    });
    sim.at(0ms, [&] {
        auto h = sim.stack(a).send_request(out_of_dialog(sim.stack(a), "MESSAGE", sim.address(b), "m1", "a1", {}, "hello"),
                                           sim.address(b));
        BOOST_TEST(h.has_value());
    });
    sim.run(horizon);
    BOOST_TEST(received == 1);
    BOOST_TEST(finals == std::vector<unsigned>{200}, boost::test_tools::per_element());
    BOOST_TEST(failures == 0);
    require_quiet(sim, 2);
}

// --- INVITE / ACK / BYE ----------------------------------------------------------

void call_once(std::uint64_t seed, bool reliable)
{
    simulation sim(seed, lossy(reliable));
    std::size_t const a = sim.add_node();
    std::size_t const b = sim.add_node();
    int invites = 0, byes = 0, oks = 0, bye_oks = 0, ended_a = 0, ended_b = 0, acks = 0, bad = 0;
    sim.on_tu([&](std::size_t n, action const& act) {
        if (auto const* r = std::get_if<request_received>(&act)) {
            auto const& req = *r->request;
            if (req.method() == method::invite) {
                ++invites;
                BOOST_TEST(sim.stack(n).respond(r->transaction, dialog_reply(sim.stack(n), req, 180, "Ringing", "b1")).has_value());
                auto d = sim.stack(n).respond(r->transaction, dialog_reply(sim.stack(n), req, 200, "OK", "b1"));
                BOOST_TEST((d.has_value() && *d != no_dialog));
            } else if (req.method() == method::bye) {
                ++byes;
                BOOST_TEST(r->dialog != no_dialog);
                BOOST_TEST(sim.stack(n).respond(r->transaction, reply(req, 200, "OK", "")).has_value());
            }
        } else if (auto const* r = std::get_if<response_received>(&act)) {
            auto const& rsp = *r->response;
            if (rsp.cseq().method == method::invite && code_of(*r) == 200) {
                ++oks;
                dialog_handle const d = r->dialog;
                BOOST_TEST(d != no_dialog);
                sim.at(1s, [&, d] { BOOST_TEST(sim.stack(a).send_in_dialog(d, method::bye, {}).has_value()); });
            } else if (rsp.cseq().method == method::bye && code_of(*r) >= 200) {
                BOOST_TEST(code_of(*r) == 200u);
                ++bye_oks;
            }
        } else if (std::holds_alternative<ack_received>(act)) {
            ++acks;
        } else if (std::holds_alternative<dialog_ended>(act)) {
            ++(n == a ? ended_a : ended_b);
        } else if (std::holds_alternative<request_failed>(act) || std::holds_alternative<ack_timeout>(act)
                   || std::holds_alternative<response_failed>(act)) {
            ++bad;
        }
    });
    sim.at(0ms, [&] {
        BOOST_TEST(sim.stack(a)
                       .send_request(out_of_dialog(sim.stack(a), "INVITE", sim.address(b), "c1", "a1"), sim.address(b))
                       .has_value());
    });
    sim.run(horizon);
    BOOST_TEST(invites == 1);
    BOOST_TEST(oks == 1); // the TU sees the 2xx once; the core ACKs every copy
    BOOST_TEST(byes == 1);
    BOOST_TEST(bye_oks == 1);
    BOOST_TEST(acks <= 1);
    BOOST_TEST(ended_a == 1);
    BOOST_TEST(ended_b == 1);
    BOOST_TEST(bad == 0);
    require_quiet(sim, 2);
}

// --- CANCEL racing the 200 (RFC 3261 9) -------------------------------------------

struct race_outcome {
    bool cancelled = false; ///< the CANCEL won: 487
    bool answered = false;  ///< the 200 won: ACK and BYE
};

race_outcome cancel_race_once(std::uint64_t seed, bool reliable)
{
    simulation sim(seed, lossy(reliable));
    std::size_t const a = sim.add_node();
    std::size_t const b = sim.add_node();
    std::optional<unsigned> final_a;
    int finals_a = 0, cancelled_b = 0, ended_a = 0, ended_b = 0, byes = 0, bad = 0;
    client_handle invite{};
    sim.on_tu([&](std::size_t n, action const& act) {
        if (auto const* r = std::get_if<request_received>(&act)) {
            auto const& req = *r->request;
            if (req.method() == method::invite) {
                BOOST_TEST(sim.stack(n).respond(r->transaction, dialog_reply(sim.stack(n), req, 180, "Ringing", "b1")).has_value());
                // The callee answers after 0-300 ms: before or after the CANCEL arrives.
                auto const after = duration(std::uniform_int_distribution<long>(0, 300)(sim.rng()));
                auto text = std::make_shared<std::string>(dialog_reply(sim.stack(n), req, 200, "OK", "b1"));
                server_handle const tx = r->transaction;
                sim.at(after, [&, tx, text] {
                    // Once cancelled the transaction has its 487: the 200 is ignored.
                    (void)sim.stack(b).respond(tx, *text);
                });
            } else if (req.method() == method::bye) {
                ++byes;
                BOOST_TEST(sim.stack(n).respond(r->transaction, reply(req, 200, "OK", "")).has_value());
            }
        } else if (auto const* r = std::get_if<response_received>(&act)) {
            auto const& rsp = *r->response;
            if (rsp.cseq().method != method::invite)
                return;
            if (code_of(*r) == 180)
                BOOST_TEST(sim.stack(a).cancel(invite).has_value());
            if (code_of(*r) >= 200) {
                ++finals_a;
                final_a = code_of(*r);
                // Answered in spite of the CANCEL: hang up (9.1).
                if (code_of(*r) == 200) {
                    dialog_handle const d = r->dialog;
                    sim.at(0ms, [&, d] { BOOST_TEST(sim.stack(a).send_in_dialog(d, method::bye, {}).has_value()); });
                }
            }
        } else if (std::holds_alternative<request_cancelled>(act)) {
            ++cancelled_b;
        } else if (std::holds_alternative<dialog_ended>(act)) {
            ++(n == a ? ended_a : ended_b);
        } else if (std::holds_alternative<request_failed>(act) || std::holds_alternative<ack_timeout>(act)) {
            ++bad;
        }
    });
    sim.at(0ms, [&] {
        auto h = sim.stack(a).send_request(out_of_dialog(sim.stack(a), "INVITE", sim.address(b), "c1", "a1"),
                                           sim.address(b));
        BOOST_TEST_REQUIRE(h.has_value());
        invite = *h;
    });
    sim.run(horizon);
    BOOST_TEST(finals_a == 1);
    BOOST_TEST(bad == 0);
    race_outcome out;
    if (final_a.value_or(0) == 487u) {
        // 9.2: the CANCEL came first: 200 to it, 487 to the INVITE; the
        // early dialogs of both sides ended (12.3).
        out.cancelled = true;
        BOOST_TEST(cancelled_b == 1);
        BOOST_TEST(byes == 0);
    } else {
        BOOST_TEST(final_a.value_or(0) == 200u);
        out.answered = true;
        BOOST_TEST(cancelled_b == 0);
        BOOST_TEST(byes == 1);
        BOOST_TEST(ended_a == 1);
        BOOST_TEST(ended_b == 1);
    }
    require_quiet(sim, 2);
    return out;
}

// --- re-INVITE glare (RFC 3261 14.1) ---------------------------------------------

int glare_once(std::uint64_t seed, bool reliable)
{
    simulation sim(seed, lossy(reliable));
    std::size_t const a = sim.add_node();
    std::size_t const b = sim.add_node();
    std::array<dialog_handle, 2> dialog{};
    std::array<bool, 2> done{false, false};
    std::array<int, 2> ended{0, 0};
    int pending_491 = 0, bad = 0, bye_sent = 0;
    std::function<void(std::size_t)> reinvite = [&](std::size_t n) {
        dialog::request_options o;
        o.content_type = "application/sdp";
        o.body = "v=0\r\n";
        auto h = sim.stack(n).send_in_dialog(dialog[n], method::invite, o);
        if (!h) {
            // 14.1: the other side's re-INVITE is still unanswered here: later.
            BOOST_TEST((h.error() == make_error_code(errc::request_pending)));
            sim.at(200ms, [&, n] { reinvite(n); });
        }
    };
    sim.on_tu([&](std::size_t n, action const& act) {
        if (auto const* r = std::get_if<request_received>(&act)) {
            auto const& req = *r->request;
            if (req.method() == method::invite && r->dialog == no_dialog) {
                auto d = sim.stack(n).respond(r->transaction, dialog_reply(sim.stack(n), req, 200, "OK", "b1"));
                BOOST_TEST_REQUIRE(d.has_value());
                dialog[n] = *d;
            } else if (req.method() == method::invite) {
                BOOST_TEST(r->dialog == dialog[n]);
                BOOST_TEST(sim.stack(n).respond(r->transaction, dialog_reply(sim.stack(n), req, 200, "OK", "")).has_value());
            } else if (req.method() == method::bye) {
                BOOST_TEST(sim.stack(n).respond(r->transaction, reply(req, 200, "OK", "")).has_value());
            }
        } else if (auto const* r = std::get_if<response_received>(&act)) {
            auto const& rsp = *r->response;
            if (rsp.cseq().method != method::invite || code_of(*r) < 200)
                return;
            if (r->dialog != no_dialog && dialog[n] == no_dialog) {
                dialog[n] = r->dialog; // the initial INVITE's 2xx
                return;
            }
            if (code_of(*r) == 491) {
                ++pending_491;
                auto const* d = sim.stack(n).find_dialog(dialog[n]);
                BOOST_TEST_REQUIRE(d != nullptr);
                // 14.1: the Call-ID owner waits 2.1-4 s, the other 0-2 s.
                sim.at(dialog::glare_retry_delay(d->owns_call_id(), sim.stack(n).random()), [&, n] { reinvite(n); });
                return;
            }
            BOOST_TEST(code_of(*r) == 200u);
            done[n] = true;
            if (done[0] && done[1] && bye_sent++ == 0)
                sim.at(1s, [&] { BOOST_TEST(sim.stack(a).send_in_dialog(dialog[a], method::bye, {}).has_value()); });
        } else if (std::holds_alternative<dialog_ended>(act)) {
            ++ended[n];
        } else if (std::holds_alternative<request_failed>(act) || std::holds_alternative<ack_timeout>(act)) {
            ++bad;
        }
    });
    sim.at(0ms, [&] {
        BOOST_TEST(sim.stack(a)
                       .send_request(out_of_dialog(sim.stack(a), "INVITE", sim.address(b), "c1", "a1"), sim.address(b))
                       .has_value());
    });
    // Both sides modify the session at the same instant: the re-INVITEs cross.
    sim.at(40s, [&] {
        BOOST_TEST_REQUIRE(dialog[a] != no_dialog);
        BOOST_TEST_REQUIRE(dialog[b] != no_dialog);
        reinvite(a);
        reinvite(b);
    });
    sim.run(horizon);
    BOOST_TEST(done[a]);
    BOOST_TEST(done[b]);
    BOOST_TEST(pending_491 >= 1);
    BOOST_TEST(ended[a] == 1);
    BOOST_TEST(ended[b] == 1);
    BOOST_TEST(bad == 0);
    require_quiet(sim, 2);
    return pending_491;
}

// --- SUBSCRIBE / NOTIFY (RFC 6665) ------------------------------------------------

void subscription_once(std::uint64_t seed, bool reliable)
{
    simulation sim(seed, lossy(reliable));
    std::size_t const a = sim.add_node(); // subscriber
    std::size_t const b = sim.add_node(); // notifier
    std::vector<std::string> states;
    dialog_handle from_notify{}, from_2xx{}, notifier{};
    bool answered = false, terminated = false, ended = false;
    int notifies_answered = 0, bad = 0;
    auto notify = [&](std::string_view state) {
        dialog::extra_header const fields[] = {{"Event", "presence"}, {"Subscription-State", state}};
        dialog::request_options o;
        o.headers = fields;
        BOOST_TEST(sim.stack(b).send_in_dialog(notifier, method::notify, o).has_value());
    };
    auto maybe_end = [&] {
        // The subscriber is done once the SUBSCRIBE is answered and the
        // final NOTIFY came (RFC 6665 4.1.3: terminated ends the dialog usage).
        if (answered && terminated && !ended) {
            ended = true;
            BOOST_TEST(sim.stack(a).end_dialog(from_notify).has_value());
        }
    };
    sim.on_tu([&](std::size_t n, action const& act) {
        if (auto const* r = std::get_if<request_received>(&act)) {
            auto const& req = *r->request;
            if (req.method() == method::subscribe) {
                BOOST_TEST(n == b);
                auto d = sim.stack(b).respond(r->transaction,
                                              dialog_reply(sim.stack(b), req, 200, "OK", "n1", {{"Expires", "600"}}));
                BOOST_TEST_REQUIRE((d.has_value() && *d != no_dialog));
                notifier = *d;
                notify("active;expires=600");
            } else if (req.method() == method::notify) {
                BOOST_TEST(n == a);
                BOOST_TEST(r->dialog != no_dialog);
                if (from_notify == no_dialog)
                    from_notify = r->dialog;
                BOOST_TEST(r->dialog == from_notify);
                states.emplace_back(req.find("Subscription-State")->value);
                BOOST_TEST(sim.stack(a).respond(r->transaction, reply(req, 200, "OK", "")).has_value());
                if (states.back().starts_with("terminated"))
                    terminated = true;
                maybe_end();
            }
        } else if (auto const* r = std::get_if<response_received>(&act)) {
            auto const& rsp = *r->response;
            if (code_of(*r) < 200)
                return;
            BOOST_TEST(code_of(*r) == 200u);
            if (rsp.cseq().method == method::subscribe) {
                answered = true;
                from_2xx = r->dialog;
                maybe_end();
            } else if (rsp.cseq().method == method::notify && ++notifies_answered == 1) {
                notify("terminated;reason=noresource");
            } else if (rsp.cseq().method == method::notify) {
                BOOST_TEST(sim.stack(b).end_dialog(notifier).has_value());
            }
        } else if (std::holds_alternative<request_failed>(act) || std::holds_alternative<dialog_ended>(act)) {
            ++bad;
        }
    });
    sim.at(0ms, [&] {
        auto text = out_of_dialog(sim.stack(a), "SUBSCRIBE", sim.address(b), "s1", "a1",
                                  {{"Event", "presence"}, {"Expires", "600"}});
        BOOST_TEST(sim.stack(a).send_request(text, sim.address(b)).has_value());
    });
    sim.run(horizon);
    BOOST_TEST(states == (std::vector<std::string>{"active;expires=600", "terminated;reason=noresource"}),
               boost::test_tools::per_element());
    BOOST_TEST(answered);
    // RFC 6665 4.1.2.4: the NOTIFY (when it came first) and the 2xx name one dialog.
    BOOST_TEST(from_2xx == from_notify);
    BOOST_TEST(notifies_answered == 2);
    BOOST_TEST(bad == 0);
    require_quiet(sim, 2);
}

template <class F>
void for_seeds(bool reliable, F f)
{
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
        BOOST_TEST_CONTEXT("seed " << seed << (reliable ? " reliable" : " unreliable"))
        f(seed, reliable);
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(message_completes_with_20_percent_loss)
{
    for (bool reliable : {false, true})
        for_seeds(reliable, message_once);
}

BOOST_AUTO_TEST_CASE(invite_ack_bye_completes_with_20_percent_loss)
{
    for (bool reliable : {false, true})
        for_seeds(reliable, call_once);
}

BOOST_AUTO_TEST_CASE(cancel_race_ends_in_487_or_in_an_answered_call_hung_up)
{
    for (bool reliable : {false, true}) {
        int cancelled = 0, answered = 0;
        for_seeds(reliable, [&](std::uint64_t seed, bool r) {
            auto const o = cancel_race_once(seed, r);
            cancelled += o.cancelled;
            answered += o.answered;
        });
        // Both orders of the race happen across the seeds.
        BOOST_TEST(cancelled > 0);
        BOOST_TEST(answered > 0);
        BOOST_TEST_MESSAGE((reliable ? "reliable" : "unreliable") << ": CANCEL won " << cancelled << ", 200 won " << answered);
    }
}

BOOST_AUTO_TEST_CASE(reinvite_glare_gets_491_and_both_retries_succeed)
{
    for (bool reliable : {false, true})
        for_seeds(reliable, [](std::uint64_t seed, bool r) { glare_once(seed, r); });
}

BOOST_AUTO_TEST_CASE(subscribe_notify_completes_with_20_percent_loss)
{
    for (bool reliable : {false, true})
        for_seeds(reliable, subscription_once);
}
