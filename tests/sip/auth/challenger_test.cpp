// The server side: challenges as sent (parsed back with sip/digest.hpp),
// 401/407/400 responses, and every verdict of verify() with hand-made
// credentials.
#define BOOST_TEST_MODULE sip_auth_challenger
#include <boost/test/unit_test.hpp>

#include "auth_fixture.hpp"

#include "sip/auth/challenger.hpp"
#include "sip/auth/digest_hash.hpp"
#include "sip/warning.hpp"

using namespace cpm::sip;
using namespace cpm::sip::auth;
using namespace cpm::sip::auth::test;

namespace {

constexpr std::string_view realm = "biloxi.example.com";
constexpr std::string_view target = "sip:biloxi.example.com"; // the Request-URI

struct server {
    memory_user_store users;
    challenger_config config;
    std::optional<challenger> c;
    std::optional<cpm::sip::message> last; // the last request verify() checked

    explicit server(auth_kind kind = auth_kind::www, bool rfc2069 = true)
    {
        users.add_password(realm, "bob", "zanzibar");
        users.add_ha1(realm, "carol", digest_algorithm::md5, digest_ha1(digest_algorithm::md5, "carol", realm, "secret"));
        config.realm = realm;
        config.secret = "0123456789abcdef0123456789abcdef";
        config.kind = kind;
        config.accept_rfc2069 = rfc2069;
        c.emplace(config, users);
    }
    // A nonce and the opaque from a challenge issued at @p when.
    std::pair<std::string, std::string> nonce(wall_clock::time_point when = t0) const
    {
        std::string const value = c->challenges(when).front();
        auto parsed = parse_challenge(value, "WWW-Authenticate");
        BOOST_REQUIRE(parsed.has_value());
        return {std::string(parsed->nonce), std::string(parsed->opaque)};
    }
};

// Credentials as a client would write them (see client_credentials_test
// for the client itself).
struct creds {
    std::string username = "bob";
    std::string password = "zanzibar";
    std::string realm = std::string(::realm);
    std::string nonce;
    std::string opaque;
    std::string uri = std::string(target);
    std::string algorithm = "SHA-256"; ///< empty: no algorithm parameter (MD5)
    std::string qop = "auth";          ///< empty: RFC 2069 form
    std::string nc = "00000001";
    std::string cnonce = "0a4f113b";
    std::string method = "REGISTER"; ///< the method the response is computed for

    std::string value() const
    {
        digest_algorithm const alg = digest_algorithm_from(algorithm);
        std::string const ha1 = digest_ha1(base_algorithm(alg), username, realm, password);
        std::string const response = digest_response({.algorithm = alg,
                                                      .ha1 = ha1,
                                                      .nonce = nonce,
                                                      .nc = qop.empty() ? "" : nc,
                                                      .cnonce = qop.empty() ? "" : cnonce,
                                                      .qop = qop,
                                                      .method = method,
                                                      .uri = uri});
        std::string out = "Digest username=\"" + username + "\", realm=\"" + realm + "\", nonce=\"" + nonce +
                          "\", uri=\"" + uri + "\", response=\"" + response + "\"";
        if (!algorithm.empty())
            out += ", algorithm=" + algorithm;
        if (!opaque.empty())
            out += ", opaque=\"" + opaque + "\"";
        if (!qop.empty())
            out += ", qop=" + qop + ", nc=" + nc + ", cnonce=\"" + cnonce + "\"";
        return out;
    }
};

creds fresh_creds(server const& s, wall_clock::time_point when = t0)
{
    creds c;
    std::tie(c.nonce, c.opaque) = s.nonce(when);
    return c;
}

verification verify(server& s, creds const& c, wall_clock::time_point now = t0 + 1s, std::string_view method = "REGISTER",
                    auth_kind kind = auth_kind::www)
{
    // verification::username views the request: keep it alive in the server.
    s.last.emplace(request(method, target, {{credentials_header(kind), c.value()}}));
    return s.c->verify(*s.last, now);
}

} // namespace

