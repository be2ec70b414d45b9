// The authenticating stateful proxy on a real stack core in proxy mode,
// without sockets: messages go in through core::on_message, the core's
// notifications go to the proxy, and the bytes the core sends are checked.
// Covered: Digest challenge and retry with RFC 3325 identity (a client
// PAI removed, ours added), 404 / 480 / 403, parallel forking with
// best-response selection (16.7 step 6 and 7) and CANCEL of the losers on a
// 2xx, CANCEL from upstream (16.10), Max-Forwards, loop detection (16.3
// step 4), Record-Route and a request within the dialog (16.4), Privacy: id.
#define BOOST_TEST_MODULE cpm_core_proxy
#include <boost/test/unit_test.hpp>

#include "cpm/core/proxy.hpp"
#include "sip/auth/client_credentials.hpp"
#include "sip/stack/core.hpp"
#include "tests/sip/stack/fake_timers.hpp"

#include <map>

using namespace cpm::sip;
using namespace cpm::sip::stack;
namespace core_ns = cpm::core;
namespace sip = cpm::sip;

namespace {

auto const t0 = core_ns::wall_clock::time_point{} + std::chrono::hours(24 * 365 * 50);

peer const alice_ua{"192.0.2.10", 5060, transport_kind::udp};
peer const bob1{"192.0.2.20", 5062, transport_kind::udp};
peer const bob2{"192.0.2.21", 5064, transport_kind::tcp};
peer const carrier{"198.51.100.5", 5060, transport_kind::udp}; // a trusted peer
peer const stranger{"203.0.113.9", 5060, transport_kind::udp};

/// A location service holding what the tests put in.
class fake_location final : public core_ns::location_service {
public:
    std::vector<core_ns::binding> lookup(std::string_view aor, core_ns::wall_clock::time_point) const override
    {
        auto const it = map_.find(std::string(aor));
        return it == map_.end() ? std::vector<core_ns::binding>{} : it->second;
    }
    void store(std::string_view aor, std::vector<core_ns::binding> bindings) override
    {
        map_[std::string(aor)] = std::move(bindings);
    }
    std::optional<std::pair<std::string, core_ns::binding>> find_temp_gruu(std::string_view,
                                                                           core_ns::wall_clock::time_point) const override
    {
        return std::nullopt;
    }
    std::size_t aor_count() const override { return map_.size(); }
    std::size_t binding_count() const override { return 0; }

private:
    std::map<std::string, std::vector<core_ns::binding>> map_;
};

core_ns::binding binding_at(std::string contact, peer received)
{
    core_ns::binding b;
    b.contact = std::move(contact);
    b.received = std::move(received);
    return b;
}

class fixed_source final : public auth::credential_source {
public:
    std::optional<auth::client_secret> credentials(std::string_view) override
    {
        return auth::client_secret{user, password};
    }
    std::string user = "alice";
    std::string password = "secret";
};

config proxy_core_config()
{
    config c;
    c.sent_by = "192.0.2.1:5060";
    c.contact = "sip:192.0.2.1:5060";
    c.forwards = true;
    c.seed = 42;
    return c;
}

/// A stack core in proxy mode with the proxy as its TU; the driver's part
/// is played by hand (sends collected, timers on a fake clock).
struct bench {
    bench()
        : stack(proxy_core_config()),
          proxy(
              [] {
                  core_ns::proxy_config c;
                  c.domain = "example.com";
                  c.aliases = {"192.0.2.1:5060"};
                  c.trusted = {carrier.address};
                  c.nonce_secret = "0123456789abcdef";
                  c.clock = [] { return t0; };
                  return c;
              }(),
              location, users)
    {
        users.add_password("alice", "secret", "Alice Liddell");
        users.add_password("bob", "hunter2");
        users.add_password("carol", "pw");
        location.store("sip:bob@example.com", {binding_at("sip:bob@192.0.2.20:5062", bob1)});
    }

    void receive(std::string_view text, peer const& from)
    {
        auto m = sip::message::parse(abnf::text_buffer(text));
        BOOST_TEST_REQUIRE(m.has_value(), (m ? "" : m.error().message) << "\n" << text);
        stack.on_message(std::move(*m), from);
        pump();
    }

