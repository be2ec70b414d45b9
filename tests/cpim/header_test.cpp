#define BOOST_TEST_MODULE cpim_header
#include <boost/test/unit_test.hpp>

#include "checks.hpp"
#include "cpim/header.hpp"
#include "cpim/header_values.hpp"

#include <string>
#include <vector>

using namespace cpm::cpim;
using cpim_checks::error_of;
using cpim_checks::expect_error;
using cpim_checks::expect_error_at;

BOOST_AUTO_TEST_CASE(name_prefix_params_and_value)
{
    auto h = header_parser::parse("MyFeatures.VitalMessageOption: Confirmation-requested");
    BOOST_TEST_REQUIRE(h.has_value(), error_of(h));
    BOOST_TEST(h->name == "MyFeatures.VitalMessageOption");
    BOOST_TEST(h->prefix == "MyFeatures");
    BOOST_TEST(h->local_name == "VitalMessageOption");
    BOOST_TEST(h->params.empty());
    BOOST_TEST(h->value == "Confirmation-requested");

    auto s = header_parser::parse("Subject:;lang=fr beau temps prevu pour aujourd'hui");
    BOOST_TEST_REQUIRE(s.has_value(), error_of(s));
    BOOST_TEST(s->prefix.empty());
    BOOST_TEST(s->local_name == "Subject");
    BOOST_TEST(s->params.raw() == ";lang=fr");
    BOOST_TEST(s->params.lang() == "fr");
    BOOST_TEST(s->value == "beau temps prevu pour aujourd'hui");
}

BOOST_AUTO_TEST_CASE(parameters_iterate_in_order_with_string_values_decoded_on_request)
{
    auto h = header_parser::parse(R"(X:;lang=en-GB;n=42;s="a \"b\"\u00e9";t=tok.en value)");
    BOOST_TEST_REQUIRE(h.has_value(), error_of(h));
    std::vector<std::string> seen;
    for (auto const& p : h->params)
        seen.push_back(std::string(p.name) + "=" + std::string(p.value));
    std::vector<std::string> const want{"lang=en-GB", "n=42", R"(s="a \"b\"\u00e9")", "t=tok.en"};
    BOOST_TEST(seen == want, boost::test_tools::per_element());
    auto s = h->params.find("s");
    BOOST_TEST_REQUIRE(s.has_value());
    BOOST_TEST(s->is_string());
    BOOST_TEST(*s->decoded_value() == "a \"b\"\xc3\xa9");
    BOOST_TEST(*h->params.find("n")->decoded_value() == "42");
    BOOST_TEST(!h->params.find("LANG").has_value()); // names are case-sensitive
    BOOST_TEST(h->value == "value");
}

BOOST_AUTO_TEST_CASE(values_may_be_empty_and_hold_utf8_and_escapes)
{
    auto e = header_parser::parse("Subject: ");
    BOOST_TEST_REQUIRE(e.has_value(), error_of(e));
    BOOST_TEST(e->value.empty());
    auto u = header_parser::parse("Subject: caf\xc3\xa9 \\t tab");
    BOOST_TEST_REQUIRE(u.has_value(), error_of(u));
    BOOST_TEST(*u->decoded_value() == "caf\xc3\xa9 \t tab");
}

BOOST_AUTO_TEST_CASE(header_line_errors)
{
    expect_error(header_parser::parse(": x"), "CPIM header: expected a header name", 0);
    expect_error(header_parser::parse("a.: x"), "CPIM header: expected a name after the namespace prefix", 2);
    expect_error(header_parser::parse("a.b.c: x"), "CPIM a.b: expected ':' after the header name", 3);
    expect_error(header_parser::parse("From : x"), "CPIM From: expected ':' after the header name", 4);
    expect_error(header_parser::parse("From:x"), "CPIM From: expected a space before the value", 5);
    expect_error(header_parser::parse("From:  x\ty"), "CPIM From: control character or bad UTF-8 in the value (RFC 3862 2.3: escape it)", 8);
    expect_error(header_parser::parse("From: \xff"), "CPIM From: control character or bad UTF-8 in the value (RFC 3862 2.3: escape it)", 6);
    expect_error(header_parser::parse("X:;a x"), "CPIM X: expected parameter name '=' value", 4);
    expect_error(header_parser::parse("X:;=1 x"), "CPIM X: expected parameter name '=' value", 3);
    expect_error(header_parser::parse("X:;a= x"), "CPIM X: expected a token or a quoted string as parameter value", 5);
    expect_error(header_parser::parse("X:;a=\"open x"), "CPIM X: expected a token or a quoted string as parameter value", 5);
    expect_error(header_parser::parse("Subject:;lang=toolongtag x"), "CPIM Subject: lang must be a language tag (RFC 3066)", 14);
    expect_error(header_parser::parse("Subject:;lang=1a x"), "CPIM Subject: lang must be a language tag (RFC 3066)", 14);
}

BOOST_AUTO_TEST_CASE(language_tags)
{
    BOOST_TEST(is_language_tag("fr"));
    BOOST_TEST(is_language_tag("en-GB"));
    BOOST_TEST(is_language_tag("zh-Hant-TW"));
    BOOST_TEST(is_language_tag("x-klingon"));
    BOOST_TEST(!is_language_tag(""));
    BOOST_TEST(!is_language_tag("fr-"));
    BOOST_TEST(!is_language_tag("-fr"));
    BOOST_TEST(!is_language_tag("en--GB"));
    BOOST_TEST(!is_language_tag("abcdefghi"));
}

