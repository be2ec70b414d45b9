#define BOOST_TEST_MODULE msrp_headers
#include <boost/test/unit_test.hpp>

#include "msrp/headers.hpp"
#include "msrp/message.hpp"

#include <string>
#include <string_view>

using namespace cpm::msrp;

namespace {

template <class Result>
void check_error(Result const& r, std::string_view sentence, std::size_t offset)
{
    BOOST_TEST_REQUIRE(!r.has_value(), sentence);
    BOOST_TEST(r.error().message == sentence);
    BOOST_TEST(r.error().offset == offset, sentence);
}

} // namespace

BOOST_AUTO_TEST_CASE(byte_range_values)
{
    auto full = parse_byte_range("1-25/25");
    BOOST_TEST_REQUIRE(full.has_value());
    BOOST_TEST(full->start == 1u);
    BOOST_TEST(*full->end == 25u);
    BOOST_TEST(*full->total == 25u);
    auto open = parse_byte_range("1025-*/*");
    BOOST_TEST_REQUIRE(open.has_value());
    BOOST_TEST(open->start == 1025u);
    BOOST_TEST(!open->end.has_value());
    BOOST_TEST(!open->total.has_value());
    auto unknown_total = parse_byte_range("1-2048/*");
    BOOST_TEST_REQUIRE(unknown_total.has_value());
    BOOST_TEST(*unknown_total->end == 2048u);
    BOOST_TEST(!unknown_total->total.has_value());
    auto empty = parse_byte_range("1-0/0");
    BOOST_TEST_REQUIRE(empty.has_value());
    BOOST_TEST(*empty->end == 0u);
    auto big = parse_byte_range("1-1073741824/1073741824");
    BOOST_TEST_REQUIRE(big.has_value());
    BOOST_TEST(*big->total == 1073741824u);

    std::string_view const syntax = "MSRP Byte-Range: expected <start>-<end>/<total> (end and total digits or *)";
    check_error(parse_byte_range("1-25"), syntax, 1);
    check_error(parse_byte_range("*-25/25"), syntax, 0);
    check_error(parse_byte_range("1-x/25"), syntax, 2);
    check_error(parse_byte_range("1-25/2 5"), syntax, 5);
    check_error(parse_byte_range("1-25/"), syntax, 5);
    check_error(parse_byte_range(" 1-25/25"), syntax, 0);
    check_error(parse_byte_range("0-25/25"), "MSRP Byte-Range: range-start counts from 1", 0);
    check_error(parse_byte_range("10-8/25"), "MSRP Byte-Range: range-end lies before range-start", 3);
    check_error(parse_byte_range("1-26/25"), "MSRP Byte-Range: range-end lies past the total", 2);
}

BOOST_AUTO_TEST_CASE(reports_status_ids)
{
    BOOST_TEST((*parse_success_report("yes") == report_mode::yes));
    BOOST_TEST((*parse_success_report("No") == report_mode::no));
    check_error(parse_success_report("partial"), "MSRP Success-Report: expected yes or no", 0);
    BOOST_TEST((*parse_failure_report("partial") == report_mode::partial));
    check_error(parse_failure_report("maybe"), "MSRP Failure-Report: expected yes, no or partial", 0);

    auto s = parse_status("000 200 OK");
    BOOST_TEST_REQUIRE(s.has_value());
    BOOST_TEST(s->ns == 0u);
    BOOST_TEST(s->code == 200u);
    BOOST_TEST(s->reason == "OK");
    auto bare = parse_status("000 408");
    BOOST_TEST_REQUIRE(bare.has_value());
    BOOST_TEST(bare->code == 408u);
    BOOST_TEST(bare->reason.empty());
    check_error(parse_status("200 OK"), "MSRP Status: expected <namespace> <status-code> [<text-reason>]", 0);
    check_error(parse_status("000 2000"), "MSRP Status: expected <namespace> <status-code> [<text-reason>]", 0);

    BOOST_TEST(*parse_message_id("12339sdqwer") == "12339sdqwer");
    check_error(parse_message_id("-12339"), "MSRP Message-ID: expected ALPHANUM then 3 to 31 of ALPHANUM . - + % =", 0);
    check_error(parse_message_id("abc"), "MSRP Message-ID: expected ALPHANUM then 3 to 31 of ALPHANUM . - + % =", 0);

    BOOST_TEST(*parse_seconds("3600", "Expires") == 3600u);
    check_error(parse_seconds("4294967296", "Max-Expires"),
                "MSRP Max-Expires: expected seconds (digits, at most 4294967295)", 0);
    check_error(parse_seconds("", "Min-Expires"), "MSRP Min-Expires: expected seconds (digits, at most 4294967295)", 0);
}