    /// Drains the core, handing notifications to the proxy until quiet.
    void pump()
    {
        for (;;) {
            auto actions = stack.drain();
            if (actions.empty())
                break;
            for (auto& a : actions) {
                if (auto* s = std::get_if<send>(&a))
                    sent.push_back(std::move(*s));
                else if (auto* t = std::get_if<start_timer>(&a))
                    timers.start(*t);
                else if (auto* t = std::get_if<stop_timer>(&a))
                    timers.stop(t->id);
                else if (!proxy.on_notification(stack, a))
                    unhandled.push_back(std::move(a));
            }
        }
    }

    void advance(duration d)
    {
        timers.advance(d, [&](timer_handle id) {
            stack.on_timer(id);
            pump();
        });
    }

    /// The messages sent to @p to since the last take, parsed; forgets them.
    std::vector<sip::message> take(peer const& to)
    {
        std::vector<sip::message> out;
        std::vector<send> rest;
        for (auto& s : sent) {
            if (s.to == to) {
                auto m = sip::message::parse(abnf::text_buffer(s.bytes));
                BOOST_TEST_REQUIRE(m.has_value(), (m ? "" : m.error().message) << "\n" << s.bytes);
                out.push_back(std::move(*m));
            } else {
                rest.push_back(std::move(s));
            }
        }
        sent = std::move(rest);
        return out;
    }

    /// The one message sent to @p to.
    sip::message only(peer const& to)
    {
        auto all = take(to);
        BOOST_TEST_REQUIRE(all.size() == 1u, "messages to " << to.address << ":" << to.port << ": " << all.size());
        return std::move(all.front());
    }

    fake_location location;
    core_ns::user_directory users{"example.com"};
    stack::core stack;
    core_ns::proxy proxy;
    std::vector<send> sent;
    std::vector<action> unhandled;
    cpm::sip::stack::test::fake_timers timers;
};

std::string status_line(sip::message const& m)
{
    return std::string(m.start_line());
}

/// The final responses among @p all (a non-INVITE server transaction may
/// send 100 on its own, 17.2.2).
std::vector<sip::message> finals_of(std::vector<sip::message> all)
{
    std::vector<sip::message> out;
    for (auto& m : all)
        if (m.status_code() >= 200)
            out.push_back(std::move(m));
    return out;
}

/// A request from @p from_uri via @p via_host.
std::string request(std::string_view method, std::string_view ruri, std::string_view from_uri,
                    std::string_view branch, std::string_view extra = {}, std::uint32_t cseq = 1,
                    std::string_view via_host = "192.0.2.10:5060", std::string_view to_tag = {},
                    std::string_view body = "hello")
{
    std::string s(method);
    s.append(" ").append(ruri).append(" SIP/2.0\r\n");
    s.append("Via: SIP/2.0/UDP ").append(via_host).append(";branch=").append(branch).append(";rport\r\n");
    s.append("Max-Forwards: 70\r\n");
    s.append("From: <").append(from_uri).append(">;tag=f1\r\n");
    s.append("To: <sip:bob@example.com>");
    if (!to_tag.empty())
        s.append(";tag=").append(to_tag);
    s.append("\r\nCall-ID: call-").append(method).append("\r\n");
    s.append("CSeq: ").append(std::to_string(cseq)).append(" ").append(method).append("\r\n");
    if (method == "INVITE")
        s.append("Contact: <sip:caller@192.0.2.10:5060>\r\n");
    s.append(extra);
    s.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n\r\n").append(body);
    return s;
}

/// The response @p code to the forwarded request @p req, as its UAS writes it.
std::string response_to(sip::message const& req, unsigned code, std::string_view reason,
                        std::string_view to_tag = "b1", std::string_view extra = {})
{
    std::string s = "SIP/2.0 " + std::to_string(code) + " " + std::string(reason) + "\r\n";
    for (auto const& h : req.headers())
        if (h.id == header_id::via || h.id == header_id::record_route || h.id == header_id::from
            || h.id == header_id::call_id || h.id == header_id::cseq)
            s.append(h.line);
    s.append("To: ").append(req.to().raw);
    if (!to_tag.empty() && code > 100)
        s.append(";tag=").append(to_tag);
    s.append("\r\n");
    if (code >= 200 && code < 300 && req.method() == sip::method::invite)
        s.append("Contact: <sip:bob@192.0.2.20:5062>\r\n");
    s.append(extra);
    s.append("Content-Length: 0\r\n\r\n");
    return s;
}

/// Alice's MESSAGE to Bob, challenged, then retried with credentials:
/// returns what reached Bob.
sip::message authenticated_message(bench& b, std::string_view extra = {}, peer const& callee = bob1)
{
    static int round = 0;
    std::string const n = std::to_string(++round);
    std::string const first =
        request("MESSAGE", "sip:bob@example.com", "sip:alice@example.com", "z9hG4bKm1-" + n, extra);
    b.receive(first, alice_ua);
    auto const challenge = b.only(alice_ua);
    BOOST_TEST_REQUIRE(status_line(challenge) == "SIP/2.0 407 Proxy Authentication Required");
    BOOST_TEST(b.take(bob1).empty());
    fixed_source source;
    auth::digest_client client(source);
    auto const original = sip::message::parse(abnf::text_buffer(first));
    auto const fields = client.answer(challenge, *original);
    BOOST_TEST_REQUIRE(fields.has_value());
    std::string more(extra);
    for (auto const& f : fields.value())
        more.append(canonical_name(f.header)).append(": ").append(f.value).append("\r\n");
    b.receive(request("MESSAGE", "sip:bob@example.com", "sip:alice@example.com", "z9hG4bKm2-" + n, more, 2), alice_ua);
    return b.only(callee);
}

} // namespace

