// Both ends of one dialog built by this library (RFC 3261 12, 13, 14,
// 15): Bob answers Alice's INVITE through two record-routing proxies, each
// side builds its requests from its own dialog state, and the other side's
// state accepts them: ids, tags, CSeq spaces, route order and targets agree.
#define BOOST_TEST_MODULE sip_dialog_round_trip
#include <boost/test/unit_test.hpp>

#include "messages.hpp"

#include "sip/dialog/forks.hpp"
#include "sip/dialog/glare.hpp"
#include "sip/dialog/request.hpp"
#include "sip/dialog/response.hpp"

using namespace cpm::sip;
using namespace cpm::sip::dialog;
using namespace cpm::sip::dialog::test;

namespace {

request_options options_via(std::string_view value)
{
    request_options o;
    o.via = value;
    return o;
}

struct call {
    message invite = parse(invite_text());
    message ok = answer(invite);
    dialog_state bob;
    dialog_state alice;

    static dialog_state make_bob(message const& invite)
    {
        auto d = dialog_state::create_uas(invite, 200, bob_options(false, 1));
        BOOST_TEST_REQUIRE(d.has_value());
        return std::move(*d);
    }
    static message answer(message const& invite)
    {
        std::string out;
        start_dialog_response(out, invite, 200, "OK", "a6c85cf", "sip:bob@192.0.2.4").finish();
        return parse(out);
    }
    static dialog_state make_alice(message const& invite, message const& ok)
    {
        auto d = dialog_state::create_uac(invite, ok, alice_options());
        BOOST_TEST_REQUIRE(d.has_value());
        return std::move(*d);
    }

    call() : bob(make_bob(invite)), alice(make_alice(invite, ok)) {}
};

} // namespace

BOOST_AUTO_TEST_CASE(rfc3261_12_1_1_dialog_response_copies_record_route_and_adds_contact)
{
    call c;
    BOOST_TEST(values(c.ok, header_id::record_route)
                   == (std::vector<std::string>{"<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>"}),
               boost::test_tools::per_element());
    BOOST_TEST(c.ok.find(header_id::contact)->value == "<sip:bob@192.0.2.4>");
    BOOST_TEST(c.ok.to().tag == "a6c85cf");
    BOOST_TEST(c.ok.cseq().number == 314159u);
    // Both ends hold the same dialog, seen from either side.
    BOOST_TEST(c.alice.id().call_id == c.bob.id().call_id);
    BOOST_TEST(c.alice.id().local_tag == c.bob.id().remote_tag);
    BOOST_TEST(c.alice.id().remote_tag == c.bob.id().local_tag);
    BOOST_TEST(c.alice.remote_target() == c.bob.local_target());
    BOOST_TEST(c.bob.remote_target() == c.alice.local_target());
}

BOOST_AUTO_TEST_CASE(rfc3261_13_2_2_4_ack_then_bye_from_the_callee)
{
    call c;
    std::string ack;
    build_ack(c.alice, c.invite, ack, options_via("SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKack"));
    BOOST_TEST((c.bob.on_request(parse(ack)) == request_verdict::accept));

    // 15.1.1: Bob hangs up. His first request uses his own CSeq space.
    std::string bye;
    build_request(c.bob, method::bye, bye, options_via("SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKbye"));
    auto m = parse(bye);
    BOOST_TEST(m.start_line() == "BYE sip:alice@pc33.atlanta.example.com SIP/2.0");
    BOOST_TEST(values(m, header_id::route)
                   == (std::vector<std::string>{"<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>"}),
               boost::test_tools::per_element());
    BOOST_TEST(m.cseq().number == 1u);
    BOOST_TEST((c.alice.on_request(m) == request_verdict::accept));
    BOOST_TEST(c.alice.remote_cseq().value() == 1u);
}

