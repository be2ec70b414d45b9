#pragma once
// Shared checks of the CPIM tests (tests/cpim/*_test.cpp).

#include "sip/abnf/text_buffer.hpp"

#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace cpim_checks {

/// The message of a failed parse, "" when it parsed (for BOOST_TEST_REQUIRE).
template <class R>
std::string error_of(R const& r)
{
    return r ? std::string() : r.error().message;
}

/// @p r failed with exactly @p sentence at byte @p offset.
template <class R>
void expect_error(R const& r, std::string_view sentence, std::size_t offset)
{
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().message == sentence);
    BOOST_TEST(r.error().offset == offset, r.error().message << " at " << r.error().offset);
}

/// As above, the offset being where @p marker first occurs in @p text.
template <class R>
void expect_error_at(R const& r, std::string_view sentence, std::string_view text, std::string_view marker)
{
    BOOST_TEST_REQUIRE(text.find(marker) != std::string_view::npos);
    expect_error(r, sentence, text.find(marker));
}

} // namespace cpim_checks
