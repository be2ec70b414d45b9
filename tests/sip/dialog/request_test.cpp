// Requests within a dialog (RFC 3261 12.2.1.1): Request-URI and Route for
// loose and strict routers (with 16.12.1.1's example shapes), From/To with
// tags, Call-ID, CSeq, Contact; the ACK for a 2xx (13.2.2.4).
#define BOOST_TEST_MODULE sip_dialog_request
#include <boost/test/unit_test.hpp>

#include "messages.hpp"

#include "sip/abnf/text_buffer.hpp"
#include "sip/dialog/request.hpp"

using namespace cpm::sip;
using namespace cpm::sip::dialog;
using namespace cpm::sip::dialog::test;

namespace {

constexpr std::string_view alice_via = "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnew1";

dialog_state uac(std::string_view record_route = "<sip:p2.example.com;lr>, <sip:p1.example.com;lr>")
{
    auto d = dialog_state::create_uac(parse(invite_text()),
                                parse(response_text(200, "a6c85cf", "<sip:bob@192.0.2.4>", record_route)),
                                alice_options());
    BOOST_TEST_REQUIRE(d.has_value());
    return std::move(*d);
}

request_options options_via(std::string_view value = alice_via)
{
    request_options o;
    o.via = value;
    return o;
}

message build(dialog_state& d, method m, request_options const& options = options_via())
{
    std::string out;
    build_request(d, m, out, options);
    return parse(out);
}

} // namespace

BOOST_AUTO_TEST_CASE(rfc3261_12_2_1_1_bye_loose_routing)
{
    auto d = uac();
    auto bye = build(d, method::bye);
    // 12.2.1.1: loose router first: Request-URI = remote target, Route =
    // the route set in order (the UAC's reversed Record-Route).
    BOOST_TEST(bye.start_line() == "BYE sip:bob@192.0.2.4 SIP/2.0");
    BOOST_TEST(values(bye, header_id::route)
                   == (std::vector<std::string>{"<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"}),
               boost::test_tools::per_element());
    BOOST_TEST(bye.find(header_id::from)->value == "Alice <sip:alice@atlanta.example.com>;tag=1928301774");
    BOOST_TEST(bye.find(header_id::to)->value == "Bob <sip:bob@biloxi.example.com>;tag=a6c85cf");
    BOOST_TEST(bye.from().tag == "1928301774");
    BOOST_TEST(bye.to().tag == "a6c85cf");
    BOOST_TEST(bye.call_id() == "a84b4c76e66710@pc33.atlanta.example.com");
    // 12.2.1.1: local sequence number + 1.
    BOOST_TEST(bye.cseq().number == 314160u);
    BOOST_TEST(bye.cseq().method_text == "BYE");
    BOOST_TEST(bye.top_via().raw == alice_via);
    BOOST_TEST(bye.max_forwards().value() == 70u);
    // BYE is no target refresh: no Contact.
    BOOST_TEST(bye.find(header_id::contact) == nullptr);
    BOOST_TEST(bye.content_length().value() == 0u);
}

BOOST_AUTO_TEST_CASE(rfc3261_12_2_1_1_no_route_set)
{
    auto d = uac("");
    auto info = build(d, method::info);
    BOOST_TEST(info.start_line() == "INFO sip:bob@192.0.2.4 SIP/2.0");
    BOOST_TEST(info.count(header_id::route) == 0u);
}

