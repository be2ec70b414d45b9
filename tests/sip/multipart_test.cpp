#define BOOST_TEST_MODULE sip_multipart
#include <boost/test/unit_test.hpp>

#include "sip/error.hpp"
#include "sip/message.hpp"
#include "sip/multipart.hpp"

#include <string>

using namespace cpm::sip;

namespace {

// Shaped after RFC 5365 section 6: a MESSAGE for several recipients.
std::string const resource_list =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
    "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\">\r\n"
    "  <list>\r\n"
    "    <entry uri=\"sip:bill@example.com\" cp:copyControl=\"to\"/>\r\n"
    "  </list>\r\n"
    "</resource-lists>\r\n";

std::string const rfc5365_body =
    "--boundary1\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "Hello World!\r\n"
    "--boundary1\r\n"
    "Content-Type: application/resource-lists+xml\r\n"
    "Content-Disposition: recipient-list\r\n"
    "\r\n" +
    resource_list +
    "--boundary1--\r\n";

std::string const rfc5365_message =
    "MESSAGE sip:exploder@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/TCP uac.example.com;branch=z9hG4bKhjhs8ass83\r\n"
    "Max-Forwards: 70\r\n"
    "To: MultipleRecipients <sip:exploder@example.com>\r\n"
    "From: Alice <sip:alice@example.com>;tag=32331\r\n"
    "Call-ID: d432fa84b4c76e66710\r\n"
    "CSeq: 1 MESSAGE\r\n"
    "Require: recipient-list-message\r\n"
    "Content-Type: multipart/mixed;boundary=\"boundary1\"\r\n"
    "Content-Length: " + std::to_string(rfc5365_body.size()) + "\r\n"
    "\r\n" + rfc5365_body;

bool inside(std::string_view part, std::string_view whole)
{
    return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

} // namespace

BOOST_AUTO_TEST_CASE(rfc5365_message_from_content_type)
{
    auto m = message::parse(abnf::text_buffer(rfc5365_message));
    BOOST_TEST_REQUIRE(m.has_value(), (m ? "" : m.error().message));
    BOOST_TEST_REQUIRE(m->content_type().has_value());
    auto const boundary = multipart_boundary(*m->content_type());
    BOOST_TEST_REQUIRE(boundary.has_value(), (boundary ? "" : boundary.error().message));
    BOOST_TEST(*boundary == "boundary1");
    auto const parts = parse_multipart(m->body(), *boundary);
    BOOST_TEST_REQUIRE(parts.has_value(), (parts ? "" : parts.error().message));
    BOOST_TEST_REQUIRE(parts->size() == 2u);

    auto const& text = (*parts)[0];
    BOOST_TEST_REQUIRE(text.headers.size() == 1u);
    BOOST_TEST(text.headers[0].name == "Content-Type");
    BOOST_TEST(text.headers[0].value == "text/plain");
    BOOST_TEST(text.headers[0].line == "Content-Type: text/plain\r\n");
    BOOST_TEST((text.headers[0].id == header_id::content_type));
    BOOST_TEST(text.body == "Hello World!"); // the CRLF before a delimiter belongs to it

    auto const& list = (*parts)[1];
    BOOST_TEST(list.value_of("content-type") == "application/resource-lists+xml");
    BOOST_TEST(list.value_of("Content-Disposition") == "recipient-list");
    BOOST_TEST((list.find("Content-Disposition")->id == header_id::content_disposition));
    BOOST_TEST(list.find("Content-ID") == nullptr);
    // The final CRLF of the list belongs to the next delimiter.
    BOOST_TEST(list.body == resource_list.substr(0, resource_list.size() - 2));
    // Zero copy: every view points into the message buffer.
    BOOST_TEST(inside(list.body, m->body()));
    BOOST_TEST(inside(list.headers[1].value, m->body()));
    BOOST_TEST(inside(text.raw, m->body()));
}

BOOST_AUTO_TEST_CASE(preamble_epilogue_and_transport_padding)
{
    std::string const body =
        "This is the preamble.  It is to be ignored.\r\n"
        "--simple boundary \t\r\n" // padding added by a transport
        "\r\n"                      // no headers: the part is text/plain
        "This is implicitly typed plain US-ASCII text.\r\n"
        "It does NOT end with a linebreak.\r\n"
        "--simple boundary\r\n"
        "Content-type: text/plain; charset=us-ascii\r\n"
        "Content-ID: <part2@example.com>\r\n"
        "\r\n"
        "This is explicitly typed plain US-ASCII text.\r\n"
        "It DOES end with a linebreak.\r\n"
        "\r\n"
        "--simple boundary--  \r\n"
        "This is the epilogue.  It is also to be ignored.\r\n";
    auto const parts = parse_multipart(body, "simple boundary");
    BOOST_TEST_REQUIRE(parts.has_value(), (parts ? "" : parts.error().message));
    BOOST_TEST_REQUIRE(parts->size() == 2u);
    BOOST_TEST((*parts)[0].headers.empty());
    BOOST_TEST((*parts)[0].body ==
               "This is implicitly typed plain US-ASCII text.\r\nIt does NOT end with a linebreak.");
    BOOST_TEST((*parts)[1].value_of("CONTENT-TYPE") == "text/plain; charset=us-ascii");
    BOOST_TEST((*parts)[1].value_of("Content-ID") == "<part2@example.com>");
    BOOST_TEST(((*parts)[1].find("Content-ID")->id == header_id::unknown));
    BOOST_TEST((*parts)[1].body ==
               "This is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n");
}

BOOST_AUTO_TEST_CASE(odd_but_valid_parts)
{
    // An empty part, a part with headers and no body, a folded header,
    // a body line that merely contains the boundary, a single part.
    std::string const body =
        "--b\r\n"
        "\r\n"
        "--b\r\n"
        "Content-Type: application/sdp\r\n"
        "--b\r\n"
        "Content-Disposition: render;\r\n"
        "\thandling=optional\r\n"
        "\r\n"
        "x--b is not a delimiter\r\n"
        "nor is --b mid-line\r\n"
        "--b--";
    auto const parts = parse_multipart(body, "b");
    BOOST_TEST_REQUIRE(parts.has_value(), (parts ? "" : parts.error().message));
    BOOST_TEST_REQUIRE(parts->size() == 3u);
    BOOST_TEST((*parts)[0].raw.empty());
    BOOST_TEST((*parts)[0].headers.empty());
    BOOST_TEST((*parts)[1].value_of("Content-Type") == "application/sdp");
    BOOST_TEST((*parts)[1].body.empty());
    BOOST_TEST((*parts)[2].value_of("Content-Disposition") == "render;\r\n\thandling=optional");
    BOOST_TEST((*parts)[2].body == "x--b is not a delimiter\r\nnor is --b mid-line");

    auto const single = parse_multipart("--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b--", "b");
    BOOST_TEST_REQUIRE(single.has_value());
    BOOST_TEST(single->size() == 1u);
    BOOST_TEST((*single)[0].body == "hi");
}

BOOST_AUTO_TEST_CASE(nested_multipart_is_a_part)
{
    std::string const body =
        "--outer\r\n"
        "Content-Type: multipart/alternative; boundary=inner\r\n"
        "\r\n"
        "--inner\r\n"
        "Content-Type: text/plain\r\n"
        "\r\n"
        "plain\r\n"
        "--inner\r\n"
        "Content-Type: text/html\r\n"
        "\r\n"
        "<p>html</p>\r\n"
        "--inner--\r\n"
        "--outer\r\n"
        "Content-Type: message/cpim\r\n"
        "\r\n"
        "cpim\r\n"
        "--outer--\r\n";
    auto const outer = parse_multipart(body, "outer");
    BOOST_TEST_REQUIRE(outer.has_value(), (outer ? "" : outer.error().message));
    BOOST_TEST_REQUIRE(outer->size() == 2u);
    auto const type = parse_media_type((*outer)[0].value_of("Content-Type"));
    BOOST_TEST_REQUIRE(type.has_value());
    auto const boundary = multipart_boundary(*type);
    BOOST_TEST_REQUIRE(boundary.has_value());
    BOOST_TEST(*boundary == "inner");
    auto const inner = parse_multipart((*outer)[0].body, *boundary);
    BOOST_TEST_REQUIRE(inner.has_value(), (inner ? "" : inner.error().message));
    BOOST_TEST_REQUIRE(inner->size() == 2u);
    BOOST_TEST((*inner)[0].body == "plain");
    BOOST_TEST((*inner)[1].value_of("Content-Type") == "text/html");
    BOOST_TEST((*inner)[1].body == "<p>html</p>");
    BOOST_TEST((*outer)[1].body == "cpim");
}

namespace {

void expect_error(std::string_view body, std::string_view boundary, std::size_t offset, std::string const& sentence)
{
    auto const r = parse_multipart(body, boundary);
    BOOST_TEST_REQUIRE(!r.has_value(), "expected an error for: " << body);
    BOOST_TEST(r.error().message == sentence);
    BOOST_TEST(r.error().offset == offset);
    BOOST_TEST((r.error().code == errc::bad_multipart));
}

} // namespace

BOOST_AUTO_TEST_CASE(errors_name_the_problem)
{
    expect_error("--X\r\n\r\nbody\r\n--X\r\n\r\nmore", "X", 24, "multipart: closing boundary --X-- not found");
    expect_error("--X\r\n\r\nbody\r\n--X", "X", 16, "multipart: expected CRLF after the boundary --X");
    expect_error("preamble only\r\n", "X", 0, "multipart: opening boundary --X not found");
    expect_error("--Xtra\r\n\r\nbody\r\n--X--", "X", 3, "multipart: expected CRLF after the boundary --X");
    expect_error("--X--\r\n", "X", 0, "multipart: no body part before the closing boundary --X--");
    expect_error("--X\r\n\r\nbody\r\n--X-- junk", "X", 19, "multipart: unexpected text after the closing boundary --X--");
    expect_error("--X\r\nContent-Type text/plain\r\n\r\nbody\r\n--X--", "X", 18,
                 "multipart: part 1: expected ':' after header name 'Content-Type'");
    expect_error("--X\r\n\r\na\r\n--X\r\nplain text without headers\r\n--X--", "X", 21,
                 "multipart: part 2: expected ':' after header name 'plain'");
    expect_error("--X\r\n\r\na\r\n--X--", "", 0, "multipart: invalid boundary ''");
    expect_error("--X\r\n\r\na\r\n--X--", "X ", 0, "multipart: invalid boundary 'X '");
    expect_error("--X\r\n\r\na\r\n--X--", std::string(71, 'a'), 0, "multipart: invalid boundary '" + std::string(71, 'a') + "'");
}

BOOST_AUTO_TEST_CASE(boundary_parameter)
{
    auto boundary_of = [](std::string_view content_type) {
        auto const t = parse_media_type(content_type);
        BOOST_TEST_REQUIRE(t.has_value());
        return multipart_boundary(*t);
    };
    BOOST_TEST(*boundary_of("multipart/mixed;boundary=abc") == "abc");
    BOOST_TEST(*boundary_of("Multipart/Related ; type=\"application/sdp\" ; boundary=\"a b:c?\"") == "a b:c?");
    auto const missing = boundary_of("multipart/mixed;charset=x");
    BOOST_TEST_REQUIRE(!missing.has_value());
    BOOST_TEST(missing.error().message == "Content-Type: multipart without a boundary parameter");
    auto const not_multipart = boundary_of("text/plain;boundary=abc");
    BOOST_TEST_REQUIRE(!not_multipart.has_value());
    BOOST_TEST(not_multipart.error().message == "Content-Type: expected multipart/<subtype>");
    auto const trailing_space = boundary_of("multipart/mixed;boundary=\"abc \"");
    BOOST_TEST_REQUIRE(!trailing_space.has_value());
    BOOST_TEST(trailing_space.error().offset == 25u);
    BOOST_TEST(!boundary_of("multipart/mixed;boundary=\"a\\\"b\"").has_value());
}
