// Registration of the CPM client (draft 7.1) on a stack core without
// sockets: the REGISTER's CPM parts, a 401 answered with Digest then a 200
// with GRUUs, the refresh at half the granted time, 423, refused
// credentials, and the de-registration.
#define BOOST_TEST_MODULE cpm_client_registration
#include <boost/test/unit_test.hpp>

#include "harness.hpp"

#include "sip/contact.hpp"

using namespace cpm::client;
using namespace cpm::client::test;
using namespace std::chrono_literals;
namespace sip = cpm::sip;
namespace st = cpm::sip::stack;

namespace {

std::string granted_contact(unsigned expires = 300)
{
    return "Contact: <sip:bob@192.0.2.9>;expires=100, <sip:alice@192.0.2.1:5070>;expires=" + std::to_string(expires) +
           ";+sip.instance=\"<" + alice().instance +
           ">\";reg-id=1;pub-gruu=\"sip:alice@example.com;gr=urn:uuid:1\";temp-gruu=\"sip:tgruu.7@example.com;gr\"";
}

struct fixture {
    fixture() : fixture(alice()) {}
    explicit fixture(account a) : h(std::move(a))
    {
        h.ua.registration().on_event([this](registration_event const& e) { events.push_back(e); });
    }

    result<void> start()
    {
        return h.call([this](st::core& c) { return h.ua.registration().start(c); });
    }

    /// Registers through a 401 and a 200 granting @p expires s with GRUUs.
    void register_alice(unsigned expires = 300)
    {
        BOOST_TEST_REQUIRE(start().has_value());
        h.receive(h.challenge());
        BOOST_TEST_REQUIRE(h.verify_last().ok());
        h.receive(h.reply(200, "OK", granted_contact(expires) + "\r\nService-Route: <sip:orig@example.com;lr>"));
        BOOST_TEST_REQUIRE(h.ua.registration().state() == registration_state::registered);
    }

    harness h;
    std::vector<registration_event> events;
};

/// Whether the server's challenger accepts the last request's credentials.
bool verified(harness& h)
{
    auto const v = h.verify_last();
    BOOST_TEST_MESSAGE(v.sentence);
    BOOST_TEST(v.sentence == "");
    return v.ok();
}

} // namespace

