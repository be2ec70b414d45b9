#define BOOST_TEST_MODULE msrp_uri
#include <boost/test/unit_test.hpp>

#include "msrp/error.hpp"
#include "msrp/uri.hpp"

#include <string>
#include <string_view>
#include <vector>

using namespace cpm::msrp;
using cpm::sip::abnf::host_kind;

BOOST_AUTO_TEST_CASE(rfc4975_example_uri)
{
    std::string_view const text = "msrp://atlanta.example.com:7654/jshA7weztas;tcp";
    auto u = parse_uri(text);
    BOOST_TEST_REQUIRE(u.has_value());
    BOOST_TEST(u->text == text);
    BOOST_TEST(u->scheme == "msrp");
    BOOST_TEST(!u->secure);
    BOOST_TEST(!u->userinfo.has_value());
    BOOST_TEST(u->host == "atlanta.example.com");
    BOOST_TEST((u->host_kind == host_kind::hostname));
    BOOST_TEST_REQUIRE(u->port.has_value());
    BOOST_TEST(*u->port == 7654);
    BOOST_TEST(u->authority == "atlanta.example.com:7654");
    BOOST_TEST(u->session_id == "jshA7weztas");
    BOOST_TEST(u->transport == "tcp");
    BOOST_TEST(u->params.empty());
}

BOOST_AUTO_TEST_CASE(msrps_ipv4_userinfo_params)
{
    auto u = parse_uri("MSRPS://bob;x=1@192.0.2.7/a+b=c/d_e~f.g-h;TLS;foo=bar;flag");
    BOOST_TEST_REQUIRE(u.has_value());
    BOOST_TEST(u->secure);
    BOOST_TEST(u->scheme == "MSRPS");
    BOOST_TEST_REQUIRE(u->userinfo.has_value());
    BOOST_TEST(*u->userinfo == "bob;x=1");
    BOOST_TEST(u->host == "192.0.2.7");
    BOOST_TEST((u->host_kind == host_kind::ipv4));
    BOOST_TEST(!u->port.has_value());
    BOOST_TEST(u->session_id == "a+b=c/d_e~f.g-h");
    BOOST_TEST(u->transport == "TLS");
    std::vector<std::string> got;
    for (auto const& p : u->params)
        got.push_back(std::string(p.name) + (p.has_value ? "=" + std::string(p.value) : std::string("!")));
    BOOST_TEST(got == (std::vector<std::string>{"foo=bar", "flag!"}), boost::test_tools::per_element());
    auto const foo = u->params.find("FOO");
    BOOST_TEST_REQUIRE(foo.has_value());
    BOOST_TEST(foo->value == "bar");
    BOOST_TEST(!u->params.find("bar").has_value());
}

BOOST_AUTO_TEST_CASE(ipv6_without_session_id)
{
    auto u = parse_uri("msrp://[2001:db8::1]:2855;tcp");
    BOOST_TEST_REQUIRE(u.has_value());
    BOOST_TEST(u->host == "[2001:db8::1]");
    BOOST_TEST((u->host_kind == host_kind::ipv6));
    BOOST_TEST(*u->port == 2855);
    BOOST_TEST(u->session_id.empty());
    BOOST_TEST(u->transport == "tcp");
}

BOOST_AUTO_TEST_CASE(errors_name_the_element)
{
    struct bad {
        std::string_view text;
        std::size_t offset;
        std::string_view sentence;
    };
    for (auto const& b : {
             bad{"sip:alice@example.com", 0, "MSRP URI: expected msrp:// or msrps://"},
             bad{"http://example.com/a;tcp", 0, "MSRP URI: expected msrp:// or msrps://"},
             bad{"msrp://exa_mple.com/a;tcp", 7, "MSRP URI: expected a hostname, IPv4 address or [IPv6 address]"},
             bad{"msrp://[2001:db8::1/a;tcp", 7, "MSRP URI: unterminated IPv6 reference"},
             bad{"msrp://[2001:db8::1::2]/a;tcp", 7, "MSRP URI: expected a hostname, IPv4 address or [IPv6 address]"},
             bad{"msrp://h.com:99999/a;tcp", 13, "MSRP URI: port must be 1 to 5 digits, at most 65535"},
             bad{"msrp://h.com:/a;tcp", 13, "MSRP URI: port must be 1 to 5 digits, at most 65535"},
             bad{"msrp://h.com/;tcp", 13, "MSRP URI: session-id must not be empty"},
             bad{"msrp://h.com/abc", 16, "MSRP URI: expected ;<transport>"},
             bad{"msrp://h.com/a%20b;tcp", 14, "MSRP URI: expected ;<transport>"},
             bad{"msrp://h.com/a;", 15, "MSRP URI: transport must be alphanumeric"},
             bad{"msrp://h.com/a;tcp;", 19, "MSRP URI: URI-parameter must be token[=token]"},
             bad{"msrp://h.com/a;tcp;a=", 19, "MSRP URI: URI-parameter must be token[=token]"},
             bad{"msrp://h.com/a;tcp;a=b c", 22, "MSRP URI: unexpected character after the transport"},
             bad{"msrp://a b@h.com/a;tcp", 7, "MSRP URI: malformed userinfo"},
         }) {
        auto u = parse_uri(b.text);
        BOOST_TEST_REQUIRE(!u.has_value(), b.text);
        BOOST_TEST(u.error().message == b.sentence, b.text);
        BOOST_TEST(u.error().offset == b.offset, b.text);
        BOOST_TEST((u.error().code == make_error_code(errc::bad_uri)));
    }
}

