#pragma once
/// @file
/// Byte scans for the hot framing loops (SIP header lines and URIs, MSRP
/// and CPIM header blocks): sixteen bytes a step where SSE2 is available,
/// which every x86-64 CPU has.

#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cpm::sip::abnf {

/// The first byte in [p, end) equal to one of @p Bytes, or @p end.
template <char... Bytes>
char const* find_any(char const* p, char const* end) noexcept
{
#if defined(__SSE2__)
    while (end - p >= 16) {
        __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
        __m128i hits = _mm_setzero_si128();
        ((hits = _mm_or_si128(hits, _mm_cmpeq_epi8(v, _mm_set1_epi8(Bytes)))), ...);
        if (int const mask = _mm_movemask_epi8(hits); mask != 0)
            return p + __builtin_ctz(static_cast<unsigned>(mask));
        p += 16;
    }
#endif
    while (p != end && ((*p != Bytes) && ...))
        ++p;
    return p;
}

/// The first CR or LF in [p, end), or @p end. Finding both in one pass lets
/// a line scanner refuse a bare CR or LF without a second scan.
inline char const* find_cr_or_lf(char const* p, char const* end) noexcept
{
    return find_any<'\r', '\n'>(p, end);
}

} // namespace cpm::sip::abnf
