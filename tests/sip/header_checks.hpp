#pragma once
// Shared checks of the header decoder tests (tests/sip/*_test.cpp).

#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace header_checks {

/// The message of a failed parse, "" when it parsed (for BOOST_TEST_REQUIRE).
template <class R>
std::string error_of(R const& r)
{
    return r ? std::string() : r.error().message;
}

/// @p r failed with a sentence containing @p fragment, at byte @p offset of
/// the value.
template <class R>
void expect_error(R const& r, std::string_view fragment, std::size_t offset)
{
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().message.find(fragment) != std::string::npos, r.error().message);
    BOOST_TEST(r.error().offset == offset, r.error().message << " at " << r.error().offset);
}

/// As above, the offset being where @p marker first occurs in @p value.
template <class R>
void expect_error_at(R const& r, std::string_view fragment, std::string_view value, std::string_view marker)
{
    expect_error(r, fragment, value.find(marker));
}

} // namespace header_checks
