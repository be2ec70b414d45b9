#define BOOST_TEST_MODULE sip_builder
#include <boost/test/unit_test.hpp>

#include "sip/builder.hpp"
#include "sip/message.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

using namespace cpm::sip;
using cpm::sip::abnf::text_buffer;

namespace {

message parse_ok(std::string_view text, parse_options const& options = {})
{
    auto m = message::parse(text_buffer(text), options);
    BOOST_TEST_REQUIRE(m.has_value(), (m ? "" : m.error().message) << "\n" << text);
    return std::move(*m);
}

std::string const invite =
    "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
    "v: SIP/2.0/TCP proxy.example.com;branch=z9hG4bK2d4790.1, SIP/2.0/UDP relay.example.com;branch=z9hG4bK0\r\n"
    "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101\r\n"
    "Max-Forwards: 69\r\n"
    "f: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
    "t: Bob <sip:bob@biloxi.example.com>\r\n"
    "i: 3848276298220188511@atlanta.example.com\r\n"
    "CSeq: 1 INVITE\r\n"
    "Timestamp: 54\r\n"
    "Contact: <sip:alice@client.atlanta.example.com;transport=tcp>\r\n"
    "l: 0\r\n"
    "\r\n";

std::string const common_response_fields =
    "Via: SIP/2.0/TCP proxy.example.com;branch=z9hG4bK2d4790.1, SIP/2.0/UDP relay.example.com;branch=z9hG4bK0\r\n"
    "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101\r\n"
    "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n";

} // namespace

BOOST_AUTO_TEST_CASE(builds_a_request_in_canonical_form)
{
    std::string out = "kept:"; // the builder appends
    message_builder(out)
        .request_line("MESSAGE", "sip:bob@example.com")
        .header(header_id::via, "SIP/2.0/TCP alice.example.com;branch=z9hG4bKm1")
        .header(header_id::max_forwards, "70")
        .tagged(header_id::from, "<sip:alice@example.com>", "49583")
        .header(header_id::to, "<sip:bob@example.com>")
        .header(header_id::call_id, "m1@alice.example.com")
        .header(header_id::cseq, "1 MESSAGE")
        .header("X-Extension", "yes")
        .header(header_id::content_type, "text/plain")
        .finish("Hello");
    std::string const expected =
        "kept:"
        "MESSAGE sip:bob@example.com SIP/2.0\r\n"
        "Via: SIP/2.0/TCP alice.example.com;branch=z9hG4bKm1\r\n"
        "Max-Forwards: 70\r\n"
        "From: <sip:alice@example.com>;tag=49583\r\n"
        "To: <sip:bob@example.com>\r\n"
        "Call-ID: m1@alice.example.com\r\n"
        "CSeq: 1 MESSAGE\r\n"
        "X-Extension: yes\r\n"
        "Content-Type: text/plain\r\n"
        "Content-Length: 5\r\n"
        "\r\n"
        "Hello";
    BOOST_TEST(out == expected);
    auto const m = parse_ok(std::string_view(out).substr(5), {.datagram = false});
    BOOST_TEST((m.method() == method::message));
    BOOST_TEST(m.from().tag == "49583");
    BOOST_TEST(*m.content_length() == 5u);
    BOOST_TEST(m.body() == "Hello");
    BOOST_TEST((m.defects() == defect::none));
}

BOOST_AUTO_TEST_CASE(explicit_content_length_is_not_doubled)
{
    std::string out;
    message_builder(out).status_line(202, "Accepted").header("l", "0").finish();
    BOOST_TEST(out == "SIP/2.0 202 Accepted\r\nl: 0\r\n\r\n");
    out.clear();
    message_builder(out).status_line(200, "OK").finish("", length_mode::as_added);
    BOOST_TEST(out == "SIP/2.0 200 OK\r\n\r\n");
    out.clear();
    message_builder(out).status_line(200, "OK").finish();
    BOOST_TEST(out == "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n");
}

