#define BOOST_TEST_MODULE cpim_message
#include <boost/test/unit_test.hpp>

#include "checks.hpp"
#include "cpim/error.hpp"
#include "cpim/message.hpp"

#include <string>

using namespace cpm::cpim;
using cpm::sip::abnf::text_buffer;
using cpim_checks::error_of;
using cpim_checks::expect_error;
using cpim_checks::expect_error_at;

namespace {

// RFC 3862 section 6.1, without the outer "Content-type: Message/CPIM".
constexpr std::string_view rfc3862_example =
    "From: MR SANDERS <im:piglet@100akerwood.com>\r\n"
    "To: Depressed Donkey <im:eeyore@100akerwood.com>\r\n"
    "DateTime: 2000-12-13T13:40:00-08:00\r\n"
    "Subject: the weather will be fine today\r\n"
    "Subject:;lang=fr beau temps prevu pour aujourd'hui\r\n"
    "NS: MyFeatures <mid:MessageFeatures@id.foo.com>\r\n"
    "Require: MyFeatures.VitalMessageOption\r\n"
    "MyFeatures.VitalMessageOption: Confirmation-requested\r\n"
    "MyFeatures.WackyMessageOption: Use-silly-font\r\n"
    "\r\n"
    "Content-type: text/xml; charset=utf-8\r\n"
    "Content-ID: <1234567890@foo.com>\r\n"
    "\r\n"
    "<body>\r\n"
    "Here is the text of my message.\r\n"
    "</body>\r\n";

// RFC 5438 section 6.3 style: a message asking for notifications.
constexpr std::string_view imdn_request =
    "From: Alice <im:alice@example.com>\r\n"
    "To: Bob <im:bob@example.com>\r\n"
    "NS: imdn <urn:ietf:params:imdn>\r\n"
    "imdn.Message-ID: 34jk324j\r\n"
    "DateTime: 2006-04-04T12:16:49-05:00\r\n"
    "imdn.Disposition-Notification: positive-delivery, display\r\n"
    "\r\n"
    "Content-type: text/plain\r\n"
    "Content-length: 12\r\n"
    "\r\n"
    "Hello World\n";

cpm::sip::abnf::result<message> parse(std::string_view text, parse_options const& options = {})
{
    return message::parse(text_buffer(text), options);
}

} // namespace

BOOST_AUTO_TEST_CASE(rfc3862_example_decodes)
{
    auto m = parse(rfc3862_example);
    BOOST_TEST_REQUIRE(m.has_value(), error_of(m));
    BOOST_TEST(m->headers().size() == 9u);
    BOOST_TEST_REQUIRE(m->from().has_value());
    BOOST_TEST(m->from()->display_name == "MR SANDERS");
    BOOST_TEST(m->from()->uri == "im:piglet@100akerwood.com");
    BOOST_TEST_REQUIRE(m->to().size() == 1u);
    BOOST_TEST(m->to()[0].display_name == "Depressed Donkey");
    BOOST_TEST(m->to()[0].uri == "im:eeyore@100akerwood.com");
    BOOST_TEST_REQUIRE(m->date_time().has_value());
    BOOST_TEST(m->date_time()->utc().time_since_epoch().count() == 976743600);
    BOOST_TEST_REQUIRE(m->subjects().size() == 2u);
    BOOST_TEST(m->subjects()[0].lang.empty());
    BOOST_TEST(m->subjects()[0].text == "the weather will be fine today");
    BOOST_TEST(m->subjects()[1].lang == "fr");
    BOOST_TEST(m->subjects()[1].text == "beau temps prevu pour aujourd'hui");
    BOOST_TEST_REQUIRE(m->namespaces().size() == 1u);
    BOOST_TEST(m->namespaces()[0].prefix == "MyFeatures");
    BOOST_TEST_REQUIRE(m->required().size() == 1u);
    BOOST_TEST(m->required()[0] == "MyFeatures.VitalMessageOption");

    auto const* vital = m->find("mid:MessageFeatures@id.foo.com", "VitalMessageOption");
    BOOST_TEST_REQUIRE(vital != nullptr);
    BOOST_TEST(vital->value == "Confirmation-requested");
    BOOST_TEST(vital->prefix == "MyFeatures");
    BOOST_TEST((vital->kind == header_kind::other));
    BOOST_TEST(m->count("mid:MessageFeatures@id.foo.com", "WackyMessageOption") == 1u);
    BOOST_TEST((m->headers()[0].kind == header_kind::from));
    BOOST_TEST(m->headers()[0].namespace_uri == cpim_namespace);
    BOOST_TEST(m->find(cpim_namespace, "DateTime") == &m->headers()[2]);

    BOOST_TEST(m->mime_headers().size() == 2u);
    BOOST_TEST_REQUIRE(m->content_type().has_value());
    BOOST_TEST(m->content_type()->is("text", "xml"));
    BOOST_TEST(m->content_type()->params.value_of("charset") == "utf-8");
    BOOST_TEST(m->content_id() == "1234567890@foo.com");
    BOOST_TEST(m->find_mime("content-id") == &m->mime_headers()[1]);
    BOOST_TEST(m->body() == "<body>\r\nHere is the text of my message.\r\n</body>\r\n");
    BOOST_TEST(m->text() == rfc3862_example);
}

