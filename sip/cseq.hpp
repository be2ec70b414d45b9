#pragma once
/// @file
/// CSeq (RFC 3261 20.16) and the other small numeric hot-path headers.

#include "sip/abnf/parse_error.hpp"
#include "sip/method.hpp"

#include <cstdint>
#include <string_view>

namespace cpm::sip {

struct cseq {
    std::uint32_t number = 0; ///< less than 2**31 (RFC 3261 8.1.1.5)
    sip::method method = sip::method::extension;
    std::string_view method_text;
};

abnf::result<cseq> parse_cseq(std::string_view value);

/// 1*DIGIT into a 32-bit value; error on overflow or any other byte.
/// @p header names the header in the error sentence.
abnf::result<std::uint32_t> parse_uint32(std::string_view value, std::string_view header);

/// Call-ID = word [ "@" word ]
abnf::result<std::string_view> parse_call_id(std::string_view value);

} // namespace cpm::sip
