#define BOOST_TEST_MODULE sip_product
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/product.hpp"

using namespace cpm::sip;
using header_checks::error_of;
using header_checks::expect_error;

BOOST_AUTO_TEST_CASE(rfc3261_examples)
{
    auto u = parse_product_list("Softphone Beta1.5", "User-Agent");
    BOOST_TEST_REQUIRE(u.has_value(), error_of(u));
    BOOST_TEST_REQUIRE(u->items.size() == 2u);
    BOOST_TEST(u->items[0].name == "Softphone");
    BOOST_TEST(u->items[1].name == "Beta1.5");
    auto s = parse_product_list("HomeServer v2", "Server");
    BOOST_TEST_REQUIRE(s.has_value(), error_of(s));
    BOOST_TEST(s->find("homeserver").has_value());
}

BOOST_AUTO_TEST_CASE(req_7_3_1_A4_cpm_release_version_in_user_agent)
{
    // REQ-7.3.1-A.4 / REQ-7.4.1-A.3 / REQ-7.3.3-P1: "CPM-client/OMA1.0" (DECISIONS.md).
    auto u = parse_product_list("CPM-client/OMA1.0 (Linux; x86_64) libcpm / 0.1", "User-Agent");
    BOOST_TEST_REQUIRE(u.has_value(), error_of(u));
    auto const cpm = u->find("CPM-client");
    BOOST_TEST_REQUIRE(cpm.has_value());
    BOOST_TEST(cpm->version == "OMA1.0");
    BOOST_TEST_REQUIRE(u->items.size() == 3u);
    BOOST_TEST(u->items[1].is_comment());
    BOOST_TEST(u->items[1].comment == "(Linux; x86_64)");
    BOOST_TEST(u->items[2].version == "0.1");
    BOOST_TEST(!u->find("CPM-serv").has_value());
    auto s = parse_product_list("CPM-serv/OMA1.0", "Server");
    BOOST_TEST_REQUIRE(s.has_value(), error_of(s));
    BOOST_TEST(s->find("CPM-serv")->version == "OMA1.0");
}

BOOST_AUTO_TEST_CASE(nested_comments)
{
    auto u = parse_product_list("(built (with) \\) care) X/1", "User-Agent");
    BOOST_TEST_REQUIRE(u.has_value(), error_of(u));
    BOOST_TEST(u->items[0].comment == "(built (with) \\) care)");
    BOOST_TEST(u->items[1].name == "X");
}

BOOST_AUTO_TEST_CASE(invalid_products)
{
    expect_error(parse_product_list("", "User-Agent"), "User-Agent: expected a product", 0);
    expect_error(parse_product_list("X/1 (open", "Server"), "Server: unterminated or malformed comment", 4);
    expect_error(parse_product_list("X/1(c)", "Server"), "Server: expected whitespace between products and comments", 3);
    expect_error(parse_product_list("X/ ", "Server"), "Server: expected whitespace between products and comments", 1);
    expect_error(parse_product_list("X @", "User-Agent"), "User-Agent: expected a product", 2);
}
