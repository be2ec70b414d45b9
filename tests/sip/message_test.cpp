#define BOOST_TEST_MODULE sip_message
#include <boost/test/unit_test.hpp>

#include "sip/message.hpp"

#include <string>

using namespace cpm::sip;
using cpm::sip::abnf::text_buffer;

namespace {
std::string const invite =
    "INVITE sip:bob@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP pc33.example.com:5060;branch=z9hG4bK776asdhds;rport\r\n"
    "v: SIP/2.0/TCP proxy.example.com;branch=z9hG4bK1, SIP/2.0/UDP [2001:db8::1]:5070;branch=z9hG4bK2\r\n"
    "Max-Forwards: 70\r\n"
    "To: Bob <sip:bob@example.com>\r\n"
    "From: \"Alice \\\"A\\\"\" <sip:alice@example.com>;tag=1928301774\r\n"
    "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
    "CSeq: 314159 INVITE\r\n"
    "Subject: folded\r\n  continuation\r\n"
    "X-Custom: kept raw\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length: 4\r\n"
    "\r\n"
    "v=0\n";
} // namespace

BOOST_AUTO_TEST_CASE(hot_headers_are_decoded)
{
    auto m = message::parse(text_buffer(invite));
    BOOST_TEST_REQUIRE(m.has_value(), (m ? "" : m.error().message));
    BOOST_TEST(m->is_request());
    BOOST_TEST((m->method() == method::invite));
    BOOST_TEST(m->request_uri() == "sip:bob@example.com");
    BOOST_TEST(m->top_via().transport == "UDP");
    BOOST_TEST(m->top_via().host == "pc33.example.com");
    BOOST_TEST(*m->top_via().port == 5060);
    BOOST_TEST(m->top_via().branch == "z9hG4bK776asdhds");
    BOOST_TEST(m->top_via().has_rport);
    BOOST_TEST(m->count(header_id::via) == 2);
    BOOST_TEST(m->from().tag == "1928301774");
    BOOST_TEST(m->from().display_name_text() == "Alice \"A\"");
    BOOST_TEST(m->to().uri == "sip:bob@example.com");
    BOOST_TEST(m->to().tag.empty());
    BOOST_TEST(m->call_id() == "a84b4c76e66710@pc33.example.com");
    BOOST_TEST(m->cseq().number == 314159u);
    BOOST_TEST((m->cseq().method == method::invite));
    BOOST_TEST(*m->max_forwards() == 70u);
    BOOST_TEST(m->content_type()->is("application", "sdp"));
    BOOST_TEST(m->body() == "v=0\n");
    BOOST_TEST(m->find("subject")->value == "folded\r\n  continuation");
    BOOST_TEST(m->find("x-custom")->value == "kept raw");
    BOOST_TEST((m->defects() == defect::none));
}

BOOST_AUTO_TEST_CASE(views_survive_a_move)
{
    auto m = message::parse(text_buffer(invite));
    BOOST_TEST_REQUIRE(m.has_value());
    message moved = std::move(*m);
    BOOST_TEST(moved.call_id() == "a84b4c76e66710@pc33.example.com");
    BOOST_TEST(moved.headers().front().name == "Via");
}

BOOST_AUTO_TEST_CASE(errors_name_the_header_and_position)
{
    std::string bad = invite;
    bad.replace(bad.find("CSeq: 314159"), 12, "CSeq: abc");
    auto m = message::parse(text_buffer(bad));
    BOOST_TEST_REQUIRE(!m.has_value());
    BOOST_TEST(m.error().message.rfind("CSeq:", 0) == 0);
    BOOST_TEST(m.error().line == 8u);
    BOOST_TEST(m.error().column == 7u);
}

BOOST_AUTO_TEST_CASE(semantic_faults_are_flagged_not_rejected)
{
    std::string bad = invite;
    bad.replace(bad.find("314159 INVITE"), 13, "314159 OPTIONS");
    bad.replace(bad.find("Content-Length: 4"), 17, "Content-Length: 99");
    bad.replace(bad.find("SIP/2.0\r\n"), 9, "SIP/7.0\r\n");
    auto m = message::parse(text_buffer(bad));
    BOOST_TEST_REQUIRE(m.has_value(), (m ? "" : m.error().message));
    BOOST_TEST(has(m->defects(), defect::cseq_method_mismatch));
    BOOST_TEST(has(m->defects(), defect::content_length_mismatch));
    BOOST_TEST(has(m->defects(), defect::unsupported_version));
}

BOOST_AUTO_TEST_CASE(response_status_line)
{
    std::string const ok =
        "SIP/2.0 200 OK fine\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\r\nFrom: <sip:a@b>;tag=1\r\n"
        "To: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n";
    auto m = message::parse(text_buffer(ok));
    BOOST_TEST_REQUIRE(m.has_value(), (m ? "" : m.error().message));
    BOOST_TEST(m->status_code() == 200u);
    BOOST_TEST(m->reason() == "OK fine");
    BOOST_TEST(m->to().tag == "2");
}

BOOST_AUTO_TEST_CASE(bare_cr_or_lf_in_a_header_is_refused)
{
    // An LF-tolerant next hop would see "Injected" as a header of its own.
    for (std::string const injected : {"Subject: a\nInjected: b\r\n", "Subject: a\rInjected: b\r\n"}) {
        std::string bad = invite;
        bad.replace(bad.find("Subject: folded\r\n  continuation\r\n"), 33, injected);
        auto m = message::parse(text_buffer(bad));
        BOOST_TEST_REQUIRE(!m.has_value());
        BOOST_TEST(m.error().message.find("bare") != std::string::npos, m.error().message);
        BOOST_TEST(m.error().line == 9u);
    }
}

BOOST_AUTO_TEST_CASE(header_names_are_tokens_before_the_colon)
{
    // Names are found by looking up the text before ':'; whatever is not a
    // table name exactly (case aside) is checked byte by byte.
    struct bad_name {
        std::string line;
        std::string message;
        unsigned column;
    };
    bad_name const cases[] = {
        {"Call\rID: x\r\n", "header 'Call': expected ':' after the name", 5},
        {"Sub ject: x\r\n", "header 'Sub': expected ':' after the name", 5},
        {"Sub@ject: x\r\n", "header 'Sub': expected ':' after the name", 4},
        {": x\r\n", "expected a header name", 1},
        {"Subject x\r\nTo: y\r\n", "header 'Subject': expected ':' after the name", 9},
    };
    for (auto const& c : cases) {
        std::string bad = invite;
        bad.replace(bad.find("X-Custom: kept raw\r\n"), 20, c.line);
        auto m = message::parse(text_buffer(bad));
        BOOST_TEST_CONTEXT(c.line)
        {
            BOOST_TEST_REQUIRE(!m.has_value());
            BOOST_TEST(m.error().message == c.message);
            BOOST_TEST(m.error().line == 11u);
            BOOST_TEST(m.error().column == c.column);
        }
    }
    // Known names with space before the colon, and in any case, still work.
    std::string spaced = invite;
    spaced.replace(spaced.find("Call-ID: "), 9, "call-id \t: ");
    auto m = message::parse(text_buffer(spaced));
    BOOST_TEST_REQUIRE(m.has_value(), (m ? "" : m.error().message));
    BOOST_TEST(m->call_id() == "a84b4c76e66710@pc33.example.com");
}
