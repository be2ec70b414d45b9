// The target set of a request to our domain (RFC 3261 16.5) with GRUU
// resolution (RFC 5627 5.3) and caller preferences (RFC 3841 7.2): the
// CPM Accept-Contact of REQ-7.3.1-A.1 picks the CPM client among a user's
// devices.
#define BOOST_TEST_MODULE cpm_core_targets
#include <boost/test/unit_test.hpp>

#include "cpm/core/gruu.hpp"
#include "cpm/core/memory_location.hpp"
#include "cpm/core/targets.hpp"
#include "cpm/core/users_file.hpp"
#include "sip/builder.hpp"

#include <string>
#include <vector>

using namespace cpm::core;
using namespace std::chrono_literals;
namespace sip = cpm::sip;
using outcome = targets_result::outcome;

namespace {

wall_clock::time_point const t0 = wall_clock::time_point(std::chrono::seconds(1795564800));
constexpr std::string_view cpm_icsi = "+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg\"";

binding make(std::string contact, std::string features = {}, std::uint16_t q = 1000,
             wall_clock::time_point registered = t0)
{
    binding b;
    b.contact = std::move(contact);
    b.feature_params = std::move(features);
    b.q = q;
    b.registered = registered;
    b.expires = registered + 3600s;
    b.call_id = "c";
    b.cseq = 1;
    return b;
}

struct fixture {
    user_directory users{"example.com"};
    memory_location loc;

    fixture()
    {
        users.add_password("alice", "a");
        users.add_password("bob", "b");
        users.add_password("carol", "c");
    }

    targets_result find(std::string_view uri, caller_preferences const& prefs = {})
    {
        auto u = sip::parse_uri(uri);
        BOOST_TEST_REQUIRE(u.has_value());
        return find_targets(*u, loc, "example.com", users, t0 + 1s, prefs);
    }
};

std::vector<std::string> uris(targets_result const& r)
{
    std::vector<std::string> out;
    for (auto const& t : r.targets)
        out.push_back(t.uri);
    return out;
}

caller_preferences accept(std::string_view value, std::string_view method = "MESSAGE")
{
    return caller_preferences{method, {value}, {}};
}

// Bob has a CPM client (tagged), an old phone (audio only) and a device
// registered without feature tags.
void bob_devices(fixture& f)
{
    f.loc.store("sip:bob@example.com",
                {make("sip:bob@192.0.2.1", ";+g.oma.sip-im;" + std::string(cpm_icsi), 1000, t0),
                 make("sip:bob@192.0.2.2", ";audio;methods=\"INVITE,BYE,ACK\"", 1000, t0 + 1s),
                 make("sip:bob@192.0.2.3", "", 1000, t0 - 10s)});
}

} // namespace

BOOST_AUTO_TEST_CASE(outcomes_of_16_5)
{
    fixture f;
    f.loc.store("sip:alice@example.com", {make("sip:alice@192.0.2.9")});
    BOOST_TEST((f.find("sip:alice@other.example.net").result == outcome::not_ours));
    BOOST_TEST((f.find("tel:+12125550101").result == outcome::not_ours));
    BOOST_TEST((f.find("sip:dave@example.com").result == outcome::unknown_user));
    BOOST_TEST((f.find("sip:example.com").result == outcome::unknown_user));
    auto const offline = f.find("sip:carol@example.com");
    BOOST_TEST((offline.result == outcome::offline));
    BOOST_TEST(offline.aor == "sip:carol@example.com");
    // Host case and URI parameters do not matter; the user part's case does.
    auto const found = f.find("sip:alice@EXAMPLE.com;transport=tcp");
    BOOST_TEST((found.result == outcome::found));
    BOOST_TEST(found.aor == "sip:alice@example.com");
    BOOST_TEST(uris(found) == std::vector<std::string>{"sip:alice@192.0.2.9"}, boost::test_tools::per_element());
    BOOST_TEST((f.find("sip:Alice@example.com").result == outcome::unknown_user));
}

BOOST_AUTO_TEST_CASE(targets_carry_path_flow_and_q_order)
{
    fixture f;
    binding b = make("sip:alice@10.0.0.1:5070;transport=tcp", "", 500);
    b.path = {"<sip:edge.example.com;lr;ob>"};
    b.received = sip::stack::peer{"198.51.100.7", 40000, sip::stack::transport_kind::tcp};
    b.instance = "<urn:uuid:1>";
    f.loc.store("sip:alice@example.com", {b, make("sip:alice@192.0.2.9", "", 1000)});
    auto const r = f.find("sip:alice@example.com");
    BOOST_TEST_REQUIRE(r.targets.size() == 2u);
    BOOST_TEST(r.targets[0].uri == "sip:alice@192.0.2.9");
    BOOST_TEST(r.targets[1].uri == "sip:alice@10.0.0.1:5070;transport=tcp");
    BOOST_TEST(r.targets[1].q == 500);
    BOOST_TEST(r.targets[1].route == std::vector<std::string>{"<sip:edge.example.com;lr;ob>"},
               boost::test_tools::per_element());
    BOOST_TEST((r.targets[1].received == b.received));
    BOOST_TEST(r.targets[1].instance == "<urn:uuid:1>");
    BOOST_TEST(r.targets[1].score == 1000); // no Accept-Contact
}

