#define BOOST_TEST_MODULE cpim_escape
#include <boost/test/unit_test.hpp>

#include "checks.hpp"
#include "cpim/escape.hpp"

#include <string>

using namespace cpm::cpim;
using cpim_checks::error_of;
using cpim_checks::expect_error;

BOOST_AUTO_TEST_CASE(every_escape_of_rfc3862_section_2_3)
{
    auto r = unescape(R"(a\tb\nc\rd\be\"f\'g\\h\u00e9\u20AC)");
    BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
    BOOST_TEST(*r == "a\tb\nc\rd\be\"f'g\\h\xc3\xa9\xe2\x82\xac");
    BOOST_TEST(*unescape("\\u0041\\u007e") == "A~");
    BOOST_TEST(*unescape("plain") == "plain");
    BOOST_TEST(!has_escapes("plain"));
    BOOST_TEST(has_escapes("a\\tb"));
}

BOOST_AUTO_TEST_CASE(quoted_strings_lose_their_quotes)
{
    auto r = unquote(R"("Winnie \"the\" Pooh")");
    BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
    BOOST_TEST(*r == "Winnie \"the\" Pooh");
    BOOST_TEST(*unquote("bare") == "bare");
}

BOOST_AUTO_TEST_CASE(bad_escapes_are_errors_at_their_backslash)
{
    std::string const sentence =
        "CPIM escape: '\\' must be followed by u and four hex digits, b, t, n, r, '\"', ''' or '\\'";
    expect_error(unescape("C:\\path"), sentence, 2);
    expect_error(unescape("end\\"), sentence, 3);
    expect_error(unescape("\\u12"), sentence, 0);
    expect_error(unescape("ab\\u12G4"), sentence, 2);
    expect_error(unescape("x\\ud800"), "CPIM escape: \\u of a surrogate is not a character", 1);
    // Offsets count from the opening quote of a String.
    expect_error(unquote("\"a\\q\""), sentence, 2);
}

BOOST_AUTO_TEST_CASE(escaping_round_trips_and_rejects_non_utf8)
{
    std::string const text = "tab\there \"quoted\" back\\slash\r\nbell\x07 del\x7f \xc3\xa9";
    std::string value;
    BOOST_TEST(append_escaped(value, text, escape_context::header_value));
    BOOST_TEST(value == "tab\\there \"quoted\" back\\\\slash\\r\\nbell\\u0007 del\\u007F \xc3\xa9");
    BOOST_TEST(*unescape(value) == text);

    std::string quoted = "\"";
    BOOST_TEST(append_escaped(quoted, text, escape_context::string));
    quoted += '"';
    BOOST_TEST(quoted.find("\\\"quoted\\\"") != std::string::npos);
    BOOST_TEST(*unquote(quoted) == text);

    std::string out = "keep";
    BOOST_TEST(!append_escaped(out, "bad \xff byte", escape_context::header_value));
    BOOST_TEST(out == "keep");
    BOOST_TEST(!append_escaped(out, "cut \xc3", escape_context::header_value));
    BOOST_TEST(out == "keep");
}
