// The registrar (RFC 3261 10.3 steps 1 to 8) with RFC 5626 flows, RFC 5627
// GRUUs, RFC 3327 Path, RFC 3608 Service-Route and the CPM registration of
// the CPM draft 7.1 (REQ-7.1-P1, REQ-7.1-A.2 to A.5, REQ-7.1-P2, REQ-7.1-P3).
#define BOOST_TEST_MODULE cpm_core_registrar
#include <boost/test/unit_test.hpp>

#include "cpm/core/memory_location.hpp"
#include "cpm/core/registrar.hpp"
#include "cpm/core/users_file.hpp"
#include "sip/auth/client_credentials.hpp"
#include "sip/builder.hpp"
#include "sip/contact.hpp"
#include "sip/date.hpp"
#include "sip/digest.hpp"
#include "sip/name_addr.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace cpm::core;
using namespace std::chrono_literals;
namespace sip = cpm::sip;
using sip::header_id;

namespace {

wall_clock::time_point const t0 = wall_clock::time_point(std::chrono::seconds(1795564800)); // 2026-11-25T00:00:00Z
constexpr std::string_view alice = "sip:alice@example.com";
constexpr std::string_view uuid = "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6";
constexpr std::string_view cpm_tags =
    "+g.oma.sip-im;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg\"";

using fields = std::vector<std::pair<header_id, std::string>>;

sip::message parse(std::string_view text)
{
    auto m = sip::message::parse(sip::abnf::text_buffer(text));
    BOOST_TEST_REQUIRE(m.has_value(), (m ? std::string() : m.error().message) << "\n" << text);
    return std::move(*m);
}

struct req {
    fields extra;
    std::uint32_t cseq = 1;
    std::string call_id = "a84b4c76e66710@pc33.example.com";
    std::string to = std::string(alice);
    std::string uri = "sip:example.com";
    std::string method = "REGISTER";
};

std::string text_of(req const& r)
{
    std::string out;
    sip::message_builder b(out);
    b.request_line(r.method, r.uri)
        .header(header_id::via, "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds" + std::to_string(r.cseq))
        .header(header_id::max_forwards, "70")
        .header(header_id::to, "<" + r.to + ">")
        .tagged(header_id::from, "<" + r.to + ">", "456248")
        .header(header_id::call_id, r.call_id)
        .header(header_id::cseq, std::to_string(r.cseq) + " " + r.method);
    for (auto const& [id, value] : r.extra)
        b.header(id, value);
    b.finish();
    return out;
}

struct fixed_source final : sip::auth::credential_source {
    sip::auth::client_secret secret;
    std::optional<sip::auth::client_secret> credentials(std::string_view) override { return secret; }
};

registrar_config default_config()
{
    registrar_config c;
    c.domain = "example.com";
    c.secret = "registrar test secret, 32 bytes!";
    c.agent = "cpm-test";
    return c;
}

struct fixture {
    user_directory users{"example.com"};
    memory_location loc;
    std::optional<registrar> reg;
    sip::stack::peer from{"192.0.2.10", 5060, sip::stack::transport_kind::udp};

    explicit fixture(registrar_config config = default_config())
    {
        users.add_password("alice", "wonderland");
        users.add_password("bob", "builder");
        reg.emplace(std::move(config), loc, users);
    }

    /// The response to @p r from a trusted peer (no Digest).
    sip::message send(req const& r, wall_clock::time_point now = t0, bool trusted = true)
    {
        auto const request = parse(text_of(r));
        return parse(reg->handle(request, from, now, trusted));
    }

