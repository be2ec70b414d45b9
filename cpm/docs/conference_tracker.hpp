#pragma once
/// @file
/// The subscriber side of the conference event package (RFC 4575 section
/// 4.6, "Constructing Coherent State"): one conference's state built from
/// a full notification, then kept current by partial ones, in version
/// order.
///
/// - A notification whose version is not above the local one is stale
///   (a retransmission or one overtaken by a later one): discarded.
/// - Full state replaces the local copy, whatever the version gap.
/// - Partial state applies only on top of the version just before it. With
///   no local copy yet, or a version gap (a notification was lost), the
///   tracker signals resync: the subscriber refreshes its subscription
///   (RFC 6665 section 4.1.2.2) to get full state, and partial
///   notifications are refused until that full state arrives.
/// - Merging a partial notification: elements with a key (user and
///   endpoint by entity, media by id, available-media entries by label,
///   URI entries by uri, sidebars by entity) are matched to the local ones;
///   state "deleted" removes the match, "full" replaces it, "partial"
///   merges into it; an element without a key replaces the local one.
///
/// The tracker owns its text (a copy), so the notifications it was fed
/// need not outlive it. Applying is all or nothing.

#include "cpm/docs/conference_info.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace cpm::docs {

/// Bounds on the merged state, so that partial notifications cannot grow
/// it without end.
struct conference_limits {
    std::size_t max_users = 10000;
    std::size_t max_endpoints = 64;   ///< per user
    std::size_t max_media = 32;       ///< per endpoint
    std::size_t max_entries = 256;    ///< per URI list, available-media, roles
    std::size_t max_sidebars = 64;    ///< per conference (sidebars by value)
};

/// What apply() did with a well-formed notification.
enum class apply_outcome : std::uint8_t {
    applied, ///< the local state is now at the notification's version
    stale,   ///< version not above the local one: discarded
    resync,  ///< partial state that cannot apply: refresh the subscription for full state
};

class conference_tracker {
public:
    explicit conference_tracker(conference_limits const& lim = {}) : limits_(lim) {}

    /// Applies one notification (the conference_info of a parsed NOTIFY
    /// body). Errors, leaving the state unchanged: no version
    /// (errc::missing_version), a partial notification for another
    /// conference (errc::entity_mismatch), a merge past the limits
    /// (errc::state_limit).
    sip::abnf::result<apply_outcome> apply(conference_info const& notification);

    /// Whether full state has been received (and not reset since).
    bool has_state() const noexcept { return version_.has_value(); }
    /// Whether a lost notification was detected: partial state is refused
    /// until full state comes.
    bool needs_resync() const noexcept { return resync_; }
    /// The version of the local state; none before the first full state.
    std::optional<std::uint32_t> version() const noexcept { return version_; }
    /// The merged state, every 'state' attribute "full" (or the root
    /// "deleted" when the focus said the conference is gone).
    conference_info const& state() const noexcept { return state_; }

    /// Forgets the state: a new subscription starts versions again.
    void reset() noexcept;

private:
    conference_limits limits_;
    conference_info state_;
    std::optional<std::uint32_t> version_;
    bool resync_ = false;
};

/// "applied", "stale", "resync".
std::string_view to_string(apply_outcome o) noexcept;

/// Makes every text of @p info an owned copy, so that it no longer points
/// into the document it was read from.
void own(conference_info& info);

} // namespace cpm::docs