bool same(std::string_view a, std::string_view b)
{
    auto ua = parse_uri(a);
    auto ub = parse_uri(b);
    BOOST_TEST_REQUIRE(ua.has_value(), a);
    BOOST_TEST_REQUIRE(ub.has_value(), b);
    bool const ab = equivalent(*ua, *ub);
    BOOST_TEST(ab == equivalent(*ub, *ua), "symmetry " << a << " " << b);
    return ab;
}

BOOST_AUTO_TEST_CASE(comparison_rfc4975_6_1)
{
    // Scheme, host and transport are case-insensitive; userinfo is ignored.
    BOOST_TEST(same("msrp://Alice@EXAMPLE.com:7/s1;tcp", "MSRP://bob@example.COM:7/s1;TCP"));
    // URI-parameters take no part.
    BOOST_TEST(same("msrp://h.com:7/s1;tcp;a=b", "msrp://h.com:7/s1;tcp"));
    // IPv6 addresses compare as addresses.
    BOOST_TEST(same("msrp://[2001:db8:0:0:0:0:0:1]:7/s;tcp", "msrp://[2001:DB8::1]:7/s;tcp"));
    // The session-id is case-sensitive.
    BOOST_TEST(!same("msrp://h.com:7/s1;tcp", "msrp://h.com:7/S1;tcp"));
    // A port or a session-id present in one URI only never matches.
    BOOST_TEST(!same("msrp://h.com:2855/s1;tcp", "msrp://h.com/s1;tcp"));
    BOOST_TEST(!same("msrp://h.com:7/s1;tcp", "msrp://h.com:7;tcp"));
    BOOST_TEST(same("msrp://h.com:7;tcp", "msrp://h.com:7;tcp"));
    // Different schemes, transports, hosts or ports never match.
    BOOST_TEST(!same("msrps://h.com:7/s;tcp", "msrp://h.com:7/s;tcp"));
    BOOST_TEST(!same("msrp://h.com:7/s;tcp", "msrp://h.com:7/s;ws"));
    BOOST_TEST(!same("msrp://h.com:7/s;tcp", "msrp://g.com:7/s;tcp"));
    BOOST_TEST(!same("msrp://h.com:7/s;tcp", "msrp://h.com:8/s;tcp"));
    // An IP address never matches a name.
    BOOST_TEST(!same("msrp://192.0.2.1:7/s;tcp", "msrp://h.com:7/s;tcp"));
}

BOOST_AUTO_TEST_CASE(paths)
{
    std::string_view const value = "msrp://relay.example.com:2855/r1;tcp msrp://bob.example.com:8888/9di4ea;tcp";
    auto p = parse_path(value, "MSRP To-Path");
    BOOST_TEST_REQUIRE(p.has_value());
    BOOST_TEST_REQUIRE(p->size() == 2u);
    BOOST_TEST((*p)[0].session_id == "r1");
    BOOST_TEST((*p)[1].host == "bob.example.com");
    BOOST_TEST(*(*p)[1].port == 8888);

    auto two_spaces = parse_path("msrp://a.com/s;tcp  msrp://b.com/s;tcp", "MSRP To-Path");
    BOOST_TEST_REQUIRE(!two_spaces.has_value());
    BOOST_TEST(two_spaces.error().message == "MSRP To-Path: expected MSRP-URI *(SP MSRP-URI)");
    BOOST_TEST(two_spaces.error().offset == 19u);

    auto bad_second = parse_path("msrp://a.com/s;tcp msrp://b.com:0x/s;tcp", "MSRP From-Path");
    BOOST_TEST_REQUIRE(!bad_second.has_value());
    BOOST_TEST(bad_second.error().message == "MSRP From-Path: MSRP URI: port must be 1 to 5 digits, at most 65535");
    BOOST_TEST(bad_second.error().offset == 32u);

    BOOST_TEST(!parse_path("", "MSRP To-Path").has_value());
}