    /// Challenge, then the retried request with @p user's credentials (CSeq + 1).
    sip::message send_authenticated(req r, std::string user, std::string password, wall_clock::time_point now = t0)
    {
        auto const first = parse(text_of(r));
        auto const challenge = parse(reg->handle(first, from, now));
        BOOST_TEST_REQUIRE(challenge.status_code() == 401u);
        fixed_source source;
        source.secret = {std::move(user), std::move(password)};
        sip::auth::digest_client client(source);
        auto auth = client.answer(challenge, first);
        BOOST_TEST_REQUIRE(auth.has_value());
        for (auto const& a : *auth)
            r.extra.emplace_back(a.header, a.value);
        ++r.cseq;
        return parse(reg->handle(parse(text_of(r)), from, now));
    }
};

std::vector<sip::contact> contacts(sip::message const& m)
{
    std::vector<sip::contact> out;
    for (auto const& f : m.headers())
        if (f.id == header_id::contact) {
            auto list = sip::parse_contact(f.value);
            BOOST_TEST_REQUIRE(list.has_value(), (list ? "" : list.error().message) << ": " << f.value);
            out.insert(out.end(), list->contacts.begin(), list->contacts.end());
        }
    return out;
}

std::vector<std::string_view> values(sip::message const& m, header_id id)
{
    std::vector<std::string_view> out;
    for (auto const& f : m.headers())
        if (f.id == id)
            out.push_back(f.value);
    return out;
}

std::string_view value(sip::message const& m, header_id id)
{
    auto const* f = m.find(id);
    return f ? f->value : std::string_view{};
}

std::string_view warning(sip::message const& m)
{
    return value(m, header_id::warning);
}

std::string instance_param(std::string_view urn = uuid) { return ";+sip.instance=\"<" + std::string(urn) + ">\""; }

} // namespace

BOOST_AUTO_TEST_CASE(digest_challenge_then_binding_rfc3261_10_3_step_3)
{
    // REQ-7.1-P1: registration per RFC 3261 and the SIP/IP Core (Digest).
    fixture f;
    auto const r = f.send_authenticated({{{header_id::contact, "<sip:alice@192.0.2.10:5060>"}}}, "alice", "wonderland");
    BOOST_TEST(r.status_code() == 200u);
    BOOST_TEST(!r.to().tag.empty()); // 8.2.6.2
    auto const c = contacts(r);
    BOOST_TEST_REQUIRE(c.size() == 1u);
    BOOST_TEST(c[0].address.uri == "sip:alice@192.0.2.10:5060");
    BOOST_TEST(c[0].expires.value() == 3600u); // default_expires
    auto date = sip::parse_date(value(r, header_id::date));
    BOOST_TEST_REQUIRE(date.has_value());
    BOOST_TEST(date->raw == "Wed, 25 Nov 2026 00:00:00 GMT");
    BOOST_TEST(value(r, header_id::server) == "cpm-test");

    auto const stored = f.loc.lookup(alice, t0);
    BOOST_TEST_REQUIRE(stored.size() == 1u);
    BOOST_TEST(stored[0].contact == "sip:alice@192.0.2.10:5060");
    BOOST_TEST((stored[0].expires == t0 + 3600s));
    BOOST_TEST(stored[0].cseq == 2u);
    BOOST_TEST((stored[0].received == f.from));
    BOOST_TEST(f.reg->stats().challenged == 1u);
    BOOST_TEST(f.reg->stats().ok == 1u);
}

BOOST_AUTO_TEST_CASE(challenge_names_the_domain_as_realm)
{
    fixture f;
    auto const r = f.send({{{header_id::contact, "<sip:alice@192.0.2.10>"}}}, t0, false);
    BOOST_TEST(r.status_code() == 401u);
    auto const challenges = values(r, header_id::www_authenticate);
    BOOST_TEST_REQUIRE(!challenges.empty());
    for (auto c : challenges)
        BOOST_TEST(c.find("realm=\"example.com\"") != std::string_view::npos);
    BOOST_TEST(f.loc.binding_count() == 0u);
}

BOOST_AUTO_TEST_CASE(wrong_password_is_challenged_again)
{
    fixture f;
    auto const r = f.send_authenticated({{{header_id::contact, "<sip:alice@192.0.2.10>"}}}, "alice", "nope");
    BOOST_TEST(r.status_code() == 401u);
    BOOST_TEST(f.loc.binding_count() == 0u);
}

BOOST_AUTO_TEST_CASE(stale_nonce_is_challenged_with_stale_true)
{
    fixture f;
    req r{{{header_id::contact, "<sip:alice@192.0.2.10>"}}};
    auto const first = parse(text_of(r));
    auto const challenge = parse(f.reg->handle(first, f.from, t0));
    BOOST_TEST_REQUIRE(challenge.status_code() == 401u);
    fixed_source source;
    source.secret = {"alice", "wonderland"};
    sip::auth::digest_client client(source);
    auto auth = client.answer(challenge, first);
    BOOST_TEST_REQUIRE(auth.has_value());
    for (auto const& a : *auth)
        r.extra.emplace_back(a.header, a.value);
    r.cseq = 2;
    // Right password, nonce older than its lifetime (300 s by default).
    auto const late = parse(f.reg->handle(parse(text_of(r)), f.from, t0 + 400s));
    BOOST_TEST(late.status_code() == 401u);
    BOOST_TEST(value(late, header_id::www_authenticate).find("stale=true") != std::string_view::npos);
    BOOST_TEST(f.loc.binding_count() == 0u);
}

