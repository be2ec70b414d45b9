// Client and server components together: the 401 and 407 flows of RFC 3261
// 22.2 and 22.3 end to end, a proxy and a registrar challenging the same
// request, pre-authorized requests from the cache, stale nonces, replays and
// a wrong password corrected.
#define BOOST_TEST_MODULE sip_auth_round_trip
#include <boost/test/unit_test.hpp>

#include "auth_fixture.hpp"

#include "sip/auth/challenger.hpp"
#include "sip/auth/client_credentials.hpp"

using namespace cpm::sip;
using namespace cpm::sip::auth;
using namespace cpm::sip::auth::test;

namespace {

constexpr std::string_view target = "sip:biloxi.example.com";

struct server {
    memory_user_store users;
    std::optional<challenger> c;

    explicit server(auth_kind kind, std::string realm = "biloxi.example.com",
                    std::vector<digest_algorithm> algorithms = {digest_algorithm::sha_256, digest_algorithm::md5})
    {
        users.add_password(realm, "bob", "zanzibar");
        challenger_config config;
        config.realm = std::move(realm);
        config.secret = "round-trip secret, 32 bytes long";
        config.kind = kind;
        config.algorithms = std::move(algorithms);
        c.emplace(std::move(config), users);
    }

    // Verifies @p req; on failure returns the response the server sends.
    std::pair<verification, std::optional<cpm::sip::message>> handle(cpm::sip::message const& req, wall_clock::time_point now)
    {
        auto v = c->verify(req, now);
        if (v.ok())
            return {std::move(v), std::nullopt};
        auto resp = parse(c->respond(req, v, now, {.to_tag = "srv1"}));
        return {std::move(v), std::move(resp)};
    }
};

// The algorithm token the request's credentials of @p id name.
std::string algorithm_of(cpm::sip::message const& req, header_id id)
{
    auto const* f = req.find(id);
    BOOST_REQUIRE(f != nullptr);
    auto c = parse_credentials(f->value, canonical_name(id));
    BOOST_REQUIRE(c.has_value());
    return std::string(c->algorithm_text);
}

void round_trip(auth_kind kind)
{
    server s(kind);
    counting_source source{{client_secret{"bob", "zanzibar"}}};
    digest_client client(source);

    auto const first = request("REGISTER", target, {}, 1);
    auto [v1, challenge] = s.handle(first, t0);
    BOOST_TEST((v1.result == verdict::no_credentials));
    BOOST_REQUIRE(challenge);
    BOOST_TEST(challenge->status_code() == challenge_status(kind));

    auto const auth = client.answer(*challenge, first);
    BOOST_REQUIRE_MESSAGE(auth.has_value(), (auth ? "" : auth.error().sentence));
    auto const second = with_authorization("REGISTER", target, *auth, 2);
    BOOST_TEST(algorithm_of(second, credentials_header(kind)) == "SHA-256"); // the stronger of the two offered
    auto [v2, none] = s.handle(second, t0 + 1s);
    BOOST_TEST(v2.ok(), v2.sentence);
    BOOST_TEST(v2.username == "bob");
    BOOST_TEST(!none);
}

} // namespace

BOOST_AUTO_TEST_CASE(registrar_401_round_trip)
{
    round_trip(auth_kind::www);
}

BOOST_AUTO_TEST_CASE(proxy_407_round_trip)
{
    round_trip(auth_kind::proxy);
}

BOOST_AUTO_TEST_CASE(md5_only_server)
{
    server s(auth_kind::www, "biloxi.example.com", {digest_algorithm::md5});
    counting_source source{{client_secret{"bob", "zanzibar"}}};
    digest_client client(source);
    auto const first = request("MESSAGE", target, {}, 1);
    auto const auth = client.answer(*s.handle(first, t0).second, first);
    BOOST_REQUIRE(auth.has_value());
    auto const second = with_authorization("MESSAGE", target, *auth, 2);
    BOOST_TEST(algorithm_of(second, header_id::authorization) == "MD5");
    BOOST_TEST(s.handle(second, t0).first.ok());
}

BOOST_AUTO_TEST_CASE(proxy_then_registrar_both_authorized)
{
    server proxy(auth_kind::proxy, "atlanta.example.com");
    proxy.users.add_password("atlanta.example.com", "bob", "zanzibar");
    server registrar(auth_kind::www);
    counting_source source{{client_secret{"bob", "zanzibar"}}};
    digest_client client(source);

    auto const r1 = request("REGISTER", target, {}, 1);
    auto const a1 = client.answer(*proxy.handle(r1, t0).second, r1);
    BOOST_REQUIRE(a1.has_value());
    auto const r2 = with_authorization("REGISTER", target, *a1, 2);
    BOOST_TEST(proxy.handle(r2, t0).first.ok());
    auto const a2 = client.answer(*registrar.handle(r2, t0).second, r2);
    BOOST_REQUIRE(a2.has_value());
    BOOST_REQUIRE_EQUAL(a2->size(), 2u); // the proxy's credentials stay, with the next nc
    auto const r3 = with_authorization("REGISTER", target, *a2, 3);
    BOOST_TEST(r3.count(header_id::proxy_authorization) == 1u);
    BOOST_TEST(r3.count(header_id::authorization) == 1u);
    BOOST_TEST(proxy.handle(r3, t0).first.ok());
    BOOST_TEST(registrar.handle(r3, t0).first.ok());
    BOOST_TEST(source.asked == 2u);
}

