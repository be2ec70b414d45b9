#pragma once
/// @file
/// media-type (RFC 3261 20.15, RFC 2045): Content-Type and Accept entries.

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"

#include <string_view>

namespace cpm::sip {

struct media_type {
    std::string_view type;    ///< "application"
    std::string_view subtype; ///< "sdp"
    abnf::param_list params;  ///< ";boundary=..." etc.
    std::string_view raw;

    /// Case-insensitive match of type and subtype ("*" matches anything).
    bool is(std::string_view t, std::string_view s) const noexcept;
};

abnf::result<media_type> parse_media_type(std::string_view value, std::size_t* consumed = nullptr);

} // namespace cpm::sip