BOOST_AUTO_TEST_CASE(response_copies_the_rfc3261_8_2_6_fields)
{
    auto const req = parse_ok(invite);
    std::string out;
    make_response(out, req, 180, "Ringing", {.to_tag = "8321234356"})
        .header(header_id::contact, "<sip:bob@client.biloxi.example.com;transport=tcp>")
        .finish();
    std::string const expected =
        "SIP/2.0 180 Ringing\r\n" + common_response_fields +
        "To: Bob <sip:bob@biloxi.example.com>;tag=8321234356\r\n"
        "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
        "CSeq: 1 INVITE\r\n"
        "Contact: <sip:bob@client.biloxi.example.com;transport=tcp>\r\n"
        "Content-Length: 0\r\n"
        "\r\n";
    BOOST_TEST(out == expected);
    auto const resp = parse_ok(out, {.datagram = false});
    BOOST_TEST(resp.status_code() == 180u);
    BOOST_TEST(resp.count(header_id::via) == 2u);
    BOOST_TEST(resp.top_via().branch == "z9hG4bK2d4790.1");
    BOOST_TEST(resp.to().tag == "8321234356");
    BOOST_TEST(resp.from().tag == "9fxced76sl");
    BOOST_TEST(resp.find(header_id::timestamp) == nullptr); // only a 100 copies it
}

BOOST_AUTO_TEST_CASE(trying_copies_timestamp)
{
    auto const req = parse_ok(invite);
    std::string out;
    make_response(out, req, 100, "Trying").finish();
    std::string const expected =
        "SIP/2.0 100 Trying\r\n" + common_response_fields +
        "To: Bob <sip:bob@biloxi.example.com>\r\n"
        "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
        "CSeq: 1 INVITE\r\n"
        "Timestamp: 54\r\n"
        "Content-Length: 0\r\n"
        "\r\n";
    BOOST_TEST(out == expected);
}

BOOST_AUTO_TEST_CASE(existing_to_tag_is_kept)
{
    std::string in = invite;
    in.replace(in.find("t: Bob <sip:bob@biloxi.example.com>"), 35, "t: Bob <sip:bob@biloxi.example.com>;tag=abc");
    auto const req = parse_ok(in);
    std::string out;
    make_response(out, req, 200, "OK", {.to_tag = "ignored"}).finish();
    auto const resp = parse_ok(out);
    BOOST_TEST(resp.to().tag == "abc");
    BOOST_TEST(resp.find(header_id::to)->value == "Bob <sip:bob@biloxi.example.com>;tag=abc");
}

BOOST_AUTO_TEST_CASE(warning_says_what_was_wrong)
{
    auto const req = parse_ok(invite);
    std::string out;
    // Quotes, a backslash, a CRLF (header injection attempt), valid UTF-8
    // (e-acute) and a stray 0xff byte.
    std::string const text = "To: \"bad\\ value\r\nX-Injected: 1 caf\xc3\xa9 \xff";
    make_response(out, req, 400, "Bad Request").warning("proxy.example.com", text).finish();
    auto const resp = parse_ok(out, {.datagram = false});
    BOOST_TEST(resp.find("X-Injected") == nullptr);
    auto const* w = resp.find(header_id::warning);
    BOOST_TEST_REQUIRE(w != nullptr);
    BOOST_TEST(w->value == "399 proxy.example.com \"To: \\\"bad\\\\ value  X-Injected: 1 caf\xc3\xa9 ?\"");
    out.clear();
    message_builder(out).status_line(488, "Not Acceptable Here").warning("atlanta.example.com", "Incompatible media format", 304).finish();
    BOOST_TEST(out.find("Warning: 304 atlanta.example.com \"Incompatible media format\"\r\n") != std::string::npos);
}