BOOST_AUTO_TEST_CASE(message_is_challenged_then_forwarded_with_our_asserted_identity)
{
    bench b;
    auto const fwd = authenticated_message(b, "P-Asserted-Identity: <sip:mallory@example.com>\r\n");
    // 16.6: Request-URI the contact, our Via on top with a branch of its
    // own, Max-Forwards decremented; MESSAGE creates no dialog: no Record-Route.
    BOOST_TEST(fwd.request_uri() == "sip:bob@192.0.2.20:5062");
    BOOST_TEST(fwd.top_via().host == "192.0.2.1");
    BOOST_TEST(fwd.top_via().rfc3261_branch());
    BOOST_TEST(fwd.count(header_id::via) == 2u);
    BOOST_TEST(*fwd.max_forwards() == 69u);
    BOOST_TEST(fwd.find(header_id::record_route) == nullptr);
    BOOST_TEST(fwd.body() == "hello");
    // 22.3: our realm's credentials are consumed here.
    BOOST_TEST(fwd.find(header_id::proxy_authorization) == nullptr);
    // RFC 3325: the client's PAI is gone, ours names the authenticated user.
    BOOST_TEST(fwd.count(header_id::p_asserted_identity) == 1u);
    BOOST_TEST(fwd.find(header_id::p_asserted_identity)->value == "\"Alice Liddell\" <sip:alice@example.com>");
    BOOST_TEST(b.proxy.stats().challenged == 1u);

    // Bob's 200 goes back to Alice without our Via.
    b.receive(response_to(fwd, 200, "OK"), bob1);
    auto const ok = b.only(alice_ua);
    BOOST_TEST(status_line(ok) == "SIP/2.0 200 OK");
    BOOST_TEST(ok.count(header_id::via) == 1u);
    BOOST_TEST(ok.top_via().branch.substr(0, 10) == "z9hG4bKm2-");
    BOOST_TEST(ok.to().tag == "b1");
    BOOST_TEST(b.proxy.context_count() == 0u);
}

BOOST_AUTO_TEST_CASE(wrong_user_is_forbidden)
{
    bench b;
    // Carol's credentials on a request From Alice.
    std::string const first = request("MESSAGE", "sip:bob@example.com", "sip:alice@example.com", "z9hG4bKw1");
    b.receive(first, alice_ua);
    auto const challenge = b.only(alice_ua);
    fixed_source source;
    source.user = "carol";
    source.password = "pw";
    auth::digest_client client(source);
    auto const fields = client.answer(challenge, *sip::message::parse(abnf::text_buffer(first)));
    BOOST_TEST_REQUIRE(fields.has_value());
    std::string more;
    for (auto const& f : fields.value())
        more.append(canonical_name(f.header)).append(": ").append(f.value).append("\r\n");
    b.receive(request("MESSAGE", "sip:bob@example.com", "sip:alice@example.com", "z9hG4bKw2", more, 2), alice_ua);
    BOOST_TEST(status_line(b.only(alice_ua)) == "SIP/2.0 403 Forbidden");
    BOOST_TEST(b.take(bob1).empty());
}

