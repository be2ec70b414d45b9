#define BOOST_TEST_MODULE abnf_params
#include <boost/test/unit_test.hpp>

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"
#include "sip/abnf/unescape.hpp"

#include <string>
#include <vector>

using namespace cpm::sip::abnf;

namespace {
param_list header_params(std::string_view text)
{
    std::size_t const n = parse_params(text, param_syntax::header);
    return make_param_list(text.substr(0, n), param_syntax::header);
}
} // namespace

BOOST_AUTO_TEST_CASE(header_params_with_sws_quotes_and_flags)
{
    std::string_view const text = " ; tag = abc ;lr; q=0.7;X=\"a \\\"b\\\" c\";maddr=[2001:db8::1]";
    std::size_t const n = parse_params(text, param_syntax::header);
    BOOST_TEST(n == text.size());
    auto const list = make_param_list(text, param_syntax::header);
    std::vector<std::string> names;
    for (auto const& p : list)
        names.emplace_back(p.name);
    BOOST_TEST((names == std::vector<std::string>{"tag", "lr", "q", "X", "maddr"}));
    BOOST_TEST(list.value_of("TAG") == "abc");
    BOOST_TEST(list.contains("lr"));
    BOOST_TEST(!list.find("lr")->has_value);
    BOOST_TEST(list.find("x")->unquoted_value() == "a \"b\" c");
    BOOST_TEST(list.value_of("maddr") == "[2001:db8::1]");
    BOOST_TEST(!list.contains("branch"));
}

BOOST_AUTO_TEST_CASE(header_params_stop_at_invalid_text)
{
    // The caller decides what the rest means; the list covers the valid prefix.
    // ";b" is a valid flag on its own; the unterminated value is left over.
    std::string_view const text = ";a=1;b=\"unterminated";
    BOOST_TEST(parse_params(text, param_syntax::header) == 6u);
    BOOST_TEST(parse_params(",next", param_syntax::header) == 0u);
    BOOST_TEST(header_params("").empty());
}

BOOST_AUTO_TEST_CASE(quoted_header_values_the_hand_scan_takes_or_leaves)
{
    // Plain qdtext and single spaces are scanned by hand; a quoted-pair,
    // UTF-8 or a fold inside the quotes goes to the grammar: the values are
    // the same either way.
    struct quoted {
        std::string_view text;
        std::string_view value;
    };
    quoted const cases[] = {
        {";a=\"x y\";b", "\"x y\""},
        {";a=\"\";b", "\"\""},
        {";a=\"<urn:x>\";b", "\"<urn:x>\""},
        {";a=\"x\\\"y\";b", "\"x\\\"y\""},
        {";a=\"caf\xc3\xa9\";b", "\"caf\xc3\xa9\""},
        {";a=\"x\r\n y\";b", "\"x\r\n y\""},
        {";a=\"x\tz\";b", "\"x\tz\""},
    };
    for (auto const& c : cases)
        BOOST_TEST_CONTEXT(c.text)
        {
            BOOST_TEST(parse_params(c.text, param_syntax::header) == c.text.size());
            auto const list = header_params(c.text);
            BOOST_TEST(list.value_of("a") == c.value);
            BOOST_TEST(list.contains("b"));
        }
    // A control character or a bare CR ends the quoted-string: no value.
    BOOST_TEST(parse_params(";a=\"x\x01y\"", param_syntax::header) == 2u);
    BOOST_TEST(parse_params(";a=\"x\ry\"", param_syntax::header) == 2u);
    BOOST_TEST(parse_params(";a=\"xy", param_syntax::header) == 2u);
}

BOOST_AUTO_TEST_CASE(a_parameter_list_starts_with_semi_or_sws)
{
    BOOST_TEST(parse_params("x;a", param_syntax::header) == 0u);
    BOOST_TEST(parse_params(" ;a", param_syntax::header) == 3u);
    BOOST_TEST(parse_params("\r\n ;a", param_syntax::header) == 5u);
    BOOST_TEST(parse_params(" ;a", param_syntax::uri) == 0u);
    BOOST_TEST(parse_params(";a", param_syntax::uri) == 2u);
}

BOOST_AUTO_TEST_CASE(uri_params_allow_escapes_and_no_whitespace)
{
    std::string_view const text = ";transport=tcp;lr;x%20y=a%2Cb;maddr=239.255.255.1";
    BOOST_TEST(parse_params(text, param_syntax::uri) == text.size());
    auto const list = make_param_list(text, param_syntax::uri);
    BOOST_TEST(list.value_of("transport") == "tcp");
    BOOST_TEST(list.value_of("x%20y") == "a%2Cb");
    BOOST_TEST(parse_params("; lr", param_syntax::uri) == 0u);
    BOOST_TEST(parse_params(";a=%zz", param_syntax::uri) == 2u); // "=%zz" left over
}

BOOST_AUTO_TEST_CASE(unescaping_copies_only_on_request)
{
    BOOST_TEST(unquote("\"a\\\\b\"") == "a\\b");
    BOOST_TEST(unquote("token") == "token");
    BOOST_TEST(*percent_decode("sips%3Auser%40example.com") == "sips:user@example.com");
    BOOST_TEST(!percent_decode("bad%2"));
    BOOST_TEST(!percent_decode("bad%g0"));
    BOOST_TEST(!has_escapes("plain"));
}

BOOST_AUTO_TEST_CASE(error_positions_are_one_based_lines_and_columns)
{
    std::string_view const text = "line one\r\nline two\r\nthird";
    auto const e = make_parse_error(text, text.data() + text.find("two"), {}, "x");
    BOOST_TEST(e.line == 2u);
    BOOST_TEST(e.column == 6u);
    BOOST_TEST(e.offset == text.find("two"));
    BOOST_TEST(locate(text, 0).line == 1u);
    BOOST_TEST(locate(text, 0).column == 1u);
}

BOOST_AUTO_TEST_CASE(text_buffer_data_survives_moves)
{
    text_buffer a(std::string_view("abc"));
    char const* const data = a.data();
    text_buffer b = std::move(a);
    BOOST_TEST(static_cast<void const*>(b.data()) == static_cast<void const*>(data));
    BOOST_TEST(b.view() == "abc");
    BOOST_TEST(b.clone().view() == "abc");
}
