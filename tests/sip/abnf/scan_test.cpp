#define BOOST_TEST_MODULE abnf_scan
#include <boost/test/unit_test.hpp>

#include "sip/abnf/char_class.hpp"
#include "sip/abnf/scan.hpp"

#include <string>

using namespace cpm::sip::abnf;

// plain_quoted_end() checks sixteen bytes a step and the tail byte by byte:
// every byte value, at every position of both, must stop it exactly where
// the cc_qdtext | cc_wsp table does.
BOOST_AUTO_TEST_CASE(plain_quoted_end_agrees_with_the_table_for_every_byte)
{
    for (int b = 0; b < 256; ++b) {
        char const c = static_cast<char>(b);
        bool const plain = is(c, cc_qdtext | cc_wsp);
        for (std::size_t at = 0; at < 40; ++at) {
            std::string text(40, 'a');
            text[at] = c;
            char const* const end = text.data() + text.size();
            char const* const stop = plain_quoted_end(text.data(), end);
            BOOST_TEST_INFO("byte " << b << " at " << at);
            BOOST_TEST(stop - text.data() == static_cast<std::ptrdiff_t>(plain ? text.size() : at));
        }
    }
}

BOOST_AUTO_TEST_CASE(plain_quoted_end_stops_at_the_closing_quote_and_at_escapes)
{
    std::string const value = "urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session\" ;x";
    BOOST_TEST(plain_quoted_end(value.data(), value.data() + value.size()) - value.data() ==
               static_cast<std::ptrdiff_t>(value.find('"')));
    std::string const escaped = "a quoted-pair \\\" inside";
    BOOST_TEST(plain_quoted_end(escaped.data(), escaped.data() + escaped.size()) - escaped.data() ==
               static_cast<std::ptrdiff_t>(escaped.find('\\')));
    std::string const utf8 = "caf\xc3\xa9 and more text after it";
    BOOST_TEST(plain_quoted_end(utf8.data(), utf8.data() + utf8.size()) - utf8.data() == 3);
    std::string const empty;
    BOOST_TEST(plain_quoted_end(empty.data(), empty.data()) == empty.data());
}
