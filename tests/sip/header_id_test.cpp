#define BOOST_TEST_MODULE sip_header_id
#include <boost/test/unit_test.hpp>

#include "sip/header_id.hpp"

#include <cctype>
#include <string>

using namespace cpm::sip;

BOOST_AUTO_TEST_CASE(every_name_in_any_case_and_its_compact_form)
{
    for (int i = 1; i < static_cast<int>(header_id::count_); ++i) {
        auto const id = static_cast<header_id>(i);
        std::string name(canonical_name(id));
        BOOST_TEST_CONTEXT(name)
        {
            BOOST_TEST((lookup_header(name) == id));
            std::string lower = name, upper = name;
            for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            BOOST_TEST((lookup_header(lower) == id));
            BOOST_TEST((lookup_header(upper) == id));
            // Any single changed byte makes it unknown (or another header).
            for (std::size_t k = 0; k < name.size(); ++k) {
                std::string near = name;
                near[k] = near[k] == 'x' ? 'y' : 'x';
                BOOST_TEST((lookup_header(near) != id));
            }
            BOOST_TEST((lookup_header(name + "x") != id));
            if (char const c = compact_form(id); c != 0) {
                BOOST_TEST((lookup_header(std::string(1, c)) == id));
                BOOST_TEST((lookup_header(std::string(1, static_cast<char>(std::toupper(c)))) == id));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(unknown_names)
{
    BOOST_TEST((lookup_header("") == header_id::unknown));
    BOOST_TEST((lookup_header("X-Custom") == header_id::unknown));
    BOOST_TEST((lookup_header("g") == header_id::unknown));
    BOOST_TEST((lookup_header("Via-") == header_id::unknown));
    BOOST_TEST((lookup_header("Contact-Type") == header_id::unknown));
    BOOST_TEST((lookup_header(std::string(200, 'a')) == header_id::unknown));
    // Only letters fold case: CR | 0x20 is '-', '@' | 0x20 is '`'.
    BOOST_TEST((lookup_header("Call\rID") == header_id::unknown));
    BOOST_TEST((lookup_header("Max\rForwards") == header_id::unknown));
    BOOST_TEST((lookup_header("C\x01eq") == header_id::unknown));
    BOOST_TEST((lookup_header("Call-Id") == header_id::call_id));
}
