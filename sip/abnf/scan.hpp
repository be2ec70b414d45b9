#pragma once
/// @file
/// Byte scans for the hot framing loops (SIP header lines, MSRP and CPIM
/// header blocks): sixteen bytes a step where SSE2 is available, which every
/// x86-64 CPU has.

#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cpm::sip::abnf {

/// The first CR or LF in [p, end), or @p end. Finding both in one pass lets
/// a line scanner refuse a bare CR or LF without a second scan.
inline char const* find_cr_or_lf(char const* p, char const* end) noexcept
{
#if defined(__SSE2__)
    __m128i const cr = _mm_set1_epi8('\r');
    __m128i const lf = _mm_set1_epi8('\n');
    while (end - p >= 16) {
        __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
        int const hits = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
        if (hits != 0)
            return p + __builtin_ctz(static_cast<unsigned>(hits));
        p += 16;
    }
#endif
    while (p != end && *p != '\r' && *p != '\n')
        ++p;
    return p;
}

} // namespace cpm::sip::abnf