namespace {

/// Everything parse() decodes, compared field by field.
void check_same(message const& a, message const& b)
{
    BOOST_TEST(a.is_request() == b.is_request());
    BOOST_TEST(a.method_text() == b.method_text());
    BOOST_TEST(a.request_uri() == b.request_uri());
    BOOST_TEST(a.version() == b.version());
    BOOST_TEST(a.status_code() == b.status_code());
    BOOST_TEST(a.reason() == b.reason());
    BOOST_TEST_REQUIRE(a.headers().size() == b.headers().size());
    for (std::size_t i = 0; i < a.headers().size(); ++i) {
        auto const& x = a.headers()[i];
        auto const& y = b.headers()[i];
        BOOST_TEST((x.id == y.id));
        if (x.id == header_id::unknown)
            BOOST_TEST(x.name == y.name);
        BOOST_TEST(x.value == y.value);
    }
    BOOST_TEST(a.top_via().raw == b.top_via().raw);
    BOOST_TEST(a.top_via().branch == b.top_via().branch);
    BOOST_TEST(a.from().raw == b.from().raw);
    BOOST_TEST(a.from().tag == b.from().tag);
    BOOST_TEST(a.to().raw == b.to().raw);
    BOOST_TEST(a.call_id() == b.call_id());
    BOOST_TEST(a.cseq().number == b.cseq().number);
    BOOST_TEST(a.cseq().method_text == b.cseq().method_text);
    BOOST_TEST((a.max_forwards() == b.max_forwards()));
    BOOST_TEST((a.content_length() == b.content_length()));
    BOOST_TEST(a.content_type().has_value() == b.content_type().has_value());
    BOOST_TEST((a.defects() == b.defects()));
    BOOST_TEST(a.body() == b.body());
}

void check_round_trip(std::string_view input, std::string const& label)
{
    BOOST_TEST_CONTEXT(label)
    {
        auto const first = parse_ok(input);
        std::string once;
        serialize(first, once);
        auto const second = parse_ok(once);
        check_same(first, second);
        // The canonical form is a fixed point.
        std::string twice;
        serialize(second, twice);
        BOOST_TEST(twice == once);
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(serialize_expands_compact_names_and_copies_values)
{
    std::string const odd =
        "INVITE sip:bob@example.com SIP/2.0\r\n"
        "v:   SIP/2.0/UDP pc33.example.com;branch=z9hG4bK1  \r\n"
        "f: <sip:a@example.com>;tag=1\r\n"
        "t  :<sip:b@example.com>\r\n"
        "i:abc@x\r\n"
        "CSeq: 1 INVITE\r\n"
        "x-odd:    kept raw\r\n"
        "Subject: folded\r\n continued\r\n"
        "l: 4\r\n"
        "\r\n"
        "body";
    auto const m = parse_ok(odd);
    std::string out;
    serialize(m, out);
    BOOST_TEST(out ==
               "INVITE sip:bob@example.com SIP/2.0\r\n"
               "Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK1\r\n"
               "From: <sip:a@example.com>;tag=1\r\n"
               "To: <sip:b@example.com>\r\n"
               "Call-ID: abc@x\r\n"
               "CSeq: 1 INVITE\r\n"
               "x-odd: kept raw\r\n"
               "Subject: folded\r\n continued\r\n"
               "Content-Length: 4\r\n"
               "\r\n"
               "body");
    check_round_trip(odd, "odd spacing");
    check_round_trip(invite, "invite");
}

BOOST_AUTO_TEST_CASE(serialize_keeps_datagram_framing)
{
    // No Content-Length: none is invented, the body is "the rest".
    std::string const no_length =
        "MESSAGE sip:b@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
        "From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\nCall-ID: c\r\nCSeq: 1 MESSAGE\r\n\r\nhi";
    check_round_trip(no_length, "no Content-Length");
    // Content-Length shorter than the datagram: the extra bytes are not the message.
    check_round_trip(no_length.substr(0, no_length.size() - 4) + "l: 1\r\n\r\nhi", "truncated");
    // Content-Length longer than the datagram: the defect survives.
    check_round_trip(no_length.substr(0, no_length.size() - 4) + "l: 9\r\n\r\nhi", "short body");
}

BOOST_AUTO_TEST_CASE(serialize_round_trips_the_torture_messages)
{
    // RFC 4475 / RFC 5118 messages: every one that parses round-trips.
    std::size_t parsed = 0;
    for (auto const* folder : {"rfc4475", "rfc5118"}) {
        for (auto const& entry : std::filesystem::directory_iterator(std::filesystem::path(CPM_TEST_DATA_DIR) / "sip" / folder)) {
            if (entry.path().extension() != ".sip")
                continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::string const text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
            if (!message::parse(text_buffer(text)))
                continue;
            ++parsed;
            check_round_trip(text, entry.path().filename().string());
        }
    }
    BOOST_TEST(parsed >= 30u);
}
