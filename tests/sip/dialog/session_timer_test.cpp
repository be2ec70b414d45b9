// Session timers (RFC 4028): negotiation at the UAS (section 9), 422 and
// its retry (6, 7.4), the timer a UAC learns from a 2xx (7.2), refresh and
// BYE times (10).
#define BOOST_TEST_MODULE sip_dialog_session_timer
#include <boost/test/unit_test.hpp>

#include "messages.hpp"

#include "sip/dialog/session_timer.hpp"

using namespace cpm::sip;
using namespace cpm::sip::dialog;
using namespace cpm::sip::dialog::test;
using namespace std::chrono_literals;

namespace {

message invite_with(std::string_view headers) { return parse(invite_text("sip:bob@biloxi.example.com", headers)); }

} // namespace

BOOST_AUTO_TEST_CASE(rfc4028_9_too_small_gets_422_with_min_se)
{
    session_timer_config local;
    local.min_se = 300;
    auto d = negotiate_uas(invite_with("Supported: timer\r\nSession-Expires: 120\r\n"), local);
    BOOST_TEST(d.status == 422u);
    BOOST_TEST(d.min_se == 300u);
    BOOST_TEST(!d.timer.has_value());
    // A configured minimum below 90 s still rejects below 90 (RFC 4028 5).
    local.min_se = 10;
    BOOST_TEST(negotiate_uas(invite_with("Session-Expires: 60\r\n"), local).min_se == 90u);
}

BOOST_AUTO_TEST_CASE(rfc4028_9_uac_refresher_kept_and_require_timer)
{
    auto d = negotiate_uas(invite_with("Supported: timer\r\nSession-Expires: 1800;refresher=uac\r\n"), {});
    BOOST_TEST(d.status == 0u);
    BOOST_TEST_REQUIRE(d.timer.has_value());
    BOOST_TEST(d.timer->interval == 1800u);
    BOOST_TEST((d.timer->refresher == refresher::uac));
    BOOST_TEST(d.require_timer);
    BOOST_TEST(session_expires_value(d.timer->interval, d.timer->refresher) == "1800;refresher=uac");
}

BOOST_AUTO_TEST_CASE(rfc4028_9_uas_chooses_when_uac_supports)
{
    session_timer_config local;
    local.preferred = refresher::uac;
    auto d = negotiate_uas(invite_with("Supported: 100rel, timer\r\nSession-Expires: 1800\r\n"), local);
    BOOST_TEST((d.timer->refresher == refresher::uac));
    BOOST_TEST(d.require_timer);
    local.preferred = refresher::uas;
    auto e = negotiate_uas(invite_with("Supported: timer\r\nSession-Expires: 1800\r\n"), local);
    BOOST_TEST((e.timer->refresher == refresher::uas));
    BOOST_TEST(!e.require_timer);
}

BOOST_AUTO_TEST_CASE(rfc4028_9_uac_without_support_uas_refreshes)
{
    session_timer_config local;
    local.preferred = refresher::uac;
    // Session-Expires inserted by a proxy, the UAC knows nothing of timers.
    auto d = negotiate_uas(invite_with("Session-Expires: 1800\r\n"), local);
    BOOST_TEST((d.timer->refresher == refresher::uas));
    BOOST_TEST(!d.require_timer);
}

BOOST_AUTO_TEST_CASE(rfc4028_9_uas_shortens_not_below_min_se)
{
    session_timer_config local;
    local.session_expires = 600;
    auto d = negotiate_uas(invite_with("Supported: timer\r\nSession-Expires: 3600\r\nMin-SE: 900\r\n"), local);
    BOOST_TEST(d.timer->interval == 900u); // shortened, but not below the request's Min-SE
    auto e = negotiate_uas(invite_with("Supported: timer\r\nSession-Expires: 3600\r\n"), local);
    BOOST_TEST(e.timer->interval == 600u);
    auto f = negotiate_uas(invite_with("Supported: timer\r\nSession-Expires: 400\r\n"), local);
    BOOST_TEST(f.timer->interval == 400u); // below our wish: kept
}

