// The users file of cpm-server (s4 context: "<user> plain:<password> |
// md5:<32 hex> | sha256:<64 hex> [display name]") and canonical_aor()
// (RFC 3261 10.3 step 5).
#define BOOST_TEST_MODULE cpm_core_users_file
#include <boost/test/unit_test.hpp>

#include "cpm/core/location.hpp"
#include "cpm/core/users_file.hpp"

#include <string>

using namespace cpm::core;
using cpm::sip::digest_algorithm;
using cpm::sip::auth::user_secret;

namespace {

std::string error_of(std::string_view text)
{
    auto r = parse_users(text, "example.com", "users.txt");
    BOOST_TEST_REQUIRE(!r.has_value(), "expected an error for: " << text);
    return r.error().message;
}

std::optional<std::string> aor(std::string_view text)
{
    auto u = cpm::sip::parse_uri(text);
    BOOST_TEST_REQUIRE(u.has_value());
    return canonical_aor(*u);
}

} // namespace

BOOST_AUTO_TEST_CASE(reads_every_secret_kind_with_display_names)
{
    auto r = load_users_file(std::string(CPM_TEST_DATA_DIR) + "/cpm/core/users.txt", "example.com");
    BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().message));
    auto const& users = *r;
    BOOST_TEST(users.size() == 3u);
    BOOST_TEST(users.domain() == "example.com");
    BOOST_TEST(users.contains("alice"));
    BOOST_TEST(!users.contains("Alice")); // user parts compare exactly (RFC 3261 19.1.4)
    BOOST_TEST(!users.contains("dave"));
    BOOST_TEST(users.display_name("alice") == "Alice Liddell");
    BOOST_TEST(users.display_name("bob") == "");
    BOOST_TEST(users.display_name("carol") == "Carol"); // trailing blanks trimmed

    // A password serves every algorithm, in the domain's realm only.
    auto a = users.find("example.com", "alice", digest_algorithm::sha_256);
    BOOST_TEST_REQUIRE(a.has_value());
    BOOST_TEST((a->type == user_secret::kind::password));
    BOOST_TEST(a->value == "wonderland");
    BOOST_TEST(!users.find("other.example.com", "alice", digest_algorithm::md5).has_value());

    // An HA1 serves its algorithm only, lower-cased for the verifier.
    auto b = users.find("example.com", "bob", digest_algorithm::md5);
    BOOST_TEST_REQUIRE(b.has_value());
    BOOST_TEST((b->type == user_secret::kind::ha1));
    BOOST_TEST(b->value == "5dc6a1e9a6c7d1c8c1e1f5a1b2c3d4e5");
    BOOST_TEST(!users.find("example.com", "bob", digest_algorithm::sha_256).has_value());
    auto c = users.find("example.com", "carol", digest_algorithm::sha_256);
    BOOST_TEST_REQUIRE(c.has_value());
    BOOST_TEST(c->value.size() == 64u);
    BOOST_TEST(!users.find("example.com", "carol", digest_algorithm::md5).has_value());
}

BOOST_AUTO_TEST_CASE(comments_blank_lines_and_crlf)
{
    auto r = parse_users("# users\r\n\r\n   \r\n  # indented comment\r\nalice plain:pw\r\n", "example.com", "u");
    BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().message));
    BOOST_TEST(r->size() == 1u);
    BOOST_TEST(r->find("example.com", "alice", digest_algorithm::md5)->value == "pw"); // no CR kept
}

BOOST_AUTO_TEST_CASE(errors_name_file_line_and_column)
{
    BOOST_TEST(error_of("alice plain:a\nbob md5:0123\n") ==
               "users.txt:2:9: md5: the HA1 must be 32 hex digits, not 4");
    BOOST_TEST(error_of("bob sha256:0123456789abcdef0123456789abcdef\n") ==
               "users.txt:1:12: sha256: the HA1 must be 64 hex digits, not 32");
    BOOST_TEST(error_of("bob md5:0123456789abcdef0123456789abcdeg") ==
               "users.txt:1:9: md5: the HA1 must be hex digits");
    BOOST_TEST(error_of("# c\nbob sha1:abc") ==
               "users.txt:2:5: unknown secret kind 'sha1' (expected plain, md5 or sha256)");
    BOOST_TEST(error_of("alice plain:a\n\n  alice plain:b\n") == "users.txt:3:3: duplicate user 'alice'");
    BOOST_TEST(error_of("alice plain:a\nbob md5:0123456789abcdef0123456789abcdef\nbob plain:x") ==
               "users.txt:3:1: duplicate user 'bob'");
    BOOST_TEST(error_of("alice\n") == "users.txt:1:6: user 'alice' has no secret (expected plain:, md5: or sha256:)");
    BOOST_TEST(error_of("alice secret") == "users.txt:1:7: expected <kind>:<secret> (plain:, md5: or sha256:)");
    BOOST_TEST(error_of("alice plain: Alice") == "users.txt:1:13: plain: the password is empty");
}

BOOST_AUTO_TEST_CASE(error_position_fields)
{
    auto r = parse_users("a plain:x\n  b md5:zz", "example.com", "f");
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().line == 2u);
    BOOST_TEST(r.error().column == 9u);
    BOOST_TEST(r.error().offset == 18u);
}

BOOST_AUTO_TEST_CASE(unreadable_file)
{
    auto r = load_users_file("/nonexistent/users.txt", "example.com");
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().message == "/nonexistent/users.txt:1:1: cannot read the file");
}

BOOST_AUTO_TEST_CASE(canonical_aor_of_rfc3261_10_3_step_5)
{
    // Parameters and headers go, escapes are decoded, the host is lower-cased,
    // the user part keeps its case, a port stays.
    BOOST_TEST(aor("sip:Alice@EXAMPLE.com;transport=tcp").value() == "sip:Alice@example.com");
    BOOST_TEST(aor("sips:%61lice@Example.COM:5061").value() == "sips:alice@example.com:5061");
    BOOST_TEST(aor("sip:bob:secret@example.com?subject=x").value() == "sip:bob@example.com");
    BOOST_TEST(aor("sip:+1-212-555-0101@example.com;user=phone").value() == "sip:+1-212-555-0101@example.com");
    BOOST_TEST(!aor("sip:example.com").has_value());
    BOOST_TEST(!aor("tel:+12125550101").has_value());
    BOOST_TEST(!aor("im:alice@example.com").has_value());
}
