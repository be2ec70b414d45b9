// The response context alone (RFC 3261 16.7): what goes upstream at once,
// when pending branches are cancelled, and which final response is best.
#define BOOST_TEST_MODULE cpm_core_response_context
#include <boost/test/unit_test.hpp>

#include "cpm/core/response_context.hpp"

#include <memory>
#include <string>

using cpm::core::response_context;
namespace sip = cpm::sip;

namespace {

sip::stack::message_ptr response(unsigned code, std::string_view extra = {})
{
    std::string s = "SIP/2.0 " + std::to_string(code) + " Whatever\r\n"
                    "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKp\r\n"
                    "Via: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bKu\r\n"
                    "From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\n"
                    "Call-ID: c\r\nCSeq: 1 INVITE\r\n";
    s.append(extra).append("Content-Length: 0\r\n\r\n");
    auto m = sip::message::parse(sip::abnf::text_buffer(s));
    BOOST_TEST_REQUIRE(m.has_value());
    return std::make_shared<sip::message const>(std::move(*m));
}

} // namespace

BOOST_AUTO_TEST_CASE(provisional_responses)
{
    response_context rc(true);
    auto const b = rc.add_branch();
    auto const d100 = rc.on_response(b, response(100));
    BOOST_TEST(!d100.forward); // 16.7 step 5
    auto const d180 = rc.on_response(b, response(180));
    BOOST_TEST(d180.forward);
    BOOST_TEST(!d180.cancel_pending);
    BOOST_TEST(!d180.send_best);
    BOOST_TEST(rc.pending(b));
}

BOOST_AUTO_TEST_CASE(invite_2xx_is_forwarded_at_once_and_cancels_the_rest)
{
    response_context rc(true);
    auto const a = rc.add_branch();
    auto const b = rc.add_branch();
    auto const d = rc.on_response(b, response(200));
    BOOST_TEST(d.forward);
    BOOST_TEST(d.cancel_pending);
    BOOST_TEST(!d.send_best);
    BOOST_TEST(rc.final_sent());
    BOOST_TEST(rc.success_sent());
    // Its retransmission and another fork's 2xx go up too; a 487 does not.
    BOOST_TEST(rc.on_response(b, response(200)).forward);
    BOOST_TEST(!rc.on_response(a, response(180)).forward);
    auto const late = rc.on_response(a, response(487));
    BOOST_TEST(!late.forward);
    BOOST_TEST(!late.send_best);
    BOOST_TEST(rc.complete());
}

BOOST_AUTO_TEST_CASE(non_invite_2xx_is_forwarded_once)
{
    response_context rc(false);
    auto const a = rc.add_branch();
    auto const b = rc.add_branch();
    auto const d = rc.on_response(a, response(202));
    BOOST_TEST(d.forward);
    BOOST_TEST(!d.cancel_pending); // only INVITE is cancellable
    BOOST_TEST(!rc.on_response(b, response(200)).forward);
}

BOOST_AUTO_TEST_CASE(six_hundred_cancels_and_wins)
{
    response_context rc(true);
    auto const a = rc.add_branch();
    auto const b = rc.add_branch();
    auto const d = rc.on_response(a, response(603));
    BOOST_TEST(!d.forward);
    BOOST_TEST(d.cancel_pending);
    BOOST_TEST(!d.send_best);
    auto const last = rc.on_response(b, response(302));
    BOOST_TEST(last.send_best);
    BOOST_TEST(rc.best().status == 603u);
}

BOOST_AUTO_TEST_CASE(lowest_class_and_resubmission_hints)
{
    response_context rc(false);
    auto const a = rc.add_branch();
    auto const b = rc.add_branch();
    auto const c = rc.add_branch();
    rc.on_response(a, response(500));
    rc.on_response(b, response(404));
    BOOST_TEST(rc.on_response(c, response(415)).send_best);
    auto const best = rc.best();
    BOOST_TEST(best.status == 415u); // 4xx beats 5xx; 415 informs a retry
    BOOST_TEST(best.response->status_code() == 415u);
    BOOST_TEST(best.extra_challenges.empty());
}

BOOST_AUTO_TEST_CASE(challenges_of_every_401_and_407_are_merged)
{
    response_context rc(false);
    auto const a = rc.add_branch();
    auto const b = rc.add_branch();
    auto const c = rc.add_branch();
    rc.on_response(a, response(407, "Proxy-Authenticate: Digest realm=\"a\", nonce=\"1\"\r\n"));
    rc.on_response(b, response(401, "WWW-Authenticate: Digest realm=\"b\", nonce=\"2\"\r\n"
                                    "WWW-Authenticate: Digest realm=\"b\", nonce=\"3\", algorithm=MD5\r\n"));
    rc.on_response(c, response(404));
    auto const best = rc.best();
    BOOST_TEST(best.status == 407u);
    BOOST_TEST(best.extra_challenges == "WWW-Authenticate: Digest realm=\"b\", nonce=\"2\"\r\n"
                                        "WWW-Authenticate: Digest realm=\"b\", nonce=\"3\", algorithm=MD5\r\n");
}

BOOST_AUTO_TEST_CASE(failures_408_and_503)
{
    {
        response_context rc(true);
        auto const a = rc.add_branch();
        BOOST_TEST(rc.on_failure(a, 408).send_best);
        auto const best = rc.best();
        BOOST_TEST(best.status == 408u);
        BOOST_TEST(!best.response); // the proxy writes it
        BOOST_TEST(!rc.on_failure(a, 408).send_best); // once
    }
    {
        response_context rc(false);
        auto const a = rc.add_branch();
        auto const b = rc.add_branch();
        rc.on_response(a, response(503));
        rc.on_failure(b, 503);
        auto const best = rc.best();
        BOOST_TEST(best.status == 500u); // 16.7 step 6: never a 503
        BOOST_TEST(!best.response);
    }
    {
        response_context rc(false);
        auto const a = rc.add_branch();
        auto const b = rc.add_branch();
        rc.on_response(a, response(503));
        rc.on_response(b, response(502));
        BOOST_TEST(rc.best().status == 502u); // another 5xx before the 503
    }
}