BOOST_AUTO_TEST_CASE(public_gruu_reaches_one_instance_rfc5627)
{
    fixture f;
    binding phone = make("sip:alice@192.0.2.1", ";+sip.instance=\"<urn:uuid:aaa>\"");
    phone.instance = "<urn:uuid:aaa>";
    binding laptop = make("sip:alice@192.0.2.2", ";+sip.instance=\"<urn:uuid:bbb>\"");
    laptop.instance = "<urn:uuid:bbb>";
    f.loc.store("sip:alice@example.com", {phone, laptop});
    auto const r = f.find("sip:alice@example.com;gr=urn:uuid:bbb");
    BOOST_TEST((r.result == outcome::found));
    BOOST_TEST(uris(r) == std::vector<std::string>{"sip:alice@192.0.2.2"}, boost::test_tools::per_element());
    // Caller preferences do not apply to a GRUU.
    auto const rejected = f.find("sip:alice@example.com;gr=urn:uuid:bbb",
                                 caller_preferences{"MESSAGE", {}, {"*;+sip.instance=\"<urn:uuid:bbb>\""}});
    BOOST_TEST(rejected.targets.size() == 1u);
    BOOST_TEST((f.find("sip:alice@example.com;gr=urn:uuid:ccc").result == outcome::offline));
    BOOST_TEST((f.find("sip:dave@example.com;gr=urn:uuid:aaa").result == outcome::unknown_user));
}

BOOST_AUTO_TEST_CASE(temporary_gruu_rfc5627)
{
    fixture f;
    temp_gruu_issuer issuer("targets test secret, 32 bytes!!");
    binding b = make("sip:alice@192.0.2.1", ";+sip.instance=\"<urn:uuid:aaa>\"");
    b.instance = "<urn:uuid:aaa>";
    b.temp_gruu = issuer.issue("sip:alice@example.com", b.instance, b.call_id);
    f.loc.store("sip:alice@example.com", {b, make("sip:alice@192.0.2.2")});
    auto const r = f.find(temp_gruu_uri(b.temp_gruu, "example.com"));
    BOOST_TEST((r.result == outcome::found));
    BOOST_TEST(r.aor == "sip:alice@example.com");
    BOOST_TEST(uris(r) == std::vector<std::string>{"sip:alice@192.0.2.1"}, boost::test_tools::per_element());
    BOOST_TEST((f.find("sip:0123456789abcdef01234567.1@example.com;gr").result == outcome::unknown_user));
}

BOOST_AUTO_TEST_CASE(cpm_accept_contact_prefers_the_cpm_client_rfc3841)
{
    // REQ-7.3.1-A.1: Accept-Contact with the CPM feature tag. Without
    // require, every device stays; the CPM client scores highest among
    // equal q (7.2.4), ahead of the more recent phone.
    fixture f;
    bob_devices(f);
    auto const r = f.find("sip:bob@example.com", accept("*;+g.oma.sip-im", "INVITE"));
    BOOST_TEST((r.result == outcome::found));
    std::vector<std::string> const expected{"sip:bob@192.0.2.1", "sip:bob@192.0.2.2", "sip:bob@192.0.2.3"};
    BOOST_TEST(uris(r) == expected, boost::test_tools::per_element());
    BOOST_TEST(r.targets[0].score == 1000);
    BOOST_TEST(r.targets[1].score == 0);
}

BOOST_AUTO_TEST_CASE(require_and_explicit_rfc3841_7_2_4)
{
    fixture f;
    bob_devices(f);
    // require alone: a device that does not declare the feature still matches.
    auto const req = f.find("sip:bob@example.com", accept("*;+g.oma.sip-im;require", "INVITE"));
    BOOST_TEST(req.targets.size() == 3u);
    // require + explicit: only devices that declare it, plus the immune one
    // (registered without feature parameters).
    auto const strict = f.find("sip:bob@example.com", accept("*;+g.oma.sip-im;require;explicit", "INVITE"));
    BOOST_TEST(uris(strict) == (std::vector<std::string>{"sip:bob@192.0.2.1", "sip:bob@192.0.2.3"}),
               boost::test_tools::per_element());
    // A declared feature with another value does not match: removed under require.
    auto const other_service = f.find(
        "sip:bob@example.com",
        accept("*;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\";require", "INVITE"));
    BOOST_TEST(uris(other_service) == (std::vector<std::string>{"sip:bob@192.0.2.2", "sip:bob@192.0.2.3"}),
               boost::test_tools::per_element());
    // The CPM ICSI itself matches the CPM client.
    auto const icsi = f.find("sip:bob@example.com", accept("*;" + std::string(cpm_icsi) + ";require;explicit", "INVITE"));
    BOOST_TEST(uris(icsi).front() == "sip:bob@192.0.2.1");
    BOOST_TEST(icsi.targets.front().score == 1000);
}