BOOST_AUTO_TEST_CASE(malformed_credentials_get_400)
{
    fixture f;
    auto const r = f.send({{{header_id::contact, "<sip:alice@192.0.2.10>"},
                            {header_id::authorization, "Digest username=\"alice\", realm=\"example.com\", nonce="}}},
                          t0, false);
    BOOST_TEST(r.status_code() == 400u);
    BOOST_TEST(!warning(r).empty());
}

BOOST_AUTO_TEST_CASE(only_the_own_aor_rfc3261_10_3_step_4)
{
    fixture f;
    req r{{{header_id::contact, "<sip:bob@192.0.2.10>"}}};
    r.to = "sip:bob@example.com";
    auto const resp = f.send_authenticated(r, "alice", "wonderland");
    BOOST_TEST(resp.status_code() == 403u);
    BOOST_TEST(warning(resp).find("user 'alice' may not change the bindings of sip:bob@example.com") !=
               std::string_view::npos);
    BOOST_TEST(f.loc.binding_count() == 0u);
}

BOOST_AUTO_TEST_CASE(other_domains_get_404_rfc3261_10_3_steps_1_and_5)
{
    fixture f;
    req r{{{header_id::contact, "<sip:alice@192.0.2.10>"}}};
    r.uri = "sip:other.example.net";
    BOOST_TEST(!f.reg->responsible_for(parse(text_of(r))));
    auto const a = f.send(r);
    BOOST_TEST(a.status_code() == 404u);
    BOOST_TEST(warning(a).find("keeps no bindings for other.example.net") != std::string_view::npos);

    req s{{{header_id::contact, "<sip:alice@192.0.2.10>"}}};
    BOOST_TEST(f.reg->responsible_for(parse(text_of(s))));
    s.to = "sip:alice@other.example.net";
    BOOST_TEST(f.send(s).status_code() == 404u);
    s.to = "sip:alice@example.com:5070"; // another AOR than the domain's
    BOOST_TEST(f.send(s).status_code() == 404u);
    BOOST_TEST(f.loc.binding_count() == 0u);
}

BOOST_AUTO_TEST_CASE(require_rfc3261_10_3_step_2)
{
    fixture f;
    // REQ-7.1-A.5: Require: gruu is understood.
    auto const ok = f.send({{{header_id::contact, "<sip:alice@192.0.2.10>"},
                             {header_id::require, "gruu"},
                             {header_id::supported, "gruu"}}});
    BOOST_TEST(ok.status_code() == 200u);
    auto const bad = f.send({{{header_id::contact, "<sip:alice@192.0.2.10>"}, {header_id::require, "gruu, 100rel, foo"}},
                             2});
    BOOST_TEST(bad.status_code() == 420u);
    BOOST_TEST(value(bad, header_id::unsupported) == "100rel, foo");
}

BOOST_AUTO_TEST_CASE(wildcard_removes_everything_rfc3261_10_3_step_6)
{
    fixture f;
    f.send({{{header_id::contact, "<sip:alice@192.0.2.10>, <sip:alice@192.0.2.11>"}}});
    BOOST_TEST(f.loc.binding_count() == 2u);

    // "*" needs Expires: 0 and must be alone.
    auto const no_expires = f.send({{{header_id::contact, "*"}}, 2});
    BOOST_TEST(no_expires.status_code() == 400u);
    BOOST_TEST(warning(no_expires).find("'*' requires Expires: 0") != std::string_view::npos);
    BOOST_TEST(f.send({{{header_id::contact, "*"}, {header_id::expires, "3600"}}, 3}).status_code() == 400u);
    auto const not_alone =
        f.send({{{header_id::contact, "*"}, {header_id::contact, "<sip:alice@192.0.2.12>"}, {header_id::expires, "0"}}, 4});
    BOOST_TEST(not_alone.status_code() == 400u);
    BOOST_TEST(warning(not_alone).find("'*' must be the only Contact") != std::string_view::npos);
    BOOST_TEST(f.loc.binding_count() == 2u);

    // REQ-7.1-P3: de-registration.
    auto const gone = f.send({{{header_id::contact, "*"}, {header_id::expires, "0"}}, 5});
    BOOST_TEST(gone.status_code() == 200u);
    BOOST_TEST(contacts(gone).empty());
    BOOST_TEST(f.loc.aor_count() == 0u);
}