BOOST_AUTO_TEST_CASE(rfc3261_12_2_reinvite_refreshes_target_both_ways)
{
    call c;
    // Alice re-INVITEs; Bob's state accepts it (remote CSeq moves to 314160).
    std::string reinvite;
    build_request(c.alice, method::invite, reinvite, options_via("SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKre"));
    auto m = parse(reinvite);
    BOOST_TEST((c.bob.on_request(m) == request_verdict::accept));
    BOOST_TEST(c.bob.remote_cseq().value() == 314160u);
    // Bob answers from a new address (12.2.1.2: Alice's target follows it).
    std::string out;
    response_options o;
    make_response(out, m, 200, "OK", o).header(header_id::contact, "<sip:bob@198.51.100.20>").finish();
    BOOST_TEST(c.alice.on_response(parse(out)).has_value());
    BOOST_TEST(c.alice.remote_target() == "sip:bob@198.51.100.20");
    // A replayed old request is now out of order at Bob: 500.
    BOOST_TEST((c.bob.on_request(m) == request_verdict::accept)); // same number: not lower
    // (a request from before the re-INVITE, CSeq 314159, arriving late)
    std::string late = alice_request_text("INFO", 314159);
    BOOST_TEST((c.bob.on_request(parse(late)) == request_verdict::out_of_order));
}

BOOST_AUTO_TEST_CASE(rfc3261_14_1_glare_both_get_491_and_retry_in_turn)
{
    call c;
    modification_guard alice_guard, bob_guard;
    BOOST_TEST(alice_guard.start_local(method::invite));
    BOOST_TEST(bob_guard.start_local(method::invite));
    // The re-INVITEs cross: each side answers the other's with 491.
    BOOST_TEST((bob_guard.on_remote(method::invite) == modification_verdict::request_pending));
    BOOST_TEST((alice_guard.on_remote(method::invite) == modification_verdict::request_pending));
    // 14.1: Alice generated the Call-ID, so she waits 2.1-4 s; Bob 0-2 s:
    // Bob's retry comes first, whatever the random draws.
    for (std::uint32_t r : {0u, 17u, 190u, 200u, 4095u}) {
        auto const alice_wait = glare_retry_delay(c.alice.owns_call_id(), r);
        auto const bob_wait = glare_retry_delay(c.bob.owns_call_id(), r);
        BOOST_TEST(bob_wait < alice_wait);
    }
}

BOOST_AUTO_TEST_CASE(rfc3261_12_1_early_dialog_from_180_then_confirmed_by_200)
{
    message invite = parse(invite_text());
    // Bob rings: the 180 creates the early dialog at both ends.
    auto bob = dialog_state::create_uas(invite, 180, bob_options(false, 1));
    BOOST_TEST_REQUIRE(bob.has_value());
    std::string ringing;
    start_dialog_response(ringing, invite, 180, "Ringing", "a6c85cf", "sip:bob@192.0.2.4").finish();
    invite_forks forks(parse(invite_text()), alice_options());
    auto early = forks.on_response(parse(ringing));
    BOOST_TEST((early.what == invite_forks::outcome::early_created));
    BOOST_TEST((early.dialog->current() == state::early));
    BOOST_TEST((bob->current() == state::early));
    // Bob answers: both ends confirmed, same dialog.
    std::string ok;
    start_dialog_response(ok, invite, 200, "OK", "a6c85cf", "sip:bob@192.0.2.4").finish();
    bob->on_response_sent(200);
    auto confirmed = forks.on_response(parse(ok));
    BOOST_TEST((confirmed.what == invite_forks::outcome::confirmed));
    BOOST_TEST(confirmed.dialog == early.dialog);
    BOOST_TEST((bob->current() == state::confirmed));
    BOOST_TEST(confirmed.dialog->id().remote_tag == bob->id().local_tag);
    // Alice's ACK is accepted by Bob's dialog.
    std::string ack;
    build_ack(*confirmed.dialog, forks.invite(), ack, options_via("SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKa"));
    BOOST_TEST((bob->on_request(parse(ack)) == request_verdict::accept));
}
