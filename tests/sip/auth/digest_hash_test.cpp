// Digest computations against the published vectors: RFC 2617 3.5 (MD5,
// qop=auth), RFC 7616 3.9.1 (MD5 and SHA-256), and the session and RFC 2069
// forms (expected values computed independently with Python's hashlib).
#define BOOST_TEST_MODULE sip_auth_digest_hash
#include <boost/test/unit_test.hpp>

#include "sip/auth/digest_hash.hpp"

using namespace cpm::sip;
using namespace cpm::sip::auth;

namespace {

// RFC 7616 3.9.1: the same request answered with each algorithm.
constexpr std::string_view rfc7616_nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
constexpr std::string_view rfc7616_cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

std::string rfc7616_response(digest_algorithm algorithm)
{
    std::string const ha1 = digest_ha1(base_algorithm(algorithm), "Mufasa", "http-auth@example.org", "Circle of Life");
    return digest_response({.algorithm = algorithm,
                            .ha1 = ha1,
                            .nonce = rfc7616_nonce,
                            .nc = "00000001",
                            .cnonce = rfc7616_cnonce,
                            .qop = "auth",
                            .method = "GET",
                            .uri = "/dir/index.html"});
}

} // namespace

BOOST_AUTO_TEST_CASE(rfc2617_section_3_5_example)
{
    std::string const ha1 = digest_ha1(digest_algorithm::md5, "Mufasa", "testrealm@host.com", "Circle Of Life");
    BOOST_TEST(ha1 == "939e7578ed9e3c518a452acee763bce9");
    BOOST_TEST(digest_response({.algorithm = digest_algorithm::unspecified,
                                .ha1 = ha1,
                                .nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                                .nc = "00000001",
                                .cnonce = "0a4f113b",
                                .qop = "auth",
                                .method = "GET",
                                .uri = "/dir/index.html"}) == "6629fae49393a05397450978507c4ef1");
}

BOOST_AUTO_TEST_CASE(rfc7616_section_3_9_1_md5)
{
    BOOST_TEST(rfc7616_response(digest_algorithm::md5) == "8ca523f5e9506fed4657c9700eebdbec");
}

BOOST_AUTO_TEST_CASE(rfc7616_section_3_9_1_sha_256)
{
    BOOST_TEST(rfc7616_response(digest_algorithm::sha_256) ==
               "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
}

BOOST_AUTO_TEST_CASE(session_variants_hash_nonce_and_cnonce_into_ha1)
{
    BOOST_TEST(rfc7616_response(digest_algorithm::md5_sess) == "e783283f46242139c486a698fec7211d");
    BOOST_TEST(rfc7616_response(digest_algorithm::sha_256_sess) ==
               "2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7");
}

BOOST_AUTO_TEST_CASE(sha_512_256_and_its_session_variant)
{
    BOOST_TEST(rfc7616_response(digest_algorithm::sha_512_256) ==
               "430d05014cecc49cab6fbe03176d41a1da86cbfe24a16580e22aaad928d960d0");
    BOOST_TEST(rfc7616_response(digest_algorithm::sha_512_256_sess) ==
               "3f2a34f923c38b0fb26dce2fdfc2ce326c23cecf86fbb1444f3e51fbbc2cb92e");
}

BOOST_AUTO_TEST_CASE(rfc2069_form_without_qop)
{
    // KD(H(A1), nonce ":" H(A2)) with the RFC 2617 example's inputs.
    BOOST_TEST(digest_response({.algorithm = digest_algorithm::md5,
                                .ha1 = "939e7578ed9e3c518a452acee763bce9",
                                .nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                                .nc = {},
                                .cnonce = {},
                                .qop = {},
                                .method = "GET",
                                .uri = "/dir/index.html"}) == "670fd8c2df070c60b045671b8b24ff02");
}

BOOST_AUTO_TEST_CASE(hash_joins_parts_with_colons)
{
    BOOST_TEST(digest_hash(digest_algorithm::md5, {"Mufasa", "testrealm@host.com", "Circle Of Life"}) ==
               digest_hash(digest_algorithm::md5, {"Mufasa:testrealm@host.com:Circle Of Life"}));
    BOOST_TEST(digest_hash(digest_algorithm::sha_256, {""}).size() == 64u);
    BOOST_TEST(digest_hash(digest_algorithm::other, {"x"}).empty());
}

BOOST_AUTO_TEST_CASE(algorithm_properties)
{
    BOOST_TEST(digest_supported(digest_algorithm::unspecified));
    BOOST_TEST(digest_supported(digest_algorithm::sha_256_sess));
    BOOST_TEST(!digest_supported(digest_algorithm::other));
    BOOST_TEST(is_session_algorithm(digest_algorithm::md5_sess));
    BOOST_TEST(!is_session_algorithm(digest_algorithm::sha_256));
    BOOST_TEST(digest_strength(digest_algorithm::sha_256) > digest_strength(digest_algorithm::md5));
    BOOST_TEST(digest_strength(digest_algorithm::sha_512_256) > digest_strength(digest_algorithm::sha_256_sess));
    BOOST_TEST(digest_strength(digest_algorithm::other) == 0);
    BOOST_TEST(digest_algorithm_name(digest_algorithm::unspecified) == "MD5");
    BOOST_TEST(digest_algorithm_name(digest_algorithm::sha_256_sess) == "SHA-256-sess");
    BOOST_TEST(digest_algorithm_name(digest_algorithm::other).empty());
    for (auto a : {digest_algorithm::md5, digest_algorithm::md5_sess, digest_algorithm::sha_256,
                   digest_algorithm::sha_256_sess, digest_algorithm::sha_512_256, digest_algorithm::sha_512_256_sess})
        BOOST_TEST((digest_algorithm_from(digest_algorithm_name(a)) == a));
}

BOOST_AUTO_TEST_CASE(equal_ignores_hex_case_but_not_length_or_digits)
{
    BOOST_TEST(digest_equal("6629fae49393a05397450978507c4ef1", "6629FAE49393A05397450978507C4EF1"));
    BOOST_TEST(!digest_equal("6629fae49393a05397450978507c4ef1", "6629fae49393a05397450978507c4ef2"));
    BOOST_TEST(!digest_equal("6629fae4", "6629fae49393a05397450978507c4ef1"));
    BOOST_TEST(!digest_equal("", ""));
}

BOOST_AUTO_TEST_CASE(lower_hex_of_bytes)
{
    unsigned char const bytes[] = {0x00, 0x0f, 0xa5, 0xff};
    BOOST_TEST(to_lower_hex(bytes) == "000fa5ff");
}
