#pragma once
/// @file
/// Semantic faults of a message that parsed: the grammar is fine but a
/// rule of RFC 3261 is broken, and the transaction layer answers with an
/// error response (RFC 4475 section 3.3). Parsing records them; it does not
/// decide the answer.

#include <cstdint>
#include <string_view>

namespace cpm::sip {

enum class defect : std::uint32_t {
    none = 0,
    unsupported_version = 1u << 0,     ///< not SIP/2.0: 505 (RFC 3261 8.2.2... 21.5.20)
    unsupported_uri_scheme = 1u << 1,  ///< Request-URI scheme unknown: 416
    cseq_method_mismatch = 1u << 2,    ///< CSeq method != request method: 400
    content_length_mismatch = 1u << 3, ///< Content-Length exceeds the body: 400 (18.3)
    missing_header = 1u << 4,          ///< To, From, CSeq, Call-ID, Via (Max-Forwards): 400
    duplicate_header = 1u << 5,        ///< a single-valued header repeated: 400
    bad_request_uri = 1u << 6,         ///< malformed URI, or one with headers (RFC 3261 19.1.1): 400
};

constexpr defect operator|(defect a, defect b) noexcept
{
    return static_cast<defect>(static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b));
}
constexpr defect& operator|=(defect& a, defect b) noexcept { return a = a | b; }
constexpr bool has(defect set, defect d) noexcept
{
    return (static_cast<std::uint32_t>(set) & static_cast<std::uint32_t>(d)) != 0;
}

/// The response code RFC 3261 names for @p d (one flag).
unsigned status_for(defect d) noexcept;
/// A short Warning text for @p d (one flag).
std::string_view describe(defect d) noexcept;

} // namespace cpm::sip
