#define BOOST_TEST_MODULE sip_identity
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/identity.hpp"

using namespace cpm::sip;
using header_checks::error_of;
using header_checks::expect_error;
using header_checks::expect_error_at;

BOOST_AUTO_TEST_CASE(rfc8224_passport)
{
    auto i = parse_identity("eyJhbGciOiJFUzI1NiIsInR5cCI6InBhc3Nwb3J0In0.eyJhdHRlc3QiOiJBIn0.c2lnbmF0dXJl_-x;"
                            "info=<https://cert.example.org/passport.cer>;alg=ES256;ppt=shaken");
    BOOST_TEST_REQUIRE(i.has_value(), error_of(i));
    BOOST_TEST((i->form == identity_form::rfc8224));
    BOOST_TEST(i->digest == "eyJhbGciOiJFUzI1NiIsInR5cCI6InBhc3Nwb3J0In0.eyJhdHRlc3QiOiJBIn0.c2lnbmF0dXJl_-x");
    BOOST_TEST(i->info_uri == "https://cert.example.org/passport.cer");
    BOOST_TEST(i->alg == "ES256");
    BOOST_TEST(i->ppt == "shaken");
    auto bare = parse_identity("aGVsbG8.d29ybGQ.c2ln ; INFO = <https://a.example/c.cer>");
    BOOST_TEST_REQUIRE(bare.has_value(), error_of(bare));
    BOOST_TEST(bare->alg.empty());
}

BOOST_AUTO_TEST_CASE(rfc4474_quoted_signature)
{
    auto i = parse_identity("\"ZYNBbHC00VMZr2kZt6VmCvPonWJMGvQTBDqghoWeLxJfzB2a1pxAr3VgrB0SsSAaifsRdiOPoQZYOy2wrVghuhcsMbHWUSFxI6p6q5TOQXHMmz6uEo3svJsSH49thyGnFVcnyaZ++yRlBYYQTLqWzJ+KVhPKbfU/pryhVn9Yc6U=\"");
    BOOST_TEST_REQUIRE(i.has_value(), error_of(i));
    BOOST_TEST((i->form == identity_form::rfc4474));
    BOOST_TEST(i->digest.substr(0, 8) == "ZYNBbHC0");
    BOOST_TEST(i->info_uri.empty());
}

BOOST_AUTO_TEST_CASE(pre_rfc4474_draft_signature)
{
    // RFC 4475 3.1.1.11 (mpart01): unquoted base64, no info, no Identity-Info.
    auto i = parse_identity("r5mwreLuyDRYBi/0TiPwEsY3rEVsk/G2WxhgTV1PF7hHuLIK0YWVKZhKv9Mj8UeXqkMVbnVq37CD+813gvYjc=");
    BOOST_TEST_REQUIRE(i.has_value(), error_of(i));
    BOOST_TEST((i->form == identity_form::draft));
    BOOST_TEST(i->digest.substr(0, 8) == "r5mwreLu");
    BOOST_TEST(i->info_uri.empty());
}

BOOST_AUTO_TEST_CASE(invalid_identities)
{
    expect_error(parse_identity(""), "Identity: expected a signed-identity-digest", 0);
    expect_error(parse_identity("abc.def"), "Identity: expected ;info=<absoluteURI> after the digest", 7);
    expect_error(parse_identity("abc;alg=ES256"), "Identity: expected ;info=<absoluteURI> after the digest", 3);
    expect_error(parse_identity("abc;info=\"https://x/y\""), "Identity: expected ;info=<absoluteURI>", 3);
    std::string_view const q = "abc;info=<https://x/y>;alg=\"ES256\"";
    expect_error_at(parse_identity(q), "Identity: alg must be a token", q, "alg");
    expect_error(parse_identity("\"sig\" x"), "Identity: unexpected character after the quoted signature", 6);
}