BOOST_AUTO_TEST_CASE(unknown_offline_and_relaying_are_refused)
{
    bench b;
    // From another domain into ours: not challenged.
    b.receive(request("MESSAGE", "sip:nobody@example.com", "sip:dave@other.org", "z9hG4bKu1"), stranger);
    BOOST_TEST(status_line(b.only(stranger)) == "SIP/2.0 404 Not Found");
    b.receive(request("MESSAGE", "sip:carol@example.com", "sip:dave@other.org", "z9hG4bKu2"), stranger);
    BOOST_TEST(status_line(b.only(stranger)) == "SIP/2.0 480 Temporarily Unavailable");
    // From another domain to another domain: no open relay.
    b.receive(request("MESSAGE", "sip:erin@elsewhere.net", "sip:dave@other.org", "z9hG4bKu3"), stranger);
    BOOST_TEST(status_line(b.only(stranger)) == "SIP/2.0 403 Forbidden");
    // A trusted peer may go anywhere: to the Request-URI's host (16.5).
    b.receive(request("MESSAGE", "sip:erin@192.0.2.99:5070", "sip:dave@other.org", "z9hG4bKu4", {}, 1,
                      "198.51.100.5:5060"),
              carrier);
    auto const fwd = b.only(peer{"192.0.2.99", 5070, transport_kind::udp});
    BOOST_TEST(fwd.request_uri() == "sip:erin@192.0.2.99:5070");
    BOOST_TEST(b.proxy.stats().challenged == 0u);
}

BOOST_AUTO_TEST_CASE(trusted_identity_is_kept_untrusted_one_removed)
{
    bench b;
    std::string const pai = "P-Asserted-Identity: <sip:dave@other.org>\r\n";
    b.receive(request("MESSAGE", "sip:bob@example.com", "sip:dave@other.org", "z9hG4bKt1", pai, 1,
                      "198.51.100.5:5060"),
              carrier);
    BOOST_TEST(b.only(bob1).find(header_id::p_asserted_identity)->value == "<sip:dave@other.org>");
    b.receive(request("MESSAGE", "sip:bob@example.com", "sip:dave@other.org", "z9hG4bKt2", pai), stranger);
    BOOST_TEST(b.only(bob1).find(header_id::p_asserted_identity) == nullptr);
}

BOOST_AUTO_TEST_CASE(privacy_id_withholds_the_asserted_identity_from_an_untrusted_recipient)
{
    bench b;
    auto const fwd = authenticated_message(b, "Privacy: id\r\nSubject: secret plans\r\n");
    BOOST_TEST(fwd.find(header_id::p_asserted_identity) == nullptr);
    BOOST_TEST(fwd.find(header_id::privacy)->value == "id");
    BOOST_TEST(fwd.find(header_id::subject) != nullptr); // only "user"/"header" withhold it
    // "user": Subject is withheld too; a trusted recipient gets the identity.
    b.location.store("sip:bob@example.com", {binding_at("sip:bob@198.51.100.5", carrier)});
    auto const trusted = authenticated_message(b, "Privacy: id; user\r\nSubject: secret plans\r\n", carrier);
    BOOST_TEST(trusted.find(header_id::p_asserted_identity) != nullptr);
    BOOST_TEST(trusted.find(header_id::subject) != nullptr);
    b.location.store("sip:bob@example.com", {binding_at("sip:bob@192.0.2.20:5062", bob1)});
    auto const user = authenticated_message(b, "Privacy: user\r\nSubject: secret plans\r\n");
    BOOST_TEST(user.find(header_id::p_asserted_identity) != nullptr);
    BOOST_TEST(user.find(header_id::subject) == nullptr);
}

BOOST_AUTO_TEST_CASE(critical_header_privacy_is_refused)
{
    bench b;
    b.receive(request("MESSAGE", "sip:bob@example.com", "sip:dave@other.org", "z9hG4bKc1",
                      "Privacy: header;critical\r\n"),
              stranger);
    BOOST_TEST(status_line(b.only(stranger)) == "SIP/2.0 500 Privacy Unavailable");
}