BOOST_AUTO_TEST_CASE(challenges_offer_each_algorithm_with_realm_nonce_opaque_and_qop)
{
    server s;
    auto const values = s.c->challenges(t0);
    BOOST_REQUIRE_EQUAL(values.size(), 2u);
    auto const sha = parse_challenge(values[0], "WWW-Authenticate");
    auto const md5 = parse_challenge(values[1], "WWW-Authenticate");
    BOOST_REQUIRE(sha.has_value());
    BOOST_REQUIRE(md5.has_value());
    BOOST_TEST(sha->is_digest());
    BOOST_TEST(sha->realm == realm);
    BOOST_TEST((sha->algorithm == digest_algorithm::sha_256));
    BOOST_TEST((md5->algorithm == digest_algorithm::md5));
    BOOST_TEST(sha->qop_options.contains("auth"));
    BOOST_TEST(sha->qop_options.size() == 1u);
    BOOST_TEST(sha->nonce.size() == 64u);
    BOOST_TEST(sha->nonce != md5->nonce);
    BOOST_TEST(!sha->opaque.empty());
    BOOST_TEST(sha->opaque == md5->opaque);
    BOOST_TEST(!sha->stale);
    auto const stale_values = s.c->challenges(t0, true);
    auto const stale = parse_challenge(stale_values[0], "WWW-Authenticate");
    BOOST_REQUIRE(stale.has_value());
    BOOST_TEST(stale->stale);
}

BOOST_AUTO_TEST_CASE(realm_with_quotes_is_escaped)
{
    memory_user_store users;
    challenger_config config;
    config.realm = "the \"best\" realm";
    config.secret = "0123456789abcdef";
    challenger c(config, users);
    auto const values = c.challenges(t0); // the parsed views point into these
    auto const parsed = parse_challenge(values[0], "WWW-Authenticate");
    BOOST_REQUIRE(parsed.has_value());
    BOOST_TEST(parsed->realm == "the \\\"best\\\" realm");
}

BOOST_AUTO_TEST_CASE(no_credentials_gets_a_401_with_www_authenticate)
{
    server s;
    auto const req = request();
    auto const v = s.c->verify(req, t0);
    BOOST_TEST((v.result == verdict::no_credentials));
    BOOST_TEST(v.sentence == "Authorization: no Digest credentials for realm \"biloxi.example.com\"");
    auto const resp = parse(s.c->respond(req, v, t0, {.to_tag = "a6c85cf"}));
    BOOST_TEST(resp.status_code() == 401u);
    BOOST_TEST(resp.reason() == "Unauthorized");
    BOOST_TEST(resp.count(header_id::www_authenticate) == 2u);
    BOOST_TEST(resp.call_id() == req.call_id());
    BOOST_TEST(resp.to().tag == "a6c85cf");
}

BOOST_AUTO_TEST_CASE(a_user_stored_as_md5_ha1_is_offered_md5_only)
{
    // RFC 8760 2.4: a client answers the topmost challenge it supports; a
    // SHA-256 one could never verify against carol's MD5 HA1.
    server s;
    auto const from = [](std::string_view user) {
        std::string text = request_text();
        auto const at = text.find("From: Bob <sip:bob@");
        BOOST_REQUIRE(at != std::string::npos);
        text.replace(at, 19, "From: <sip:" + std::string(user) + "@");
        return parse(text);
    };
    auto const carol = from("carol");
    auto const only_md5 = parse(s.c->respond(carol, s.c->verify(carol, t0), t0));
    BOOST_TEST_REQUIRE(only_md5.count(header_id::www_authenticate) == 1u);
    auto const challenge = parse_challenge(only_md5.find(header_id::www_authenticate)->value, "WWW-Authenticate");
    BOOST_TEST_REQUIRE(challenge.has_value());
    BOOST_TEST((challenge->algorithm == digest_algorithm::md5));
    // An unknown user gets every challenge: the answer does not tell who exists.
    auto const stranger = from("mallory");
    auto const all = parse(s.c->respond(stranger, s.c->verify(stranger, t0), t0));
    BOOST_TEST(all.count(header_id::www_authenticate) == 2u);
}

BOOST_AUTO_TEST_CASE(proxy_kind_gets_a_407_with_proxy_authenticate)
{
    server s(auth_kind::proxy);
    auto const req = request("MESSAGE", target, {{header_id::authorization, fresh_creds(s).value()}});
    auto const v = s.c->verify(req, t0); // Authorization is for the UAS, not for this proxy
    BOOST_TEST((v.result == verdict::no_credentials));
    auto const resp = parse(s.c->respond(req, v, t0));
    BOOST_TEST(resp.status_code() == 407u);
    BOOST_TEST(resp.reason() == "Proxy Authentication Required");
    BOOST_TEST(resp.count(header_id::proxy_authenticate) == 2u);
    BOOST_TEST(resp.count(header_id::www_authenticate) == 0u);
}

