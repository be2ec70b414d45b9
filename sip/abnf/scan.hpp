#pragma once
/// @file
/// Byte scans for the hot framing loops (SIP header lines and URIs, MSRP
/// and CPIM header blocks): sixteen bytes a step where SSE2 is available,
/// which every x86-64 CPU has.

#include "sip/abnf/char_class.hpp"

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

/// The first byte in [p, end) that is not plain quoted-string text, or
/// @p end: plain is qdtext's ASCII part plus SP and HTAB (cc_qdtext |
/// cc_wsp), so the byte found is a '"', a '\\', another control byte or a
/// non-ASCII one. Quoted values (feature tags, Digest parameters) are long,
/// so a sixteen-byte step pays off here.
inline char const* plain_quoted_end(char const* p, char const* end) noexcept
{
#if defined(__SSE2__)
    while (end - p >= 16) {
        __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
        // 0x20-0x7e by signed compares (bytes >= 0x80 are negative), or HTAB,
        // but not '"' or '\\'.
        __m128i const visible = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1f)),
                                              _mm_cmpgt_epi8(_mm_set1_epi8(0x7f), v));
        __m128i const plain = _mm_or_si128(visible, _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
        __m128i const stop = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
        auto const ok = static_cast<unsigned>(_mm_movemask_epi8(_mm_andnot_si128(stop, plain)));
        if (ok != 0xffffu)
            return p + __builtin_ctz(~ok);
        p += 16;
    }
#endif
    while (p != end && is(*p, cc_qdtext | cc_wsp))
        ++p;
    return p;
}

} // namespace cpm::sip::abnf