BOOST_AUTO_TEST_CASE(forked_message_gets_the_best_response)
{
    bench b;
    b.location.store("sip:bob@example.com",
                     {binding_at("sip:bob@192.0.2.20:5062", bob1), binding_at("sip:bob@192.0.2.21:5064;transport=tcp", bob2)});
    b.receive(request("MESSAGE", "sip:bob@example.com", "sip:dave@other.org", "z9hG4bKf1"), stranger);
    auto const one = b.only(bob1);
    auto const two = b.only(bob2);
    BOOST_TEST(one.request_uri() == "sip:bob@192.0.2.20:5062");
    BOOST_TEST(two.request_uri() == "sip:bob@192.0.2.21:5064;transport=tcp");
    BOOST_TEST(two.top_via().transport == "TCP");
    BOOST_TEST(one.top_via().branch != two.top_via().branch);
    // 16.7 step 6: a 503 loses to a 486 (lowest class), and is never forwarded.
    b.receive(response_to(one, 503, "Service Unavailable"), bob1);
    BOOST_TEST(b.take(stranger).empty());
    b.receive(response_to(two, 486, "Busy Here"), bob2);
    BOOST_TEST(status_line(b.only(stranger)) == "SIP/2.0 486 Busy Here");
    BOOST_TEST(b.proxy.context_count() == 0u);
}

BOOST_AUTO_TEST_CASE(forked_challenges_are_merged_and_lone_503_becomes_500)
{
    bench b;
    b.location.store("sip:bob@example.com",
                     {binding_at("sip:bob@192.0.2.20:5062", bob1), binding_at("sip:bob@192.0.2.21:5064;transport=tcp", bob2)});
    b.receive(request("MESSAGE", "sip:bob@example.com", "sip:dave@other.org", "z9hG4bKg1"), stranger);
    auto const one = b.only(bob1);
    auto const two = b.only(bob2);
    b.receive(response_to(one, 401, "Unauthorized", "b1", "WWW-Authenticate: Digest realm=\"one\", nonce=\"1\"\r\n"), bob1);
    b.receive(response_to(two, 407, "Proxy Authentication Required", "b2",
                          "Proxy-Authenticate: Digest realm=\"two\", nonce=\"2\"\r\n"),
              bob2);
    auto const best = b.only(stranger);
    // 16.7 step 7: one response carries both challenges.
    BOOST_TEST(best.find(header_id::www_authenticate) != nullptr);
    BOOST_TEST(best.find(header_id::proxy_authenticate) != nullptr);

    // 16.7 step 6: a 503 is never forwarded; with nothing better, 500.
    b.receive(request("MESSAGE", "sip:bob@example.com", "sip:dave@other.org", "z9hG4bKg2", {}, 2), stranger);
    auto const again1 = b.only(bob1);
    auto const again2 = b.only(bob2);
    b.receive(response_to(again1, 503, "Service Unavailable"), bob1);
    b.receive(response_to(again2, 503, "Service Unavailable", "b2"), bob2);
    BOOST_TEST(status_line(b.only(stranger)) == "SIP/2.0 500 Server Internal Error");

    // Nobody answers: Timer F on both branches, 408 (8.1.3.1, 16.7 step 6).
    b.receive(request("MESSAGE", "sip:bob@example.com", "sip:dave@other.org", "z9hG4bKg3", {}, 3), stranger);
    BOOST_TEST(b.take(bob1).size() == 1u);
    b.advance(std::chrono::seconds(40));
    auto const finals = finals_of(b.take(stranger));
    BOOST_TEST_REQUIRE(finals.size() == 1u);
    BOOST_TEST(status_line(finals.front()) == "SIP/2.0 408 Request Timeout");
    BOOST_TEST(b.proxy.context_count() == 0u);
}

