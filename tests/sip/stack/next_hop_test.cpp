// Where the stack core sends requests within a dialog (RFC 3261 12.2.1.1,
// 8.1.2) and the ACK for a 2xx (13.2.2.4): the first route, else the remote
// target, when that URI's host is an IP literal (port and transport from
// the URI), else the peer the dialog was created with; and where responses
// go (18.2.2).
#define BOOST_TEST_MODULE sip_stack_next_hop
#include <boost/test/unit_test.hpp>

#include "probe.hpp"

#include "sip/stack/next_hop.hpp"

using namespace cpm::sip;
using namespace cpm::sip::stack;
using namespace cpm::sip::stack::test;
namespace sip = cpm::sip;

namespace {

/// The outbound proxy the UA sends its INVITE to.
peer const outbound{"192.0.2.20", 5060, transport_kind::udp};

struct hops {
    peer ack;
    peer bye;
    std::string bye_via;
};

/// The UA sends an INVITE to the outbound proxy and gets a 200 with
/// @p contact and (when not empty) @p record_route; returns where the ACK
/// and a BYE within the dialog went.
hops after_2xx(std::string_view contact, std::string_view record_route)
{
    probe p;
    auto h = p.stack.send_request(out_of_dialog(p.stack, "INVITE", outbound, "c1", "pt"), outbound);
    BOOST_TEST_REQUIRE(h.has_value());
    p.collect();
    auto invite = sip::message::parse(abnf::text_buffer(p.sent.back().bytes));
    BOOST_TEST_REQUIRE(invite.has_value());
    std::string const ok = record_route.empty()
                               ? reply(*invite, 200, "OK", "b1", {{"Contact", contact}})
                               : reply(*invite, 200, "OK", "b1", {{"Contact", contact}, {"Record-Route", record_route}});
    p.receive(ok, outbound);
    auto rs = p.notes_of<response_received>();
    BOOST_TEST_REQUIRE(rs.size() == 1u);
    BOOST_TEST_REQUIRE(rs[0].dialog != no_dialog);
    BOOST_TEST_REQUIRE(p.last_status().rfind("ACK ", 0) == 0u);
    hops out;
    out.ack = p.sent.back().to;
    BOOST_TEST_REQUIRE(p.stack.send_in_dialog(rs[0].dialog, method::bye, {}).has_value());
    p.collect();
    BOOST_TEST_REQUIRE(p.last_status().rfind("BYE ", 0) == 0u);
    out.bye = p.sent.back().to;
    out.bye_via = std::string(p.last_sent().find(header_id::via)->value);
    return out;
}

void check(hops const& h, peer const& expected)
{
    BOOST_TEST((h.ack == expected), "ACK to " << h.ack.address << ":" << h.ack.port);
    BOOST_TEST((h.bye == expected), "BYE to " << h.bye.address << ":" << h.bye.port);
    BOOST_TEST(h.bye_via.rfind(std::string("SIP/2.0/") + std::string(via_token(expected.kind)) + " ", 0) == 0u,
               h.bye_via);
}

} // namespace

BOOST_AUTO_TEST_CASE(rfc3261_8_1_2_no_route_set_goes_to_the_remote_target)
{
    check(after_2xx("<sip:bob@192.0.2.9:5080>", {}), peer{"192.0.2.9", 5080, transport_kind::udp});
}

BOOST_AUTO_TEST_CASE(rfc3261_8_1_2_loose_route_goes_to_the_first_route)
{
    check(after_2xx("<sip:bob@192.0.2.9:5080>", "<sip:192.0.2.31;lr>, <sip:192.0.2.30:5070;lr;transport=tcp>"),
          peer{"192.0.2.30", 5070, transport_kind::tcp}); // 12.1.2: the UAC reverses Record-Route
}

BOOST_AUTO_TEST_CASE(rfc3261_12_2_1_1_strict_route_is_the_request_uri_and_the_next_hop)
{
    check(after_2xx("<sip:bob@192.0.2.9:5080>", "<sip:192.0.2.31>"), peer{"192.0.2.31", 5060, transport_kind::udp});
}