BOOST_AUTO_TEST_CASE(wildcard_obeys_call_id_and_cseq)
{
    fixture f;
    f.send({{{header_id::contact, "<sip:alice@192.0.2.10>"}}, 10});
    auto const stale = f.send({{{header_id::contact, "*"}, {header_id::expires, "0"}}, 9});
    BOOST_TEST(stale.status_code() == 500u);
    BOOST_TEST(f.loc.binding_count() == 1u);
    req other{{{header_id::contact, "*"}, {header_id::expires, "0"}}, 1};
    other.call_id = "another-call-id";
    BOOST_TEST(f.send(other).status_code() == 200u);
    BOOST_TEST(f.loc.binding_count() == 0u);
}

BOOST_AUTO_TEST_CASE(expiration_intervals_rfc3261_10_3_step_7)
{
    fixture f;
    // The Contact's expires parameter wins over Expires, which wins over the default.
    auto const r = f.send({{{header_id::contact, "<sip:alice@192.0.2.10>;expires=120, <sip:alice@192.0.2.11>"},
                            {header_id::expires, "600"}}});
    BOOST_TEST(r.status_code() == 200u);
    auto const c = contacts(r);
    BOOST_TEST_REQUIRE(c.size() == 2u);
    for (auto const& x : c)
        BOOST_TEST(x.expires.value() == (x.address.uri == "sip:alice@192.0.2.10" ? 120u : 600u));

    // Longer than the maximum: shortened.
    auto const longer = f.send({{{header_id::contact, "<sip:alice@192.0.2.12>;expires=86400"}}, 2});
    for (auto const& x : contacts(longer))
        if (x.address.uri == "sip:alice@192.0.2.12")
            BOOST_TEST(x.expires.value() == 3600u);

    // Too brief: 423 with Min-Expires, nothing changes (10.3: atomic).
    auto const brief = f.send({{{header_id::contact, "<sip:alice@192.0.2.13>;expires=30, <sip:alice@192.0.2.14>"}}, 3});
    BOOST_TEST(brief.status_code() == 423u);
    BOOST_TEST(value(brief, header_id::min_expires) == "60");
    BOOST_TEST(f.loc.binding_count() == 3u);

    // 0 is always allowed: it removes that binding.
    auto const removed = f.send({{{header_id::contact, "<sip:alice@192.0.2.10>;expires=0"}}, 4});
    BOOST_TEST(removed.status_code() == 200u);
    BOOST_TEST(contacts(removed).size() == 2u);
    BOOST_TEST(f.loc.binding_count() == 2u);
}

BOOST_AUTO_TEST_CASE(min_expires_over_an_hour_only_refuses_under_an_hour)
{
    auto config = default_config();
    config.min_expires = 7200s;
    config.max_expires = 86400s;
    fixture f(config);
    // 10.3 step 7: 423 only for intervals under one hour.
    auto const brief = f.send({{{header_id::contact, "<sip:alice@192.0.2.10>;expires=3599"}}});
    BOOST_TEST(brief.status_code() == 423u);
    BOOST_TEST(value(brief, header_id::min_expires) == "7200");
    BOOST_TEST(f.send({{{header_id::contact, "<sip:alice@192.0.2.10>;expires=3600"}}, 2}).status_code() == 200u);
}