BOOST_AUTO_TEST_CASE(max_forwards_and_loops)
{
    bench b;
    b.location.store("sip:bob@example.com", {binding_at("sip:bob@192.0.2.20:5062", bob1)});
    std::string one_hop = request("MESSAGE", "sip:bob@example.com", "sip:dave@other.org", "z9hG4bKx1");
    one_hop.replace(one_hop.find("Max-Forwards: 70"), 16, "Max-Forwards: 1");
    b.receive(one_hop, stranger);
    BOOST_TEST(*b.only(bob1).max_forwards() == 0u);
    std::string none_left = request("MESSAGE", "sip:bob@example.com", "sip:dave@other.org", "z9hG4bKx2");
    none_left.replace(none_left.find("Max-Forwards: 70"), 16, "Max-Forwards: 0");
    b.receive(none_left, stranger);
    BOOST_TEST(status_line(b.only(stranger)) == "SIP/2.0 483 Too Many Hops");

    // A trusted peer's request to a host that routes it back here unchanged:
    // the second pass finds our Via with the same hash (16.3 step 4).
    peer const back{"192.0.2.99", 5070, transport_kind::udp};
    b.receive(request("MESSAGE", "sip:erin@192.0.2.99:5070", "sip:dave@other.org", "z9hG4bKx3", {}, 1,
                      "198.51.100.5:5060"),
              carrier);
    auto const out = b.only(back);
    std::string looped(out.text());
    looped.insert(looped.find("Via: "), "Via: SIP/2.0/UDP 192.0.2.99:5070;branch=z9hG4bKback\r\n");
    b.receive(looped, back);
    BOOST_TEST(status_line(b.only(back)) == "SIP/2.0 482 Loop Detected");
}

BOOST_AUTO_TEST_CASE(forked_invite_2xx_cancels_the_other_branch_then_ack_and_bye_follow_the_route)
{
    bench b;
    b.location.store("sip:bob@example.com", {binding_at("sip:bob@192.0.2.20:5062", bob1),
                                             binding_at("sip:bob@192.0.2.21:5064;transport=tcp", bob2)});
    b.receive(request("INVITE", "sip:bob@example.com", "sip:dave@other.org", "z9hG4bKi1", {}, 1,
                      "203.0.113.9:5060"),
              stranger);
    // 16.2: 100 at once; 16.6 step 4: both branches record-route.
    BOOST_TEST(status_line(b.only(stranger)) == "SIP/2.0 100 Trying");
    auto const one = b.only(bob1);
    auto const two = b.only(bob2);
    BOOST_TEST(one.find(header_id::record_route)->value == "<sip:192.0.2.1:5060;lr>");
    BOOST_TEST(two.find(header_id::record_route)->value == "<sip:192.0.2.1:5060;lr>");

    b.receive(response_to(one, 100, "Trying"), bob1);
    BOOST_TEST(b.take(stranger).empty()); // 16.7 step 5: 100 stays here
    b.receive(response_to(one, 180, "Ringing", "r1"), bob1);
    BOOST_TEST(status_line(b.only(stranger)) == "SIP/2.0 180 Ringing");
    b.receive(response_to(two, 200, "OK", "r2"), bob2);
    auto const ok = b.only(stranger);
    BOOST_TEST(status_line(ok) == "SIP/2.0 200 OK");
    BOOST_TEST(ok.to().tag == "r2");
    BOOST_TEST(ok.count(header_id::via) == 1u);
    // 16.7 step 10: the ringing branch is cancelled.
    auto const cancel = b.only(bob1);
    BOOST_TEST(cancel.method_text() == "CANCEL");
    BOOST_TEST(cancel.top_via().branch == one.top_via().branch);
    b.receive(response_to(cancel, 200, "OK", "r1"), bob1);
    b.receive(response_to(one, 487, "Request Terminated", "r1"), bob1);
    auto const ack487 = b.only(bob1); // the client transaction's own ACK (17.1.1.3)
    BOOST_TEST(ack487.method_text() == "ACK");
    BOOST_TEST(b.take(stranger).empty()); // a 487 after the 2xx goes nowhere

    // The 2xx retransmission is forwarded too (RFC 6026 7.2).
    b.receive(response_to(two, 200, "OK", "r2"), bob2);
    BOOST_TEST(status_line(b.only(stranger)) == "SIP/2.0 200 OK");

    // The ACK for the 2xx: forwarded statelessly by its Route set (16.11).
    std::string ack = request("ACK", "sip:bob@192.0.2.21:5064;transport=tcp", "sip:dave@other.org", "z9hG4bKa1",
                              "Route: <sip:192.0.2.1:5060;lr>\r\n", 1, "203.0.113.9:5060", "r2", "");
    b.receive(ack, stranger);
    auto const fwd_ack = b.only(bob2);
    BOOST_TEST(fwd_ack.method_text() == "ACK");
    BOOST_TEST(fwd_ack.find(header_id::route) == nullptr);
    BOOST_TEST(fwd_ack.count(header_id::via) == 2u);
    BOOST_TEST(b.proxy.stats().acks == 1u);

    // Bob (our domain) hangs up within the dialog: routed by its Route,
    // not challenged (16.4).
    std::string bye = "BYE sip:caller@203.0.113.9:5060 SIP/2.0\r\n"
                      "Via: SIP/2.0/TCP 192.0.2.21:5064;branch=z9hG4bKbye\r\n"
                      "Max-Forwards: 70\r\n"
                      "Route: <sip:192.0.2.1:5060;lr>\r\n"
                      "From: <sip:bob@example.com>;tag=r2\r\n"
                      "To: <sip:dave@other.org>;tag=f1\r\n"
                      "Call-ID: call-INVITE\r\n"
                      "CSeq: 1 BYE\r\n"
                      "Content-Length: 0\r\n\r\n";
    b.receive(bye, bob2);
    auto const fwd_bye = b.only(stranger);
    BOOST_TEST(fwd_bye.method_text() == "BYE");
    BOOST_TEST(fwd_bye.request_uri() == "sip:caller@203.0.113.9:5060");
    BOOST_TEST(fwd_bye.find(header_id::route) == nullptr);
    BOOST_TEST(fwd_bye.find(header_id::record_route) == nullptr);
    BOOST_TEST(b.proxy.stats().challenged == 0u);
    b.receive(response_to(fwd_bye, 200, "OK", {}), stranger);
    BOOST_TEST(status_line(b.only(bob2)) == "SIP/2.0 200 OK");

    // The INVITE context lingers 64*T1 for 2xx retransmissions, then goes.
    BOOST_TEST(b.proxy.context_count() == 1u);
    b.advance(std::chrono::seconds(40));
    BOOST_TEST(b.proxy.context_count() == 0u);
}

