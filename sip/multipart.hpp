#pragma once
/// @file
/// multipart bodies (RFC 2046 5.1.1) as zero-copy views: the shape of
/// RFC 5365 / RFC 5366 requests (multipart/mixed holding a resource list
/// and an SDP or CPIM part).
///
/// A nested multipart is one part like any other: the caller parses its
/// Content-Type, takes multipart_boundary() and calls parse_multipart()
/// again on the part's body.

#include "sip/abnf/parse_error.hpp"
#include "sip/media_type.hpp"
#include "sip/message.hpp"

#include <boost/container/small_vector.hpp>

#include <string_view>
#include <vector>

namespace cpm::sip {

/// One body-part: its MIME-part-headers and its octets, as views into the
/// multipart body.
struct mime_part {
    /// Header fields in order. @c id is set for long names SIP also knows
    /// (Content-Type, Content-Disposition, ...); single letters are not
    /// compact forms here, and Content-ID has no id: use find(name).
    boost::container::small_vector<header_field, 4> headers;
    std::string_view body; ///< after the empty line, up to the delimiter's CRLF
    std::string_view raw;  ///< headers and body

    /// First field named @p name (any case), or nullptr.
    header_field const* find(std::string_view name) const noexcept;
    /// Value of the first field named @p name, empty when absent.
    std::string_view value_of(std::string_view name) const noexcept;
};

/// Splits @p body at the delimiters of @p boundary (without the leading
/// "--"). The preamble and epilogue are ignored, transport padding
/// (spaces and tabs after a boundary) is accepted, the close-delimiter
/// "--boundary--" is required and at least one part must precede it.
/// Error offsets are relative to @p body; the code is errc::bad_multipart.
abnf::result<std::vector<mime_part>> parse_multipart(std::string_view body, std::string_view boundary);

/// The boundary parameter of a multipart Content-Type, quotes removed
/// (a view: boundary characters never need unescaping). Checks the type
/// is multipart/ and the boundary is 1-70 bchars not ending in a space.
/// Error offsets are relative to @p content_type.raw.
abnf::result<std::string_view> multipart_boundary(media_type const& content_type);

} // namespace cpm::sip
