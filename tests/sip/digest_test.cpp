#define BOOST_TEST_MODULE sip_digest
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/digest.hpp"

#include <string_view>
#include <vector>

using namespace cpm::sip;
using header_checks::error_of;
using header_checks::expect_error;
using header_checks::expect_error_at;

BOOST_AUTO_TEST_CASE(rfc3261_20_44_challenge)
{
    auto c = parse_challenge("Digest realm=\"atlanta.com\",\r\n"
                             "  domain=\"sip:boxesbybob.com\", qop=\"auth\",\r\n"
                             "  nonce=\"f84f1cec41e6cbe5aea9c8e88d359\",\r\n"
                             "  opaque=\"\", stale=FALSE, algorithm=MD5",
                             "WWW-Authenticate");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    BOOST_TEST(c->is_digest());
    BOOST_TEST(c->realm == "atlanta.com");
    BOOST_TEST(c->domain == "sip:boxesbybob.com");
    BOOST_TEST(c->nonce == "f84f1cec41e6cbe5aea9c8e88d359");
    BOOST_TEST(c->opaque == "");
    BOOST_TEST(c->opaque.data() != nullptr); // present, empty
    BOOST_TEST(!c->stale);
    BOOST_TEST((c->algorithm == digest_algorithm::md5));
    BOOST_TEST(c->qop_options.contains("auth"));
    BOOST_TEST(c->params.size() == 7u);
}