BOOST_AUTO_TEST_CASE(right_credentials_pass_with_each_algorithm)
{
    server s;
    creds c = fresh_creds(s);
    auto v = verify(s, c);
    BOOST_TEST(v.ok(), v.sentence);
    BOOST_TEST(v.username == "bob");
    BOOST_TEST(v.sentence.empty());
    c.algorithm = "MD5";
    c.nc = "00000002";
    BOOST_TEST(verify(s, c).ok());
    c.algorithm.clear(); // no parameter: MD5 (RFC 7616 3.3)
    c.nc = "00000003";
    BOOST_TEST(verify(s, c).ok());
    BOOST_TEST((status_for(verdict::ok, auth_kind::www) == 0u));
    BOOST_TEST(s.c->respond(request(), v, t0).empty());
}

BOOST_AUTO_TEST_CASE(stored_ha1_is_used_for_its_algorithm_only)
{
    server s;
    creds c = fresh_creds(s);
    c.username = "carol";
    c.password = "secret";
    c.algorithm = "MD5";
    BOOST_TEST(verify(s, c).ok());
    c.algorithm = "SHA-256"; // carol has no SHA-256 HA1
    c.nc = "00000002";
    auto const v = verify(s, c);
    BOOST_TEST((v.result == verdict::unknown_user));
}

BOOST_AUTO_TEST_CASE(wrong_password_is_a_bad_response)
{
    server s;
    creds c = fresh_creds(s);
    c.password = "wrong";
    auto const v = verify(s, c);
    BOOST_TEST((v.result == verdict::bad_response));
    BOOST_TEST(v.sentence == "Authorization: response does not match (wrong password?)");
    BOOST_TEST(v.username == "bob");
    BOOST_TEST(status_for(v.result, auth_kind::www) == 401u);
}

BOOST_AUTO_TEST_CASE(response_computed_for_another_method_is_a_bad_response)
{
    server s;
    creds c = fresh_creds(s);
    BOOST_TEST((verify(s, c, t0 + 1s, "MESSAGE").result == verdict::bad_response));
}

BOOST_AUTO_TEST_CASE(unknown_user)
{
    server s;
    creds c = fresh_creds(s);
    c.username = "mallory";
    auto const v = verify(s, c);
    BOOST_TEST((v.result == verdict::unknown_user));
    BOOST_TEST(v.sentence == "Authorization: unknown user \"mallory\"");
}

BOOST_AUTO_TEST_CASE(wrong_uri_is_refused_and_an_equivalent_one_accepted)
{
    server s;
    creds c = fresh_creds(s);
    c.uri = "sip:atlanta.example.com";
    auto const v = verify(s, c);
    BOOST_TEST((v.result == verdict::uri_mismatch));
    BOOST_TEST(v.sentence == "Authorization: uri \"sip:atlanta.example.com\" is not the Request-URI");
    c.uri = "sip:BILOXI.example.com"; // 19.1.4: hosts compare case-insensitively
    BOOST_TEST(verify(s, c).ok());
}

BOOST_AUTO_TEST_CASE(wrong_realm_is_no_credentials_for_ours)
{
    server s;
    creds c = fresh_creds(s);
    c.realm = "atlanta.example.com";
    auto const v = verify(s, c);
    BOOST_TEST((v.result == verdict::no_credentials));
    BOOST_TEST(status_for(v.result, auth_kind::www) == 401u);
}

BOOST_AUTO_TEST_CASE(our_realm_is_found_among_several_proxy_authorizations)
{
    server s(auth_kind::proxy);
    creds mine = fresh_creds(s);
    creds theirs = mine;
    theirs.realm = "atlanta.example.com";
    auto const req = request("REGISTER", target,
                             {{header_id::proxy_authorization, theirs.value()},
                              {header_id::proxy_authorization, mine.value()}});
    BOOST_TEST(s.c->verify(req, t0 + 1s).ok());
}