BOOST_AUTO_TEST_CASE(addresses_with_token_and_string_names)
{
    auto a = parse_address("MR SANDERS <im:piglet@100akerwood.com>", "From");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST(a->display_name == "MR SANDERS");
    BOOST_TEST(!a->display_name_is_string());
    BOOST_TEST(a->uri == "im:piglet@100akerwood.com");
    BOOST_TEST(*a->decoded_display_name() == "MR SANDERS");

    auto b = parse_address("<im:tigger@100akerwood.com>", "cc");
    BOOST_TEST_REQUIRE(b.has_value(), error_of(b));
    BOOST_TEST(b->display_name.empty());
    BOOST_TEST(b->uri == "im:tigger@100akerwood.com");

    auto c = parse_address(R"("Winnie \"the\" Pooh"<sip:pooh@example.com>)", "To");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    BOOST_TEST(c->display_name_is_string());
    BOOST_TEST(*c->decoded_display_name() == "Winnie \"the\" Pooh");
    BOOST_TEST(c->uri == "sip:pooh@example.com");
}

BOOST_AUTO_TEST_CASE(space_after_a_string_name_is_a_named_leniency)
{
    std::string_view const v = R"("Alice" <sip:alice@example.com>)";
    expect_error_at(parse_address(v, "From"), "CPIM From: expected [display name] <URI>", v, " <");
    auto ok = parse_address(v, "From", value_options{.space_after_string_name = true});
    BOOST_TEST_REQUIRE(ok.has_value(), error_of(ok));
    BOOST_TEST(ok->display_name == "\"Alice\"");
    BOOST_TEST(ok->uri == "sip:alice@example.com");
}

BOOST_AUTO_TEST_CASE(address_errors)
{
    std::string const shape = "CPIM To: expected [display name] <URI>";
    expect_error(parse_address("", "To"), shape, 0);
    expect_error(parse_address("Bob", "To"), shape, 3);
    expect_error(parse_address("Bob  <im:bob@x>", "To"), shape, 4);
    expect_error(parse_address("Bob<im:bob@x>", "To"), shape, 3);
    expect_error(parse_address("<im:bob@x", "To"), shape, 0);
    expect_error(parse_address("<bob@x>", "To"), shape, 0);
    expect_error(parse_address("<im:bob@x> trailing", "To"), shape, 0);
    expect_error(parse_address("<im:bo b@x>", "To"), shape, 0);
    expect_error(parse_address("\"open <im:x@y>", "To"), "CPIM To: unterminated or malformed quoted display name", 0);
}

BOOST_AUTO_TEST_CASE(namespaces)
{
    auto a = parse_namespace("MyFeatures <mid:MessageFeatures@id.foo.com>");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST(a->prefix == "MyFeatures");
    BOOST_TEST(a->uri == "mid:MessageFeatures@id.foo.com");
    auto d = parse_namespace("<urn:ietf:params:cpim-headers:>");
    BOOST_TEST_REQUIRE(d.has_value(), error_of(d));
    BOOST_TEST(d->prefix.empty());
    BOOST_TEST(d->uri == "urn:ietf:params:cpim-headers:");
    auto g = parse_namespace("imdn<urn:ietf:params:imdn>");
    BOOST_TEST_REQUIRE(g.has_value(), error_of(g));
    BOOST_TEST(g->prefix == "imdn");
    expect_error(parse_namespace("imdn  <urn:ietf:params:imdn>"), "CPIM NS: expected [prefix] <URI>", 5);
    expect_error(parse_namespace("imdn urn:ietf:params:imdn"), "CPIM NS: expected [prefix] <URI>", 5);
    expect_error(parse_namespace("<imdn>"), "CPIM NS: expected [prefix] <URI>", 0);
}

BOOST_AUTO_TEST_CASE(require_lists)
{
    auto r = parse_require("MyFeatures.VitalMessageOption,Other");
    BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
    BOOST_TEST_REQUIRE(r->size() == 2u);
    BOOST_TEST((*r)[0] == "MyFeatures.VitalMessageOption");
    BOOST_TEST((*r)[1] == "Other");
    expect_error(parse_require(""), "CPIM Require: expected a header name", 0);
    expect_error(parse_require("A,"), "CPIM Require: expected a header name", 2);
    expect_error(parse_require("A, B"), "CPIM Require: expected a header name", 2);
    expect_error(parse_require("A B"), "CPIM Require: expected ',' between header names", 1);
    expect_error(parse_require("a.b.c"), "CPIM Require: expected ',' between header names", 3);
    expect_error(parse_require("a."), "CPIM Require: expected a header name", 0);
}

BOOST_AUTO_TEST_CASE(absolute_uris)
{
    BOOST_TEST(is_absolute_uri("im:a@b"));
    BOOST_TEST(is_absolute_uri("urn:ietf:params:imdn"));
    BOOST_TEST(is_absolute_uri("sip:+1-555@example.com;user=phone"));
    BOOST_TEST(!is_absolute_uri("a@b"));
    BOOST_TEST(!is_absolute_uri("1im:a"));
    BOOST_TEST(!is_absolute_uri("im:"));
    BOOST_TEST(!is_absolute_uri("im:a b"));
    BOOST_TEST(!is_absolute_uri("im:a>b"));
}
