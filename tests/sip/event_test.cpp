#define BOOST_TEST_MODULE sip_event
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/event.hpp"

using namespace cpm::sip;
using header_checks::error_of;
using header_checks::expect_error;
using header_checks::expect_error_at;

BOOST_AUTO_TEST_CASE(event_rfc6665)
{
    auto e = parse_event("refer");
    BOOST_TEST_REQUIRE(e.has_value(), error_of(e));
    BOOST_TEST(e->package == "refer");
    BOOST_TEST(e->templates.empty());
    BOOST_TEST(e->is("refer"));
    auto c = parse_event("conference;id=4bce31");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    BOOST_TEST(c->is("conference")); // REQ-7.5.9-A.1: RFC 4575 conference package
    BOOST_TEST(c->id == "4bce31");
    auto w = parse_event("presence.winfo ; foo=bar");
    BOOST_TEST_REQUIRE(w.has_value(), error_of(w));
    BOOST_TEST(w->type == "presence.winfo");
    BOOST_TEST(w->package == "presence");
    BOOST_TEST(w->templates == "winfo");
    BOOST_TEST(!w->is("presence"));
    BOOST_TEST(w->params.value_of("foo") == "bar");
    BOOST_TEST(parse_event("a.b.c").value().templates == "b.c");
}

BOOST_AUTO_TEST_CASE(invalid_events)
{
    expect_error(parse_event(""), "Event: expected event-type", 0);
    expect_error(parse_event(".presence"), "Event: expected event-type", 0);
    expect_error(parse_event("presence/x"), "Event: unexpected character after the event type", 8);
    std::string_view const quoted_id = "dialog;id=\"x\"";
    expect_error_at(parse_event(quoted_id), "Event: id must be a token", quoted_id, "id=");
}

BOOST_AUTO_TEST_CASE(subscription_state_rfc6665)
{
    auto a = parse_subscription_state("active;expires=60");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST((a->state == substate::active));
    BOOST_TEST(*a->expires == 60u);
    BOOST_TEST(!a->retry_after);
    auto t = parse_subscription_state("terminated;reason=timeout;retry-after=120");
    BOOST_TEST_REQUIRE(t.has_value(), error_of(t));
    BOOST_TEST((t->state == substate::terminated));
    BOOST_TEST(t->reason == "timeout");
    BOOST_TEST(*t->retry_after == 120u);
    BOOST_TEST((parse_subscription_state("Pending").value().state == substate::pending));
    auto x = parse_subscription_state("waiting");
    BOOST_TEST_REQUIRE(x.has_value(), error_of(x));
    BOOST_TEST((x->state == substate::extension));
    BOOST_TEST(x->state_text == "waiting");
}

BOOST_AUTO_TEST_CASE(invalid_subscription_states)
{
    expect_error(parse_subscription_state(""), "Subscription-State: expected active, pending, terminated", 0);
    std::string_view const e = "active;expires=soon";
    expect_error_at(parse_subscription_state(e), "Subscription-State: expires must be delta-seconds", e, "expires");
    std::string_view const r = "terminated;reason=\"timeout\"";
    expect_error_at(parse_subscription_state(r), "Subscription-State: reason must be a token", r, "reason");
    expect_error(parse_subscription_state("active x"), "Subscription-State: unexpected character", 7);
}
