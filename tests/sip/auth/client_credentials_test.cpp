// The client side: which challenge is answered, what the answer says (parsed
// back with sip/digest.hpp and recomputed), nonce-counts, the per-realm
// cache, stale handling and every error.
#define BOOST_TEST_MODULE sip_auth_client_credentials
#include <boost/test/unit_test.hpp>

#include "auth_fixture.hpp"

#include "sip/auth/client_credentials.hpp"
#include "sip/auth/digest_hash.hpp"

using namespace cpm::sip;
using namespace cpm::sip::auth;
using namespace cpm::sip::auth::test;

namespace {

constexpr std::string_view target = "sip:biloxi.example.com";

std::string challenge_text(std::string_view algorithm, std::string_view nonce = "n1", std::string_view realm = "biloxi.example.com",
                           std::string_view extra = ", qop=\"auth\"")
{
    std::string out = "Digest realm=\"" + std::string(realm) + "\", nonce=\"" + std::string(nonce) + "\", opaque=\"op\"";
    if (!algorithm.empty())
        out += ", algorithm=" + std::string(algorithm);
    return out + std::string(extra);
}

client_config fixed_cnonce()
{
    int n = 0;
    return client_config{[n]() mutable { return "cn" + std::to_string(++n); }};
}

struct client_fixture {
    counting_source source{{client_secret{"bob", "zanzibar"}}};
    digest_client client{source, fixed_cnonce()};
    cpm::sip::message req = request("REGISTER", target);
};

// The credentials of the only field in @p auth; the views point into @p auth.
credentials only(std::vector<authorization> const& auth)
{
    BOOST_REQUIRE_EQUAL(auth.size(), 1u);
    auto c = parse_credentials(auth[0].value, "Authorization");
    BOOST_REQUIRE_MESSAGE(c.has_value(), auth[0].value);
    return *c;
}

std::string expected_response(credentials const& c, std::string_view password, std::string_view method)
{
    std::string const ha1 = digest_ha1(base_algorithm(c.algorithm), c.username, c.realm, password);
    return digest_response({.algorithm = c.algorithm,
                            .ha1 = ha1,
                            .nonce = c.nonce,
                            .nc = c.nc,
                            .cnonce = c.cnonce,
                            .qop = c.qop,
                            .method = method,
                            .uri = c.uri});
}

} // namespace

BOOST_AUTO_TEST_CASE(answers_the_strongest_algorithm_offered)
{
    client_fixture f;
    auto const resp = challenge_response(f.req, 401, {challenge_text("MD5", "n-md5"), challenge_text("SHA-256", "n-sha")});
    auto const auth = f.client.answer(resp, f.req);
    BOOST_REQUIRE(auth.has_value());
    BOOST_TEST((auth->at(0).header == header_id::authorization));
    BOOST_TEST(auth->at(0).realm == "biloxi.example.com");
    auto const c = only(*auth);
    BOOST_TEST((c.algorithm == digest_algorithm::sha_256));
    BOOST_TEST(c.nonce == "n-sha");
    BOOST_TEST(c.username == "bob");
    BOOST_TEST(c.realm == "biloxi.example.com");
    BOOST_TEST(c.uri == target);
    BOOST_TEST(c.qop == "auth");
    BOOST_TEST(c.nc == "00000001");
    BOOST_TEST(c.cnonce == "cn1");
    BOOST_TEST(c.opaque == "op");
    BOOST_TEST(c.response == expected_response(c, "zanzibar", "REGISTER"));
    BOOST_TEST(f.source.asked == 1u);
    BOOST_TEST(f.source.realms.at(0) == "biloxi.example.com");
}

BOOST_AUTO_TEST_CASE(md5_only_and_absent_algorithm)
{
    client_fixture f;
    auto auth = f.client.answer(challenge_response(f.req, 401, {challenge_text("")}), f.req);
    BOOST_REQUIRE(auth.has_value());
    auto c = only(*auth);
    BOOST_TEST((c.algorithm == digest_algorithm::unspecified)); // not added when the server wrote none
    BOOST_TEST(c.response.size() == 32u);
    BOOST_TEST(c.response == expected_response(c, "zanzibar", "REGISTER"));
}