BOOST_AUTO_TEST_CASE(cancel_from_upstream_cancels_the_branches_and_487_goes_up)
{
    bench b;
    std::string const invite = request("INVITE", "sip:bob@example.com", "sip:dave@other.org", "z9hG4bKc9", {}, 1,
                                       "203.0.113.9:5060");
    b.receive(invite, stranger);
    BOOST_TEST(status_line(b.only(stranger)) == "SIP/2.0 100 Trying");
    auto const one = b.only(bob1);
    b.receive(response_to(one, 180, "Ringing", "r1"), bob1);
    BOOST_TEST(status_line(b.only(stranger)) == "SIP/2.0 180 Ringing");

    std::string cancel = "CANCEL sip:bob@example.com SIP/2.0\r\n"
                         "Via: SIP/2.0/UDP 203.0.113.9:5060;branch=z9hG4bKc9;rport\r\n"
                         "Max-Forwards: 70\r\n"
                         "From: <sip:dave@other.org>;tag=f1\r\n"
                         "To: <sip:bob@example.com>\r\n"
                         "Call-ID: call-INVITE\r\n"
                         "CSeq: 1 CANCEL\r\n"
                         "Content-Length: 0\r\n\r\n";
    b.receive(cancel, stranger);
    // 16.10: the core answers the CANCEL; the proxy cancels its branch.
    BOOST_TEST(status_line(b.only(stranger)) == "SIP/2.0 200 OK");
    auto const down = b.only(bob1);
    BOOST_TEST(down.method_text() == "CANCEL");
    b.receive(response_to(down, 200, "OK", "r1"), bob1);
    b.receive(response_to(one, 487, "Request Terminated", "r1"), bob1);
    BOOST_TEST(b.only(bob1).method_text() == "ACK");
    auto const up = b.only(stranger);
    BOOST_TEST(status_line(up) == "SIP/2.0 487 Request Terminated");
    BOOST_TEST(up.count(header_id::via) == 1u);
    BOOST_TEST(b.proxy.context_count() == 0u);
}

BOOST_AUTO_TEST_CASE(strict_router_request_uri_is_fixed_up)
{
    bench b;
    // The previous hop put our Record-Route URI in the Request-URI and the
    // remote target last in Route (16.4).
    std::string bye = "BYE sip:192.0.2.1:5060;lr SIP/2.0\r\n"
                      "Via: SIP/2.0/UDP 203.0.113.9:5060;branch=z9hG4bKs1\r\n"
                      "Max-Forwards: 70\r\n"
                      "Route: <sip:other.example.net;lr>, <sip:bob@192.0.2.20:5062>\r\n"
                      "From: <sip:dave@other.org>;tag=f1\r\n"
                      "To: <sip:bob@example.com>;tag=r2\r\n"
                      "Call-ID: strict\r\n"
                      "CSeq: 2 BYE\r\n"
                      "Content-Length: 0\r\n\r\n";
    b.receive(bye, stranger);
    auto const fwd = b.only(peer{"other.example.net", 5060, transport_kind::udp});
    BOOST_TEST(fwd.request_uri() == "sip:bob@192.0.2.20:5062");
    BOOST_TEST(fwd.find(header_id::route)->value == "<sip:other.example.net;lr>");
}

