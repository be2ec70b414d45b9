#define BOOST_TEST_MODULE sip_header_values
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/header_values.hpp"

using namespace cpm::sip;
using header_checks::error_of;
using header_checks::expect_error;
using header_checks::expect_error_at;

BOOST_AUTO_TEST_CASE(qvalue_has_at_most_three_decimals_and_stays_within_one)
{
    BOOST_TEST(*parse_qvalue("0") == 0);
    BOOST_TEST(*parse_qvalue("1") == 1000);
    BOOST_TEST(*parse_qvalue("0.7") == 700);
    BOOST_TEST(*parse_qvalue("0.25") == 250);
    BOOST_TEST(*parse_qvalue("0.125") == 125);
    BOOST_TEST(*parse_qvalue("1.000") == 1000);
    BOOST_TEST(*parse_qvalue("0.") == 0);
    BOOST_TEST(!parse_qvalue("1.5"));
    BOOST_TEST(!parse_qvalue("1.001"));
    BOOST_TEST(!parse_qvalue("0.1234"));
    BOOST_TEST(!parse_qvalue("2"));
    BOOST_TEST(!parse_qvalue(".5"));
    BOOST_TEST(!parse_qvalue(""));
    BOOST_TEST(!parse_qvalue("0,5"));
}

BOOST_AUTO_TEST_CASE(expires_and_min_expires)
{
    // RFC 3261 20.19, 20.23 examples; REQ-8.3.1.1.1-A.4 reads Expires on MESSAGE.
    BOOST_TEST(*parse_delta_seconds("5", "Expires") == 5u);
    BOOST_TEST(*parse_delta_seconds("60", "Min-Expires") == 60u);
    BOOST_TEST(*parse_delta_seconds("4294967295", "Expires") == 4294967295u);
    expect_error(parse_delta_seconds("4294967296", "Expires"), "Expires: expected delta-seconds", 0);
    expect_error(parse_delta_seconds("Thu, 01 Dec 1994 16:00:00 GMT", "Expires"), "Expires: expected delta-seconds", 0);
    expect_error(parse_delta_seconds("", "Min-Expires"), "Min-Expires: expected delta-seconds", 0);
}

BOOST_AUTO_TEST_CASE(req_7_4_1_A9_session_expires_with_refresher)
{
    // RFC 4028 section 4 examples; REQ-7.4.1-A.9 wants refresher=uac.
    auto se = parse_session_expires("4000;refresher=uac");
    BOOST_TEST_REQUIRE(se.has_value(), error_of(se));
    BOOST_TEST(se->delta == 4000u);
    BOOST_TEST((se->refresher == refresher::uac));
    auto x = parse_session_expires("1800 ; refresher=uas ; x-foo");
    BOOST_TEST_REQUIRE(x.has_value(), error_of(x));
    BOOST_TEST((x->refresher == refresher::uas));
    BOOST_TEST(x->params.contains("x-foo"));
    BOOST_TEST((parse_session_expires("90").value().refresher == refresher::none));
    expect_error_at(parse_session_expires("4000;refresher=proxy"), "Session-Expires: refresher must be uac or uas",
                    "4000;refresher=proxy", "refresher");
    expect_error(parse_session_expires("soon"), "Session-Expires: expected delta-seconds", 0);
    expect_error(parse_session_expires("4000 x"), "Session-Expires: unexpected character after the parameters", 5);
}

BOOST_AUTO_TEST_CASE(min_se_rfc4028)
{
    auto m = parse_min_se("3600");
    BOOST_TEST_REQUIRE(m.has_value(), error_of(m));
    BOOST_TEST(m->delta == 3600u);
    // refresher is no special parameter of Min-SE.
    auto r = parse_min_se("90;refresher=whatever");
    BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
    BOOST_TEST((r->refresher == refresher::none));
    expect_error(parse_min_se("-1"), "Min-SE: expected delta-seconds", 0);
}

BOOST_AUTO_TEST_CASE(retry_after_rfc3261_examples)
{
    auto a = parse_retry_after("18000;duration=3600");
    BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
    BOOST_TEST(a->delta == 18000u);
    BOOST_TEST(*a->duration == 3600u);
    BOOST_TEST(a->comment.empty());
    auto b = parse_retry_after("120 (I'm in a meeting)");
    BOOST_TEST_REQUIRE(b.has_value(), error_of(b));
    BOOST_TEST(b->delta == 120u);
    BOOST_TEST(b->comment == "(I'm in a meeting)");
    BOOST_TEST(!b->duration);
    auto c = parse_retry_after("300 (back (soon)) ;duration=60");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    BOOST_TEST(c->comment == "(back (soon))");
    BOOST_TEST(*c->duration == 60u);
    expect_error(parse_retry_after("120 (unclosed"), "Retry-After: unterminated or malformed comment", 4);
    expect_error_at(parse_retry_after("5;duration=x"), "Retry-After: duration must be delta-seconds", "5;duration=x",
                    "duration");
}

