// RFC 8866 parsing: every line type, the order of lines, limits, and the
// line:column and sentence of errors.
#define BOOST_TEST_MODULE sdp_parse
#include <boost/test/unit_test.hpp>

#include "sdp/error.hpp"
#include "sdp/session.hpp"

#include <string>

using namespace cpm::sdp;

namespace {

/// Every line type of RFC 8866 section 5, in order (from the section 5 example, extended).
constexpr std::string_view full =
    "v=0\r\n"
    "o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1\r\n"
    "s=Call to John Smith\r\n"
    "i=SDP Offer #1\r\n"
    "u=http://www.jdoe.example.com/home.html\r\n"
    "e=Jane Doe <jane@jdoe.example.com>\r\n"
    "p=+1 617 555-6011\r\n"
    "c=IN IP4 198.51.100.1\r\n"
    "b=CT:128\r\n"
    "t=3724394400 3724398000\r\n"
    "r=7d 1h 0 25h\r\n"
    "z=2882844526 -1h 2898848070 0\r\n"
    "t=0 0\r\n"
    "k=prompt\r\n"
    "a=recvonly\r\n"
    "a=tool:cpm 1.0\r\n"
    "m=audio 49170 RTP/AVP 0\r\n"
    "m=video 51372/2 RTP/AVP 99 100\r\n"
    "i=the video\r\n"
    "c=IN IP6 2001:db8::2\r\n"
    "c=IN IP4 233.252.0.1/127/3\r\n"
    "b=AS:512\r\n"
    "k=base64:AAECAw==\r\n"
    "a=rtpmap:99 h263-1998/90000\r\n";

session_description parse_ok(std::string_view text)
{
    auto r = parse(text);
    if (!r)
        BOOST_FAIL("parse failed: " << r.error().message);
    return *r;
}

cpm::sip::abnf::parse_error parse_err(std::string_view text)
{
    auto r = parse(text);
    BOOST_REQUIRE(!r);
    return r.error();
}

bool inside(std::string_view whole, std::string_view part)
{
    return part.empty() || (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

} // namespace

BOOST_AUTO_TEST_CASE(every_line_type)
{
    auto const d = parse_ok(full);
    BOOST_TEST(d.version == 0u);
    BOOST_TEST(d.origin.username == "jdoe");
    BOOST_TEST(d.origin.session_id == "3724394400");
    BOOST_TEST(d.origin.session_version == "3724394405");
    BOOST_TEST(d.origin.nettype == "IN");
    BOOST_TEST(d.origin.addrtype == "IP4");
    BOOST_TEST(d.origin.address == "198.51.100.1");
    BOOST_TEST(d.name == "Call to John Smith");
    BOOST_TEST(d.information == "SDP Offer #1");
    BOOST_TEST(d.uri == "http://www.jdoe.example.com/home.html");
    BOOST_REQUIRE(d.emails.size() == 1u);
    BOOST_TEST(d.emails[0] == "Jane Doe <jane@jdoe.example.com>");
    BOOST_REQUIRE(d.phones.size() == 1u);
    BOOST_TEST(d.phones[0] == "+1 617 555-6011");
    BOOST_REQUIRE(d.connection);
    BOOST_TEST(d.connection->address == "198.51.100.1");
    BOOST_TEST(!d.connection->ttl);
    BOOST_REQUIRE(d.bandwidths.size() == 1u);
    BOOST_TEST(d.bandwidths[0].type == "CT");
    BOOST_TEST(d.bandwidths[0].value == 128u);
    BOOST_REQUIRE(d.times.size() == 2u);
    BOOST_TEST(d.times[0].start == 3724394400u);
    BOOST_TEST(d.times[0].stop == 3724398000u);
    BOOST_REQUIRE(d.times[0].repeats.size() == 1u);
    BOOST_TEST(d.times[0].repeats[0].interval == "7d");
    BOOST_TEST(d.times[0].repeats[0].duration == "1h");
    BOOST_REQUIRE(d.times[0].repeats[0].offsets.size() == 2u);
    BOOST_TEST(d.times[0].repeats[0].offsets[1] == "25h");
    BOOST_REQUIRE(d.times[0].zones.size() == 2u);
    BOOST_TEST(d.times[0].zones[0].time == "2882844526");
    BOOST_TEST(d.times[0].zones[0].offset == "-1h");
    BOOST_TEST(d.times[0].zones[1].offset == "0");
    BOOST_TEST(d.times[1].start == 0u);
    BOOST_REQUIRE(d.key);
    BOOST_TEST(d.key->method == "prompt");
    BOOST_REQUIRE(d.attributes.size() == 2u);
    BOOST_TEST(d.attributes[0].name == "recvonly");
    BOOST_TEST(!d.attributes[0].has_value);
    BOOST_TEST(d.attributes[1].value == "cpm 1.0");
    BOOST_TEST(d.attributes[1].line == 16u);
    BOOST_REQUIRE(d.find("tool") != nullptr);
    BOOST_TEST(d.find("tool")->value == "cpm 1.0");
    BOOST_TEST(d.find("Tool") == nullptr);

    BOOST_REQUIRE(d.media.size() == 2u);
    auto const& a = d.media[0];
    BOOST_TEST(a.media == "audio");
    BOOST_TEST(a.port == 49170u);
    BOOST_TEST(a.proto == "RTP/AVP");
    BOOST_TEST(a.formats.size() == 1u);
    BOOST_TEST(a.line == 17u);
    auto const& v = d.media[1];
    BOOST_TEST(v.port == 51372u);
    BOOST_REQUIRE(v.port_count);
    BOOST_TEST(*v.port_count == 2u);
    BOOST_REQUIRE(v.formats.size() == 2u);
    BOOST_TEST(v.formats[1] == "100");
    BOOST_TEST(v.information == "the video");
    BOOST_REQUIRE(v.connections.size() == 2u);
    BOOST_TEST(v.connections[0].addrtype == "IP6");
    BOOST_TEST(v.connections[0].address == "2001:db8::2");
    BOOST_TEST(v.connections[1].address == "233.252.0.1");
    BOOST_REQUIRE(v.connections[1].ttl);
    BOOST_TEST(*v.connections[1].ttl == 127);
    BOOST_REQUIRE(v.connections[1].address_count);
    BOOST_TEST(*v.connections[1].address_count == 3u);
    BOOST_TEST(v.bandwidths[0].value == 512u);
    BOOST_REQUIRE(v.key);
    BOOST_TEST(v.key->method == "base64");
    BOOST_TEST(v.key->value == "AAECAw==");
    BOOST_REQUIRE(v.find("rtpmap") != nullptr);
    BOOST_TEST(v.find("rtpmap")->value == "99 h263-1998/90000");

    // Zero-copy: every view lies inside the input.
    BOOST_TEST(inside(full, d.origin.address));
    BOOST_TEST(inside(full, v.find("rtpmap")->value));
    BOOST_TEST((v.find("rtpmap")->value.data() == full.data() + full.find("99 h263"))); // addresses, not C strings
}

BOOST_AUTO_TEST_CASE(bare_lf_line_ends)
{
    auto const d = parse_ok("v=0\no=- 1 1 IN IP4 host.example\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\nm=message 7394 TCP/MSRP *\n");
    BOOST_TEST(d.origin.address == "host.example");
    BOOST_REQUIRE(d.media.size() == 1u);
    BOOST_TEST(d.media[0].formats[0] == "*");
}

BOOST_AUTO_TEST_CASE(parsed_session_owns_its_buffer)
{
    auto r = parsed_session::parse(cpm::sip::abnf::text_buffer(full));
    BOOST_REQUIRE(r);
    parsed_session moved = std::move(*r);
    BOOST_TEST(moved.description().name == "Call to John Smith");
    BOOST_TEST(inside(moved.buffer().view(), moved.description().name));
}

namespace {
std::string with(std::string_view line_replaced, std::string_view by)
{
    std::string s(full);
    auto const at = s.find(line_replaced);
    BOOST_REQUIRE(at != std::string::npos);
    s.replace(at, line_replaced.size(), by);
    return s;
}
} // namespace

BOOST_AUTO_TEST_CASE(errors_name_the_line)
{
    struct row {
        std::string text;
        cpm::sdp::errc code;
        std::uint32_t line;
        std::uint32_t column;
        std::string message;
    };
    std::string const base = "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";
    row const rows[] = {
        {"", errc::empty_description, 1, 1, "SDP: the description is empty"},
        {"v=1\r\n", errc::bad_version, 1, 3, "SDP line 1: v= the version must be 0"},
        {"o=- 1 1 IN IP4 h\r\n", errc::missing_line, 1, 1, "SDP line 1: expected v= as the first line, found o="},
        {"v=0\r\n", errc::missing_line, 2, 1, "SDP line 2: expected o= after v="},
        {"v=0\r\no=- x 1 IN IP4 h\r\n", errc::bad_origin, 2, 5, "SDP line 2: o= sess-id must be digits"},
        {"v=0\r\no=- 1 1 IN IP4\r\n", errc::bad_origin, 2, 15,
         "SDP line 2: o= expected <username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>"},
        {base + "m=message\r\n", errc::bad_media, 6, 10, "SDP line 6: m= expected <media> <port> <proto> <fmt>"},
        {base + "m=message 7394 TCP/MSRP\r\n", errc::bad_media, 6, 24,
         "SDP line 6: m= expected <media> <port> <proto> <fmt>"},
        {base + "m=message 70000 TCP/MSRP *\r\n", errc::bad_media, 6, 11, "SDP line 6: m= port out of range (0-65535)"},
        {base + "x=foo\r\n", errc::unknown_type, 6, 1, "SDP line 6: unknown line type 'x=' (RFC 8866 section 5)"},
        {base + "a=foo:\r\n", errc::bad_attribute, 6, 7,
         "SDP line 6: a= an attribute value after ':' must not be empty"},
        {base + "a= foo\r\n", errc::bad_attribute, 6, 3, "SDP line 6: a= expected <attribute-name>[:<attribute-value>]"},
        {base + "i=late\r\n", errc::out_of_order, 6, 1,
         "SDP line 6: i= is out of order (RFC 8866 section 5: session-level lines come in the order v o s i u e p c b "
         "t r z k a, then m=)"},
        {base + "m=message 1 TCP/MSRP *\r\na=x\r\nc=IN IP4 192.0.2.1\r\n", errc::out_of_order, 8, 1,
         "SDP line 8: c= is out of order (RFC 8866 section 5: a media description's lines come in the order m i c b "
         "k a)"},
        {"v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=message 1 TCP/MSRP *\r\n", errc::missing_line, 5, 1,
         "SDP line 5: m= has no c= line and there is no session-level c= (RFC 8866 section 5.7)"},
        {"v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 192.0.2.1\r\n", errc::missing_line, 5, 1,
         "SDP line 5: expected t= (at least one time description)"},
        {"v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nz=2882844526 -1h\r\n", errc::out_of_order, 6,
         1, "SDP line 6: z= must follow an r= line (RFC 8866 section 5.11)"},
        {"v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=123 0\r\n", errc::bad_time, 5, 3,
         "SDP line 5: t= expected <start-time> <stop-time> (0 or at least 10 digits each)"},
        {"v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 192.0.2.1/3\r\n", errc::bad_connection, 4, 10,
         "SDP line 4: c= a /ttl suffix needs an IP4 multicast address (224-239)"},
        {"v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nb=AS:x\r\n", errc::bad_bandwidth, 4, 6, "SDP line 4: b= bandwidth must be digits"},
        {"v=0\r\no=- 1 1 IN IP4 h\r\ns=\r\n", errc::bad_text, 3, 3, "SDP line 3: s= the session name must not be empty"},
        {"v=0\r\no=- 1 1 IN IP4 h\r\ns=-", errc::bad_line, 3, 4, "SDP line 3: the line must end with CRLF"},
        {"v=0\r\no=- 1 1 IN IP4 h\r\ns=a\rb\r\n", errc::bad_line, 3, 4, "SDP line 3: a line may not contain NUL or a bare CR"},
        {"v=0\r\n\r\n", errc::bad_line, 2, 1, "SDP line 2: expected <type>=<value>"},
        {base + "k=foo\r\n", errc::bad_key, 6, 3, "SDP line 6: k= expected prompt, clear:, base64: or uri:"},
        {base + "k=base64:abc\r\n", errc::bad_key, 6, 10, "SDP line 6: k= base64: is not base64"},
        {base + "m=message 1/0 TCP/MSRP *\r\n", errc::bad_media, 6, 13,
         "SDP line 6: m= the port count must be a positive integer"},
    };
    for (auto const& r : rows) {
        BOOST_TEST_CONTEXT(r.text)
        {
            auto const e = parse_err(r.text);
            BOOST_TEST(e.code == make_error_code(r.code));
            BOOST_TEST(e.message == r.message);
            BOOST_TEST(e.line == r.line);
            BOOST_TEST(e.column == r.column);
        }
    }
    // A single substituted line in the full example.
    auto const e = parse_err(with("r=7d 1h 0 25h", "r=0 1h 0"));
    BOOST_TEST(e.message == "SDP line 11: r= expected <repeat-interval> <active-duration> <offset>...");
}

BOOST_AUTO_TEST_CASE(email_and_phone_forms)
{
    std::string const head = "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\n";
    std::string const tail = "c=IN IP4 192.0.2.1\r\nt=0 0\r\n";
    for (std::string_view const ok : {"e=j.doe@example.com\r\n", "e=j.doe@example.com (Jane Doe)\r\n",
                                      "e=Jane Doe <j.doe@example.com>\r\n", "p=+1 617 555-6011\r\n",
                                      "p=+1 617 555-6011 (Jane Doe)\r\n", "p=Jane Doe <+1 617 555-6011>\r\n",
                                      "p=12\r\n"}) {
        BOOST_TEST_CONTEXT(ok) { BOOST_TEST(parse(head + std::string(ok) + tail).has_value()); }
    }
    struct row {
        std::string_view line, message;
    };
    row const bad[] = {
        {"e=jane\r\n", "SDP line 4: e= expected <addr-spec>, <addr-spec> (<comment>) or <display name> <<addr-spec>>"},
        {"e=Jane<j@example.com>\r\n",
         "SDP line 4: e= expected <addr-spec>, <addr-spec> (<comment>) or <display name> <<addr-spec>>"},
        {"e=j@example.com ()\r\n",
         "SDP line 4: e= expected <addr-spec>, <addr-spec> (<comment>) or <display name> <<addr-spec>>"},
        {"p=call me\r\n", "SDP line 4: p= expected <phone>, <phone> (<comment>) or <name> <<phone>>"},
        {"p=+\r\n", "SDP line 4: p= expected <phone>, <phone> (<comment>) or <name> <<phone>>"},
        {"p=Jane <x1>\r\n", "SDP line 4: p= expected <phone>, <phone> (<comment>) or <name> <<phone>>"},
    };
    for (auto const& r : bad) {
        BOOST_TEST_CONTEXT(r.line)
        {
            auto const e = parse_err(head + std::string(r.line) + tail);
            BOOST_TEST(e.message == r.message);
            BOOST_TEST(e.line == 4u);
            BOOST_TEST(e.column == 3u);
        }
    }
}

BOOST_AUTO_TEST_CASE(limits_are_explicit)
{
    limits small;
    small.max_size = 20;
    auto e = parse(full, small);
    BOOST_REQUIRE(!e);
    BOOST_TEST(e.error().code == make_error_code(errc::size_limit));
    BOOST_TEST(e.error().offset == 20u);

    limits few;
    few.max_lines = 5;
    e = parse(full, few);
    BOOST_REQUIRE(!e);
    BOOST_TEST(e.error().code == make_error_code(errc::line_count_limit));
    BOOST_TEST(e.error().line == 6u);

    limits one_media;
    one_media.max_media = 1;
    e = parse(full, one_media);
    BOOST_REQUIRE(!e);
    BOOST_TEST(e.error().code == make_error_code(errc::media_count_limit));
    BOOST_TEST(e.error().message == "SDP line 18: more than 1 media descriptions");
}