BOOST_AUTO_TEST_CASE(requests_for_the_proxy_itself_and_a_foreign_register)
{
    bench b;
    b.receive(request("OPTIONS", "sip:192.0.2.1:5060", "sip:dave@other.org", "z9hG4bKo1"), stranger);
    BOOST_TEST(status_line(b.only(stranger)) == "SIP/2.0 200 OK");
    // A REGISTER for another domain is proxied like any request (the
    // registrar takes ours): from a stranger, no open relay.
    b.receive(request("REGISTER", "sip:other.org", "sip:dave@other.org", "z9hG4bKo2"), stranger);
    BOOST_TEST(status_line(b.only(stranger)) == "SIP/2.0 403 Forbidden");
    BOOST_TEST(b.unhandled.empty());
}

BOOST_AUTO_TEST_CASE(a_binding_with_path_is_reached_through_it)
{
    bench b;
    auto with_path = binding_at("sip:bob@10.0.0.7:5060", peer{"192.0.2.50", 5060, transport_kind::udp});
    with_path.path = {"<sip:edge.example.net:5070;lr>", "<sip:edge2.example.net;lr>"};
    b.location.store("sip:bob@example.com", {with_path});
    b.receive(request("MESSAGE", "sip:bob@example.com", "sip:dave@other.org", "z9hG4bKp1"), stranger);
    // RFC 3327 5.2: the Path values become the Route set; the first is the next hop.
    auto const fwd = b.only(peer{"edge.example.net", 5070, transport_kind::udp});
    BOOST_TEST(fwd.request_uri() == "sip:bob@10.0.0.7:5060");
    BOOST_TEST(fwd.find(header_id::route)->value == "<sip:edge.example.net:5070;lr>, <sip:edge2.example.net;lr>");
}

BOOST_AUTO_TEST_CASE(a_contact_is_reached_at_its_uri_and_an_outbound_flow_over_its_flow)
{
    // 16.6 step 6-7: the Request-URI (the registered contact) names the
    // next hop; only an RFC 5626 registration (instance and reg-id) ties
    // the contact to the flow its REGISTER came on (5.3).
    bench b;
    auto plain = binding_at("sip:bob@192.0.2.20:5062", peer{"192.0.2.20", 40000, transport_kind::udp});
    auto outbound = binding_at("sip:bob@10.0.0.9:5060;transport=tcp", peer{"192.0.2.30", 41000, transport_kind::tcp});
    outbound.instance = "<urn:uuid:00000000-0000-1000-8000-000000000001>";
    outbound.reg_id = 1;
    b.location.store("sip:bob@example.com", {plain, outbound});
    b.receive(request("MESSAGE", "sip:bob@example.com", "sip:dave@other.org", "z9hG4bKf1"), stranger);
    BOOST_TEST(b.only(peer{"192.0.2.20", 5062, transport_kind::udp}).request_uri() == "sip:bob@192.0.2.20:5062");
    BOOST_TEST(b.only(peer{"192.0.2.30", 41000, transport_kind::tcp}).request_uri() == "sip:bob@10.0.0.9:5060;transport=tcp");
}

BOOST_AUTO_TEST_CASE(options_with_max_forwards_zero_is_answered_by_the_proxy)
{
    // 16.3 step 3 (RFC 4475 3.1.2.? zeromf): OPTIONS may be answered by
    // the proxy as its final recipient; any other method gets 483 (above).
    bench b;
    b.location.store("sip:bob@example.com", {binding_at("sip:bob@192.0.2.20:5062", bob1)});
    std::string options = request("OPTIONS", "sip:bob@example.com", "sip:dave@other.org", "z9hG4bKo0");
    options.replace(options.find("Max-Forwards: 70"), 16, "Max-Forwards: 0");
    b.receive(options, stranger);
    BOOST_TEST(status_line(b.only(stranger)) == "SIP/2.0 200 OK");
}