BOOST_AUTO_TEST_CASE(imdn_headers_resolve_through_their_ns_declaration)
{
    auto m = parse(imdn_request);
    BOOST_TEST_REQUIRE(m.has_value(), error_of(m));
    constexpr std::string_view imdn = "urn:ietf:params:imdn";
    auto const* id = m->find(imdn, "Message-ID");
    BOOST_TEST_REQUIRE(id != nullptr);
    BOOST_TEST(id->value == "34jk324j");
    auto const* dn = m->find(imdn, "Disposition-Notification");
    BOOST_TEST_REQUIRE(dn != nullptr);
    BOOST_TEST(dn->value == "positive-delivery, display");
    // DateTime is CPIM's own, not imdn's.
    BOOST_TEST(m->find(imdn, "DateTime") == nullptr);
    BOOST_TEST(m->find(cpim_namespace, "DateTime") != nullptr);
    BOOST_TEST(m->find(cpim_namespace, "Message-ID") == nullptr);
    BOOST_TEST(m->find_all(imdn, "Message-ID").size() == 1u);
    // Content-length is kept raw; the body is what follows the blank line.
    BOOST_TEST(m->find_mime("Content-Length")->value == "12");
    BOOST_TEST(m->body() == "Hello World\n");
}

BOOST_AUTO_TEST_CASE(prefixes_resolve_to_the_latest_earlier_declaration)
{
    std::string const text =
        "a.X: before\r\n"
        "NS: a <urn:one>\r\n"
        "a.X: one\r\n"
        "NS: a <urn:two>\r\n"
        "a.X: two\r\n"
        "NS: c <urn:ietf:params:cpim-headers:>\r\n"
        "c.From: <im:c@example.com>\r\n"
        "NS: <urn:default>\r\n"
        "From: not-an-address\r\n"
        "\r\n"
        "\r\n";
    auto m = parse(text);
    BOOST_TEST_REQUIRE(m.has_value(), error_of(m));
    auto h = m->headers();
    BOOST_TEST(h[0].namespace_uri.empty()); // never declared before use
    BOOST_TEST(h[2].namespace_uri == "urn:one");
    BOOST_TEST(h[4].namespace_uri == "urn:two");
    BOOST_TEST(m->find_all("urn:one", "X").size() == 1u);
    BOOST_TEST(m->find("urn:two", "X")->value == "two");
    // A prefix bound to the CPIM namespace names CPIM's own headers.
    BOOST_TEST((h[6].kind == header_kind::from));
    BOOST_TEST(m->from()->uri == "im:c@example.com");
    // After a default NS, an unprefixed From is another namespace's header.
    BOOST_TEST((h[8].kind == header_kind::other));
    BOOST_TEST(h[8].namespace_uri == "urn:default");
    BOOST_TEST(m->find("urn:default", "From")->value == "not-an-address");
    BOOST_TEST(m->mime_headers().empty());
    BOOST_TEST(m->body().empty());
}

BOOST_AUTO_TEST_CASE(repeated_headers_are_all_kept_in_order)
{
    std::string const text =
        "From: <im:a@x>\r\n"
        "To: <im:b@x>\r\n"
        "To: Second <im:c@x>\r\n"
        "cc: Winnie the Pooh <im:pooh@100akerwood.com>\r\n"
        "cc: <im:tigger@100akerwood.com>\r\n"
        "Require: A.b,C\r\n"
        "Require: D\r\n"
        "Unknown-Header: kept as is\r\n"
        "\r\n"
        "Content-Type: text/plain\r\n"
        "\r\n"
        "hi";
    auto m = parse(text);
    BOOST_TEST_REQUIRE(m.has_value(), error_of(m));
    BOOST_TEST(m->to().size() == 2u);
    BOOST_TEST(m->to()[1].display_name == "Second");
    BOOST_TEST_REQUIRE(m->cc().size() == 2u);
    BOOST_TEST(m->cc()[0].display_name == "Winnie the Pooh");
    BOOST_TEST(m->cc()[1].uri == "im:tigger@100akerwood.com");
    BOOST_TEST(m->required().size() == 3u);
    BOOST_TEST(m->required()[2] == "D");
    BOOST_TEST(m->count(cpim_namespace, "To") == 2u);
    auto const* unknown = m->find(cpim_namespace, "Unknown-Header");
    BOOST_TEST_REQUIRE(unknown != nullptr);
    BOOST_TEST((unknown->kind == header_kind::other));
    BOOST_TEST(unknown->value == "kept as is");
    BOOST_TEST(m->body() == "hi");
}