BOOST_AUTO_TEST_CASE(session_algorithm_answer)
{
    client_fixture f;
    auto auth = f.client.answer(challenge_response(f.req, 401, {challenge_text("SHA-256-sess")}), f.req);
    BOOST_REQUIRE(auth.has_value());
    auto c = only(*auth);
    BOOST_TEST((c.algorithm == digest_algorithm::sha_256_sess));
    BOOST_TEST(c.response == expected_response(c, "zanzibar", "REGISTER"));
}

BOOST_AUTO_TEST_CASE(proxy_challenge_gets_proxy_authorization)
{
    client_fixture f;
    auto const auth = f.client.answer(challenge_response(f.req, 407, {challenge_text("SHA-256")}), f.req);
    BOOST_REQUIRE(auth.has_value());
    BOOST_REQUIRE_EQUAL(auth->size(), 1u);
    BOOST_TEST((auth->at(0).header == header_id::proxy_authorization));
}

BOOST_AUTO_TEST_CASE(cache_pre_authorizes_later_requests_with_the_next_nc)
{
    client_fixture f;
    BOOST_REQUIRE(f.client.answer(challenge_response(f.req, 401, {challenge_text("SHA-256")}), f.req).has_value());
    BOOST_TEST(f.client.cached() == 1u);
    auto const second = f.client.authorize("MESSAGE", "sip:alice@biloxi.example.com");
    auto const c = only(second);
    BOOST_TEST(c.nc == "00000002");
    BOOST_TEST(c.nonce == "n1");
    BOOST_TEST(c.cnonce == "cn1"); // one cnonce per nonce
    BOOST_TEST(c.uri == "sip:alice@biloxi.example.com");
    BOOST_TEST(c.response == expected_response(c, "zanzibar", "MESSAGE"));
    BOOST_TEST(only(f.client.authorize("MESSAGE", target)).nc == "00000003");
    BOOST_TEST(f.source.asked == 1u);
}

BOOST_AUTO_TEST_CASE(stale_challenge_reuses_the_cached_password)
{
    client_fixture f;
    BOOST_REQUIRE(f.client.answer(challenge_response(f.req, 401, {challenge_text("SHA-256", "n1")}), f.req).has_value());
    (void)f.client.authorize("REGISTER", target); // nc 2
    auto const auth =
        f.client.answer(challenge_response(f.req, 401, {challenge_text("SHA-256", "n2", "biloxi.example.com",
                                                                        ", qop=\"auth\", stale=true")}),
                        f.req);
    BOOST_REQUIRE(auth.has_value());
    auto const c = only(*auth);
    BOOST_TEST(c.nonce == "n2");
    BOOST_TEST(c.nc == "00000001"); // counts restart with the new nonce
    BOOST_TEST(c.cnonce == "cn2");
    BOOST_TEST(c.response == expected_response(c, "zanzibar", "REGISTER"));
    BOOST_TEST(f.source.asked == 1u);
}

BOOST_AUTO_TEST_CASE(stale_challenge_for_an_unknown_realm_asks)
{
    client_fixture f;
    auto const auth = f.client.answer(
        challenge_response(f.req, 401, {challenge_text("MD5", "n1", "biloxi.example.com", ", qop=\"auth\", stale=true")}), f.req);
    BOOST_REQUIRE(auth.has_value());
    BOOST_TEST(f.source.asked == 1u);
}

BOOST_AUTO_TEST_CASE(non_stale_challenge_again_asks_again)
{
    counting_source source{{client_secret{"bob", "wrong"}, client_secret{"bob", "zanzibar"}}};
    digest_client client(source, fixed_cnonce());
    auto const req = request("REGISTER", target);
    BOOST_REQUIRE(client.answer(challenge_response(req, 401, {challenge_text("SHA-256", "n1")}), req).has_value());
    auto const auth = client.answer(challenge_response(req, 401, {challenge_text("SHA-256", "n2")}), req);
    BOOST_REQUIRE(auth.has_value());
    BOOST_TEST(source.asked == 2u);
    auto const c = only(*auth);
    BOOST_TEST(c.response == expected_response(c, "zanzibar", "REGISTER"));
}

BOOST_AUTO_TEST_CASE(giving_up_is_no_credentials)
{
    counting_source source{{client_secret{}}};
    digest_client client(source);
    auto const req = request("REGISTER", target);
    auto const auth = client.answer(challenge_response(req, 401, {challenge_text("SHA-256")}), req);
    BOOST_REQUIRE(!auth.has_value());
    BOOST_TEST((auth.error().code == client_errc::no_credentials));
    BOOST_TEST(auth.error().sentence == "no credentials for realm \"biloxi.example.com\"");
    BOOST_TEST(client.cached() == 0u);
}