BOOST_AUTO_TEST_CASE(rfc4028_9_uas_may_ask_for_a_timer_itself)
{
    session_timer_config local;
    local.session_expires = 1200;
    auto d = negotiate_uas(invite_with("Supported: timer\r\nMin-SE: 1500\r\n"), local);
    BOOST_TEST(d.timer->interval == 1500u);
    local.session_expires = 0; // we want none and none was asked
    BOOST_TEST(!negotiate_uas(invite_with("Supported: timer\r\n"), local).timer.has_value());
    // We want none but the UAC asks: honoured.
    BOOST_TEST(negotiate_uas(invite_with("Session-Expires: 1000\r\n"), local).timer->interval == 1000u);
}

BOOST_AUTO_TEST_CASE(rfc4028_malformed_is_400)
{
    BOOST_TEST(negotiate_uas(invite_with("Session-Expires: soon\r\n"), {}).status == 400u);
    BOOST_TEST(negotiate_uas(invite_with("Min-SE: x\r\n"), {}).status == 400u);
}

BOOST_AUTO_TEST_CASE(rfc4028_7_4_retry_after_422)
{
    uac_request_values v;
    v.session_expires = 120;
    v.min_se = 90;
    auto r = retry_after_422(v, parse(response_text(422, "t", {}, {}, "314159 INVITE", "Min-SE: 600\r\n")));
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->min_se == 600u);
    BOOST_TEST(r->session_expires == 600u);
    // A later 422 with a smaller Min-SE keeps the largest one seen.
    auto again = retry_after_422(*r, parse(response_text(422, "t", {}, {}, "314160 INVITE", "Min-SE: 300\r\n")));
    BOOST_TEST(again->min_se == 600u);
    BOOST_TEST(!retry_after_422(v, parse(response_text(422, "t", {}, {}))).has_value());
    BOOST_TEST(!retry_after_422(v, parse(response_text(486, "t", {}, {}, "314159 INVITE", "Min-SE: 600\r\n"))));
}

BOOST_AUTO_TEST_CASE(rfc4028_7_2_uac_learns_timer_from_2xx)
{
    auto t = negotiated_from_2xx(parse(response_text(200, "t", "<sip:b@h>", {}, "314159 INVITE",
                                                     "Require: timer\r\nSession-Expires: 4000;refresher=uac\r\n")));
    BOOST_TEST_REQUIRE(t.has_value());
    BOOST_TEST((*t == session_timer{4000, refresher::uac}));
    BOOST_TEST(!negotiated_from_2xx(parse(response_text(200))).has_value());
    auto u = negotiated_from_2xx(parse(response_text(200, "t", "<sip:b@h>", {}, "314159 INVITE",
                                                     "Session-Expires: 1800;refresher=uas\r\n")));
    BOOST_TEST((u->refresher == refresher::uas));
}

BOOST_AUTO_TEST_CASE(rfc4028_10_refresh_at_half_bye_before_expiry)
{
    session_timer const t{1800, refresher::uac};
    // We were the UAC and refresh: at 900 s.
    auto p = plan(t, true);
    BOOST_TEST((p.what == timer_plan::kind::refresh));
    BOOST_TEST(p.after.count() == 900'000);
    // The UAS of that transaction does not refresh: BYE at 1800 - 32 s.
    auto q = plan(t, false);
    BOOST_TEST((q.what == timer_plan::kind::bye));
    BOOST_TEST(q.after.count() == 1'768'000);
    // A short interval: a third of it (30 s of 90) rather than 32 s.
    auto r = plan({90, refresher::uas}, true);
    BOOST_TEST((r.what == timer_plan::kind::bye));
    BOOST_TEST(r.after.count() == 60'000);
    auto s = plan({90, refresher::uas}, false);
    BOOST_TEST((s.what == timer_plan::kind::refresh));
    BOOST_TEST(s.after.count() == 45'000);
}