BOOST_AUTO_TEST_CASE(mime_headers_fold_and_decode)
{
    std::string const text =
        "From: <im:a@x>\r\n"
        "\r\n"
        "Content-Type: multipart/mixed;\r\n"
        "\tboundary=\"b1\"\r\n"
        "Content-Disposition: attachment; filename=\"a.txt\"\r\n"
        "X-Other:   spaced   \r\n"
        "\r\n"
        "body";
    auto m = parse(text);
    BOOST_TEST_REQUIRE(m.has_value(), error_of(m));
    BOOST_TEST_REQUIRE(m->mime_headers().size() == 3u);
    BOOST_TEST(m->content_type()->is("multipart", "MIXED"));
    BOOST_TEST(m->content_type()->params.find("boundary")->unquoted_value() == "b1");
    BOOST_TEST(m->mime_headers()[0].value == "multipart/mixed;\r\n\tboundary=\"b1\"");
    BOOST_TEST_REQUIRE(m->content_disposition().has_value());
    BOOST_TEST(m->content_disposition()->type == "attachment");
    BOOST_TEST(m->content_disposition()->params.find("filename")->unquoted_value() == "a.txt");
    BOOST_TEST(m->mime_headers()[2].value == "spaced");
    BOOST_TEST(m->content_id().empty());
}

BOOST_AUTO_TEST_CASE(borrowed_text_is_viewed_not_copied)
{
    std::string const text(imdn_request);
    auto m = message::parse_borrowed(text);
    BOOST_TEST_REQUIRE(m.has_value(), error_of(m));
    BOOST_TEST((m->text().data() == text.data())); // addresses, not C strings
    BOOST_TEST((m->body().data() == text.data() + text.find("Hello"))); // addresses, not C strings
}

BOOST_AUTO_TEST_CASE(views_survive_a_move_of_the_message)
{
    auto m = parse(rfc3862_example);
    BOOST_TEST_REQUIRE(m.has_value(), error_of(m));
    char const* const before = m->body().data();
    message moved = std::move(*m);
    // Compared as addresses: Boost.Test compares char pointers as C strings.
    BOOST_TEST(static_cast<void const*>(moved.body().data()) == static_cast<void const*>(before));
    BOOST_TEST(moved.from()->uri == "im:piglet@100akerwood.com");
}