BOOST_AUTO_TEST_CASE(scores_are_shares_of_declared_features)
{
    fixture f;
    f.loc.store("sip:carol@example.com", {make("sip:carol@192.0.2.1", ";audio", 1000, t0 + 5s),
                                          make("sip:carol@192.0.2.2", ";audio;video", 1000, t0)});
    auto const r = f.find("sip:carol@example.com", accept("*;audio;video"));
    BOOST_TEST_REQUIRE(r.targets.size() == 2u);
    BOOST_TEST(r.targets[0].uri == "sip:carol@192.0.2.2");
    BOOST_TEST(r.targets[0].score == 1000);
    BOOST_TEST(r.targets[1].score == 500);
    // q still comes first.
    f.loc.store("sip:carol@example.com", {make("sip:carol@192.0.2.1", ";audio", 1000),
                                          make("sip:carol@192.0.2.2", ";audio;video", 900)});
    BOOST_TEST(f.find("sip:carol@example.com", accept("*;audio;video")).targets[0].uri == "sip:carol@192.0.2.1");
}

BOOST_AUTO_TEST_CASE(reject_contact_rfc3841_7_2_3)
{
    fixture f;
    bob_devices(f);
    auto const r = f.find("sip:bob@example.com", caller_preferences{"INVITE", {}, {"*;+g.oma.sip-im"}});
    BOOST_TEST(uris(r) == (std::vector<std::string>{"sip:bob@192.0.2.2", "sip:bob@192.0.2.3"}),
               boost::test_tools::per_element());
    // A Reject-Contact naming a feature the device does not declare leaves it.
    auto const r2 = f.find("sip:bob@example.com", caller_preferences{"INVITE", {}, {"*;+g.oma.sip-im;video"}});
    BOOST_TEST(r2.targets.size() == 3u);
}

BOOST_AUTO_TEST_CASE(implicit_methods_preference_rfc3841_7_2_2_1)
{
    fixture f;
    bob_devices(f);
    // The phone lists INVITE, BYE, ACK only: a MESSAGE does not go there.
    auto const r = f.find("sip:bob@example.com", caller_preferences{"MESSAGE", {}, {}});
    BOOST_TEST(uris(r) == (std::vector<std::string>{"sip:bob@192.0.2.1", "sip:bob@192.0.2.3"}),
               boost::test_tools::per_element());
    BOOST_TEST(f.find("sip:bob@example.com", caller_preferences{"INVITE", {}, {}}).targets.size() == 3u);
}

BOOST_AUTO_TEST_CASE(numeric_and_negated_values)
{
    fixture f;
    f.loc.store("sip:carol@example.com", {make("sip:carol@192.0.2.1", ";+x.version=\"#5\""),
                                          make("sip:carol@192.0.2.2", ";+x.version=\"#2\";+x.kind=\"pc\"")});
    auto const ge3 = f.find("sip:carol@example.com", accept("*;+x.version=\"#>=3\";require"));
    BOOST_TEST(uris(ge3) == std::vector<std::string>{"sip:carol@192.0.2.1"}, boost::test_tools::per_element());
    auto const not_pc = f.find("sip:carol@example.com", accept("*;+x.kind=\"!pc\";require;explicit"));
    BOOST_TEST((not_pc.result == outcome::no_match));
    auto const range = f.find("sip:carol@example.com", accept("*;+x.version=\"#1:2\";require"));
    BOOST_TEST(uris(range) == std::vector<std::string>{"sip:carol@192.0.2.2"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(no_match_and_bad_preferences)
{
    fixture f;
    f.loc.store("sip:carol@example.com", {make("sip:carol@192.0.2.1", ";audio")});
    BOOST_TEST((f.find("sip:carol@example.com", accept("*;video;require;explicit")).result == outcome::no_match));
    auto const bad = f.find("sip:carol@example.com", accept("+g.oma.sip-im"));
    BOOST_TEST((bad.result == outcome::bad_request));
    BOOST_TEST(!bad.error.empty());
}

BOOST_AUTO_TEST_CASE(preferences_of_a_request)
{
    std::string text;
    sip::message_builder b(text);
    b.request_line("MESSAGE", "sip:bob@example.com")
        .header(sip::header_id::via, "SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK1")
        .header(sip::header_id::max_forwards, "70")
        .header(sip::header_id::to, "<sip:bob@example.com>")
        .tagged(sip::header_id::from, "<sip:alice@example.com>", "1")
        .header(sip::header_id::call_id, "x")
        .header(sip::header_id::cseq, "1 MESSAGE")
        .header("Accept-Contact", "*;+g.oma.sip-im")
        .header("a", "*;audio;require")
        .header("Reject-Contact", "*;video");
    b.finish();
    auto m = sip::message::parse(sip::abnf::text_buffer(text));
    BOOST_TEST_REQUIRE(m.has_value());
    auto const p = preferences_of(*m);
    BOOST_TEST(p.method == "MESSAGE");
    BOOST_TEST(p.accept_contact == (std::vector<std::string_view>{"*;+g.oma.sip-im", "*;audio;require"}),
               boost::test_tools::per_element());
    BOOST_TEST(p.reject_contact == std::vector<std::string_view>{"*;video"}, boost::test_tools::per_element());
}