BOOST_AUTO_TEST_CASE(call_id_and_cseq_order_rfc3261_10_3_step_7)
{
    fixture f;
    f.send({{{header_id::contact, "<sip:alice@192.0.2.10>"}}, 5});
    // Same Call-ID, CSeq not higher: the update fails.
    auto const equal = f.send({{{header_id::contact, "<sip:alice@192.0.2.10>;expires=0"}}, 5});
    BOOST_TEST(equal.status_code() == 500u);
    BOOST_TEST(warning(equal).find("CSeq: 5 is not above 5") != std::string_view::npos);
    BOOST_TEST(f.send({{{header_id::contact, "<sip:alice@192.0.2.10>;expires=0"}}, 4}).status_code() == 500u);
    BOOST_TEST(f.loc.binding_count() == 1u);
    // REQ-7.1-P2: a refresh with a higher CSeq updates the binding.
    auto const refresh = f.send({{{header_id::contact, "<sip:alice@192.0.2.10>;expires=1800"}}, 6}, t0 + 100s);
    BOOST_TEST(refresh.status_code() == 200u);
    BOOST_TEST((f.loc.lookup(alice, t0 + 100s).at(0).expires == t0 + 1900s));
    // Another Call-ID may update it whatever its CSeq.
    req other{{{header_id::contact, "<sip:alice@192.0.2.10>"}}, 1};
    other.call_id = "rebooted";
    BOOST_TEST(f.send(other).status_code() == 200u);
    BOOST_TEST(f.loc.lookup(alice, t0).at(0).call_id == "rebooted");
    // The URI comparison of 19.1.4: same binding despite the host's case.
    f.send({{{header_id::contact, "<sip:alice@EXAMPLE.org>"}}, 7});
    auto const same = f.send({{{header_id::contact, "<sip:alice@example.org>"}}, 8});
    BOOST_TEST(contacts(same).size() == 2u);
}

BOOST_AUTO_TEST_CASE(q_values_and_several_contacts)
{
    fixture f;
    auto const r = f.send({{{header_id::contact, "<sip:alice@192.0.2.10>;q=0.5"},
                            {header_id::contact, "<sip:alice@192.0.2.11>;q=1.0, <sip:alice@192.0.2.12>;q=0.25"}}});
    BOOST_TEST(r.status_code() == 200u);
    auto const c = contacts(r);
    BOOST_TEST_REQUIRE(c.size() == 3u);
    // Highest q first; q written back except for 1.
    BOOST_TEST(c[0].address.uri == "sip:alice@192.0.2.11");
    BOOST_TEST(!c[0].q.has_value());
    BOOST_TEST(c[1].address.uri == "sip:alice@192.0.2.10");
    BOOST_TEST(c[1].q.value() == 500);
    BOOST_TEST(c[2].q.value() == 250);
    auto const stored = f.loc.lookup(alice, t0);
    BOOST_TEST_REQUIRE(stored.size() == 3u);
    BOOST_TEST(stored[2].contact == "sip:alice@192.0.2.12");
    BOOST_TEST(stored[2].q == 250);
}

BOOST_AUTO_TEST_CASE(fetch_lists_bindings_with_time_left_rfc3261_10_2_3)
{
    fixture f;
    f.send({{{header_id::contact, "<sip:alice@192.0.2.10>"}}});
    auto const fetched = f.send({{}, 2}, t0 + 100s);
    BOOST_TEST(fetched.status_code() == 200u);
    auto const c = contacts(fetched);
    BOOST_TEST_REQUIRE(c.size() == 1u);
    BOOST_TEST(c[0].expires.value() == 3500u);
    BOOST_TEST(f.loc.lookup(alice, t0).at(0).cseq == 1u); // a fetch changes nothing
}

BOOST_AUTO_TEST_CASE(cpm_feature_tags_kept_with_the_binding)
{
    // REQ-7.1-A.2 / A.3: the CPM feature tag and +sip.instance in the Contact.
    fixture f;
    auto const r = f.send({{{header_id::contact, "<sip:alice@192.0.2.10>;" + std::string(cpm_tags) +
                                                     instance_param() + ";foo=bar;expires=600"}}});
    BOOST_TEST(r.status_code() == 200u);
    auto const stored = f.loc.lookup(alice, t0);
    BOOST_TEST_REQUIRE(stored.size() == 1u);
    BOOST_TEST(stored[0].feature_params == ";" + std::string(cpm_tags) + instance_param());
    BOOST_TEST(stored[0].instance == "<" + std::string(uuid) + ">");
    auto const c = contacts(r);
    BOOST_TEST_REQUIRE(c.size() == 1u);
    BOOST_TEST(c[0].features().contains("+g.oma.sip-im"));
    BOOST_TEST(c[0].features().has_icsi("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg"));
    BOOST_TEST(c[0].instance == uuid);
    BOOST_TEST(!c[0].address.params.contains("foo"));
    // Without Supported: gruu, no GRUU is handed out.
    BOOST_TEST(c[0].pub_gruu.empty());
    BOOST_TEST(c[0].temp_gruu.empty());
}

