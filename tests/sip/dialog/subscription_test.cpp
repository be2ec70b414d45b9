// Subscription usages (RFC 6665): subscriber and notifier states, refresh,
// expiry, termination reasons, and a forked SUBSCRIBE answered by several
// NOTIFYs, each creating its own dialog (4.1.2.4).
#define BOOST_TEST_MODULE sip_dialog_subscription
#include <boost/test/unit_test.hpp>

#include "messages.hpp"

#include "sip/dialog/request.hpp"
#include "sip/dialog/subscription.hpp"

using namespace cpm::sip;
using namespace cpm::sip::dialog;
using namespace cpm::sip::dialog::test;
using phase = subscription_phase;

namespace {

std::string subscribe_text(std::string_view expires = "3600", std::string_view event = "presence;id=p1",
                           std::string_view to_tag = {}, std::uint32_t cseq = 1)
{
    std::string s = "SUBSCRIBE sip:bob@biloxi.example.com SIP/2.0\r\n"
                    "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKsub1\r\n"
                    "Max-Forwards: 70\r\n"
                    "To: <sip:bob@biloxi.example.com>";
    if (!to_tag.empty())
        s.append(";tag=").append(to_tag);
    s.append("\r\nFrom: <sip:alice@atlanta.example.com>;tag=sub1\r\n"
             "Call-ID: sub-call@pc33.atlanta.example.com\r\n");
    s.append("CSeq: ").append(std::to_string(cseq)).append(" SUBSCRIBE\r\n");
    if (!event.empty())
        s.append("Event: ").append(event).append("\r\n");
    if (!expires.empty())
        s.append("Expires: ").append(expires).append("\r\n");
    s.append("Contact: <sip:alice@pc33.atlanta.example.com>\r\nContent-Length: 0\r\n\r\n");
    return s;
}

std::string notify_text(std::string_view from_tag, std::string_view state, std::uint32_t cseq = 1,
                        std::string_view contact = "<sip:bob@host-a.example.com>",
                        std::string_view event = "presence;id=p1", std::string_view to_tag = "sub1")
{
    std::string s = "NOTIFY sip:alice@pc33.atlanta.example.com SIP/2.0\r\n"
                    "Via: SIP/2.0/UDP host-a.example.com;branch=z9hG4bKn1\r\n"
                    "Max-Forwards: 70\r\n"
                    "Record-Route: <sip:p2.example.com;lr>, <sip:p1.example.com;lr>\r\n";
    s.append("From: <sip:bob@biloxi.example.com>;tag=").append(from_tag).append("\r\n");
    s.append("To: <sip:alice@atlanta.example.com>;tag=").append(to_tag).append("\r\n");
    s.append("Call-ID: sub-call@pc33.atlanta.example.com\r\n");
    s.append("CSeq: ").append(std::to_string(cseq)).append(" NOTIFY\r\n");
    s.append("Event: ").append(event).append("\r\n");
    if (!state.empty())
        s.append("Subscription-State: ").append(state).append("\r\n");
    s.append("Contact: ").append(contact).append("\r\nContent-Length: 0\r\n\r\n");
    return s;
}

std::string subscribe_ok(std::string_view tag, std::string_view expires)
{
    return response_text(200, tag, "<sip:bob@host-a.example.com>", {}, "1 SUBSCRIBE",
                         "Expires: " + std::string(expires) + "\r\n");
}

} // namespace

BOOST_AUTO_TEST_CASE(rfc6665_8_2_3_subscription_state_values)
{
    BOOST_TEST(subscription_state_value(substate::active, 600u) == "active;expires=600");
    BOOST_TEST(subscription_state_value(substate::pending, 30u) == "pending;expires=30");
    BOOST_TEST(subscription_state_value(substate::terminated, std::nullopt, "timeout") == "terminated;reason=timeout");
    BOOST_TEST(subscription_state_value(substate::terminated, std::nullopt, "probation", 30u)
               == "terminated;reason=probation;retry-after=30");
}