BOOST_AUTO_TEST_CASE(rfc3261_12_2_1_1_strict_router_first)
{
    // Record-Route as the UAS returned it: a loose router p2 (nearest the
    // UAS) and an RFC 2543 strict router p1 nearest the UAC, whose URI
    // carries a method parameter and a header (not allowed in a Request-URI).
    auto d = uac("<sip:p2.example.com;lr>, <sip:p1.example.com;method=INVITE;transport=tcp?Subject=x>");
    auto bye = build(d, method::bye);
    // 12.2.1.1: the first route is the Request-URI, stripped of the
    // parameters a Request-URI may not carry (19.1.1: method, headers).
    BOOST_TEST(bye.start_line() == "BYE sip:p1.example.com;transport=tcp SIP/2.0");
    // The rest of the route set follows with all its parameters, then the
    // remote target as the last Route value.
    BOOST_TEST(values(bye, header_id::route)
                   == (std::vector<std::string>{"<sip:p2.example.com;lr>", "<sip:bob@192.0.2.4>"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rfc3261_16_12_1_1_strict_router_only)
{
    // 16.12.1.1's shape: a single strict router; the request goes to it with
    // the remote target as the only Route.
    auto d = uac("<sip:ss1.example.com>");
    auto bye = build(d, method::bye);
    BOOST_TEST(bye.start_line() == "BYE sip:ss1.example.com SIP/2.0");
    BOOST_TEST(values(bye, header_id::route) == std::vector<std::string>{"<sip:bob@192.0.2.4>"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(target_for_loose_after_strict_is_kept_in_order)
{
    route_set routes{{"<sip:a.example.com>", "sip:a.example.com", false},
                     {"<sip:b.example.com;lr>", "sip:b.example.com;lr", true},
                     {"<sip:c.example.com;lr>", "sip:c.example.com;lr", true}};
    auto t = target_for(routes, "sip:bob@192.0.2.4;transport=tcp");
    BOOST_TEST(t.request_uri == "sip:a.example.com");
    BOOST_TEST(t.route == (std::vector<std::string>{"<sip:b.example.com;lr>", "<sip:c.example.com;lr>",
                                                    "<sip:bob@192.0.2.4;transport=tcp>"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rfc3261_19_1_1_strict_route_headers_only_stripped)
{
    route_set routes{{"<sip:p1.example.com?Subject=x>", "sip:p1.example.com?Subject=x", false}};
    auto t = target_for(routes, "sips:bob@192.0.2.4");
    BOOST_TEST(t.request_uri == "sip:p1.example.com");
    BOOST_TEST(t.route == std::vector<std::string>{"<sips:bob@192.0.2.4>"}, boost::test_tools::per_element());
    // METHOD in any case is the method parameter (19.1.4: names compare case-insensitively).
    route_set upper{{"<sip:p1.example.com;METHOD=BYE;maddr=192.0.2.9>", "sip:p1.example.com;METHOD=BYE;maddr=192.0.2.9",
                     false}};
    BOOST_TEST(target_for(upper, "sip:b@h").request_uri == "sip:p1.example.com;maddr=192.0.2.9");
}

BOOST_AUTO_TEST_CASE(rfc3261_12_2_1_1_reinvite_carries_contact_and_body)
{
    auto d = uac();
    extra_header const extras[] = {{"Supported", "timer"}, {"Session-Expires", "1800;refresher=uac"}};
    request_options options = options_via();
    options.headers = extras;
    options.content_type = "application/sdp";
    options.body = "v=0\r\n";
    auto reinvite = build(d, method::invite, options);
    BOOST_TEST(reinvite.start_line() == "INVITE sip:bob@192.0.2.4 SIP/2.0");
    BOOST_TEST(reinvite.find(header_id::contact)->value == "<sip:alice@pc33.atlanta.example.com>");
    BOOST_TEST(reinvite.cseq().number == 314160u);
    BOOST_TEST(reinvite.find(header_id::session_expires)->value == "1800;refresher=uac");
    BOOST_TEST(reinvite.find(header_id::supported)->value == "timer");
    BOOST_TEST(reinvite.body() == "v=0\r\n");
    BOOST_TEST(reinvite.content_type().has_value());
    // RFC 3311 5.1: UPDATE is sent within the dialog like any target refresh.
    auto update = build(d, method::update);
    BOOST_TEST(update.start_line() == "UPDATE sip:bob@192.0.2.4 SIP/2.0");
    BOOST_TEST(update.cseq().number == 314161u);
    BOOST_TEST(update.find(header_id::contact) != nullptr);
}

BOOST_AUTO_TEST_CASE(rfc3261_12_2_1_1_uas_side_request_routes_in_order)
{
    // Bob (UAS) sends BYE: From is his To with his tag, To is Alice's From,
    // Route is the Record-Route in its received order.
    auto bob = dialog_state::create_uas(parse(invite_text()), 200, bob_options(false, 42));
    BOOST_TEST_REQUIRE(bob.has_value());
    std::string out;
    request_options options = options_via("SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKb1");
    options.max_forwards = 69;
    build_request(*bob, method::bye, out, options);
    auto bye = parse(out);
    BOOST_TEST(bye.start_line() == "BYE sip:alice@pc33.atlanta.example.com SIP/2.0");
    BOOST_TEST(values(bye, header_id::route)
                   == (std::vector<std::string>{"<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>"}),
               boost::test_tools::per_element());
    BOOST_TEST(bye.find(header_id::from)->value == "Bob <sip:bob@biloxi.example.com>;tag=a6c85cf");
    BOOST_TEST(bye.find(header_id::to)->value == "Alice <sip:alice@atlanta.example.com>;tag=1928301774");
    BOOST_TEST(bye.cseq().number == 42u);
    BOOST_TEST(bye.max_forwards().value() == 69u);
}

BOOST_AUTO_TEST_CASE(rfc3261_13_2_2_4_ack_for_2xx)
{
    auto invite = parse(invite_text("sip:bob@biloxi.example.com", "Proxy-Authorization: Digest username=\"alice\", realm=\"atlanta.example.com\", "
                                        "nonce=\"x\", uri=\"sip:bob@biloxi.example.com\", response=\"0123\"\r\n"));
    auto d = dialog_state::create_uac(invite, parse(response_text(200)), alice_options());
    BOOST_TEST_REQUIRE(d.has_value());
    std::string out;
    build_ack(*d, invite, out, options_via("SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKack1"));
    auto ack = parse(out);
    // Routed like any request in the dialog.
    BOOST_TEST(ack.start_line() == "ACK sip:bob@192.0.2.4 SIP/2.0");
    BOOST_TEST(values(ack, header_id::route)
                   == (std::vector<std::string>{"<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"}),
               boost::test_tools::per_element());
    // CSeq number of the INVITE, method ACK; the local number does not move.
    BOOST_TEST(ack.cseq().number == 314159u);
    BOOST_TEST(ack.cseq().method_text == "ACK");
    BOOST_TEST(d->local_cseq().value() == 314159u);
    // The INVITE's credentials.
    BOOST_TEST_REQUIRE(ack.find(header_id::proxy_authorization) != nullptr);
    BOOST_TEST(ack.find(header_id::proxy_authorization)->value.starts_with("Digest username=\"alice\""));
    BOOST_TEST(ack.to().tag == "a6c85cf");
    BOOST_TEST(ack.find(header_id::contact) == nullptr);
}