BOOST_AUTO_TEST_CASE(gruus_rfc5627)
{
    // REQ-7.1-A.3 to A.5: +sip.instance, Supported: gruu, Require: gruu.
    fixture f;
    req r{{{header_id::contact, "<sip:alice@192.0.2.10>;+g.oma.sip-im" + instance_param()},
           {header_id::supported, "gruu, path"},
           {header_id::require, "gruu"}}};
    auto const first = f.send(r);
    BOOST_TEST(first.status_code() == 200u);
    auto const c1 = contacts(first);
    BOOST_TEST_REQUIRE(c1.size() == 1u);
    BOOST_TEST(c1[0].pub_gruu == "sip:alice@example.com;gr=" + std::string(uuid));
    BOOST_TEST(c1[0].temp_gruu.ends_with("@example.com;gr"));
    BOOST_TEST(c1[0].temp_gruu.starts_with("sip:"));
    // The temp-gruu reveals nothing of the AOR (5.1.2) and resolves.
    BOOST_TEST(c1[0].temp_gruu.find("alice") == std::string_view::npos);
    auto const temp1 = sip::parse_uri(c1[0].temp_gruu);
    BOOST_TEST_REQUIRE(temp1.has_value());
    BOOST_TEST(temp1->sip.has_gr);
    auto const user1 = temp1->sip.user_text();
    auto found = f.loc.find_temp_gruu(user1, t0);
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->first == alice);
    BOOST_TEST(found->second.contact == "sip:alice@192.0.2.10");

    // A refresh gets a new temp-gruu; the first still resolves.
    r.cseq = 2;
    auto const second = f.send(r, t0 + 60s);
    auto const c2 = contacts(second);
    BOOST_TEST_REQUIRE(c2.size() == 1u);
    BOOST_TEST(c2[0].temp_gruu != c1[0].temp_gruu);
    BOOST_TEST(c2[0].pub_gruu == c1[0].pub_gruu);
    BOOST_TEST(f.loc.find_temp_gruu(user1, t0 + 60s).has_value());

    // A contact without an instance gets no GRUU.
    auto const plain = f.send({{{header_id::contact, "<sip:alice@192.0.2.99>"}, {header_id::supported, "gruu"}}, 3});
    for (auto const& c : contacts(plain))
        if (c.address.uri == "sip:alice@192.0.2.99")
            BOOST_TEST(c.pub_gruu.empty());
}

BOOST_AUTO_TEST_CASE(outbound_flows_rfc5626)
{
    fixture f;
    auto const contact = [](std::string uri, int reg_id) {
        return "<" + uri + ">" + instance_param() + ";reg-id=" + std::to_string(reg_id);
    };
    auto const a = f.send({{{header_id::contact, contact("sip:alice@192.0.2.10:5060", 1)}}});
    BOOST_TEST(a.status_code() == 200u);
    BOOST_TEST(value(a, header_id::require) == "outbound");
    // The same flow (instance, reg-id) from a new address replaces the old
    // binding, even under a new Call-ID.
    req moved{{{header_id::contact, contact("sip:alice@192.0.2.20:6000", 1)}}, 1};
    moved.call_id = "after-reconnect";
    auto const b = f.send(moved);
    BOOST_TEST(b.status_code() == 200u);
    auto const stored = f.loc.lookup(alice, t0);
    BOOST_TEST_REQUIRE(stored.size() == 1u);
    BOOST_TEST(stored[0].contact == "sip:alice@192.0.2.20:6000");
    BOOST_TEST(stored[0].reg_id == 1u);
    // A second flow of the instance is a second binding.
    req second{{{header_id::contact, contact("sip:alice@192.0.2.30:7000", 2)}}, 2};
    second.call_id = "after-reconnect";
    f.send(second);
    BOOST_TEST(f.loc.binding_count() == 2u);
    // One Contact only with reg-id (RFC 5626 6).
    auto const two = f.send({{{header_id::contact, contact("sip:alice@192.0.2.40", 3) + ", <sip:alice@192.0.2.41>"}}, 3});
    BOOST_TEST(two.status_code() == 400u);
}