BOOST_AUTO_TEST_CASE(malformed_credentials_get_a_400_with_a_warning)
{
    server s;
    auto const req = request("REGISTER", target, {{header_id::authorization, "Digest username=\"bob\", realm=\"biloxi.example.com\""}});
    auto const v = s.c->verify(req, t0);
    BOOST_TEST((v.result == verdict::malformed));
    BOOST_TEST(v.sentence.find("Authorization") != std::string::npos, v.sentence);
    BOOST_TEST(v.sentence.find("nonce") != std::string::npos, v.sentence);
    auto const resp = parse(s.c->respond(req, v, t0));
    BOOST_TEST(resp.status_code() == 400u);
    auto const* w = resp.find(header_id::warning);
    BOOST_REQUIRE(w != nullptr);
    BOOST_TEST(w->value.find("399 cpm \"") == 0u, w->value);
    BOOST_TEST(resp.count(header_id::www_authenticate) == 0u);
}

BOOST_AUTO_TEST_CASE(malformed_nonce_count)
{
    server s;
    creds c = fresh_creds(s);
    c.nc = "00000000";
    auto v = verify(s, c);
    BOOST_TEST((v.result == verdict::malformed));
    BOOST_TEST(v.sentence == "Authorization: nc must be 8 hex digits from 00000001");
    c.nc = "1";
    BOOST_TEST((verify(s, c).result == verdict::malformed));
}

BOOST_AUTO_TEST_CASE(garbage_after_a_good_header_for_another_realm_is_malformed)
{
    server s;
    creds theirs = fresh_creds(s);
    theirs.realm = "atlanta.example.com";
    auto const req = request("REGISTER", target,
                             {{header_id::authorization, theirs.value()}, {header_id::authorization, "Digest ,,,"}});
    BOOST_TEST((s.c->verify(req, t0).result == verdict::malformed));
}

BOOST_AUTO_TEST_CASE(nonce_not_issued_here)
{
    server s;
    creds c = fresh_creds(s);
    c.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
    auto const v = verify(s, c);
    BOOST_TEST((v.result == verdict::bad_nonce));
    BOOST_TEST(v.sentence == "Authorization: nonce was not issued by this server");
    // Nor one issued under another secret.
    server other;
    other.config.secret = "another secret, another server!";
    other.c.emplace(other.config, other.users);
    c.nonce = other.nonce().first;
    BOOST_TEST((verify(s, c).result == verdict::bad_nonce));
}

BOOST_AUTO_TEST_CASE(opaque_must_come_back_unchanged)
{
    server s;
    creds c = fresh_creds(s);
    c.opaque = "5ccc069c403ebaf9f0171e9517f40e41";
    BOOST_TEST((verify(s, c).result == verdict::opaque_mismatch));
    c.opaque.clear();
    BOOST_TEST((verify(s, c).result == verdict::opaque_mismatch));
}

BOOST_AUTO_TEST_CASE(expired_nonce_with_right_credentials_is_stale)
{
    server s;
    creds c = fresh_creds(s, t0);
    auto const req = request("REGISTER", target, {{header_id::authorization, c.value()}});
    auto const v = s.c->verify(req, t0 + 301s);
    BOOST_TEST((v.result == verdict::stale));
    BOOST_TEST(v.sentence == "Authorization: nonce expired");
    auto const resp = parse(s.c->respond(req, v, t0 + 301s));
    BOOST_TEST(resp.status_code() == 401u);
    auto const* field = resp.find(header_id::www_authenticate);
    BOOST_REQUIRE(field != nullptr);
    auto const ch = parse_challenge(field->value, "WWW-Authenticate");
    BOOST_REQUIRE(ch.has_value());
    BOOST_TEST(ch->stale);
}

BOOST_AUTO_TEST_CASE(expired_nonce_with_wrong_password_is_not_stale)
{
    server s;
    creds c = fresh_creds(s, t0);
    c.password = "wrong";
    BOOST_TEST((verify(s, c, t0 + 301s).result == verdict::bad_response));
}

BOOST_AUTO_TEST_CASE(replayed_nonce_count_is_refused)
{
    server s;
    creds c = fresh_creds(s);
    BOOST_TEST(verify(s, c).ok());
    auto const v = verify(s, c);
    BOOST_TEST((v.result == verdict::replay));
    BOOST_TEST(v.sentence == "Authorization: nc 00000001 was already used with this nonce");
    c.nc = "00000002";
    BOOST_TEST(verify(s, c).ok());
    c.nc = "00000001";
    BOOST_TEST((verify(s, c).result == verdict::replay));
}

BOOST_AUTO_TEST_CASE(wrong_password_does_not_burn_a_nonce_count)
{
    server s;
    creds c = fresh_creds(s);
    creds bad = c;
    bad.password = "wrong";
    BOOST_TEST((verify(s, bad).result == verdict::bad_response));
    BOOST_TEST(verify(s, c).ok());
}

