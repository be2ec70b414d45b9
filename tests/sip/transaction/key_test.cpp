// Transaction keys (RFC 3261 17.1.3, 17.2.3 with the RFC 2543 fallback) and
// the transaction table.
#define BOOST_TEST_MODULE sip_transaction_key
#include <boost/test/unit_test.hpp>

#include "fake_clock.hpp"

#include "sip/transaction/client_non_invite.hpp"
#include "sip/transaction/key.hpp"
#include "sip/transaction/server_invite.hpp"
#include "sip/transaction/table.hpp"

using namespace cpm::sip;
using namespace cpm::sip::transaction;
using namespace cpm::sip::transaction::test;

namespace {

/// A request with a given top Via and RFC 2543-relevant fields.
std::string request(std::string_view method, std::string_view via, std::string_view cseq_method = {},
                    std::string_view uri = "sip:bob@biloxi.example.com", std::string_view to_tag = {},
                    std::string_view call_id = "c1@a.example.com", std::string_view cseq = "7")
{
    std::string s;
    s.append(method).append(" ").append(uri).append(" SIP/2.0\r\n");
    s.append("Via: ").append(via).append("\r\n");
    s.append("To: <sip:bob@biloxi.example.com>");
    if (!to_tag.empty())
        s.append(";tag=").append(to_tag);
    s.append("\r\nFrom: <sip:alice@atlanta.example.com>;tag=f1\r\n");
    s.append("Call-ID: ").append(call_id).append("\r\n");
    s.append("CSeq: ").append(cseq).append(" ").append(cseq_method.empty() ? method : cseq_method).append("\r\n");
    s.append("Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    return s;
}

std::string const via3261 = "SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bKabc";
std::string const via2543 = "SIP/2.0/UDP pc33.atlanta.example.com:5060";

bool same(server_key const& a, server_key const& b)
{
    bool const eq = a == b;
    if (eq)
        BOOST_TEST(key_hash{}(a) == key_hash{}(b));
    return eq;
}

} // namespace

// --- 17.1.3 ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(client_response_matches_branch_and_cseq_method)
{
    auto const req = parse(request("INVITE", via3261));
    auto const resp = parse(response_text(180, "INVITE"));
    auto const k = client_key_of(req);
    BOOST_TEST(k.branch == "z9hG4bKabc");
    BOOST_TEST(k.method == "INVITE");
    auto const r = client_key_of(resp);
    BOOST_TEST(r.branch == "z9hG4bK776asdhds");
    BOOST_TEST(!(k == r)); // other branch
    auto const same_branch =
        parse("SIP/2.0 200 OK\r\nVia: " + via3261 + "\r\nTo: <sip:b@x>;tag=1\r\nFrom: <sip:a@x>;tag=2\r\n"
              "Call-ID: c1@a.example.com\r\nCSeq: 7 INVITE\r\nContent-Length: 0\r\n\r\n");
    BOOST_TEST((k == client_key_of(same_branch)));
    BOOST_TEST(key_hash{}(k) == key_hash{}(client_key_of(same_branch)));
}

BOOST_AUTO_TEST_CASE(client_cancel_response_is_a_separate_transaction)
{
    auto const invite = parse(request("INVITE", via3261));
    auto const cancel_resp =
        parse("SIP/2.0 200 OK\r\nVia: " + via3261 + "\r\nTo: <sip:b@x>;tag=1\r\nFrom: <sip:a@x>;tag=2\r\n"
              "Call-ID: c1@a.example.com\r\nCSeq: 7 CANCEL\r\nContent-Length: 0\r\n\r\n");
    BOOST_TEST(!(client_key_of(invite) == client_key_of(cancel_resp)));
}

// --- 17.2.3, RFC 3261 branch ------------------------------------------------------

BOOST_AUTO_TEST_CASE(server_retransmission_matches)
{
    auto const a = parse(request("INVITE", via3261));
    auto const b = parse(request("INVITE", via3261));
    BOOST_TEST(server_key_of(a).rfc3261);
    BOOST_TEST(same(server_key_of(a), server_key_of(b)));
}

BOOST_AUTO_TEST_CASE(server_ack_matches_invite)
{
    auto const invite = parse(request("INVITE", via3261));
    auto const ack = parse(request("ACK", via3261, {}, "sip:bob@biloxi.example.com", "totag"));
    BOOST_TEST(server_key_of(ack).method == "INVITE");
    BOOST_TEST(same(server_key_of(invite), server_key_of(ack)));
}

BOOST_AUTO_TEST_CASE(server_cancel_is_separate_but_names_its_invite)
{
    auto const invite = parse(request("INVITE", via3261));
    auto const cancel = parse(request("CANCEL", via3261));
    BOOST_TEST(!same(server_key_of(invite), server_key_of(cancel)));
    BOOST_TEST(same(server_key_of(invite), cancelled_key_of(cancel)));
    // 9.2: any method but CANCEL and ACK may be the one cancelled.
    auto const options = parse(request("OPTIONS", via3261));
    BOOST_TEST(!same(server_key_of(options), cancelled_key_of(cancel)));
    BOOST_TEST(same(server_key_of(options), cancelled_key_of(cancel, "OPTIONS")));
}

BOOST_AUTO_TEST_CASE(server_sent_by_is_part_of_the_match)
{
    auto const a = parse(request("INVITE", via3261));
    auto const other_host = parse(request("INVITE", "SIP/2.0/UDP evil.example.com:5060;branch=z9hG4bKabc"));
    auto const other_port = parse(request("INVITE", "SIP/2.0/UDP pc33.atlanta.example.com:5070;branch=z9hG4bKabc"));
    auto const no_port = parse(request("INVITE", "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKabc"));
    auto const host_case = parse(request("INVITE", "SIP/2.0/UDP PC33.Atlanta.Example.COM:5060;branch=z9hG4bKabc"));
    BOOST_TEST(!same(server_key_of(a), server_key_of(other_host)));
    BOOST_TEST(!same(server_key_of(a), server_key_of(other_port)));
    BOOST_TEST(!same(server_key_of(a), server_key_of(no_port)));
    BOOST_TEST(same(server_key_of(a), server_key_of(host_case)));
}

BOOST_AUTO_TEST_CASE(server_branch_and_method_distinguish)
{
    auto const a = parse(request("INVITE", via3261));
    auto const b = parse(request("INVITE", "SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bKabd"));
    auto const options = parse(request("OPTIONS", via3261));
    BOOST_TEST(!same(server_key_of(a), server_key_of(b)));
    BOOST_TEST(!same(server_key_of(a), server_key_of(options)));
}

BOOST_AUTO_TEST_CASE(server_rfc3261_fields_outside_the_key_do_not_matter)
{
    auto const a = parse(request("INVITE", via3261));
    auto const b = parse(request("INVITE", via3261, {}, "sip:other@x.example.com", {}, "other-call", "99"));
    BOOST_TEST(same(server_key_of(a), server_key_of(b)));
}

// --- 17.2.3, RFC 2543 fallback ---------------------------------------------------

BOOST_AUTO_TEST_CASE(legacy_key_without_magic_cookie)
{
    auto const a = parse(request("INVITE", via2543));
    auto const k = server_key_of(a);
    BOOST_TEST(!k.rfc3261);
    BOOST_TEST(k.request_uri == "sip:bob@biloxi.example.com");
    BOOST_TEST(k.from_tag == "f1");
    BOOST_TEST(k.call_id == "c1@a.example.com");
    BOOST_TEST(k.cseq_number == 7u);
    BOOST_TEST(k.top_via == via2543);
    // A branch without the cookie is legacy too.
    BOOST_TEST(!server_key_of(parse(request("INVITE", via2543 + ";branch=1234"))).rfc3261);
}

BOOST_AUTO_TEST_CASE(legacy_retransmission_matches_and_each_field_counts)
{
    auto const a = parse(request("INVITE", via2543));
    BOOST_TEST(same(server_key_of(a), server_key_of(parse(request("INVITE", via2543)))));
    BOOST_TEST(!same(server_key_of(a), server_key_of(parse(request("INVITE", via2543, {}, "sip:carol@x.example.com")))));
    BOOST_TEST(!same(server_key_of(a),
                     server_key_of(parse(request("INVITE", via2543, {}, "sip:bob@biloxi.example.com", {}, "c2")))));
    BOOST_TEST(!same(server_key_of(a), server_key_of(parse(request("INVITE", via2543, {}, "sip:bob@biloxi.example.com",
                                                                   {}, "c1@a.example.com", "8")))));
    BOOST_TEST(!same(server_key_of(a), server_key_of(parse(request("INVITE", "SIP/2.0/UDP other.example.com")))));
    BOOST_TEST(!same(server_key_of(a), server_key_of(parse(request("OPTIONS", via2543)))));
}

BOOST_AUTO_TEST_CASE(legacy_ack_matches_invite_by_cseq_number_not_method)
{
    auto const invite = parse(request("INVITE", via2543));
    auto const ack = parse(request("ACK", via2543, {}, "sip:bob@biloxi.example.com", "t9"));
    BOOST_TEST(same(server_key_of(invite), server_key_of(ack)));
}

BOOST_AUTO_TEST_CASE(legacy_to_tag_rules)
{
    auto const invite = parse(request("INVITE", via2543));
    auto const response = parse("SIP/2.0 486 Busy\r\nVia: " + via2543 +
                                "\r\nTo: <sip:bob@biloxi.example.com>;tag=t9\r\nFrom: <sip:alice@atlanta.example.com>;tag=f1\r\n"
                                "Call-ID: c1@a.example.com\r\nCSeq: 7 INVITE\r\nContent-Length: 0\r\n\r\n");
    auto const ack_ok = parse(request("ACK", via2543, {}, "sip:bob@biloxi.example.com", "t9"));
    auto const ack_bad = parse(request("ACK", via2543, {}, "sip:bob@biloxi.example.com", "t8"));
    BOOST_TEST(legacy_to_tag_matches(ack_ok, invite, &response));
    BOOST_TEST(!legacy_to_tag_matches(ack_bad, invite, &response));
    BOOST_TEST(!legacy_to_tag_matches(ack_ok, invite, nullptr));
    // INVITE retransmission: the To tag of the creating request (none).
    BOOST_TEST(legacy_to_tag_matches(parse(request("INVITE", via2543)), invite, &response));
    BOOST_TEST(!legacy_to_tag_matches(parse(request("INVITE", via2543, {}, "sip:bob@biloxi.example.com", "x")),
                                      invite, &response));
}

// --- table ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(table_insert_find_erase_server)
{
    table<server_key, server_invite> t;
    server_invite tx(parse(request("INVITE", via3261)), timers{}, transport_kind::unreliable);
    auto const key = server_key_of(tx.request());
    auto* stored = t.insert(key, std::move(tx));
    BOOST_REQUIRE(stored != nullptr);
    BOOST_TEST(t.size() == 1u);
    // Keys view into the stored request's buffer, which did not move.
    BOOST_TEST(static_cast<void const*>(server_key_of(stored->request()).branch.data()) ==
               static_cast<void const*>(key.branch.data()));

    auto const retrans = parse(request("INVITE", via3261));
    BOOST_TEST(t.find(server_key_of(retrans)) == stored);
    auto const ack = parse(request("ACK", via3261, {}, "sip:bob@biloxi.example.com", "x"));
    BOOST_TEST(t.find(server_key_of(ack)) == stored);
    auto const cancel = parse(request("CANCEL", via3261));
    BOOST_TEST(t.find(server_key_of(cancel)) == nullptr);
    BOOST_TEST(t.find(cancelled_key_of(cancel)) == stored);

    server_invite dup(parse(request("INVITE", via3261)), timers{}, transport_kind::unreliable);
    BOOST_TEST(t.insert(server_key_of(dup.request()), std::move(dup)) == nullptr);
    BOOST_TEST(t.size() == 1u);

    BOOST_TEST(t.erase(server_key_of(retrans)));
    BOOST_TEST(!t.erase(server_key_of(retrans)));
    BOOST_TEST(t.empty());
    BOOST_TEST(t.find(server_key_of(retrans)) == nullptr);
}

BOOST_AUTO_TEST_CASE(table_client_routes_responses)
{
    table<client_key, client_non_invite> t;
    for (std::string branch : {"z9hG4bK1", "z9hG4bK2", "z9hG4bK3"}) {
        client_non_invite tx(parse(request("OPTIONS", "SIP/2.0/UDP h;branch=" + branch)), timers{},
                             transport_kind::unreliable);
        auto const key = client_key_of(tx.request());
        BOOST_REQUIRE(t.insert(key, std::move(tx)) != nullptr);
    }
    BOOST_TEST(t.size() == 3u);
    auto const resp = parse("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK2\r\nTo: <sip:b@x>;tag=1\r\n"
                            "From: <sip:a@x>;tag=2\r\nCall-ID: c\r\nCSeq: 7 OPTIONS\r\nContent-Length: 0\r\n\r\n");
    auto* tx = t.find(client_key_of(resp));
    BOOST_REQUIRE(tx != nullptr);
    BOOST_TEST(tx->request().top_via().branch == "z9hG4bK2");
    auto const wrong_method = parse("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK2\r\nTo: <sip:b@x>;tag=1\r\n"
                                    "From: <sip:a@x>;tag=2\r\nCall-ID: c\r\nCSeq: 7 INFO\r\nContent-Length: 0\r\n\r\n");
    BOOST_TEST(t.find(client_key_of(wrong_method)) == nullptr);
}