BOOST_AUTO_TEST_CASE(content_fields)
{
    auto ct = parse_content_type("message/cpim;charset=\"utf-8\";x");
    BOOST_TEST_REQUIRE(ct.has_value());
    BOOST_TEST(ct->type == "message");
    BOOST_TEST(ct->subtype == "cpim");
    BOOST_TEST_REQUIRE(ct->params.size() == 2u);
    BOOST_TEST(ct->params[0].name == "charset");
    BOOST_TEST(ct->params[0].value == "\"utf-8\"");
    BOOST_TEST(ct->params[0].quoted());
    BOOST_TEST(ct->params[0].unquoted() == "utf-8");
    BOOST_TEST(!ct->params[1].has_value);
    // MSRP's token is the MIME one: '#', '{' and '|' are token characters.
    auto odd = parse_content_type("application/x#{|}");
    BOOST_TEST_REQUIRE(odd.has_value());
    BOOST_TEST(odd->subtype == "x#{|}");
    check_error(parse_content_type("text"), "MSRP Content-Type: expected <type>/<subtype>", 4);
    check_error(parse_content_type("text/plain; charset=utf-8"), "MSRP Content-Type: parameter name must be a token", 11);
    check_error(parse_content_type("text/plain;a=\"x"), "MSRP Content-Type: parameter value must be a token or a quoted-string", 13);

    auto id = parse_content_id("<abc.123@example.com>");
    BOOST_TEST_REQUIRE(id.has_value());
    BOOST_TEST(*id == "abc.123@example.com");
    check_error(parse_content_id("abc@example.com"), "MSRP Content-ID: expected <id-left@id-right>", 0);
    check_error(parse_content_id("<abc@ex ample>"), "MSRP Content-ID: unexpected character in the id", 7);

    auto d = parse_content_disposition("attachment ; filename=\"cat.jpg\";size=1024");
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST(d->type == "attachment");
    BOOST_TEST_REQUIRE(d->params.size() == 2u);
    BOOST_TEST(d->params[0].unquoted() == "cat.jpg");
    BOOST_TEST(d->params[1].value == "1024");
    check_error(parse_content_disposition(";x"), "MSRP Content-Disposition: expected a disposition type", 0);
}

BOOST_AUTO_TEST_CASE(relay_auth_fields)
{
    // RFC 4976 section 8 shapes.
    auto c = parse_www_authenticate("Digest realm=\"example.com\", nonce=\"dcd98b\", qop=\"auth\", stale=false");
    BOOST_TEST_REQUIRE(c.has_value());
    BOOST_TEST(c->scheme == "Digest");
    BOOST_TEST_REQUIRE(c->params.size() == 4u);
    BOOST_TEST(c->find("NONCE")->unquoted() == "dcd98b");
    BOOST_TEST(c->find("stale")->value == "false");
    BOOST_TEST(c->find("opaque") == nullptr);

    auto a = parse_authorization("Digest username=\"alice\", realm=\"example.com\", nonce=\"dcd98b\", "
                                 "response=\"6629fae49393a05397450978507c4ef1\", qop=auth, nc=00000001, cnonce=\"0a4f113b\"");
    BOOST_TEST_REQUIRE(a.has_value());
    BOOST_TEST(a->params.size() == 7u);
    BOOST_TEST(a->find("nc")->value == "00000001");

    auto i = parse_authentication_info("nextnonce=\"47364c23432d2e131a5fb210812c\",qop=auth, rspauth=\"6629fae4\"");
    BOOST_TEST_REQUIRE(i.has_value());
    BOOST_TEST(i->scheme.empty());
    BOOST_TEST(i->params.size() == 3u);

    check_error(parse_www_authenticate("Basic realm=\"x\""), "MSRP WWW-Authenticate: expected Digest <parameters>", 0);
    check_error(parse_www_authenticate("Digest realm=example"), "MSRP WWW-Authenticate: realm must be a quoted-string", 13);
    check_error(parse_www_authenticate("Digest stale=maybe"), "MSRP WWW-Authenticate: stale must be true or false", 13);
    check_error(parse_authorization("Digest response=\"6629FAE49393A05397450978507C4EF1\""),
                "MSRP Authorization: response must be 32 lower-case hex digits in quotes", 16);
    check_error(parse_authorization("Digest nc=1"), "MSRP Authorization: nc must be 8 lower-case hex digits", 10);
    check_error(parse_authorization("Digest qop=\"auth\""), "MSRP Authorization: qop must be one qop value (a token)", 11);
    check_error(parse_authentication_info("rspauth=\"6629fae4\";x=y"), "MSRP Authentication-Info: expected , between parameters", 18);
    check_error(parse_authentication_info("rspauth"), "MSRP Authentication-Info: expected <name>=<token or quoted-string>", 7);
}

BOOST_AUTO_TEST_CASE(validate_rebases_errors)
{
    std::string const text =
        "MSRP a786hjs2 SEND\r\n"
        "To-Path: msrp://b.example.com/s;tcp\r\n"
        "From-Path: msrp://a.example.com/s;tcp\r\n"
        "Message-ID: 87652491\r\n"
        "Use-Path: msrp://relay.example.com:2855/r1;tcp\r\n"
        "Expires: 600\r\n"
        "Byte-Range: 1-5/3\r\n"
        "-------a786hjs2$\r\n";
    auto h = parse_head(text);
    BOOST_TEST_REQUIRE(h.has_value());
    auto r = validate(*h);
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().message == "MSRP Byte-Range: range-end lies past the total");
    BOOST_TEST(r.error().line == 7u);
    BOOST_TEST(r.error().column == 15u);
    BOOST_TEST(r.error().offset == text.find("5/3"));

    std::string good = text;
    good.replace(good.find("1-5/3"), 5, "1-3/3");
    auto g = parse_head(good);
    BOOST_TEST_REQUIRE(g.has_value());
    BOOST_TEST(validate(*g).has_value());
}