BOOST_AUTO_TEST_CASE(timestamp_with_and_without_delay)
{
    auto t = parse_timestamp("54");
    BOOST_TEST_REQUIRE(t.has_value(), error_of(t));
    BOOST_TEST(t->time == "54");
    BOOST_TEST(t->delay.empty());
    BOOST_TEST(t->time_value() == 54.0);
    auto d = parse_timestamp("54.25 0.5");
    BOOST_TEST_REQUIRE(d.has_value(), error_of(d));
    BOOST_TEST(d->time == "54.25");
    BOOST_TEST(d->delay == "0.5");
    BOOST_TEST(d->time_value() == 54.25);
    BOOST_TEST(d->delay_value() == 0.5);
    expect_error(parse_timestamp(".5"), "Timestamp: expected a number", 0);
    expect_error(parse_timestamp("54 0.5 x"), "Timestamp: unexpected character after the delay", 7);
}

BOOST_AUTO_TEST_CASE(mime_version_rfc3261)
{
    auto v = parse_mime_version("1.0");
    BOOST_TEST_REQUIRE(v.has_value(), error_of(v));
    BOOST_TEST(v->major == 1u);
    BOOST_TEST(v->minor == 0u);
    expect_error(parse_mime_version("1"), "MIME-Version: expected <major>.<minor>", 0);
    expect_error(parse_mime_version("1.0a"), "MIME-Version: expected <major>.<minor>", 3);
}

BOOST_AUTO_TEST_CASE(rseq_and_rack_rfc3262)
{
    BOOST_TEST(*parse_rseq("988789") == 988789u);
    expect_error(parse_rseq("0"), "RSeq: response-num must be 1 to 2**31-1", 0);
    expect_error(parse_rseq("2147483648"), "RSeq: response-num must be 1 to 2**31-1", 0);
    auto r = parse_rack("776656 1 INVITE");
    BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
    BOOST_TEST(r->rseq == 776656u);
    BOOST_TEST(r->cseq == 1u);
    BOOST_TEST((r->method == method::invite));
    expect_error(parse_rack("776656 INVITE"), "RAck: expected <response-num> <CSeq-num> <method>", 0);
    expect_error(parse_rack("0 1 INVITE"), "RAck: response-num must be 1 to 2**31-1", 0);
}

BOOST_AUTO_TEST_CASE(single_token_values)
{
    BOOST_TEST(*parse_token_value("emergency", "Priority") == "emergency");
    BOOST_TEST(*parse_token_value("dx200xyz", "SIP-ETag") == "dx200xyz");
    expect_error(parse_token_value("very urgent", "Priority"), "Priority: the value must be one token", 4);
    expect_error(parse_token_value("", "SIP-If-Match"), "SIP-If-Match: the value must be one token", 0);
}

BOOST_AUTO_TEST_CASE(refer_sub_rfc4488)
{
    BOOST_TEST(!parse_refer_sub("false").value().value);
    BOOST_TEST(parse_refer_sub("TRUE;x=1").value().params.contains("x"));
    expect_error(parse_refer_sub("maybe"), "Refer-Sub: expected true or false", 0);
}

BOOST_AUTO_TEST_CASE(subject_and_organization_text)
{
    BOOST_TEST(*parse_text_utf8("A tornado is heading our way!", "Subject") == "A tornado is heading our way!");
    BOOST_TEST(*parse_text_utf8("Boxes by Bob", "Organization") == "Boxes by Bob");
    BOOST_TEST(*parse_text_utf8("", "Subject") == "");
    BOOST_TEST(*parse_text_utf8("caf\xc3\xa9\r\n  au lait", "Subject") == "caf\xc3\xa9\r\n  au lait");
    expect_error(parse_text_utf8("bell\x07", "Subject"), "Subject: control character or malformed UTF-8", 4);
    expect_error(parse_text_utf8("bad \xc3(", "Organization"), "Organization: control character or malformed UTF-8", 4);
}

BOOST_AUTO_TEST_CASE(req_9_2_6_P1_cpm_conversation_identifiers)
{
    // REQ-9.2.6-P1: the CF echoes Conversation-ID / Contribution-ID (UUIDs).
    auto c = parse_cpm_id("f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "Conversation-ID");
    BOOST_TEST_REQUIRE(c.has_value(), error_of(c));
    BOOST_TEST(*c == "f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    BOOST_TEST(*parse_cpm_id("abc123", "Contribution-ID") == "abc123");
    expect_error(parse_cpm_id("a b", "InReplyTo-Contribution-ID"), "InReplyTo-Contribution-ID: expected one identifier", 1);
    expect_error(parse_cpm_id("", "Contribution-ID"), "Contribution-ID: expected one identifier", 0);
}
