#define BOOST_TEST_MODULE sip_token_list
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/token_list.hpp"

#include <string_view>
#include <vector>

using namespace cpm::sip;
using header_checks::error_of;
using header_checks::expect_error;

namespace {
std::vector<std::string_view> items(token_list const& l)
{
    return {l.begin(), l.end()};
}
} // namespace

BOOST_AUTO_TEST_CASE(req_7_1_A4_A5_gruu_in_supported_and_require)
{
    // REQ-7.1-A.4 / A.5: REGISTER carries option tag gruu in Supported and Require.
    auto s = parse_supported("path, gruu,\r\n outbound");
    BOOST_TEST_REQUIRE(s.has_value(), error_of(s));
    BOOST_TEST(s->contains("gruu"));
    BOOST_TEST(s->contains("outbound"));
    BOOST_TEST(!s->contains("GRUU"));
    BOOST_TEST(s->contains_ignore_case("GRUU"));
    BOOST_TEST(s->size() == 3u);
    BOOST_TEST((items(*s) == std::vector<std::string_view>{"path", "gruu", "outbound"}));
    auto r = parse_option_tags("gruu", "Require");
    BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
    BOOST_TEST(r->contains("gruu"));
}

BOOST_AUTO_TEST_CASE(req_7_4_1_A8_timer_and_gruu_supported)
{
    auto s = parse_supported("timer,gruu,100rel");
    BOOST_TEST_REQUIRE(s.has_value(), error_of(s));
    BOOST_TEST(s->contains("timer"));
    BOOST_TEST(s->contains("gruu"));
}

BOOST_AUTO_TEST_CASE(empty_lists_where_the_rfc_allows_them)
{
    // Supported and Allow may be empty (RFC 3261 20.37, 20.5); Require may not.
    BOOST_TEST(parse_supported("").value().empty());
    BOOST_TEST(parse_allow("").value().size() == 0u);
    expect_error(parse_option_tags("", "Require"), "Require: expected option-tag", 0);
    expect_error(parse_option_tags("  ", "Proxy-Require"), "Proxy-Require: expected option-tag", 2);
}

BOOST_AUTO_TEST_CASE(invalid_option_tag_lists)
{
    expect_error(parse_option_tags("100rel,", "Unsupported"), "Unsupported: expected option-tag after ','", 7);
    expect_error(parse_option_tags("100rel,,foo", "Require"), "Require: expected option-tag after ','", 7);
    expect_error(parse_option_tags("foo bar", "Require"), "Require: expected ',' or the end of the value after option-tag", 4);
    expect_error(parse_option_tags("foo@bar", "Require"), "Require: option-tag must be a token", 3);
    expect_error(parse_supported("timer;x"), "Supported: option-tag must be a token", 5);
}

BOOST_AUTO_TEST_CASE(req_7_3_3_P2_and_9_2_6_A4_allow_lists_methods)
{
    // RFC 3261 20.5 example; REQ-7.3.3-P2 / REQ-9.2.6-A.4 read the Allow list.
    auto a = parse_allow("INVITE, ACK, OPTIONS, CANCEL, BYE, MESSAGE");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST(a->contains("MESSAGE"));
    BOOST_TEST(!a->contains("message")); // methods are case-sensitive (RFC 3261 7.1)
    BOOST_TEST(!a->contains("REFER"));
    BOOST_TEST(a->raw() == "INVITE, ACK, OPTIONS, CANCEL, BYE, MESSAGE");
}

BOOST_AUTO_TEST_CASE(allow_events_rfc6665)
{
    auto e = parse_allow_events("presence, presence.winfo, conference, reg");
    BOOST_TEST_REQUIRE(e.has_value(), error_of(e));
    BOOST_TEST(e->contains("presence.winfo"));
    BOOST_TEST(e->size() == 4u);
    expect_error(parse_allow_events("presence..winfo"), "Allow-Events: event-type must be", 8);
    expect_error(parse_allow_events("presence."), "Allow-Events: event-type must be", 8);
}

