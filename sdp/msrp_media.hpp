#pragma once
/// @file
/// One m=message media description with its MSRP attributes decoded
/// (RFC 4975 section 8, RFC 4145 / RFC 6135, RFC 6714, RFC 5547).

#include "sdp/file_transfer.hpp"
#include "sdp/msrp_attributes.hpp"
#include "sdp/session.hpp"

#include <optional>
#include <vector>

namespace cpm::sdp {

/// The RFC 5547 attributes of a file-transfer media line.
struct file_transfer {
    std::optional<file_selector> selector;
    std::string_view transfer_id; ///< file-transfer-id, empty when absent
    std::string_view disposition; ///< file-disposition ("render", "attachment", ...)
    std::optional<file_date> date;
    std::string_view icon; ///< file-icon cid: URL
    std::optional<file_range> range;
    bool operator==(file_transfer const&) const = default;
};

/// The decoded MSRP view of a media description.
struct msrp_media {
    std::vector<std::string_view> path; ///< a=path URIs, the peer's own URI last
    std::vector<media_range> accept_types;
    std::vector<media_range> accept_wrapped_types;
    std::optional<std::uint64_t> max_size;
    std::optional<setup_role> setup;             ///< absent: RFC 4975 default (offerer active)
    std::optional<connection_value> connection;
    sdp::direction direction = direction::sendrecv; ///< media level, else session level, else sendrecv
    bool cema = false; ///< a=msrp-cema (RFC 6714)
    std::optional<sdp::file_transfer> file;      ///< when any RFC 5547 attribute is present
    bool operator==(msrp_media const&) const = default;
};

/// Whether @p m is an MSRP media line: "message" over TCP/MSRP or TCP/TLS/MSRP.
bool is_msrp(media_description const& m) noexcept;

/// Decodes the MSRP attributes of @p m (a media description of @p d).
/// A media line with a non-zero port must carry a=path and a=accept-types
/// (RFC 4975 section 8). Errors name the line and sit at their place in
/// @p text, the text @p d was parsed from (pass {} for a built description:
/// offsets are then relative to the attribute value).
abnf::result<msrp_media> decode_msrp(session_description const& d, media_description const& m,
                                     std::string_view text = {});

} // namespace cpm::sdp