BOOST_AUTO_TEST_CASE(two_proxy_realms_get_two_fields)
{
    client_fixture f;
    auto const auth = f.client.answer(
        challenge_response(f.req, 407, {challenge_text("SHA-256", "n1", "atlanta.example.com"), challenge_text("MD5", "n2")}),
        f.req);
    BOOST_REQUIRE(auth.has_value());
    BOOST_REQUIRE_EQUAL(auth->size(), 2u);
    BOOST_TEST(f.source.asked == 2u);
    BOOST_TEST(auth->at(0).realm == "atlanta.example.com");
    BOOST_TEST(auth->at(1).realm == "biloxi.example.com");
    f.client.forget("atlanta.example.com");
    BOOST_TEST(f.client.cached() == 1u);
    f.client.forget("biloxi.example.com");
    BOOST_TEST(f.client.authorize("REGISTER", target).empty());
}

BOOST_AUTO_TEST_CASE(rfc2069_challenge_without_qop)
{
    client_fixture f;
    auto const auth = f.client.answer(challenge_response(f.req, 401, {challenge_text("", "n1", "biloxi.example.com", "")}), f.req);
    BOOST_REQUIRE(auth.has_value());
    BOOST_TEST(auth->at(0).value.find("nc=") == std::string::npos);
    BOOST_TEST(auth->at(0).value.find("cnonce=") == std::string::npos);
    auto const c = only(*auth);
    BOOST_TEST(c.qop.empty());
    BOOST_TEST(c.response == expected_response(c, "zanzibar", "REGISTER"));
}

BOOST_AUTO_TEST_CASE(quotes_in_username_are_escaped)
{
    counting_source source{{client_secret{"bob \"the builder\"", "zanzibar"}}};
    digest_client client(source);
    auto const req = request("REGISTER", target);
    auto const auth = client.answer(challenge_response(req, 401, {challenge_text("SHA-256")}), req);
    BOOST_REQUIRE(auth.has_value());
    auto const c = only(*auth);
    BOOST_TEST(c.username == "bob \\\"the builder\\\"");
}

BOOST_AUTO_TEST_CASE(not_a_challenge)
{
    client_fixture f;
    auto const auth = f.client.answer(challenge_response(f.req, 403, {}), f.req);
    BOOST_REQUIRE(!auth.has_value());
    BOOST_TEST((auth.error().code == client_errc::not_a_challenge));
    BOOST_TEST(auth.error().sentence == "status 403 is not a 401 or 407 challenge");
}

BOOST_AUTO_TEST_CASE(missing_or_malformed_challenge)
{
    client_fixture f;
    auto none = f.client.answer(challenge_response(f.req, 401, {}), f.req);
    BOOST_REQUIRE(!none.has_value());
    BOOST_TEST((none.error().code == client_errc::malformed_challenge));
    BOOST_TEST(none.error().sentence == "status 401 without WWW-Authenticate");
    auto bad = f.client.answer(challenge_response(f.req, 401, {"Digest realm=\"x\""}), f.req); // no nonce
    BOOST_REQUIRE(!bad.has_value());
    BOOST_TEST((bad.error().code == client_errc::malformed_challenge));
    BOOST_TEST(bad.error().sentence.find("nonce") != std::string::npos, bad.error().sentence);
    BOOST_TEST(f.source.asked == 0u);
}

BOOST_AUTO_TEST_CASE(unanswerable_challenges)
{
    client_fixture f;
    for (std::string const& c : {challenge_text("AKAv1-MD5"), challenge_text("SHA-256", "n1", "biloxi.example.com", ", qop=\"auth-int\""),
                                 std::string("Bearer realm=\"x\"")}) {
        auto const auth = f.client.answer(challenge_response(f.req, 401, {c}), f.req);
        BOOST_REQUIRE(!auth.has_value());
        BOOST_TEST((auth.error().code == client_errc::unsupported_challenge), c);
    }
    // A usable challenge next to an unusable one is answered.
    auto const auth = f.client.answer(challenge_response(f.req, 401, {challenge_text("AKAv1-MD5"), challenge_text("MD5")}), f.req);
    BOOST_TEST(auth.has_value());
}
