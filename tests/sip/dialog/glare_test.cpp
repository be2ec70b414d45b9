// re-INVITE / UPDATE glare (RFC 3261 14.1, 14.2; RFC 3311 5.1, 5.2) and the
// 491 retry delay.
#define BOOST_TEST_MODULE sip_dialog_glare
#include <boost/test/unit_test.hpp>

#include "sip/dialog/glare.hpp"

using namespace cpm::sip;
using namespace cpm::sip::dialog;
using v = modification_verdict;

BOOST_AUTO_TEST_CASE(rfc3261_14_2_reinvite_crossing_ours_gets_491)
{
    modification_guard g;
    BOOST_TEST(g.start_local(method::invite));
    BOOST_TEST((g.on_remote(method::invite) == v::request_pending));
    BOOST_TEST(!g.remote_pending());
    g.end_local();
    BOOST_TEST((g.on_remote(method::invite) == v::accept));
    BOOST_TEST(g.remote_pending());
}

BOOST_AUTO_TEST_CASE(rfc3261_14_2_second_reinvite_before_answer_gets_500)
{
    modification_guard g;
    BOOST_TEST((g.on_remote(method::invite) == v::accept));
    BOOST_TEST((g.on_remote(method::invite) == v::retry_later));
    // 14.1: nor may we start one of our own meanwhile.
    BOOST_TEST(!g.start_local(method::invite));
    g.end_remote();
    BOOST_TEST(g.start_local(method::invite));
}

BOOST_AUTO_TEST_CASE(rfc3311_5_2_update_with_offer_glare)
{
    modification_guard g;
    BOOST_TEST(g.start_local(method::update));
    BOOST_TEST((g.on_remote(method::update) == v::request_pending));
    BOOST_TEST((g.on_remote(method::invite) == v::request_pending));
    // An UPDATE without an offer (a session refresh) never glares.
    BOOST_TEST((g.on_remote(method::update, false) == v::accept));
    g.end_local();
    // Our INVITE pending: their UPDATE with an offer gets 491.
    BOOST_TEST(g.start_local(method::invite));
    BOOST_TEST((g.on_remote(method::update) == v::request_pending));
    g.end_local();
    // Their offer unanswered: their next UPDATE with an offer gets 500.
    BOOST_TEST((g.on_remote(method::invite) == v::accept));
    BOOST_TEST((g.on_remote(method::update) == v::retry_later));
    // Other methods are no modification.
    BOOST_TEST((g.on_remote(method::info) == v::accept));
    BOOST_TEST(g.start_local(method::bye));
}

BOOST_AUTO_TEST_CASE(rfc3261_14_1_retry_delay_ranges)
{
    using namespace std::chrono_literals;
    // Owner of the Call-ID: 2.1 s to 4 s in 10 ms units.
    BOOST_TEST(glare_retry_delay(true, 0).count() == 2100);
    BOOST_TEST(glare_retry_delay(true, 190).count() == 4000);
    BOOST_TEST(glare_retry_delay(true, 191).count() == 2100);
    BOOST_TEST(glare_retry_delay(true, 0xffffffffu).count() % 10 == 0);
    // Not the owner: 0 to 2 s.
    BOOST_TEST(glare_retry_delay(false, 0).count() == 0);
    BOOST_TEST(glare_retry_delay(false, 200).count() == 2000);
    BOOST_TEST(glare_retry_delay(false, 201).count() == 0);
    for (std::uint32_t r = 0; r < 5000; r += 7) {
        auto const owner = glare_retry_delay(true, r);
        auto const other = glare_retry_delay(false, r);
        BOOST_TEST((owner >= 2100ms && owner <= 4000ms));
        BOOST_TEST((other >= 0ms && other <= 2000ms));
    }
    BOOST_TEST(retry_after_seconds(10) == 10u);
    BOOST_TEST(retry_after_seconds(11) == 0u);
}
