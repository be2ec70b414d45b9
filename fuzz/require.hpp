#pragma once
// The property check of every fuzz target: a violated property prints its
// sentence and aborts, which libFuzzer reports as a crash with the input.

#include <cstdio>
#include <cstdlib>

namespace cpm::fuzz {

inline void require(bool condition, char const* property)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz property violated: %s\n", property);
        std::abort();
    }
}

} // namespace cpm::fuzz