BOOST_AUTO_TEST_CASE(rfc7616_3_9_1_sha256_challenge_and_response)
{
    auto c = parse_challenge("Digest\r\n"
                             "    realm=\"http-auth@example.org\",\r\n"
                             "    qop=\"auth, auth-int\",\r\n"
                             "    algorithm=SHA-256,\r\n"
                             "    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n"
                             "    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
                             "Proxy-Authenticate");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    BOOST_TEST((c->algorithm == digest_algorithm::sha_256));
    BOOST_TEST((std::vector<std::string_view>(c->qop_options.begin(), c->qop_options.end()) ==
                std::vector<std::string_view>{"auth", "auth-int"}));
    auto r = parse_credentials("Digest username=\"Mufasa\",\r\n"
                               "    realm=\"http-auth@example.org\",\r\n"
                               "    uri=\"/dir/index.html\",\r\n"
                               "    algorithm=SHA-256,\r\n"
                               "    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n"
                               "    nc=00000001,\r\n"
                               "    cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\",\r\n"
                               "    qop=auth,\r\n"
                               "    response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\",\r\n"
                               "    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
                               "Authorization");
    BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
    BOOST_TEST(r->username == "Mufasa");
    BOOST_TEST(r->uri == "/dir/index.html");
    BOOST_TEST((r->algorithm == digest_algorithm::sha_256));
    BOOST_TEST(*r->nonce_count == 1u);
    BOOST_TEST(r->nc == "00000001");
    BOOST_TEST(r->qop == "auth");
    BOOST_TEST(r->response.size() == 64u);
    BOOST_TEST(r->cnonce == "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
}

BOOST_AUTO_TEST_CASE(md5_credentials_of_a_sip_call_flow)
{
    auto r = parse_credentials("Digest username=\"bob\", realm=\"biloxi.com\",\r\n"
                               " nonce=\"dc3a5ab2530aa93112cf5904ba7d88fa\", uri=\"sip:bob@biloxi.com\",\r\n"
                               " response=\"702138b27d869ac8741e10ec643d55be\", algorithm=MD5-sess,\r\n"
                               " qop=\"auth\", nc=0000000a, cnonce=\"0a4f113b\", userhash=false",
                               "Proxy-Authorization");
    BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
    BOOST_TEST((r->algorithm == digest_algorithm::md5_sess));
    BOOST_TEST(r->qop == "auth"); // quoted qop tolerated
    BOOST_TEST(*r->nonce_count == 10u);
    BOOST_TEST(!r->userhash);
}

BOOST_AUTO_TEST_CASE(ims_aka_register_exchange)
{
    // 3GPP TS 24.229 5.1.1.2: the initial REGISTER has an empty nonce and response.
    auto r = parse_credentials("Digest username=\"user1_private@home1.net\", realm=\"home1.net\", nonce=\"\", "
                               "uri=\"sip:home1.net\", response=\"\"",
                               "Authorization");
    BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
    BOOST_TEST(r->response.empty());
    BOOST_TEST(r->nonce.empty());
    auto c = parse_challenge("Digest realm=\"home1.net\", nonce=\"A34Cm+Fva37UYWpGNB34JP\", algorithm=AKAv1-MD5, "
                             "ik=\"0123456789abcdeedcba9876543210\", ck=\"9876543210abcdeedcba0123456789\"",
                             "WWW-Authenticate");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    BOOST_TEST((c->algorithm == digest_algorithm::other));
    BOOST_TEST(c->algorithm_text == "AKAv1-MD5");
    BOOST_TEST(c->params.back().name == "ck");
}

BOOST_AUTO_TEST_CASE(other_schemes_keep_raw_params_or_token68)
{
    // RFC 4475 3.1.2.? "unknown authorization scheme" style.
    auto u = parse_credentials("NoOneKnowsThisScheme opaque-data=here", "Authorization");
    BOOST_TEST_REQUIRE(u.has_value(), error_of(u));
    BOOST_TEST(!u->is_digest());
    BOOST_TEST(u->scheme == "NoOneKnowsThisScheme");
    BOOST_TEST(u->params.at(0).value == "here");
    BOOST_TEST(u->username.empty());
    // RFC 8898 Bearer tokens are a token68.
    auto b = parse_credentials("Bearer mF_9.B5f-4.1JqM==", "Authorization");
    BOOST_TEST_REQUIRE(b.has_value(), error_of(b));
    BOOST_TEST(b->token68 == "mF_9.B5f-4.1JqM==");
    BOOST_TEST(b->params.empty());
    auto ch = parse_challenge("Bearer realm=\"example.com\", scope=\"sip\"", "WWW-Authenticate");
    BOOST_TEST_REQUIRE(ch.has_value(), error_of(ch));
    BOOST_TEST(ch->params.size() == 2u);
    BOOST_TEST(ch->realm.empty()); // not decoded for other schemes
}

BOOST_AUTO_TEST_CASE(authentication_info_rfc3261_7616)
{
    auto a = parse_authentication_info("nextnonce=\"47364c23432d2e131a5fb210812c\"");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST(a->nextnonce == "47364c23432d2e131a5fb210812c");
    auto b = parse_authentication_info("qop=auth, rspauth=\"6629fae49393a05397450978507c4ef1\", "
                                       "cnonce=\"0a4f113b\", nc=00000001");
    BOOST_TEST_REQUIRE(b.has_value(), error_of(b));
    BOOST_TEST(b->rspauth == "6629fae49393a05397450978507c4ef1");
    BOOST_TEST(*b->nonce_count == 1u);
    expect_error_at(parse_authentication_info("rspauth=\"xyz\""), "Authentication-Info: rspauth must be hex digits",
                    "rspauth=\"xyz\"", "rspauth");
}

BOOST_AUTO_TEST_CASE(invalid_digest_headers)
{
    std::string_view const dup = "Digest realm=\"a\", nonce=\"n\", realm=\"b\"";
    expect_error_at(parse_challenge(dup, "WWW-Authenticate"), "WWW-Authenticate: duplicate realm parameter", dup,
                    "realm=\"b\"");
    expect_error(parse_challenge("Digest realm=\"a\"", "WWW-Authenticate"),
                 "WWW-Authenticate: Digest nonce parameter is missing", 0);
    std::string_view const unquoted = "Digest realm=atlanta.com, nonce=\"n\"";
    expect_error_at(parse_challenge(unquoted, "Proxy-Authenticate"), "Proxy-Authenticate: realm must be a quoted-string",
                    unquoted, "realm");
    std::string_view const stale = "Digest realm=\"a\", nonce=\"n\", stale=maybe";
    expect_error_at(parse_challenge(stale, "WWW-Authenticate"), "WWW-Authenticate: stale must be true or false", stale,
                    "stale");
    std::string_view const qop = "Digest realm=\"a\", nonce=\"n\", qop=\"auth auth-int\"";
    expect_error_at(parse_challenge(qop, "WWW-Authenticate"), "WWW-Authenticate: qop must be a quoted list", qop, "qop");
    expect_error(parse_challenge("Digest", "WWW-Authenticate"),
                 "WWW-Authenticate: expected auth-params after the auth-scheme", 6);
    expect_error(parse_challenge("Digest realm", "WWW-Authenticate"), "WWW-Authenticate: expected an auth-param", 7);
    expect_error(parse_challenge("Digest realm=\"a\",", "WWW-Authenticate"),
                 "WWW-Authenticate: expected an auth-param (name=value) after ','", 17);

    // RFC 3261 20.7's own example has a 35-digit response and no uri.
    std::string_view const rfc_sloppy = "Digest username=\"Alice\", realm=\"atlanta.com\", "
                                        "nonce=\"84a4cc6f3082121f32b42a2187831a9e\", "
                                        "response=\"7587245234b3434cc3412213e5f113a5432\"";
    expect_error_at(parse_credentials(rfc_sloppy, "Authorization"), "Authorization: response must be 32 or 64 hex digits",
                    rfc_sloppy, "response");
    std::string_view const no_uri = "Digest username=\"a\", realm=\"r\", nonce=\"n\", "
                                    "response=\"702138b27d869ac8741e10ec643d55be\"";
    expect_error(parse_credentials(no_uri, "Authorization"), "Authorization: Digest uri parameter is missing", 0);
    std::string_view const no_cnonce = "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", "
                                       "response=\"702138b27d869ac8741e10ec643d55be\", qop=auth, nc=00000001";
    expect_error(parse_credentials(no_cnonce, "Authorization"), "Authorization: Digest cnonce (required with qop)", 0);
    std::string_view const bad_nc = "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", "
                                    "response=\"702138b27d869ac8741e10ec643d55be\", qop=auth, cnonce=\"c\", nc=1";
    expect_error_at(parse_credentials(bad_nc, "Proxy-Authorization"), "Proxy-Authorization: nc must be 8 hex digits",
                    bad_nc, "nc=");
    std::string_view const alg = "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"\", "
                                 "algorithm=\"MD5\"";
    expect_error_at(parse_credentials(alg, "Authorization"), "Authorization: algorithm must be a token", alg,
                    "algorithm");
}
