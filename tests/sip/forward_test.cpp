#define BOOST_TEST_MODULE sip_forward
#include <boost/test/unit_test.hpp>

#include "sip/error.hpp"
#include "sip/forward.hpp"
#include "sip/message.hpp"
#include "sip/name_addr.hpp"

#include <algorithm>
#include <string>

using namespace cpm::sip;
using cpm::sip::abnf::text_buffer;

namespace {

message parse_ok(std::string_view text)
{
    auto m = message::parse(text_buffer(text));
    BOOST_TEST_REQUIRE(m.has_value(), (m ? "" : m.error().message) << "\n" << text);
    return std::move(*m);
}

// Odd spacing, compact names, a fold, a comma list: all must survive.
std::string const invite =
    "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
    "v: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9 ,  SIP/2.0/UDP x.example.com;branch=z9hG4bKx\r\n"
    "Max-Forwards:   70  \r\n"
    "Route: <sip:p1.example.com;lr>,<sip:p2.example.com;lr>\r\n"
    "Record-Route: <sip:p0.example.com;lr>\r\n"
    "f:Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
    "t: Bob <sip:bob@biloxi.example.com>\r\n"
    "i: 3848276298220188511@atlanta.example.com\r\n"
    "CSeq:1 INVITE\r\n"
    "X-Odd  :   spaced   value\t\r\n"
    "Subject: folded\r\n  continued\r\n"
    "c: application/sdp\r\n"
    "l: 4\r\n"
    "\r\n"
    "v=0\n";

request_edits const p1_edits{
    .request_uri = "sip:bob@192.0.2.4",
    .via = "SIP/2.0/UDP p1.example.com;branch=z9hG4bK1",
    .record_route = "<sip:p1.example.com;lr>",
    .strip_top_route = true,
};

/// Every header line of @p in that is not in @p changed appears,
/// byte-identical, among the lines of @p out.
void untouched_lines_identical(message const& in, message const& out, std::initializer_list<header_id> changed)
{
    for (auto const& h : in.headers()) {
        if (std::find(changed.begin(), changed.end(), h.id) != changed.end())
            continue;
        bool found = false;
        for (auto const& o : out.headers())
            found = found || o.line == h.line;
        BOOST_TEST(found, "line not copied verbatim: " << h.line);
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(request_is_spliced_byte_for_byte)
{
    auto const req = parse_ok(invite);
    std::string out;
    auto const r = forward_request(req, p1_edits, out);
    BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().message));
    // The expectation is the input with exactly these edits.
    std::string want = invite;
    want.replace(want.find("sip:bob@biloxi.example.com SIP/2.0"), 26, "sip:bob@192.0.2.4");
    want.insert(want.find("v: "), "Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bK1\r\n");
    want.replace(want.find("Max-Forwards:   70"), 18, "Max-Forwards:   69");
    want.replace(want.find("<sip:p1.example.com;lr>,"), 24, "");
    want.insert(want.find("Record-Route: <sip:p0"), "Record-Route: <sip:p1.example.com;lr>\r\n");
    BOOST_TEST(out == want);

    auto const fwd = parse_ok(out);
    BOOST_TEST(fwd.request_uri() == "sip:bob@192.0.2.4");
    BOOST_TEST(fwd.top_via().host == "p1.example.com");
    BOOST_TEST(fwd.top_via().branch == "z9hG4bK1");
    BOOST_TEST(fwd.count(header_id::via) == 2u);
    BOOST_TEST(*fwd.max_forwards() == 69u);
    BOOST_TEST(fwd.find(header_id::route)->value == "<sip:p2.example.com;lr>");
    BOOST_TEST(fwd.find(header_id::record_route)->value == "<sip:p1.example.com;lr>");
    BOOST_TEST(fwd.count(header_id::record_route) == 2u);
    BOOST_TEST(fwd.from().tag == "9fxced76sl");
    BOOST_TEST(fwd.call_id() == req.call_id());
    BOOST_TEST(fwd.body() == "v=0\n");
    BOOST_TEST((fwd.defects() == defect::none));
    // The splice did not re-serialize what it did not change.
    untouched_lines_identical(req, fwd, {header_id::max_forwards, header_id::route});
    BOOST_TEST(out.find("X-Odd  :   spaced   value\t\r\n") != std::string::npos);
    BOOST_TEST(out.find("Subject: folded\r\n  continued\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(max_forwards_is_added_and_lone_route_removed)
{
    std::string const in =
        "MESSAGE sip:bob@example.com SIP/2.0\r\n"
        "Via: SIP/2.0/TCP a.example.com;branch=z9hG4bKa\r\n"
        "Route: <sip:p1.example.com;lr>\r\n"
        "From: <sip:alice@example.com>;tag=1\r\n"
        "To: <sip:bob@example.com>\r\n"
        "Call-ID: c1\r\n"
        "CSeq: 7 MESSAGE\r\n"
        "Content-Length: 2\r\n"
        "\r\n"
        "hi";
    auto const req = parse_ok(in);
    std::string out;
    BOOST_TEST_REQUIRE(forward_request(req, p1_edits, out).has_value());
    // No Record-Route yet: the new one goes on top, the new Via right after.
    std::string const want =
        "MESSAGE sip:bob@192.0.2.4 SIP/2.0\r\n"
        "Record-Route: <sip:p1.example.com;lr>\r\n"
        "Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bK1\r\n"
        "Via: SIP/2.0/TCP a.example.com;branch=z9hG4bKa\r\n"
        "From: <sip:alice@example.com>;tag=1\r\n"
        "To: <sip:bob@example.com>\r\n"
        "Call-ID: c1\r\n"
        "CSeq: 7 MESSAGE\r\n"
        "Content-Length: 2\r\n"
        "Max-Forwards: 70\r\n"
        "\r\n"
        "hi";
    BOOST_TEST(out == want);
    auto const fwd = parse_ok(out);
    BOOST_TEST(*fwd.max_forwards() == 70u);
    BOOST_TEST(fwd.find(header_id::route) == nullptr);
}

BOOST_AUTO_TEST_CASE(only_max_forwards_changes_without_edits)
{
    auto const req = parse_ok(invite);
    std::string out = "prefix|";
    BOOST_TEST_REQUIRE(forward_request(req, {}, out).has_value());
    std::string want = "prefix|" + invite;
    want.replace(want.find("Max-Forwards:   70"), 18, "Max-Forwards:   69");
    BOOST_TEST(out == want);
}

BOOST_AUTO_TEST_CASE(datagram_trailing_bytes_are_not_forwarded)
{
    std::string const in = invite + "garbage after Content-Length";
    auto const req = parse_ok(in);
    std::string out;
    BOOST_TEST_REQUIRE(forward_request(req, {}, out).has_value());
    BOOST_TEST(out.size() == invite.size());
    BOOST_TEST(out.substr(out.size() - 4) == "v=0\n");
}

BOOST_AUTO_TEST_CASE(request_errors)
{
    std::string in = invite;
    in.replace(in.find("Max-Forwards:   70"), 18, "Max-Forwards:   0 ");
    auto const req = parse_ok(in);
    std::string out = "untouched";
    auto const r = forward_request(req, p1_edits, out);
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST((r.error().code == errc::too_many_hops));
    BOOST_TEST(r.error().offset == in.find("Max-Forwards:") + 16);
    BOOST_TEST(r.error().message == "Max-Forwards: 0, answer 483 (Too Many Hops) instead of forwarding");
    BOOST_TEST(out == "untouched");

    std::string bad_route = invite;
    bad_route.replace(bad_route.find("<sip:p1.example.com;lr>,"), 24, "<sip:p1.example.com;lr ,");
    auto const req2 = parse_ok(bad_route);
    auto const r2 = forward_request(req2, p1_edits, out);
    BOOST_TEST_REQUIRE(!r2.has_value());
    BOOST_TEST(r2.error().message.rfind("Route: ", 0) == 0u, r2.error().message);
    BOOST_TEST(r2.error().line == 4u);
    BOOST_TEST(out == "untouched");
}

namespace {

std::string response_with(std::string const& vias)
{
    return "SIP/2.0 200 OK\r\n" + vias +
           "From: <sip:alice@example.com>;tag=1\r\n"
           "To: <sip:bob@example.com>;tag=2\r\n"
           "Call-ID: c1\r\n"
           "CSeq: 7 MESSAGE\r\n"
           "Content-Length: 0\r\n"
           "\r\n";
}

} // namespace

BOOST_AUTO_TEST_CASE(response_loses_its_top_via)
{
    // Two fields: the first line goes.
    {
        auto const resp = parse_ok(response_with("Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bK1\r\n"
                                                 "Via:  SIP/2.0/TCP  a.example.com;branch=z9hG4bKa ;rport=5060\r\n"));
        std::string out;
        BOOST_TEST_REQUIRE(forward_response(resp, out).has_value());
        BOOST_TEST(out == response_with("Via:  SIP/2.0/TCP  a.example.com;branch=z9hG4bKa ;rport=5060\r\n"));
        auto const fwd = parse_ok(out);
        BOOST_TEST(fwd.top_via().branch == "z9hG4bKa");
        BOOST_TEST(*fwd.top_via().rport == 5060u);
    }
    // A comma list in one compact field: only its first element goes.
    {
        auto const resp = parse_ok(response_with(
            "v: SIP/2.0/UDP p1.example.com;branch=z9hG4bK1 ,\r\n SIP/2.0/TCP a.example.com;branch=z9hG4bKa\r\n"));
        std::string out;
        BOOST_TEST_REQUIRE(forward_response(resp, out).has_value());
        BOOST_TEST(out == response_with("v: SIP/2.0/TCP a.example.com;branch=z9hG4bKa\r\n"));
        BOOST_TEST(parse_ok(out).top_via().host == "a.example.com");
    }
}

BOOST_AUTO_TEST_CASE(response_for_this_element_is_not_forwarded)
{
    auto const resp = parse_ok(response_with("Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bK1\r\n"));
    std::string out;
    auto const r = forward_response(resp, out);
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST((r.error().code == errc::no_via_left));
    BOOST_TEST(r.error().line == 2u);
    BOOST_TEST(out.empty());
    auto const none = parse_ok(response_with(""));
    BOOST_TEST((forward_response(none, out).error().code == errc::no_via_left));
}

BOOST_AUTO_TEST_CASE(fields_are_removed_and_added)
{
    std::string const in =
        "MESSAGE sip:bob@example.com SIP/2.0\r\n"
        "Via: SIP/2.0/TCP a.example.com;branch=z9hG4bKa\r\n"
        "Max-Forwards: 10\r\n"
        "P-Asserted-Identity: <sip:mallory@example.com>\r\n"
        "From: <sip:alice@example.com>;tag=1\r\n"
        "To: <sip:bob@example.com>\r\n"
        "p-asserted-identity: <tel:+15551234>\r\n"
        "P-Preferred-Identity: <sip:x@example.com>\r\n"
        "Call-ID: c1\r\n"
        "CSeq: 7 MESSAGE\r\n"
        "Content-Length: 2\r\n"
        "\r\n"
        "hi";
    auto const req = parse_ok(in);
    header_id const gone[] = {header_id::p_asserted_identity, header_id::p_preferred_identity};
    request_edits const edits{
        .request_uri = {},
        .via = "SIP/2.0/UDP p1.example.com;branch=z9hG4bK1",
        .record_route = {},
        .remove = gone,
        .extra_headers = "P-Asserted-Identity: \"Alice\" <sip:alice@example.com>\r\n",
    };
    std::string out;
    BOOST_TEST_REQUIRE(forward_request(req, edits, out).has_value());
    std::string const want =
        "MESSAGE sip:bob@example.com SIP/2.0\r\n"
        "Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bK1\r\n"
        "Via: SIP/2.0/TCP a.example.com;branch=z9hG4bKa\r\n"
        "Max-Forwards: 9\r\n"
        "From: <sip:alice@example.com>;tag=1\r\n"
        "To: <sip:bob@example.com>\r\n"
        "Call-ID: c1\r\n"
        "CSeq: 7 MESSAGE\r\n"
        "Content-Length: 2\r\n"
        "P-Asserted-Identity: \"Alice\" <sip:alice@example.com>\r\n"
        "\r\n"
        "hi";
    BOOST_TEST(out == want);
    BOOST_TEST(parse_ok(out).count(header_id::p_asserted_identity) == 1u);
}

BOOST_AUTO_TEST_CASE(response_gains_fields)
{
    auto const resp = parse_ok(response_with("Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bK1\r\n"
                                             "Via: SIP/2.0/TCP a.example.com;branch=z9hG4bKa\r\n"));
    std::string out;
    response_edits const edits{.extra_headers = "Proxy-Authenticate: Digest realm=\"b\", nonce=\"n\"\r\n"};
    BOOST_TEST_REQUIRE(forward_response(resp, edits, out).has_value());
    auto const fwd = parse_ok(out);
    BOOST_TEST(fwd.count(header_id::via) == 1u);
    BOOST_TEST(fwd.find(header_id::proxy_authenticate)->value == "Digest realm=\"b\", nonce=\"n\"");
    BOOST_TEST(out.find("Proxy-Authenticate: Digest realm=\"b\", nonce=\"n\"\r\n\r\n") != std::string::npos);
}