BOOST_AUTO_TEST_CASE(rfc6665_4_1_subscriber_pending_active_refresh_terminated)
{
    subscriber s("presence", "p1");
    BOOST_TEST((s.phase() == phase::waiting));
    // 4.1.2.1: the 2xx's Expires is what was granted.
    s.on_subscribe_response(parse(subscribe_ok("a", "1200")));
    BOOST_TEST(s.expires().value() == 1200u);
    BOOST_TEST(s.refresh_after()->count() == 600'000);
    auto o = s.on_notify(parse(notify_text("a", "pending;expires=1100")));
    BOOST_TEST(o.status == 200u);
    BOOST_TEST((s.phase() == phase::pending));
    BOOST_TEST(s.expires().value() == 1100u);
    s.on_notify(parse(notify_text("a", "active;expires=1000", 2)));
    BOOST_TEST((s.phase() == phase::active));
    // 4.1.3: terminated with a reason that forbids resubscribing.
    auto t = s.on_notify(parse(notify_text("a", "terminated;reason=rejected", 3)));
    BOOST_TEST(t.status == 200u);
    BOOST_TEST((s.phase() == phase::terminated));
    BOOST_TEST(s.termination_reason() == "rejected");
    BOOST_TEST(!t.may_resubscribe);
    BOOST_TEST(!s.refresh_after().has_value());
    // After termination, further NOTIFYs are for no subscription.
    BOOST_TEST(s.on_notify(parse(notify_text("a", "active;expires=10", 4))).status == 481u);
}

BOOST_AUTO_TEST_CASE(rfc6665_4_1_3_termination_reasons)
{
    auto reason = [](std::string_view state) {
        subscriber s("presence", "p1");
        return s.on_notify(parse(notify_text("a", state)));
    };
    BOOST_TEST(reason("terminated;reason=deactivated").may_resubscribe);
    BOOST_TEST(reason("terminated;reason=timeout").may_resubscribe);
    BOOST_TEST(reason("terminated").may_resubscribe);
    auto p = reason("terminated;reason=probation;retry-after=45");
    BOOST_TEST(p.may_resubscribe);
    BOOST_TEST(p.retry_after.value() == 45u);
    BOOST_TEST(!reason("terminated;reason=noresource").may_resubscribe);
    BOOST_TEST(!reason("terminated;reason=invariant").may_resubscribe);
}

BOOST_AUTO_TEST_CASE(rfc6665_4_1_3_wrong_event_or_missing_state)
{
    subscriber s("presence", "p1");
    BOOST_TEST(s.on_notify(parse(notify_text("a", "active", 1, "<sip:b@h>", "presence;id=other"))).status == 481u);
    BOOST_TEST(s.on_notify(parse(notify_text("a", "active", 1, "<sip:b@h>", "dialog;id=p1"))).status == 481u);
    BOOST_TEST(s.on_notify(parse(notify_text("a", ""))).status == 400u);
    BOOST_TEST((s.phase() == phase::waiting));
}

BOOST_AUTO_TEST_CASE(rfc6665_4_1_2_failed_subscribe_and_refresh)
{
    subscriber s("presence", "p1");
    s.on_subscribe_response(parse(response_text(403, "a", {}, {}, "1 SUBSCRIBE")));
    BOOST_TEST((s.phase() == phase::terminated));

    subscriber r("presence", "p1");
    r.on_subscribe_response(parse(subscribe_ok("a", "600")));
    r.on_notify(parse(notify_text("a", "active;expires=600")));
    // 4.1.2.2: a failed refresh leaves the subscription until expiry...
    r.on_subscribe_response(parse(response_text(500, "a", {}, {}, "2 SUBSCRIBE")));
    BOOST_TEST((r.phase() == phase::active));
    // ... which ends it when it comes.
    r.expire();
    BOOST_TEST((r.phase() == phase::terminated));
    // 481 to a refresh: the notifier lost it.
    subscriber q("presence", "p1");
    q.on_notify(parse(notify_text("a", "active;expires=600")));
    q.on_subscribe_response(parse(response_text(481, "a", {}, {}, "2 SUBSCRIBE")));
    BOOST_TEST((q.phase() == phase::terminated));
}

BOOST_AUTO_TEST_CASE(rfc6665_4_1_2_4_timer_n_without_notify)
{
    subscriber s("presence", "p1");
    s.on_subscribe_response(parse(subscribe_ok("a", "600")));
    s.notify_wait_expired();
    BOOST_TEST((s.phase() == phase::terminated));
    subscriber t("presence", "p1");
    t.on_notify(parse(notify_text("a", "pending;expires=600")));
    t.notify_wait_expired();
    BOOST_TEST((t.phase() == phase::pending));
}

BOOST_AUTO_TEST_CASE(rfc6665_4_2_notifier_subscribe_authorize_refresh_expire)
{
    notifier n("presence", {});
    auto d = n.on_subscribe(parse(subscribe_text("3600")));
    BOOST_TEST(d.status == 200u);
    BOOST_TEST(d.expires == 3600u);
    BOOST_TEST((n.phase() == phase::pending));
    BOOST_TEST(n.state_value(3600) == "pending;expires=3600");
    BOOST_TEST(n.event_value() == "presence;id=p1");
    n.authorize(true);
    BOOST_TEST(n.state_value(3500) == "active;expires=3500");
    // 4.2.1.1: durations above the maximum are shortened.
    BOOST_TEST(n.on_subscribe(parse(subscribe_text("99999", "presence;id=p1", "n1", 2))).expires == 7200u);
    // A refresh for another id: 489.
    BOOST_TEST(n.on_subscribe(parse(subscribe_text("600", "presence;id=p2", "n1", 3))).status == 489u);
    n.expire();
    BOOST_TEST((n.phase() == phase::terminated));
    BOOST_TEST(n.state_value(0) == "terminated;reason=timeout");
}

BOOST_AUTO_TEST_CASE(rfc6665_4_2_1_notifier_rejections_and_unsubscribe)
{
    notifier n("presence", {});
    auto brief = n.on_subscribe(parse(subscribe_text("10")));
    BOOST_TEST(brief.status == 423u);
    BOOST_TEST(brief.min_expires == 60u);
    BOOST_TEST(n.on_subscribe(parse(subscribe_text("600", "dialog"))).status == 489u);
    BOOST_TEST(n.on_subscribe(parse(subscribe_text("600", ""))).status == 489u);
    BOOST_TEST(n.on_subscribe(parse(subscribe_text("soon"))).status == 400u);
    // Without Expires: the package default.
    BOOST_TEST(n.on_subscribe(parse(subscribe_text(""))).expires == 3600u);
    n.authorize(false);
    BOOST_TEST(n.state_value(0) == "terminated;reason=rejected");

    notifier u("presence", {});
    u.on_subscribe(parse(subscribe_text("600")));
    u.authorize(true);
    // 4.2.1.4: Expires: 0 unsubscribes; the final NOTIFY says terminated.
    auto z = u.on_subscribe(parse(subscribe_text("0", "presence;id=p1", "n1", 2)));
    BOOST_TEST(z.status == 200u);
    BOOST_TEST(z.expires == 0u);
    BOOST_TEST(u.state_value(0) == "terminated;reason=timeout");
}

BOOST_AUTO_TEST_CASE(rfc6665_4_1_2_4_forked_subscribe_several_notifies_several_dialogs)
{
    subscribe_forks forks(parse(subscribe_text()), alice_options());
    // NOTIFY from fork A before any 2xx: creates the dialog.
    auto a = forks.on_notify(parse(notify_text("fork-a", "active;expires=600", 1, "<sip:bob@host-a.example.com>")));
    BOOST_TEST(a.created);
    BOOST_TEST(a.outcome.status == 200u);
    BOOST_REQUIRE(a.target != nullptr);
    // Route set: the NOTIFY's Record-Route in order (a request received).
    BOOST_TEST(a.target->dialog.route_set().front().uri == "sip:p2.example.com;lr");
    BOOST_TEST(a.target->dialog.remote_target() == "sip:bob@host-a.example.com");
    BOOST_TEST(a.target->dialog.id().local_tag == "sub1");
    BOOST_TEST(a.target->dialog.id().remote_tag == "fork-a");
    BOOST_TEST(a.target->dialog.owns_call_id());
    BOOST_TEST((a.target->subscription.phase() == phase::active));
    // Fork B answers too: another dialog, another subscription.
    auto b = forks.on_notify(parse(notify_text("fork-b", "pending;expires=600", 7, "<sip:bob@host-b.example.com>")));
    BOOST_TEST(b.created);
    BOOST_TEST(forks.forks().size() == 2u);
    BOOST_TEST((forks.find("fork-b")->subscription.phase() == phase::pending));
    BOOST_TEST(forks.find("fork-b")->dialog.remote_cseq().value() == 7u);
    // The 2xx of fork A joins the existing dialog.
    forks.on_response(parse(subscribe_ok("fork-a", "500")));
    BOOST_TEST(forks.forks().size() == 2u);
    BOOST_TEST(forks.find("fork-a")->subscription.expires().value() == 500u);
    // A later NOTIFY of fork A is in its dialog; an old CSeq is out of order.
    auto again = forks.on_notify(parse(notify_text("fork-a", "active;expires=400", 2)));
    BOOST_TEST(!again.created);
    BOOST_TEST(again.outcome.status == 200u);
    BOOST_TEST(forks.on_notify(parse(notify_text("fork-a", "active", 1))).outcome.status == 500u);
    // A NOTIFY to another From tag of ours is no fork of this SUBSCRIBE.
    auto stray = forks.on_notify(parse(notify_text("fork-c", "active", 1, "<sip:x@h>", "presence;id=p1", "other")));
    BOOST_TEST(stray.outcome.status == 481u);
    BOOST_TEST(stray.target == nullptr);

    // Each fork is its own dialog: the refresh of fork B goes to B's target.
    std::string out;
    request_options options;
    options.via = "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKr1";
    extra_header const h[] = {{"Event", "presence;id=p1"}, {"Expires", "600"}};
    options.headers = h;
    build_request(forks.find("fork-b")->dialog, method::subscribe, out, options);
    auto refresh = parse(out);
    BOOST_TEST(refresh.start_line() == "SUBSCRIBE sip:bob@host-b.example.com SIP/2.0");
    BOOST_TEST(refresh.to().tag == "fork-b");
    BOOST_TEST(refresh.cseq().number == 2u);
    BOOST_TEST(values(refresh, header_id::route)
                   == (std::vector<std::string>{"<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>"}),
               boost::test_tools::per_element());
}