BOOST_AUTO_TEST_CASE(errors_name_the_header_and_the_position_in_the_message)
{
    // Header value errors are rebased onto the whole message.
    std::string const bad_date = "From: <im:a@x>\r\nDateTime: 2000-13-13T13:40:00Z\r\n\r\n\r\n";
    auto d = parse(bad_date);
    expect_error_at(d, "CPIM DateTime: month must be 01-12", bad_date, "13-13T");
    BOOST_TEST(d.error().line == 2u);
    BOOST_TEST(d.error().column == 16u);
    BOOST_TEST(d.error().code == make_error_code(errc::bad_date_time));

    std::string const bad_from = "From: Alice<im:a@x>\r\n\r\n\r\n";
    expect_error_at(parse(bad_from), "CPIM From: expected [display name] <URI>", bad_from, "<im");
    std::string const bad_to = "To: <a@x>\r\n\r\n\r\n";
    expect_error_at(parse(bad_to), "CPIM To: expected [display name] <URI>", bad_to, "<a@");
    std::string const bad_cc = "cc: \"x <im:a@x>\r\n\r\n\r\n";
    expect_error_at(parse(bad_cc), "CPIM cc: unterminated or malformed quoted display name", bad_cc, "\"x");
    std::string const bad_ns = "NS: imdn urn:x\r\n\r\n\r\n";
    expect_error_at(parse(bad_ns), "CPIM NS: expected [prefix] <URI>", bad_ns, "urn:x");
    std::string const bad_require = "Require: A,\r\n\r\n\r\n";
    expect_error_at(parse(bad_require), "CPIM Require: expected a header name", bad_require, "\r\n");
    std::string const bad_name = "From <im:a@x>\r\n\r\n\r\n";
    expect_error_at(parse(bad_name), "CPIM From: expected ':' after the header name", bad_name, " <");
    std::string const bad_value = "Subject: a\x01z\r\n\r\n\r\n";
    expect_error_at(parse(bad_value), "CPIM Subject: control character or bad UTF-8 in the value (RFC 3862 2.3: escape it)",
                    bad_value, "\x01");
    std::string const bad_lang = "Subject:;lang=f_r x\r\n\r\n\r\n";
    expect_error_at(parse(bad_lang), "CPIM Subject: lang must be a language tag (RFC 3066)", bad_lang, "f_r");

    std::string const bare_lf = "From: <im:a@x>\n\r\n\r\n";
    expect_error_at(parse(bare_lf), "CPIM header: line must end in CRLF", bare_lf, "\n");
    std::string const no_blank = "From: <im:a@x>\r\n";
    expect_error(parse(no_blank), "CPIM: expected a blank line after the message headers", no_blank.size());
    std::string const no_mime = "From: <im:a@x>\r\n\r\n";
    expect_error(parse(no_mime), "CPIM: expected the encapsulated MIME headers and a blank line", no_mime.size());
    std::string const no_mime_end = "From: <im:a@x>\r\n\r\nContent-Type: text/plain\r\nbody";
    expect_error(parse(no_mime_end), "CPIM: expected a blank line after the MIME headers", no_mime_end.size());

    std::string const mime_name = "From: <im:a@x>\r\n\r\n: x\r\n\r\n";
    expect_error_at(parse(mime_name), "CPIM MIME header: expected a header name", mime_name, ": x");
    std::string const mime_colon = "From: <im:a@x>\r\n\r\nContent-Type text/plain\r\n\r\n";
    expect_error_at(parse(mime_colon), "CPIM Content-Type: expected ':' after the header name", mime_colon, " text");
    std::string const mime_ctl = "From: <im:a@x>\r\n\r\nX: a\x02\r\n\r\n";
    expect_error_at(parse(mime_ctl), "CPIM X: control character or bad UTF-8 in the value", mime_ctl, "\x02");
    std::string const bad_ct = "From: <im:a@x>\r\n\r\nContent-Type: text\r\n\r\n";
    expect_error(parse(bad_ct), "CPIM Content-Type: expected type/subtype", bad_ct.find("text\r") + 4);
    std::string const ct_tail = "From: <im:a@x>\r\n\r\nContent-Type: text/plain x\r\n\r\n";
    expect_error_at(parse(ct_tail), "CPIM Content-Type: unexpected character after parameters", ct_tail, "x\r");
    std::string const two_ct = "From: <im:a@x>\r\n\r\nContent-Type: text/plain\r\ncontent-type: text/html\r\n\r\n";
    expect_error_at(parse(two_ct), "CPIM Content-Type: more than one", two_ct, "content-type");
    std::string const bad_id = "From: <im:a@x>\r\n\r\nContent-ID: 1234@foo\r\n\r\n";
    expect_error_at(parse(bad_id), "CPIM Content-ID: expected <id>", bad_id, "1234");
    std::string const id_char = "From: <im:a@x>\r\n\r\nContent-ID: <12 34>\r\n\r\n";
    expect_error_at(parse(id_char), "CPIM Content-ID: unexpected character in the id", id_char, " 34");
    std::string const bad_cd = "From: <im:a@x>\r\n\r\nContent-Disposition: ;x=1\r\n\r\n";
    expect_error_at(parse(bad_cd), "CPIM Content-Disposition: expected a disposition type", bad_cd, ";x=1");
    std::string const cd_tail = "From: <im:a@x>\r\n\r\nContent-Disposition: render ?\r\n\r\n";
    expect_error_at(parse(cd_tail), "CPIM Content-Disposition: unexpected character after parameters", cd_tail, "?");
}

BOOST_AUTO_TEST_CASE(limits_are_errors_not_crashes)
{
    parse_options small;
    small.limits.max_message_size = 20;
    std::string const text(rfc3862_example);
    auto big = parse(text, small);
    expect_error(big, "CPIM: message exceeds 20 bytes", 20);
    BOOST_TEST(big.error().code == make_error_code(errc::message_size_limit));

    parse_options few;
    few.limits.max_header_count = 2;
    expect_error_at(parse(text, few), "CPIM headers: more than 2 headers", text, "DateTime");

    parse_options few_mime;
    few_mime.limits.max_mime_header_count = 1;
    expect_error_at(parse(text, few_mime), "CPIM MIME headers: more than 1 headers", text, "Content-ID");

    parse_options short_lines;
    short_lines.limits.max_line_length = 30;
    auto l = parse(text, short_lines);
    expect_error(l, "CPIM header: line longer than 30 bytes", 30);
    BOOST_TEST(l.error().code == make_error_code(errc::line_length_limit));

    std::string const folded = "From: <im:a@x>\r\n\r\nX: 12345\r\n 67890\r\n 12345\r\n\r\n";
    parse_options fold_limit;
    fold_limit.limits.max_line_length = 20;
    expect_error(parse(folded, fold_limit), "CPIM header: line longer than 20 bytes", folded.find("X:") + 20);

    std::string const unterminated = "From: <im:a@x>\r\nSubject: " + std::string(100, 'a');
    expect_error(parse(unterminated, short_lines), "CPIM header: line longer than 30 bytes",
                 unterminated.find("Subject") + 30);
}
