#define BOOST_TEST_MODULE sip_warning
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/warning.hpp"

using namespace cpm::sip;
using header_checks::error_of;
using header_checks::expect_error;

BOOST_AUTO_TEST_CASE(rfc3261_examples)
{
    auto w = parse_warning("307 isi.edu \"Session parameter 'foo' not understood\"");
    BOOST_TEST_REQUIRE(w.has_value(), error_of(w));
    BOOST_TEST(w->at(0).code == 307);
    BOOST_TEST(w->at(0).agent == "isi.edu");
    BOOST_TEST(w->at(0).text_unquoted() == "Session parameter 'foo' not understood");
    auto two = parse_warning("301 isi.edu \"Incompatible network address type 'E.164'\", "
                             "399 [2001:db8::1]:5060 \"a, b\"");
    BOOST_TEST_REQUIRE(two.has_value(), error_of(two));
    BOOST_TEST_REQUIRE(two->size() == 2u);
    BOOST_TEST(two->at(1).code == 399);
    BOOST_TEST(two->at(1).agent == "[2001:db8::1]:5060");
    BOOST_TEST(two->at(1).text == "\"a, b\"");
}

BOOST_AUTO_TEST_CASE(req_9_1_1_P3_P5_P7_warning_texts_of_the_controlling_function)
{
    // REQ-9.1.1-P3/P5/P7, REQ-9.1.2-P2/P4/P6/P8, REQ-6.2-P4: 403/486 carry a Warning text.
    for (auto text : {"Service not authorised", "Anonymity not allowed", "No destinations", "Too many recipients"}) {
        std::string const value = "399 cf.example.com \"" + std::string(text) + "\"";
        auto w = parse_warning(value);
        BOOST_TEST_REQUIRE(w.has_value(), error_of(w));
        BOOST_TEST(w->at(0).text_unquoted() == text);
        BOOST_TEST(w->at(0).agent == "cf.example.com");
    }
    auto escaped = parse_warning("399 cpm_pf \"say \\\"hi\\\"\"");
    BOOST_TEST_REQUIRE(escaped.has_value(), error_of(escaped));
    BOOST_TEST(escaped->at(0).agent == "cpm_pf"); // a pseudonym, not a host
    BOOST_TEST(escaped->at(0).text_unquoted() == "say \"hi\"");
}

BOOST_AUTO_TEST_CASE(invalid_warnings)
{
    expect_error(parse_warning("37 isi.edu \"x\""), "Warning: warn-code must be three digits", 0);
    expect_error(parse_warning("3070 isi.edu \"x\""), "Warning: warn-code must be three digits", 0);
    expect_error(parse_warning("307 \"x\""), "Warning: warn-agent must be host[:port] or a token", 4);
    expect_error(parse_warning("307 isi.edu x"), "Warning: warn-text must be a quoted-string", 12);
    expect_error(parse_warning("307 isi.edu \"x"), "Warning: warn-text must be a quoted-string", 12);
    expect_error(parse_warning("307 isi.edu \"x\","), "Warning: expected a warning-value", 16);
}