BOOST_AUTO_TEST_CASE(cache_pre_authorizes_and_the_server_accepts)
{
    server s(auth_kind::www);
    counting_source source{{client_secret{"bob", "zanzibar"}}};
    digest_client client(source);
    auto const first = request("REGISTER", target, {}, 1);
    auto const auth = client.answer(*s.handle(first, t0).second, first);
    BOOST_REQUIRE(auth.has_value());
    BOOST_TEST(s.handle(with_authorization("REGISTER", target, *auth, 2), t0).first.ok());
    // Later requests go out pre-authorized: no 401 round trip.
    for (std::uint32_t cseq = 3; cseq < 6; ++cseq) {
        auto const req = with_authorization("MESSAGE", "sip:alice@biloxi.example.com",
                                            client.authorize("MESSAGE", "sip:alice@biloxi.example.com"), cseq);
        auto const v = s.handle(req, t0 + std::chrono::seconds(cseq)).first;
        BOOST_TEST(v.ok(), v.sentence);
    }
    BOOST_TEST(source.asked == 1u);
}

BOOST_AUTO_TEST_CASE(stale_nonce_is_renewed_without_asking_the_user)
{
    server s(auth_kind::www);
    counting_source source{{client_secret{"bob", "zanzibar"}}};
    digest_client client(source);
    auto const first = request("REGISTER", target, {}, 1);
    auto const a1 = client.answer(*s.handle(first, t0).second, first);
    BOOST_REQUIRE(a1.has_value());
    BOOST_TEST(s.handle(with_authorization("REGISTER", target, *a1, 2), t0).first.ok());

    // Ten minutes later the cached nonce has expired (lifetime 300 s).
    auto const late = with_authorization("REGISTER", target, client.authorize("REGISTER", target), 3);
    auto [v, challenge] = s.handle(late, t0 + 600s);
    BOOST_TEST((v.result == verdict::stale));
    BOOST_REQUIRE(challenge);
    auto const a2 = client.answer(*challenge, late);
    BOOST_REQUIRE(a2.has_value());
    BOOST_TEST(s.handle(with_authorization("REGISTER", target, *a2, 4), t0 + 601s).first.ok());
    BOOST_TEST(source.asked == 1u);
}

BOOST_AUTO_TEST_CASE(replayed_request_is_refused)
{
    server s(auth_kind::www);
    counting_source source{{client_secret{"bob", "zanzibar"}}};
    digest_client client(source);
    auto const first = request("REGISTER", target, {}, 1);
    auto const auth = client.answer(*s.handle(first, t0).second, first);
    BOOST_REQUIRE(auth.has_value());
    auto const sent = request_text("REGISTER", target, {{auth->at(0).header, auth->at(0).value}}, 2);
    BOOST_TEST(s.handle(parse(sent), t0).first.ok());
    auto [v, challenge] = s.handle(parse(sent), t0 + 1s); // an eavesdropper sends the same bytes
    BOOST_TEST((v.result == verdict::replay));
    BOOST_REQUIRE(challenge);
    BOOST_TEST(challenge->status_code() == 401u);
}

BOOST_AUTO_TEST_CASE(wrong_password_then_corrected)
{
    server s(auth_kind::www);
    counting_source source{{client_secret{"bob", "wrong"}, client_secret{"bob", "zanzibar"}}};
    digest_client client(source);
    auto const r1 = request("REGISTER", target, {}, 1);
    auto const a1 = client.answer(*s.handle(r1, t0).second, r1);
    BOOST_REQUIRE(a1.has_value());
    auto const r2 = with_authorization("REGISTER", target, *a1, 2);
    auto [v2, challenge] = s.handle(r2, t0);
    BOOST_TEST((v2.result == verdict::bad_response));
    BOOST_REQUIRE(challenge);
    auto const a2 = client.answer(*challenge, r2); // not stale: the user is asked again
    BOOST_REQUIRE(a2.has_value());
    BOOST_TEST(source.asked == 2u);
    BOOST_TEST(s.handle(with_authorization("REGISTER", target, *a2, 3), t0).first.ok());
}

BOOST_AUTO_TEST_CASE(credentials_for_one_uri_do_not_serve_another)
{
    server s(auth_kind::www);
    counting_source source{{client_secret{"bob", "zanzibar"}}};
    digest_client client(source);
    auto const r1 = request("REGISTER", target, {}, 1);
    auto const auth = client.answer(*s.handle(r1, t0).second, r1);
    BOOST_REQUIRE(auth.has_value());
    auto const moved = with_authorization("REGISTER", "sip:atlanta.example.com", *auth, 2);
    BOOST_TEST((s.handle(moved, t0).first.result == verdict::uri_mismatch));
}
