#define BOOST_TEST_MODULE cpim_builder
#include <boost/test/unit_test.hpp>

#include "checks.hpp"
#include "cpim/builder.hpp"
#include "cpim/escape.hpp"
#include "cpim/serialize.hpp"

#include <string>

using namespace cpm::cpim;
using cpm::sip::abnf::text_buffer;
using cpim_checks::error_of;

namespace {

std::string wire(message const& m)
{
    std::string out;
    serialize(m, out);
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(serialize_of_a_canonical_message_is_the_same_bytes)
{
    std::string const text =
        "From: MR SANDERS <im:piglet@100akerwood.com>\r\n"
        "To: \"Depressed \\\"Donkey\\\"\"<im:eeyore@100akerwood.com>\r\n"
        "cc: <im:pooh@100akerwood.com>\r\n"
        "DateTime: 2000-12-13T13:40:00-08:00\r\n"
        "Subject:;lang=fr beau temps\r\n"
        "NS: MyFeatures <mid:MessageFeatures@id.foo.com>\r\n"
        "Require: MyFeatures.VitalMessageOption\r\n"
        "MyFeatures.VitalMessageOption:;x=\"y\" Confirmation-requested\r\n"
        "\r\n"
        "Content-Type: text/xml; charset=utf-8\r\n"
        "Content-ID: <1234567890@foo.com>\r\n"
        "\r\n"
        "<body>Here is the text of my message.</body>";
    auto m = message::parse(text_buffer(text));
    BOOST_TEST_REQUIRE(m.has_value(), error_of(m));
    BOOST_TEST(wire(*m) == text);
}

BOOST_AUTO_TEST_CASE(serialize_canonicalizes_what_the_leniency_accepted)
{
    std::string const text =
        "From: \"Alice\" <sip:alice@example.com>\r\n"
        "\r\n"
        "Content-Type:   text/plain  \r\n"
        "\r\n"
        "hi";
    parse_options lenient;
    lenient.values.space_after_string_name = true;
    auto m = message::parse(text_buffer(text), lenient);
    BOOST_TEST_REQUIRE(m.has_value(), error_of(m));
    std::string const out = wire(*m);
    BOOST_TEST(out == "From: \"Alice\"<sip:alice@example.com>\r\n\r\nContent-Type: text/plain\r\n\r\nhi");
    // The canonical form needs no leniency.
    auto again = message::parse(text_buffer(out));
    BOOST_TEST_REQUIRE(again.has_value(), error_of(again));
    BOOST_TEST(again->from()->uri == m->from()->uri);
    BOOST_TEST(again->from()->display_name == m->from()->display_name);
}

BOOST_AUTO_TEST_CASE(builder_writes_an_imdn_request)
{
    using namespace std::chrono;
    auto const t = sys_days(year(2006) / 4 / 4) + hours(17) + minutes(16) + seconds(49);
    auto m = builder{}
                 .from("im:alice@example.com", "Alice")
                 .to("im:bob@example.com", "Bob")
                 .ns("imdn", "urn:ietf:params:imdn")
                 .header("imdn.Message-ID", "34jk324j")
                 .date_time(make_utc_date_time(t))
                 .header("imdn.Disposition-Notification", "positive-delivery, display")
                 .mime_header("Content-Type", "text/plain")
                 .body("Hello World")
                 .build();
    BOOST_TEST_REQUIRE(m.has_value(), error_of(m));
    BOOST_TEST(m->text() ==
               "From: Alice <im:alice@example.com>\r\n"
               "To: Bob <im:bob@example.com>\r\n"
               "NS: imdn <urn:ietf:params:imdn>\r\n"
               "imdn.Message-ID: 34jk324j\r\n"
               "DateTime: 2006-04-04T17:16:49Z\r\n"
               "imdn.Disposition-Notification: positive-delivery, display\r\n"
               "\r\n"
               "Content-Type: text/plain\r\n"
               "\r\n"
               "Hello World");
    BOOST_TEST(m->find("urn:ietf:params:imdn", "Message-ID")->value == "34jk324j");
    BOOST_TEST((m->date_time()->utc() == t));
    BOOST_TEST(wire(*m) == m->text());
}

BOOST_AUTO_TEST_CASE(builder_escapes_values_and_quotes_display_names)
{
    auto m = builder{}
                 .from("im:a@example.com", "Winnie \"the\" Pooh")
                 .to("im:b@example.com", "caf\xc3\xa9 owner")
                 .cc("im:c@example.com", "two  spaces")
                 .subject("line one\nline two\t\\end", "en-GB")
                 .subject("plain")
                 .require("X.Y")
                 .header("Free-Text", "bell\x07")
                 .mime_header("Content-Type", "text/plain; charset=utf-8")
                 .build();
    BOOST_TEST_REQUIRE(m.has_value(), error_of(m));
    BOOST_TEST(m->from()->display_name == "\"Winnie \\\"the\\\" Pooh\"");
    BOOST_TEST(*m->from()->decoded_display_name() == "Winnie \"the\" Pooh");
    BOOST_TEST(m->to()[0].display_name == "caf\xc3\xa9 owner"); // Tokens may hold UTF-8
    BOOST_TEST(!m->to()[0].display_name_is_string());
    BOOST_TEST(*m->cc()[0].decoded_display_name() == "two  spaces");
    BOOST_TEST_REQUIRE(m->subjects().size() == 2u);
    BOOST_TEST(m->subjects()[0].lang == "en-GB");
    BOOST_TEST(m->subjects()[0].text == "line one\\nline two\\t\\\\end");
    BOOST_TEST(*unescape(m->subjects()[0].text) == "line one\nline two\t\\end");
    BOOST_TEST(m->required()[0] == "X.Y");
    BOOST_TEST(*m->find(cpim_namespace, "Free-Text")->decoded_value() == "bell\x07");
    BOOST_TEST(m->body().empty());
}

BOOST_AUTO_TEST_CASE(builder_reports_the_first_misuse)
{
    auto bad_uri = builder{}.from("alice@example.com").build();
    BOOST_TEST_REQUIRE(!bad_uri.has_value());
    BOOST_TEST(bad_uri.error().message == "CPIM builder: From URI must be an absolute URI");

    auto bad_utf8 = builder{}.to("im:b@x", "\xff").subject("\xfe").build();
    BOOST_TEST_REQUIRE(!bad_utf8.has_value());
    BOOST_TEST(bad_utf8.error().message == "CPIM builder: To display name is not UTF-8");

    auto bad_subject = builder{}.subject("\xfe").build();
    BOOST_TEST(bad_subject.error().message == "CPIM builder: Subject is not UTF-8");
    auto bad_lang = builder{}.subject("x", "en_GB").build();
    BOOST_TEST(bad_lang.error().message == "CPIM builder: Subject lang must be a language tag (RFC 3066)");
    auto bad_ns = builder{}.ns("p", "nouri").build();
    BOOST_TEST(bad_ns.error().message == "CPIM builder: NS URI must be an absolute URI");
    auto bad_value = builder{}.header("X", "\xc3").build();
    BOOST_TEST(bad_value.error().message == "CPIM builder: X value is not UTF-8");
    auto bad_mime = builder{}.mime_header("Content-Type", "text/plain\r\nX: injected").build();
    BOOST_TEST(bad_mime.error().message == "CPIM builder: Content-Type value holds a control character");

    // What escaping cannot fix is caught by parsing the result back.
    auto bad_name = builder{}.header("Bad Name", "x").build();
    BOOST_TEST_REQUIRE(!bad_name.has_value());
    BOOST_TEST(bad_name.error().message == "CPIM Bad: expected ':' after the header name");
    auto bad_require = builder{}.require("a b").build();
    BOOST_TEST(bad_require.error().message == "CPIM Require: expected ',' between header names");
}