BOOST_AUTO_TEST_CASE(qop_other_than_auth_is_refused)
{
    server s;
    creds c = fresh_creds(s);
    c.qop = "auth-int";
    auto const v = verify(s, c);
    BOOST_TEST((v.result == verdict::unsupported_qop));
    BOOST_TEST(v.sentence == "Authorization: qop auth-int was not offered");
}

BOOST_AUTO_TEST_CASE(rfc2069_credentials_are_accepted_unless_disabled)
{
    server s;
    creds c = fresh_creds(s);
    c.qop.clear();
    c.algorithm.clear();
    BOOST_TEST(verify(s, c).ok());
    BOOST_TEST(verify(s, c).ok()); // no nonce-count, no replay detection: the nonce lifetime bounds it

    server strict(auth_kind::www, false);
    creds d = fresh_creds(strict);
    d.qop.clear();
    auto const v = verify(strict, d);
    BOOST_TEST((v.result == verdict::unsupported_qop));
    BOOST_TEST(v.sentence == "Authorization: qop=auth is required");
}

BOOST_AUTO_TEST_CASE(algorithm_not_offered_is_refused)
{
    server s; // offers SHA-256 and MD5
    creds c = fresh_creds(s);
    c.algorithm = "SHA-512-256";
    auto v = verify(s, c);
    BOOST_TEST((v.result == verdict::unsupported_algorithm));
    BOOST_TEST(v.sentence == "Authorization: algorithm SHA-512-256 was not offered");
    c.algorithm = "MD5-sess";
    BOOST_TEST((verify(s, c).result == verdict::unsupported_algorithm));
    c.algorithm = "AKAv1-MD5";
    BOOST_TEST((verify(s, c).result == verdict::unsupported_algorithm));
}

BOOST_AUTO_TEST_CASE(session_algorithm_when_offered)
{
    server s;
    s.config.algorithms = {digest_algorithm::sha_256_sess};
    s.c.emplace(s.config, s.users);
    auto const values = s.c->challenges(t0);
    BOOST_REQUIRE_EQUAL(values.size(), 1u);
    auto const parsed = parse_challenge(values[0], "WWW-Authenticate");
    BOOST_REQUIRE(parsed.has_value());
    BOOST_TEST(parsed->algorithm_text == "SHA-256-sess");
    creds c = fresh_creds(s);
    c.algorithm = "SHA-256-sess";
    BOOST_TEST(verify(s, c).ok());
    c.algorithm = "SHA-256";
    c.nc = "00000002";
    BOOST_TEST((verify(s, c).result == verdict::unsupported_algorithm));
}

BOOST_AUTO_TEST_CASE(nonce_evicted_from_a_full_table_is_stale_not_accepted)
{
    server s;
    s.config.replay_capacity = 1;
    s.c.emplace(s.config, s.users);
    creds first = fresh_creds(s, t0);
    creds second = fresh_creds(s, t0 + 1s);
    BOOST_TEST(verify(s, first, t0 + 2s).ok());
    BOOST_TEST(verify(s, second, t0 + 2s).ok()); // evicts the first nonce's count
    first.nc = "00000001"; // a replay the table can no longer see
    auto const v = verify(s, first, t0 + 3s);
    BOOST_TEST((v.result == verdict::stale));
    BOOST_TEST(v.sentence == "Authorization: nonce no longer tracked");
}

BOOST_AUTO_TEST_CASE(unknown_user_and_wrong_password_get_the_same_answer)
{
    // The response must not tell which usernames exist.
    server s;
    creds c = fresh_creds(s);
    c.password = "wrong";
    auto const req_bad = request("REGISTER", target, {{header_id::authorization, c.value()}});
    c.username = "mallory";
    auto const req_unknown = request("REGISTER", target, {{header_id::authorization, c.value()}});
    auto const bad = parse(s.c->respond(req_bad, s.c->verify(req_bad, t0), t0));
    auto const unknown = parse(s.c->respond(req_unknown, s.c->verify(req_unknown, t0), t0));
    BOOST_TEST(bad.status_code() == unknown.status_code());
    BOOST_TEST(bad.headers().size() == unknown.headers().size());
    BOOST_TEST(bad.find(header_id::warning) == nullptr);
    BOOST_TEST(unknown.find(header_id::warning) == nullptr);
}
