// Dialog state (RFC 3261 section 12): creation by UAC and UAS, early and
// confirmed dialogs, remote CSeq checks and target refresh.
#define BOOST_TEST_MODULE sip_dialog_dialog
#include <boost/test/unit_test.hpp>

#include "messages.hpp"

#include "sip/dialog/dialog.hpp"

#include <unordered_map>

using namespace cpm::sip;
using namespace cpm::sip::dialog;
using namespace cpm::sip::dialog::test;

namespace {

dialog_state uac(unsigned code = 200)
{
    auto d = dialog_state::create_uac(parse(invite_text()), parse(response_text(code)), alice_options());
    BOOST_TEST_REQUIRE(d.has_value());
    return std::move(*d);
}

dialog_state uas(unsigned code = 200)
{
    auto d = dialog_state::create_uas(parse(invite_text()), code, bob_options());
    BOOST_TEST_REQUIRE(d.has_value());
    return std::move(*d);
}

std::vector<std::string> uris(route_set const& routes)
{
    std::vector<std::string> out;
    for (auto const& r : routes)
        out.push_back(r.uri);
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(rfc3261_12_1_2_uac_dialog_from_2xx)
{
    auto d = uac();
    BOOST_TEST((d.current() == state::confirmed));
    BOOST_TEST((d.role() == role::uac));
    // 12.1.2: id = Call-ID, From tag (local), To tag of the response (remote).
    BOOST_TEST(d.id().call_id == "a84b4c76e66710@pc33.atlanta.example.com");
    BOOST_TEST(d.id().local_tag == "1928301774");
    BOOST_TEST(d.id().remote_tag == "a6c85cf");
    // 12.1.2: route set = Record-Route of the response, reversed.
    BOOST_TEST(uris(d.route_set()) == (std::vector<std::string>{"sip:p1.example.com;lr", "sip:p2.example.com;lr"}),
               boost::test_tools::per_element());
    BOOST_TEST(d.route_set()[0].lr);
    BOOST_TEST(d.remote_target() == "sip:bob@192.0.2.4");
    BOOST_TEST(d.local_target() == "sip:alice@pc33.atlanta.example.com");
    // 12.1.2: local CSeq = the request's, remote empty.
    BOOST_TEST(d.local_cseq().value() == 314159u);
    BOOST_TEST(!d.remote_cseq().has_value());
    BOOST_TEST(d.local_field() == "Alice <sip:alice@atlanta.example.com>;tag=1928301774");
    BOOST_TEST(d.remote_field() == "Bob <sip:bob@biloxi.example.com>;tag=a6c85cf");
    BOOST_TEST(!d.secure());
    BOOST_TEST(d.owns_call_id());
}

BOOST_AUTO_TEST_CASE(rfc3261_12_1_2_uac_early_dialog_from_1xx_with_tag)
{
    auto d = uac(180);
    BOOST_TEST((d.current() == state::early));
    // 100 never creates a dialog; a 1xx without a To tag neither (12.1).
    BOOST_TEST(!dialog_state::create_uac(parse(invite_text()), parse(response_text(100)), alice_options()));
    auto no_tag = dialog_state::create_uac(parse(invite_text()), parse(response_text(180, "")), alice_options());
    BOOST_TEST((no_tag.error() == errc::not_a_dialog_message));
    // 3xx-6xx do not create one either.
    BOOST_TEST(!dialog_state::create_uac(parse(invite_text()), parse(response_text(486)), alice_options()));
}

BOOST_AUTO_TEST_CASE(rfc3261_12_1_2_uac_needs_contact)
{
    auto d = dialog_state::create_uac(parse(invite_text()), parse(response_text(200, "a6c85cf", "")), alice_options());
    BOOST_TEST((d.error() == errc::missing_contact));
    auto two = dialog_state::create_uac(parse(invite_text()),
                                  parse(response_text(200, "a6c85cf", "<sip:a@h>, <sip:b@h>")), alice_options());
    BOOST_TEST((two.error() == errc::bad_contact));
    auto bad_rr = dialog_state::create_uac(parse(invite_text()),
                                     parse(response_text(200, "a6c85cf", "<sip:b@h>", "sip:p1.example.com;lr")),
                                     alice_options());
    BOOST_TEST((bad_rr.error() == errc::bad_record_route)); // 20.30: Record-Route entries are <URI>
}

BOOST_AUTO_TEST_CASE(rfc3261_13_2_2_4_early_confirmed_by_2xx_recomputes_route_set)
{
    auto d = uac(183);
    // The 183 came through p2 and p1; the 2xx only through p3 (another path).
    auto r = d.on_response(parse(response_text(200, "a6c85cf", "<sip:bob@192.0.2.99>", "<sip:p3.example.com;lr>")));
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST((d.current() == state::confirmed));
    BOOST_TEST(uris(d.route_set()) == std::vector<std::string>{"sip:p3.example.com;lr"},
               boost::test_tools::per_element());
    BOOST_TEST(d.remote_target() == "sip:bob@192.0.2.99");
}

BOOST_AUTO_TEST_CASE(rfc3261_12_3_early_terminated_by_non_2xx_final)
{
    auto d = uac(180);
    BOOST_TEST_REQUIRE(d.on_response(parse(response_text(486))).has_value());
    BOOST_TEST((d.current() == state::terminated));
    // A response of another dialog (other To tag) is not this dialog's.
    auto e = uac(180);
    BOOST_TEST((e.on_response(parse(response_text(486, "other"))).error() == errc::wrong_dialog));
    BOOST_TEST((e.current() == state::early));
}

BOOST_AUTO_TEST_CASE(rfc3261_12_1_1_uas_dialog_from_request)
{
    auto d = uas();
    BOOST_TEST((d.current() == state::confirmed));
    BOOST_TEST((d.role() == role::uas));
    // 12.1.1: local tag = the To tag of the response, remote = From tag.
    BOOST_TEST(d.id().local_tag == "a6c85cf");
    BOOST_TEST(d.id().remote_tag == "1928301774");
    // 12.1.1: route set = Record-Route in order (top first).
    BOOST_TEST(uris(d.route_set()) == (std::vector<std::string>{"sip:p2.example.com;lr", "sip:p1.example.com;lr"}),
               boost::test_tools::per_element());
    BOOST_TEST(d.remote_target() == "sip:alice@pc33.atlanta.example.com");
    BOOST_TEST(d.remote_cseq().value() == 314159u);
    BOOST_TEST(!d.local_cseq().has_value());
    BOOST_TEST(d.local_field() == "Bob <sip:bob@biloxi.example.com>;tag=a6c85cf");
    BOOST_TEST(d.remote_field() == "Alice <sip:alice@atlanta.example.com>;tag=1928301774");
    BOOST_TEST(!d.owns_call_id());
    // 12.2.1.1: the empty local sequence number starts at the chosen value.
    BOOST_TEST(d.next_cseq() == 7000u);
    BOOST_TEST(d.next_cseq() == 7001u);
    BOOST_TEST(d.local_cseq().value() == 7001u);
}

BOOST_AUTO_TEST_CASE(rfc3261_12_1_1_uas_early_then_confirmed_or_terminated)
{
    auto d = uas(180);
    BOOST_TEST((d.current() == state::early));
    d.on_response_sent(183);
    BOOST_TEST((d.current() == state::early));
    d.on_response_sent(200);
    BOOST_TEST((d.current() == state::confirmed));

    auto e = uas(180);
    e.on_response_sent(603);
    BOOST_TEST((e.current() == state::terminated));
    // A request that already has a To tag is in a dialog: it creates none.
    auto again = dialog_state::create_uas(parse(alice_request_text("INVITE", 314160, "<sip:a@h>")), 200, bob_options());
    BOOST_TEST((again.error() == errc::not_a_dialog_message));
}

BOOST_AUTO_TEST_CASE(rfc3261_12_1_secure_flag_needs_tls_and_sips)
{
    local_options const tls = bob_options(true);
    auto sips_tls = dialog_state::create_uas(parse(invite_text("sips:bob@biloxi.example.com")), 200, tls);
    BOOST_TEST(sips_tls->secure());
    auto sip_tls = dialog_state::create_uas(parse(invite_text()), 200, tls);
    BOOST_TEST(!sip_tls->secure());
    auto sips_udp = dialog_state::create_uas(parse(invite_text("sips:bob@biloxi.example.com")), 200, bob_options());
    BOOST_TEST(!sips_udp->secure());
    auto uac_secure = dialog_state::create_uac(parse(invite_text("sips:bob@biloxi.example.com")),
                                               parse(response_text(200)), alice_options(true));
    BOOST_TEST(uac_secure->secure());
}

BOOST_AUTO_TEST_CASE(rfc3261_12_2_2_remote_cseq_set_then_checked)
{
    auto d = uac();
    // 12.2.2: an empty remote sequence number takes the request's.
    BOOST_TEST((d.on_request(parse(bob_request_text("INFO", 100))) == request_verdict::accept));
    BOOST_TEST(d.remote_cseq().value() == 100u);
    BOOST_TEST((d.on_request(parse(bob_request_text("INFO", 101))) == request_verdict::accept));
    // Lower: out of order, answered 500; the remote number stays.
    BOOST_TEST((d.on_request(parse(bob_request_text("INFO", 99))) == request_verdict::out_of_order));
    BOOST_TEST(d.remote_cseq().value() == 101u);
    // Numbers may jump (12.2.2: "not necessarily one higher").
    BOOST_TEST((d.on_request(parse(bob_request_text("BYE", 500))) == request_verdict::accept));
    BOOST_TEST(d.remote_cseq().value() == 500u);
}

BOOST_AUTO_TEST_CASE(rfc3261_12_2_2_uas_out_of_order_and_ack)
{
    auto d = uas();
    BOOST_TEST((d.on_request(parse(alice_request_text("BYE", 314158))) == request_verdict::out_of_order));
    // The ACK for the 2xx carries the INVITE's number and is not checked.
    BOOST_TEST((d.on_request(parse(alice_request_text("ACK", 314159))) == request_verdict::accept));
    BOOST_TEST(d.remote_cseq().value() == 314159u);
    BOOST_TEST((d.on_request(parse(alice_request_text("BYE", 314160))) == request_verdict::accept));
    // Wrong tag: not this dialog.
    BOOST_TEST((d.on_request(parse(alice_request_text("BYE", 314161, {}, "zzz"))) == request_verdict::wrong_dialog));
}

BOOST_AUTO_TEST_CASE(rfc3261_12_2_2_target_refresh_request_replaces_remote_target)
{
    auto d = uac();
    BOOST_TEST((d.on_request(parse(bob_request_text("INVITE", 10, "<sip:bob@198.51.100.7:5070>")))
                == request_verdict::accept));
    BOOST_TEST(d.remote_target() == "sip:bob@198.51.100.7:5070");
    // INFO is no target refresh: its Contact (if any) is ignored.
    d.on_request(parse(bob_request_text("INFO", 11, "<sip:bob@203.0.113.1>")));
    BOOST_TEST(d.remote_target() == "sip:bob@198.51.100.7:5070");
    // UPDATE (RFC 3311 5) and NOTIFY (RFC 6665 4.1.2.1) are.
    d.on_request(parse(bob_request_text("UPDATE", 12, "<sip:bob@203.0.113.2>")));
    BOOST_TEST(d.remote_target() == "sip:bob@203.0.113.2");
    d.on_request(parse(bob_request_text("NOTIFY", 13, "<sip:bob@203.0.113.3>")));
    BOOST_TEST(d.remote_target() == "sip:bob@203.0.113.3");
    // An out-of-order target refresh changes nothing.
    d.on_request(parse(bob_request_text("INVITE", 5, "<sip:bob@203.0.113.4>")));
    BOOST_TEST(d.remote_target() == "sip:bob@203.0.113.3");
}

BOOST_AUTO_TEST_CASE(rfc3261_12_2_1_2_2xx_to_target_refresh_replaces_remote_target)
{
    auto d = uac();
    auto const before = d.route_set();
    // 2xx to a re-INVITE: new Contact, other Record-Route (ignored: the
    // route set is fixed once the dialog is confirmed).
    auto r = d.on_response(parse(response_text(200, "a6c85cf", "<sip:bob@198.51.100.8>", "<sip:px.example.com;lr>",
                                               "314160 INVITE")));
    BOOST_TEST(r.has_value());
    BOOST_TEST(d.remote_target() == "sip:bob@198.51.100.8");
    BOOST_TEST((d.route_set() == before));
    // A non-2xx to a re-INVITE neither moves the target nor ends the dialog.
    d.on_response(parse(response_text(488, "a6c85cf", "<sip:bob@198.51.100.9>", {}, "314161 INVITE")));
    BOOST_TEST(d.remote_target() == "sip:bob@198.51.100.8");
    BOOST_TEST((d.current() == state::confirmed));
    // A 2xx to a BYE is no target refresh.
    d.on_response(parse(response_text(200, "a6c85cf", "<sip:bob@198.51.100.10>", {}, "314162 BYE")));
    BOOST_TEST(d.remote_target() == "sip:bob@198.51.100.8");
}

BOOST_AUTO_TEST_CASE(rfc3261_12_dialog_table_lookup_by_received_message)
{
    // A table of dialogs keyed by owned ids, searched with the views of
    // received messages (12.2.2: a request matches by Call-ID, To tag as
    // local tag, From tag as remote tag).
    std::unordered_map<dialog_id, int, dialog_id_hash, std::equal_to<>> table;
    auto alice = uac();
    table.emplace(alice.id(), 1);
    auto in = parse(bob_request_text("BYE", 5));
    dialog_id_view const v = id_of_received_request(in);
    BOOST_TEST(dialog_id_hash{}(v) == dialog_id_hash{}(alice.id()));
    BOOST_TEST((v == alice.id().view()));
    BOOST_TEST(table.count(dialog_id{std::string(v.call_id), std::string(v.local_tag), std::string(v.remote_tag)}) == 1u);
    // A response to Alice's request: local = From tag, remote = To tag.
    auto r = parse(response_text(200, "a6c85cf", "<sip:b@h>", {}, "314160 BYE"));
    BOOST_TEST((id_of_received_response(r) == alice.id().view()));
    auto other = parse(bob_request_text("BYE", 5, {}, "zzz"));
    BOOST_TEST(!(id_of_received_request(other) == alice.id().view()));
}
