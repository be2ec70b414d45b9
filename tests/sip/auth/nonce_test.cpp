// Self-validating nonces: issue, check (valid, expired, forged in every
// way), opaque values.
#define BOOST_TEST_MODULE sip_auth_nonce
#include <boost/test/unit_test.hpp>

#include "auth_fixture.hpp"

#include "sip/auth/nonce.hpp"

using namespace cpm::sip::auth;
using namespace cpm::sip::auth::test;
using status = nonce_check::status;

namespace {

nonce_codec const codec("0123456789abcdef-secret", 300s);

} // namespace

BOOST_AUTO_TEST_CASE(fresh_nonce_is_valid_and_carries_its_issue_time)
{
    std::string const n = codec.issue("biloxi.example.com", t0);
    BOOST_TEST(n.size() == 64u);
    BOOST_TEST(n.find_first_not_of("0123456789abcdef") == std::string::npos);
    auto const c = codec.check(n, "biloxi.example.com", t0 + 10s);
    BOOST_TEST((c.state == status::valid));
    BOOST_TEST((c.issued == t0));
}

BOOST_AUTO_TEST_CASE(expires_after_the_lifetime)
{
    std::string const n = codec.issue("biloxi.example.com", t0);
    BOOST_TEST((codec.check(n, "biloxi.example.com", t0 + 300s).state == status::valid));
    BOOST_TEST((codec.check(n, "biloxi.example.com", t0 + 301s).state == status::expired));
}

BOOST_AUTO_TEST_CASE(nonces_issued_at_the_same_time_differ)
{
    BOOST_TEST(codec.issue("biloxi.example.com", t0) != codec.issue("biloxi.example.com", t0));
}

BOOST_AUTO_TEST_CASE(tampered_time_stamp_is_forged)
{
    std::string n = codec.issue("biloxi.example.com", t0);
    n[15] = n[15] == '0' ? '1' : '0'; // a later time stamp, to extend the lifetime
    BOOST_TEST((codec.check(n, "biloxi.example.com", t0).state == status::forged));
}

BOOST_AUTO_TEST_CASE(tampered_seal_is_forged)
{
    std::string n = codec.issue("biloxi.example.com", t0);
    n.back() = n.back() == 'a' ? 'b' : 'a';
    BOOST_TEST((codec.check(n, "biloxi.example.com", t0).state == status::forged));
}

BOOST_AUTO_TEST_CASE(another_realm_or_secret_does_not_validate)
{
    std::string const n = codec.issue("biloxi.example.com", t0);
    BOOST_TEST((codec.check(n, "atlanta.example.com", t0).state == status::forged));
    nonce_codec const other("another-secret-0123456789", 300s);
    BOOST_TEST((other.check(n, "biloxi.example.com", t0).state == status::forged));
}

BOOST_AUTO_TEST_CASE(bad_shapes_are_forged)
{
    std::string const n = codec.issue("biloxi.example.com", t0);
    std::string upper = n;
    for (char& ch : upper)
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    for (std::string const& bad : {std::string(), n.substr(1), n + "0", upper, std::string(64, 'g'),
                                   std::string("dcd98b7102dd2f0e8b11d0f600bfb0c093")})
        BOOST_TEST((codec.check(bad, "biloxi.example.com", t0).state == status::forged), bad);
}

BOOST_AUTO_TEST_CASE(opaque_is_stable_per_realm)
{
    BOOST_TEST(codec.opaque("biloxi.example.com") == codec.opaque("biloxi.example.com"));
    BOOST_TEST(codec.opaque("biloxi.example.com") != codec.opaque("atlanta.example.com"));
    BOOST_TEST(codec.opaque("biloxi.example.com").size() == 32u);
}
