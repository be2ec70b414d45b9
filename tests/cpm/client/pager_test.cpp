// Pager Mode messages of the CPM client (draft 5.1, 7.3.1; RFC 3428) on a
// stack core without sockets: the MESSAGE's CPM headers, a 407 answered
// with Digest then a 200, the 1300-byte limit, conversation identifiers,
// and MESSAGEs received (text/plain, message/cpim, refused types).
#define BOOST_TEST_MODULE cpm_client_pager
#include <boost/test/unit_test.hpp>

#include "harness.hpp"

#include "sip/caller_prefs.hpp"

#include <regex>

using namespace cpm::client;
using namespace cpm::client::test;
using namespace std::chrono_literals;
namespace sip = cpm::sip;
namespace st = cpm::sip::stack;

namespace {

bool is_uuid(std::string const& s)
{
    static std::regex const re("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    return std::regex_match(s, re);
}

struct fixture {
    fixture()
    {
        h.ua.pager().on_sent([this](message_outcome const& o) { outcomes.push_back(o); });
        h.ua.pager().on_received([this](received_message const& m) { received.push_back(m); });
    }

    result<std::uint64_t> send(std::string_view to, std::string_view text)
    {
        return h.call([&](st::core& c) { return h.ua.pager().send(c, to, text); });
    }

    /// A MESSAGE from the server to the client.
    static std::string incoming(std::string_view content_type, std::string_view body, std::string_view extra = {},
                                std::string_view method = "MESSAGE")
    {
        std::string s(method);
        s += " sip:alice@192.0.2.1:5070 SIP/2.0\r\n"
             "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKsrv1\r\n"
             "Max-Forwards: 69\r\n"
             "From: <sip:bob@example.com>;tag=b1\r\n"
             "To: <sip:alice@example.com>\r\n"
             "Call-ID: in-1@192.0.2.10\r\n"
             "CSeq: 5 ";
        s.append(method).append("\r\n").append(extra);
        if (!content_type.empty())
            s.append("Content-Type: ").append(content_type).append("\r\n");
        s.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n\r\n").append(body);
        return s;
    }

    harness h;
    std::vector<message_outcome> outcomes;
    std::vector<received_message> received;
};

} // namespace

BOOST_FIXTURE_TEST_CASE(message_carries_the_cpm_headers, fixture)
{
    auto const id = send("sip:bob@example.com", "hello bob");
    BOOST_TEST_REQUIRE(id.has_value());
    BOOST_TEST_REQUIRE(h.sent.size() == 1u);
    BOOST_TEST(h.sent[0].to == server);
    auto const m = h.last_sent();
    BOOST_TEST(m.method_text() == "MESSAGE");
    BOOST_TEST(m.request_uri() == "sip:bob@example.com"); // REQ-7.3.1-A.6
    BOOST_TEST(m.to().uri == "sip:bob@example.com");
    BOOST_TEST(m.from().uri == "sip:alice@example.com"); // REQ-7.3.1-A.2
    BOOST_TEST(m.find(sip::header_id::contact) == nullptr); // RFC 3428 4: no dialog
    BOOST_TEST(m.body() == "hello bob");
    BOOST_TEST_REQUIRE(m.content_type().has_value());
    BOOST_TEST(m.content_type()->is("text", "plain"));
    // REQ-7.3.1-A.1: Accept-Contact with the CPM feature tag (RFC 3841).
    std::string const ac = field(m, "Accept-Contact");
    auto const prefs = sip::parse_accept_contact(ac);
    BOOST_TEST_REQUIRE(prefs.has_value(), (prefs ? "" : prefs.error().message));
    BOOST_TEST(ac == "*;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg\"");
    BOOST_TEST(field(m, "P-Preferred-Service") == "urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg");
    // REQ-7.3.1-A.4 with DECISIONS.md's version string.
    BOOST_TEST(field(m, "User-Agent").starts_with("CPM-client/OMA1.0"));
    // DECISIONS.md: Conversation-ID and Contribution-ID, UUIDs.
    BOOST_TEST(is_uuid(field(m, "Conversation-ID")));
    BOOST_TEST(is_uuid(field(m, "Contribution-ID")));
    BOOST_TEST(field(m, "Conversation-ID") != field(m, "Contribution-ID"));
    BOOST_TEST(m.find(sip::header_id::conversation_id) != nullptr);

    h.receive(h.reply(200, "OK"));
    BOOST_TEST_REQUIRE(outcomes.size() == 1u);
    BOOST_TEST(outcomes[0].id == *id);
    BOOST_TEST(outcomes[0].status == 200u);
    BOOST_TEST(outcomes[0].contribution_id == field(m, "Contribution-ID"));
    BOOST_TEST(h.ua.pager().in_flight() == 0u);
}

BOOST_FIXTURE_TEST_CASE(proxy_challenge_then_200, fixture)
{
    BOOST_TEST_REQUIRE(send("sip:bob@example.com", "hi").has_value());
    auto const first = h.last_sent();
    h.receive(h.challenge(cpm::sip::auth::auth_kind::proxy));
    BOOST_TEST(outcomes.empty());
    BOOST_TEST_REQUIRE(h.sent.size() == 2u);
    auto const second = h.last_sent();
    // RFC 3261 22.2: same Call-ID and From tag, next CSeq, credentials.
    BOOST_TEST(second.call_id() == first.call_id());
    BOOST_TEST(second.from().tag == first.from().tag);
    BOOST_TEST(second.cseq().number == 2u);
    BOOST_TEST(second.find(sip::header_id::proxy_authorization) != nullptr);
    BOOST_TEST(second.find(sip::header_id::authorization) == nullptr);
    BOOST_TEST(field(second, "Contribution-ID") == field(first, "Contribution-ID"));
    BOOST_TEST(second.body() == "hi");
    auto const v = h.verify_last();
    BOOST_TEST(v.ok(), v.sentence);
    h.receive(h.reply(200, "OK"));
    BOOST_TEST_REQUIRE(outcomes.size() == 1u);
    BOOST_TEST(outcomes[0].status == 200u);

    // The next MESSAGE goes pre-authorized (22.3), in the same conversation.
    BOOST_TEST_REQUIRE(send("sip:bob@example.com", "again").has_value());
    auto const third = h.last_sent();
    BOOST_TEST(field(third, "Proxy-Authorization").find("nc=00000002") != std::string::npos);
    BOOST_TEST(field(third, "Conversation-ID") == field(first, "Conversation-ID"));
    BOOST_TEST(field(third, "Contribution-ID") != field(first, "Contribution-ID"));
    BOOST_TEST(h.verify_last().ok());
}

BOOST_FIXTURE_TEST_CASE(refused_credentials_end_with_407, fixture)
{
    h.users = {};
    h.users.add_password("example.com", "alice", "other");
    BOOST_TEST_REQUIRE(send("sip:bob@example.com", "hi").has_value());
    h.receive(h.challenge(cpm::sip::auth::auth_kind::proxy));
    h.receive(h.challenge(cpm::sip::auth::auth_kind::proxy));
    BOOST_TEST(h.sent.size() == 2u);
    BOOST_TEST_REQUIRE(outcomes.size() == 1u);
    BOOST_TEST(outcomes[0].status == 407u);
}

BOOST_FIXTURE_TEST_CASE(pager_limit_is_1300_bytes, fixture)
{
    // Draft 5.1: more than 1300 bytes is Large Message Mode.
    auto const big = send("sip:bob@example.com", std::string(1301, 'x'));
    BOOST_TEST(big.error() == make_error_code(errc::too_large));
    BOOST_TEST(h.sent.empty());
    BOOST_TEST(send("sip:bob@example.com", std::string(1300, 'x')).has_value());
    BOOST_TEST(h.last_sent().body().size() == 1300u);
}

BOOST_FIXTURE_TEST_CASE(bad_targets_and_texts, fixture)
{
    BOOST_TEST(send("bob", "x").error() == make_error_code(errc::bad_uri));
    BOOST_TEST(send("http://example.com/", "x").error() == make_error_code(errc::bad_uri));
    BOOST_TEST(send("sip:bob@example.com", "").error() == make_error_code(errc::bad_text));
    BOOST_TEST(h.sent.empty());
    BOOST_TEST(expand_target("bob", "example.com") == "sip:bob@example.com");
    BOOST_TEST(expand_target("bob@host.org", "example.com") == "sip:bob@host.org");
    BOOST_TEST(expand_target("tel:+123", "example.com") == "tel:+123");
}

BOOST_FIXTURE_TEST_CASE(no_answer_is_408, fixture)
{
    BOOST_TEST_REQUIRE(send("sip:bob@example.com", "anyone?").has_value());
    h.advance(40s);
    BOOST_TEST_REQUIRE(outcomes.size() == 1u);
    BOOST_TEST(outcomes[0].status == 408u);
}

BOOST_FIXTURE_TEST_CASE(service_route_is_the_preloaded_route, fixture)
{
    BOOST_TEST_REQUIRE(h.call([this](st::core& c) { return h.ua.registration().start(c); }).has_value());
    h.receive(h.reply(200, "OK",
                      "Expires: 600\r\nService-Route: <sip:pcscf.example.com;lr>, <sip:scscf.example.com;lr>"));
    BOOST_TEST_REQUIRE(send("sip:bob@example.com", "routed").has_value());
    auto const m = h.last_sent();
    BOOST_TEST(m.count(sip::header_id::route) == 2u);
    BOOST_TEST(m.headers()[2].value == "<sip:pcscf.example.com;lr>");
    BOOST_TEST(m.headers()[3].value == "<sip:scscf.example.com;lr>");
}

BOOST_FIXTURE_TEST_CASE(plain_message_received, fixture)
{
    h.receive(incoming("text/plain;charset=UTF-8", "hello alice",
                       "P-Asserted-Identity: \"Bob\" <sip:bob@example.com>, <tel:+15551234>\r\n"
                       "Conversation-ID: 6c3d3a52-6a8c-4c3c-9a39-4a7c5b2b1e01\r\n"
                       "Contribution-ID: 0d8e2b64-2f4b-4f0e-8f7c-2d7a4f0c9b11\r\n"));
    BOOST_TEST_REQUIRE(!h.sent.empty());
    auto const answer = h.last_sent();
    BOOST_TEST(answer.status_code() == 200u);
    BOOST_TEST(!answer.to().tag.empty());
    BOOST_TEST_REQUIRE(received.size() == 1u);
    auto const& r = received[0];
    BOOST_TEST(r.text == "hello alice");
    BOOST_TEST(r.from == "sip:bob@example.com");
    BOOST_TEST(r.asserted == "sip:bob@example.com");
    BOOST_TEST(r.sender() == "sip:bob@example.com");
    BOOST_TEST(r.to == "sip:alice@example.com");
    BOOST_TEST(!r.cpim);
    BOOST_TEST(r.contribution_id == "0d8e2b64-2f4b-4f0e-8f7c-2d7a4f0c9b11");
    // DECISIONS.md: the reply stays in Bob's conversation.
    BOOST_TEST(h.ua.pager().conversation_with("sip:bob@example.com") == "6c3d3a52-6a8c-4c3c-9a39-4a7c5b2b1e01");
    BOOST_TEST_REQUIRE(send("sip:bob@example.com", "hello bob").has_value());
    BOOST_TEST(field(h.last_sent(), "Conversation-ID") == "6c3d3a52-6a8c-4c3c-9a39-4a7c5b2b1e01");
}

BOOST_FIXTURE_TEST_CASE(cpim_message_received, fixture)
{
    std::string const cpim = "From: Bob <sip:bob@example.com>\r\n"
                             "To: <sip:alice@example.com>\r\n"
                             "DateTime: 2026-11-26T05:00:00Z\r\n"
                             "\r\n"
                             "Content-Type: text/plain;charset=UTF-8\r\n"
                             "\r\n"
                             "inside cpim";
    h.receive(incoming("message/cpim", cpim));
    BOOST_TEST(h.last_sent().status_code() == 200u);
    BOOST_TEST_REQUIRE(received.size() == 1u);
    BOOST_TEST(received[0].text == "inside cpim");
    BOOST_TEST(received[0].cpim);
    BOOST_TEST(received[0].content_type == "text/plain;charset=UTF-8");
    BOOST_TEST(received[0].sender() == "sip:bob@example.com"); // no P-Asserted-Identity: From
}

BOOST_FIXTURE_TEST_CASE(unsupported_bodies_are_refused, fixture)
{
    h.receive(incoming("application/octet-stream", "xx"));
    auto const m = h.last_sent();
    BOOST_TEST(m.status_code() == 415u); // RFC 3428 7
    BOOST_TEST(field(m, "Accept") == "text/plain, message/cpim");
    BOOST_TEST(received.empty());

    std::string const image_in_cpim = "From: <sip:bob@example.com>\r\n\r\nContent-Type: image/png\r\n\r\nPNG";
    fixture other;
    other.h.receive(incoming("message/cpim", image_in_cpim));
    BOOST_TEST(other.h.last_sent().status_code() == 415u);

    fixture bad;
    bad.h.receive(incoming("message/cpim", "not cpim at all"));
    BOOST_TEST(bad.h.last_sent().status_code() == 400u);
    BOOST_TEST(bad.h.last_sent().find(sip::header_id::warning) != nullptr);
    BOOST_TEST(bad.received.empty());
}

BOOST_FIXTURE_TEST_CASE(other_requests_get_the_rfc_3261_answer, fixture)
{
    h.receive(incoming("", "", {}, "OPTIONS"));
    auto const options = h.last_sent();
    BOOST_TEST(options.status_code() == 200u);
    BOOST_TEST(field(options, "Allow") == "MESSAGE, OPTIONS");
    h.receive(incoming("", "", "Event: presence\r\n", "SUBSCRIBE"));
    auto const other = h.last_sent();
    BOOST_TEST(other.status_code() == 405u);
    BOOST_TEST(field(other, "Allow") == "MESSAGE, OPTIONS");
}