BOOST_AUTO_TEST_CASE(content_encoding_and_language)
{
    BOOST_TEST(parse_content_encoding("gzip").value().contains("gzip"));
    BOOST_TEST(parse_content_encoding("tar, gzip").value().size() == 2u);
    auto l = parse_content_language("fr, en-GB, zh-Hant-TW");
    BOOST_TEST_REQUIRE(l.has_value(), error_of(l));
    BOOST_TEST(l->contains_ignore_case("en-gb"));
    expect_error(parse_content_language("englishlanguage"), "Content-Language: language-tag must be 1*8ALPHA", 8);
    expect_error(parse_content_language("en_GB"), "Content-Language: language-tag must be 1*8ALPHA", 2);
    expect_error(parse_content_encoding(""), "Content-Encoding: expected content-coding", 0);
}

BOOST_AUTO_TEST_CASE(in_reply_to_call_ids)
{
    // RFC 3261 20.21 example.
    auto r = parse_in_reply_to("70710@saturn.bell-tel.com, 17320@saturn.bell-tel.com");
    BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
    BOOST_TEST((items(*r) == std::vector<std::string_view>{"70710@saturn.bell-tel.com", "17320@saturn.bell-tel.com"}));
    expect_error(parse_in_reply_to("a@b@c"), "In-Reply-To: callid must be word [\"@\" word]", 3);
}

BOOST_AUTO_TEST_CASE(req_7_3_1_A5_and_6_2_P2_privacy)
{
    // REQ-7.3.1-A.5 / REQ-7.4.1-A.7: anonymity is "Privacy: id" (RFC 3325 9.3);
    // REQ-6.2-P2: values per RFC 3323 4.2, ';'-separated.
    auto p = parse_privacy("id");
    BOOST_TEST_REQUIRE(p.has_value(), error_of(p));
    BOOST_TEST(p->contains_ignore_case("id"));
    auto q = parse_privacy("header;session; user ;critical");
    BOOST_TEST_REQUIRE(q.has_value(), error_of(q));
    BOOST_TEST((items(*q) == std::vector<std::string_view>{"header", "session", "user", "critical"}));
    BOOST_TEST(q->separator() == ';');
    BOOST_TEST(!q->contains("id"));
    expect_error(parse_privacy("id, header"), "Privacy: priv-value must be a token", 2);
    expect_error(parse_privacy("id;"), "Privacy: expected priv-value after ';'", 3);
}

BOOST_AUTO_TEST_CASE(p_asserted_service_rfc6050_and_cpm_icsis)
{
    // RFC 6050 4.1 example, then the CPM service identifiers (DECISIONS.md).
    auto s = parse_service_ids("urn:urn-7:3gpp-service.exampletelephony.version1", "P-Asserted-Service");
    BOOST_TEST_REQUIRE(s.has_value(), error_of(s));
    BOOST_TEST(s->contains("urn:urn-7:3gpp-service.exampletelephony.version1"));
    auto cpm = parse_service_ids("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg, urn:urn-7:3gpp-service.ims.icsi.oma.cpm.largemsg",
                                 "P-Preferred-Service");
    BOOST_TEST_REQUIRE(cpm.has_value(), error_of(cpm));
    BOOST_TEST(cpm->contains("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.largemsg"));
    expect_error(parse_service_ids("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg,urn:urn-8:foo", "P-Asserted-Service"),
                 "P-Asserted-Service: Service-ID must be urn:urn-7:", 44);
    expect_error(parse_service_ids("urn:urn-7:a.b..c", "P-Asserted-Service"), "P-Asserted-Service: Service-ID must be", 13);
    expect_error(parse_service_ids("urn:urn-7:aaaaaaaaaaaaaaaaaaaaaaaaaaaa", "P-Asserted-Service"),
                 "P-Asserted-Service: Service-ID must be", 37);
}