BOOST_AUTO_TEST_CASE(reg_id_ignored_behind_a_first_hop_without_outbound)
{
    fixture f;
    auto const r = f.send({{{header_id::contact, "<sip:alice@192.0.2.10>" + instance_param() + ";reg-id=1"},
                            {header_id::path, "<sip:edge.example.com;lr>"}}});
    BOOST_TEST(r.status_code() == 200u);
    BOOST_TEST(value(r, header_id::require).empty());
    BOOST_TEST(f.loc.lookup(alice, t0).at(0).reg_id == 0u);
    auto const ob = f.send({{{header_id::contact, "<sip:alice@192.0.2.11>" + instance_param() + ";reg-id=1"},
                             {header_id::path, "<sip:edge.example.com;lr;ob>"}},
                            2});
    BOOST_TEST(value(ob, header_id::require) == "outbound");
}

BOOST_AUTO_TEST_CASE(path_stored_and_echoed_rfc3327)
{
    fixture f;
    auto const without = f.send({{{header_id::contact, "<sip:alice@192.0.2.10>"},
                                  {header_id::path, "<sip:p1.example.com;lr>"},
                                  {header_id::path, "<sip:p2.example.com;lr>, <sip:p3.example.com;lr>"}}});
    BOOST_TEST(without.status_code() == 200u);
    BOOST_TEST(values(without, header_id::path).empty()); // the UA did not say Supported: path
    auto const stored = f.loc.lookup(alice, t0);
    BOOST_TEST_REQUIRE(stored.size() == 1u);
    std::vector<std::string> const expected{"<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>",
                                            "<sip:p3.example.com;lr>"};
    BOOST_TEST(stored[0].path == expected, boost::test_tools::per_element());

    auto const with = f.send({{{header_id::contact, "<sip:alice@192.0.2.10>"},
                               {header_id::path, "<sip:p1.example.com;lr>"},
                               {header_id::supported, "path"}},
                              2});
    auto const echoed = values(with, header_id::path);
    BOOST_TEST_REQUIRE(echoed.size() == 1u);
    BOOST_TEST(echoed[0] == "<sip:p1.example.com;lr>");
}

BOOST_AUTO_TEST_CASE(service_route_rfc3608)
{
    auto config = default_config();
    config.service_route = {"<sip:orig@scscf.example.com;lr>"};
    fixture f(config);
    auto const r = f.send({{{header_id::contact, "<sip:alice@192.0.2.10>"}}});
    auto const routes = values(r, header_id::service_route);
    BOOST_TEST_REQUIRE(routes.size() == 1u);
    BOOST_TEST(routes[0] == "<sip:orig@scscf.example.com;lr>");
    fixture plain;
    BOOST_TEST(values(plain.send({{{header_id::contact, "<sip:alice@192.0.2.10>"}}}), header_id::service_route).empty());
}

BOOST_AUTO_TEST_CASE(bad_requests)
{
    fixture f;
    auto const bad_contact = f.send({{{header_id::contact, "<sip:alice@192.0.2.10>;q=2"}}});
    BOOST_TEST(bad_contact.status_code() == 400u);
    BOOST_TEST(warning(bad_contact).find("Contact") != std::string_view::npos);
    BOOST_TEST(f.send({{{header_id::contact, "<sip:alice@192.0.2.10>"}, {header_id::expires, "soon"}}}).status_code() ==
               400u);
    req message{{}, 1};
    message.method = "MESSAGE";
    message.uri = std::string(alice);
    auto const not_register = f.send(message);
    BOOST_TEST(not_register.status_code() == 405u);
    BOOST_TEST(value(not_register, header_id::allow) == "REGISTER");
}

BOOST_AUTO_TEST_CASE(too_many_bindings)
{
    auto config = default_config();
    config.max_bindings = 2;
    fixture f(config);
    BOOST_TEST(f.send({{{header_id::contact, "<sip:a@192.0.2.1>, <sip:a@192.0.2.2>"}}}).status_code() == 200u);
    BOOST_TEST(f.send({{{header_id::contact, "<sip:a@192.0.2.3>"}}, 2}).status_code() == 403u);
    BOOST_TEST(f.loc.binding_count() == 2u);
}
