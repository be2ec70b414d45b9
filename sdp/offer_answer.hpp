#pragma once
/// @file
/// Offer/answer for m=message lines (RFC 3264, RFC 4975 section 8): pure
/// functions from an offered MSRP media line and the answerer's policy to
/// the negotiated values. build.hpp turns the result into SDP lines.

#include "sdp/msrp_media.hpp"

#include <span>
#include <string_view>
#include <vector>

namespace cpm::sdp {

/// RFC 3264 6.1: the answerer may send only if the offerer receives, and
/// receive only if the offerer sends; @p wanted is what the answerer itself
/// would like (sendrecv when it can do both).
direction answer_direction(direction offered, direction wanted) noexcept;

/// RFC 4145 section 4.1, RFC 6135 section 4: active is answered passive,
/// passive active, holdconn holdconn, and actpass with @p actpass_choice
/// (active or passive; any other value counts as active). An offer without
/// a=setup follows RFC 4975: the offerer connects, so the answer is passive.
setup_role answer_setup(std::optional<setup_role> offered, setup_role actpass_choice) noexcept;

/// Whether the answerer opens the TCP connection, given the answer's role
/// (nullopt: RFC 4975 default, the offerer connects).
bool answerer_connects(std::optional<setup_role> answered) noexcept;

/// The media types both ends accept (RFC 4975 section 8.6): for each
/// overlapping pair of entries the narrower one, in offer order, without
/// repeats. "*" admits everything; "type/*" every subtype.
std::vector<media_range> intersect_types(std::span<media_range const> offered, std::span<media_range const> local);

/// What the answerer accepts and prefers.
struct msrp_answer_policy {
    std::vector<std::string_view> path; ///< the answerer's own MSRP URI (and relays)
    std::vector<media_range> accept_types;
    std::vector<media_range> accept_wrapped_types;
    direction wanted = direction::sendrecv;
    setup_role actpass_choice = setup_role::active; ///< the role taken when offered actpass
    std::optional<std::uint64_t> max_size;          ///< the largest message the answerer receives
    bool cema = false;                              ///< supports RFC 6714
};

/// Why an offered MSRP stream is refused (answered with port 0).
enum class rejection : std::uint8_t {
    none,
    disabled,       ///< the offer has port 0 (RFC 3264 section 6)
    not_msrp,       ///< not "message" over TCP/MSRP or TCP/TLS/MSRP
    no_common_type, ///< accept-types have nothing in common
};
std::string_view to_string(rejection r) noexcept;

/// The negotiated answer to one offered m=message line.
struct msrp_answer {
    sdp::rejection rejection = rejection::none;
    msrp_media media; ///< the answer's attributes (meaningless when rejected)
    bool accepted() const noexcept { return rejection == rejection::none; }
};

/// Answers the offered line @p offer, whose MSRP attributes are @p offered
/// (decode_msrp). The answer echoes the RFC 5547 file-selector,
/// file-transfer-id and file-range of a file-transfer offer (RFC 5547 section 8).
msrp_answer answer_msrp(media_description const& offer, msrp_media const& offered, msrp_answer_policy const& local);

} // namespace cpm::sdp