BOOST_FIXTURE_TEST_CASE(register_request_carries_the_cpm_parts, fixture)
{
    BOOST_TEST_REQUIRE(start().has_value());
    BOOST_TEST(h.ua.registration().state() == registration_state::registering);
    BOOST_TEST_REQUIRE(h.sent.size() == 1u);
    BOOST_TEST(h.sent[0].to == server);
    auto const m = h.last_sent();
    // REQ-7.1-A.1 (RFC 3261 10.2): Request-URI is the domain, To = From = the AOR.
    BOOST_TEST(m.method_text() == "REGISTER");
    BOOST_TEST(m.request_uri() == "sip:example.com");
    BOOST_TEST(m.to().uri == "sip:alice@example.com");
    BOOST_TEST(m.from().uri == "sip:alice@example.com");
    BOOST_TEST(!m.from().tag.empty());
    BOOST_TEST(m.cseq().number == 1u);
    BOOST_TEST(field(m, "Expires") == "600");
    // REQ-7.1-A.4, REQ-7.1-A.5: Supported and Require carry gruu.
    BOOST_TEST(field(m, "Supported") == "gruu, outbound");
    BOOST_TEST(field(m, "Require") == "gruu");
    BOOST_TEST(field(m, "User-Agent").starts_with("CPM-client/OMA1.0"));
    std::string const contact = field(m, "Contact");
    auto const contacts = sip::parse_contact(contact);
    BOOST_TEST_REQUIRE(contacts.has_value());
    BOOST_TEST_REQUIRE(contacts->contacts.size() == 1u);
    auto const& ct = contacts->contacts[0];
    BOOST_TEST(ct.address.uri == "sip:alice@192.0.2.1:5070");
    // REQ-7.1-A.3 (RFC 5626 4.1, 4.2): +sip.instance and reg-id.
    BOOST_TEST(ct.instance == alice().instance);
    BOOST_TEST(ct.instance.starts_with("urn:uuid:"));
    BOOST_TEST(ct.reg_id.value_or(0) == 1u);
    // REQ-7.1-A.2, REQ-7.1-A.6: the CPM feature tag (DECISIONS.md ICSI).
    BOOST_TEST(ct.features().has_icsi("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg"));
    BOOST_TEST(field(m, "Contact").find("+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg\"") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(require_gruu_can_be_turned_off)
{
    account a = alice();
    a.require_gruu = false;
    a.display_name = "Alice \"A\"";
    fixture f(a);
    BOOST_TEST_REQUIRE(f.start().has_value());
    auto const m = f.h.last_sent();
    BOOST_TEST(m.find("Require") == nullptr);
    BOOST_TEST(field(m, "Supported") == "gruu, outbound");
    // REQ-7.1-A.7: the display name in the Contact.
    BOOST_TEST(field(m, "Contact").starts_with("\"Alice \\\"A\\\"\" <sip:alice@192.0.2.1:5070>"));
}

BOOST_FIXTURE_TEST_CASE(challenge_then_200_with_gruus, fixture)
{
    BOOST_TEST_REQUIRE(start().has_value());
    auto const first = h.last_sent();
    h.receive(h.challenge());
    BOOST_TEST_REQUIRE(h.sent.size() == 2u);
    auto const second = h.last_sent();
    // RFC 3261 22.2 / 10.2.4: same Call-ID, next CSeq, new branch, credentials.
    BOOST_TEST(second.call_id() == first.call_id());
    BOOST_TEST(second.cseq().number == 2u);
    BOOST_TEST(second.top_via().branch != first.top_via().branch);
    BOOST_TEST(second.find(sip::header_id::authorization) != nullptr);
    BOOST_TEST(verified(h));
    BOOST_TEST(h.ua.registration().state() == registration_state::registering);
    BOOST_TEST(events.empty());

    h.receive(h.reply(200, "OK", granted_contact() + "\r\nService-Route: <sip:orig@example.com;lr>"));
    auto& r = h.ua.registration();
    BOOST_TEST(r.state() == registration_state::registered);
    BOOST_TEST(r.granted() == 300u); // ours, not bob's 100
    BOOST_TEST(r.pub_gruu() == "sip:alice@example.com;gr=urn:uuid:1");
    BOOST_TEST(r.temp_gruu() == "sip:tgruu.7@example.com;gr");
    BOOST_TEST_REQUIRE(r.service_route().size() == 1u);
    BOOST_TEST(r.service_route()[0] == "<sip:orig@example.com;lr>");
    BOOST_TEST_REQUIRE(events.size() == 1u);
    BOOST_TEST(events[0].status == 200u);
    BOOST_TEST(!events[0].refresh);
}

BOOST_FIXTURE_TEST_CASE(refresh_at_half_the_granted_time, fixture)
{
    register_alice(300);
    auto const before = h.sent.size();
    auto const call_id = std::string(h.last_sent().call_id());
    h.advance(149s);
    BOOST_TEST(h.sent.size() == before);
    h.advance(1s);
    // REQ-7.1-P2: re-registration (RFC 3261 10.2.1), pre-authorized (22.3).
    BOOST_TEST_REQUIRE(h.sent.size() == before + 1);
    auto const refresh = h.last_sent();
    BOOST_TEST(refresh.call_id() == call_id);
    BOOST_TEST(refresh.cseq().number == 3u);
    BOOST_TEST(field(refresh, "Expires") == "600");
    BOOST_TEST(field(refresh, "Authorization").find("nc=00000002") != std::string::npos);
    BOOST_TEST(verified(h));
    BOOST_TEST(h.ua.registration().state() == registration_state::registering);
    h.receive(h.reply(200, "OK", granted_contact(600)));
    BOOST_TEST(h.ua.registration().state() == registration_state::registered);
    BOOST_TEST(h.ua.registration().granted() == 600u);
    BOOST_TEST_REQUIRE(events.size() == 2u);
    BOOST_TEST(events[1].refresh);
    // The next refresh comes 300 s later.
    auto const after = h.sent.size();
    h.advance(299s);
    BOOST_TEST(h.sent.size() == after);
    h.advance(1s);
    BOOST_TEST(h.sent.size() == after + 1);
}

BOOST_FIXTURE_TEST_CASE(granted_time_from_the_expires_header, fixture)
{
    BOOST_TEST_REQUIRE(start().has_value());
    h.receive(h.reply(200, "OK", "Expires: 120"));
    BOOST_TEST(h.ua.registration().state() == registration_state::registered);
    BOOST_TEST(h.ua.registration().granted() == 120u);
    BOOST_TEST(h.ua.registration().pub_gruu().empty());
    auto const before = h.sent.size();
    h.advance(60s);
    BOOST_TEST(h.sent.size() == before + 1);
}

BOOST_FIXTURE_TEST_CASE(interval_too_brief_retries_with_min_expires, fixture)
{
    BOOST_TEST_REQUIRE(start().has_value());
    h.receive(h.reply(423, "Interval Too Brief", "Min-Expires: 1200"));
    auto const retry = h.last_sent();
    BOOST_TEST(field(retry, "Expires") == "1200");
    BOOST_TEST(retry.cseq().number == 2u);
    BOOST_TEST(events.empty());
    h.receive(h.reply(423, "Interval Too Brief", "Min-Expires: 3600"));
    BOOST_TEST(h.ua.registration().state() == registration_state::failed);
    BOOST_TEST_REQUIRE(events.size() == 1u);
    BOOST_TEST(events[0].status == 423u);
}

BOOST_AUTO_TEST_CASE(wrong_password_fails_after_one_answer)
{
    account a = alice();
    a.password = "wrong";
    fixture f(a);
    BOOST_TEST_REQUIRE(f.start().has_value());
    f.h.receive(f.h.challenge());
    BOOST_TEST(f.h.sent.size() == 2u);
    BOOST_TEST((f.h.verify_last().result == sip::auth::verdict::bad_response));
    f.h.receive(f.h.challenge());
    BOOST_TEST(f.h.sent.size() == 2u); // no third REGISTER
    BOOST_TEST(f.h.ua.registration().state() == registration_state::failed);
    BOOST_TEST_REQUIRE(f.events.size() == 1u);
    BOOST_TEST(f.events[0].status == 401u);
}

BOOST_FIXTURE_TEST_CASE(no_answer_is_408, fixture)
{
    BOOST_TEST_REQUIRE(start().has_value());
    h.advance(40s); // Timer F: 64*T1
    BOOST_TEST(h.ua.registration().state() == registration_state::failed);
    BOOST_TEST_REQUIRE(events.size() == 1u);
    BOOST_TEST(events[0].status == 408u);
}

BOOST_FIXTURE_TEST_CASE(failed_refresh_is_retried_with_backoff, fixture)
{
    register_alice(300);
    h.advance(150s);
    h.receive(h.reply(503, "Service Unavailable"));
    BOOST_TEST(h.ua.registration().state() == registration_state::failed);
    BOOST_TEST_REQUIRE(events.size() == 2u);
    BOOST_TEST(events[1].refresh);
    BOOST_TEST(events[1].status == 503u);
    // RFC 5626 4.5: 30 s, then 60 s.
    auto const before = h.sent.size();
    h.advance(29s);
    BOOST_TEST(h.sent.size() == before);
    h.advance(1s);
    BOOST_TEST_REQUIRE(h.sent.size() == before + 1);
    BOOST_TEST(field(h.last_sent(), "Expires") == "600");
    h.receive(h.reply(500, "Server Internal Error"));
    h.advance(59s);
    BOOST_TEST(h.sent.size() == before + 1);
    h.advance(1s);
    BOOST_TEST_REQUIRE(h.sent.size() == before + 2);
    // The binding may still be live: it can be removed meanwhile.
    BOOST_TEST(h.ua.registration().granted() == 300u);
    h.receive(h.reply(200, "OK", granted_contact(300)));
    BOOST_TEST(h.ua.registration().state() == registration_state::registered);
    // Back to refreshing at half time.
    auto const after = h.sent.size();
    h.advance(149s);
    BOOST_TEST(h.sent.size() == after);
    h.advance(1s);
    BOOST_TEST(h.sent.size() == after + 1);
}

BOOST_FIXTURE_TEST_CASE(failed_first_registration_is_not_retried, fixture)
{
    BOOST_TEST_REQUIRE(start().has_value());
    h.receive(h.reply(403, "Forbidden"));
    BOOST_TEST(h.ua.registration().state() == registration_state::failed);
    auto const before = h.sent.size();
    h.advance(4000s);
    BOOST_TEST(h.sent.size() == before);
    auto const stopped = h.call([this](st::core& c) { return h.ua.registration().stop(c); });
    BOOST_TEST(stopped.error() == make_error_code(errc::not_registered));
}

BOOST_FIXTURE_TEST_CASE(deregistration_sends_expires_zero, fixture)
{
    register_alice(300);
    auto const call_id = std::string(h.last_sent().call_id());
    BOOST_TEST(h.call([this](st::core& c) { return h.ua.registration().stop(c); }).has_value());
    BOOST_TEST(h.ua.registration().state() == registration_state::unregistering);
    // REQ-7.1-P3: the same binding with Expires: 0 (RFC 3261 10.2.2).
    auto const m = h.last_sent();
    BOOST_TEST(field(m, "Expires") == "0");
    BOOST_TEST(m.call_id() == call_id);
    BOOST_TEST(m.cseq().number == 3u);
    BOOST_TEST(field(m, "Contact").find(alice().instance) != std::string::npos);
    BOOST_TEST(verified(h));
    h.receive(h.reply(200, "OK"));
    BOOST_TEST(h.ua.registration().state() == registration_state::unregistered);
    BOOST_TEST(h.ua.registration().granted() == 0u);
    BOOST_TEST(h.ua.registration().pub_gruu().empty());
    // The refresh timer is gone.
    auto const before = h.sent.size();
    h.advance(400s);
    BOOST_TEST(h.sent.size() == before);
    BOOST_TEST(h.timers.empty());
}

BOOST_FIXTURE_TEST_CASE(stop_needs_a_registration_and_start_no_pending_one, fixture)
{
    auto const stopped = h.call([this](st::core& c) { return h.ua.registration().stop(c); });
    BOOST_TEST(stopped.error() == make_error_code(errc::not_registered));
    BOOST_TEST_REQUIRE(start().has_value());
    BOOST_TEST(start().error() == make_error_code(errc::busy));
    BOOST_TEST(h.sent.size() == 1u);
}

BOOST_AUTO_TEST_CASE(instance_is_stable_per_name)
{
    BOOST_TEST(instance_for("alice@example.com host1") == instance_for("alice@example.com host1"));
    BOOST_TEST(instance_for("alice@example.com host1") != instance_for("alice@example.com host2"));
    std::string const u = instance_for("x");
    BOOST_TEST_REQUIRE(u.size() == 45u);
    BOOST_TEST(u[9 + 14] == '5'); // RFC 4122 4.3: version 5
}
