#pragma once
// The error check every cpm/docs suite shares: a document that must not parse
// fails with the sentence, the code, and the offset of a marker in its text.

#include <boost/test/unit_test.hpp>

#include "cpm/docs/error.hpp"

#include <string_view>

namespace cpm::docs::testing {

/// Checks documents with @p Parse (string_view -> result of a document).
template <class Parse>
struct error_expectation {
    Parse parse;

    void operator()(std::string_view text, std::string_view sentence, std::string_view marker, errc code) const
    {
        auto r = parse(text);
        BOOST_TEST_REQUIRE(!r.has_value(), "parsed: " << text);
        BOOST_TEST(r.error().message == sentence);
        BOOST_TEST(r.error().offset == text.find(marker), r.error().message << " at " << r.error().offset);
        BOOST_TEST(r.error().code == make_error_code(code));
    }
};

} // namespace cpm::docs::testing