BOOST_AUTO_TEST_CASE(rfc3261_8_1_2_sips_ipv6_target_is_tls_on_5061)
{
    check(after_2xx("<sips:bob@[2001:db8::9]>", {}), peer{"2001:db8::9", 5061, transport_kind::tls});
}

BOOST_AUTO_TEST_CASE(host_name_target_falls_back_to_the_dialog_peer)
{
    check(after_2xx("<sip:bob@bob.example.com:5080>", {}), outbound);
    check(after_2xx("<sip:bob@192.0.2.9>", "<sip:proxy.example.com;lr>"), outbound);
}

BOOST_AUTO_TEST_CASE(the_dialog_peer_without_transport_keeps_its_protocol)
{
    peer const tcp_peer{"192.0.2.20", 5060, transport_kind::tcp};
    probe p;
    auto h = p.stack.send_request(out_of_dialog(p.stack, "INVITE", tcp_peer, "c1", "pt"), tcp_peer);
    BOOST_TEST_REQUIRE(h.has_value());
    p.collect();
    auto invite = sip::message::parse(abnf::text_buffer(p.sent.back().bytes));
    BOOST_TEST_REQUIRE(invite.has_value());
    p.receive(reply(*invite, 200, "OK", "b1", {{"Contact", "<sip:bob@192.0.2.20:5060>"}}), tcp_peer);
    BOOST_TEST((p.sent.back().to == tcp_peer));
}

BOOST_AUTO_TEST_CASE(rfc3261_12_1_1_uas_keeps_record_route_in_order)
{
    probe p;
    p.receive(request("INVITE", "Record-Route: <sip:192.0.2.40;lr>, <sip:192.0.2.41;lr>\r\n"));
    auto rr = p.notes_of<request_received>();
    BOOST_TEST_REQUIRE(rr.size() == 1u);
    auto d = p.stack.respond(rr[0].transaction, dialog_reply(p.stack, *rr[0].request, 200, "OK", "u1"));
    BOOST_TEST_REQUIRE((d.has_value() && *d != no_dialog));
    p.collect();
    // 13.3.1.4: the 2xx goes back to where the INVITE came from.
    BOOST_TEST((p.sent.back().to == alice));
    p.receive(request("ACK", {}, "u1", "z9hG4bKack"));
    BOOST_TEST_REQUIRE(p.stack.send_in_dialog(*d, method::bye, {}).has_value());
    p.collect();
    BOOST_TEST(p.last_status().rfind("BYE sip:alice@192.0.2.7 SIP/2.0", 0) == 0u);
    BOOST_TEST((p.sent.back().to == peer{"192.0.2.40", 5060, transport_kind::udp}));
}

BOOST_AUTO_TEST_CASE(responses_go_where_rfc_3261_18_2_2_says)
{
    auto const via_of = [](std::string_view value) {
        auto v = sip::parse_via_list(value);
        BOOST_TEST_REQUIRE(v.has_value());
        return v->front();
    };
    peer const from{"192.0.2.7", 40000, transport_kind::udp};
    // UDP without rport: the sent-by port, at the received address the
    // transport stamped.
    auto to = response_target(via_of("SIP/2.0/UDP host.example.com:5070;branch=z9hG4bK1;received=192.0.2.7"), from);
    BOOST_TEST(to.address == "192.0.2.7");
    BOOST_TEST(to.port == 5070);
    BOOST_TEST(response_target(via_of("SIP/2.0/UDP 192.0.2.7;branch=z9hG4bK1"), from).port == 5060);
    // RFC 3581 4: rport sends back to the source port.
    to = response_target(via_of("SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK1;received=192.0.2.7;rport=40000"), from);
    BOOST_TEST(to.address == "192.0.2.7");
    BOOST_TEST(to.port == 40000);
    // maddr wins, at the sent-by port.
    to = response_target(via_of("SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK1;maddr=239.255.255.1;ttl=1"), from);
    BOOST_TEST(to.address == "239.255.255.1");
    BOOST_TEST(to.port == 5070);
    // A reliable transport: back where it came from (the connection).
    peer const stream{"192.0.2.7", 40001, transport_kind::tcp};
    BOOST_TEST((response_target(via_of("SIP/2.0/TCP 10.0.0.1:5070;branch=z9hG4bK1;received=192.0.2.7"), stream)
                == stream));
}
