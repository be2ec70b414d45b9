// RFC 4575 section 4.6: version ordering and the merge of partial
// conference-info notifications into the local full state.

#include "cpm/docs/conference_tracker.hpp"

#include "cpm/docs/error.hpp"

#include <algorithm>
#include <string>

namespace cpm::docs {

std::string_view to_string(apply_outcome o) noexcept
{
    switch (o) {
    case apply_outcome::applied: return "applied";
    case apply_outcome::stale: return "stale";
    case apply_outcome::resync: return "resync";
    }
    return "applied";
}

namespace {

// --- owning copies -------------------------------------------------------

void own(text_value& v);
void own(execution& x);
void own(uri_entry& e);
void own(uri_list& l);
void own(available_medium& m);
void own(available_media& m);
void own(conference_description& d);
void own(host_info& h);
void own(conference_state&);
void own(endpoint_media& m);
void own(sip_dialog_id& d);
void own(endpoint& ep);
void own(user& u);
void own(user_list& l);
void own(sidebar_list& l);

template <class T>
void own(std::optional<T>& v);
template <class T>
void own(std::vector<T>& v);

void own(text_value& v)
{
    if (!v.decoded())
        v = text_value(std::string(v.view()));
}

template <class T>
void own(std::optional<T>& v)
{
    if (v)
        own(*v);
}

template <class T>
void own(std::vector<T>& v)
{
    for (auto& x : v)
        own(x);
}

void own(execution& x)
{
    own(x.when);
    own(x.reason);
    own(x.by);
}

void own(uri_entry& e)
{
    own(e.uri);
    own(e.display_text);
    own(e.purpose);
    own(e.modified);
}

void own(uri_list& l) { own(l.entries); }

void own(available_medium& m)
{
    own(m.label);
    own(m.display_text);
    own(m.type);
}

void own(available_media& m) { own(m.entries); }

void own(conference_description& d)
{
    own(d.display_text);
    own(d.subject);
    own(d.free_text);
    own(d.keywords);
    own(d.conf_uris);
    own(d.service_uris);
    own(d.media);
}

void own(host_info& h)
{
    own(h.display_text);
    own(h.web_page);
    own(h.uris);
}

void own(conference_state&) {}

void own(endpoint_media& m)
{
    own(m.id);
    own(m.display_text);
    own(m.type);
    own(m.label);
    own(m.src_id);
}

void own(sip_dialog_id& d)
{
    own(d.display_text);
    own(d.call_id);
    own(d.from_tag);
    own(d.to_tag);
}

void own(endpoint& ep)
{
    own(ep.entity);
    own(ep.display_text);
    own(ep.referred);
    own(ep.joining_info);
    own(ep.disconnection_info);
    own(ep.media);
    own(ep.call_info);
}

void own(user& u)
{
    own(u.entity);
    own(u.display_text);
    own(u.associated_aors);
    own(u.roles);
    own(u.languages);
    own(u.cascaded_focus);
    own(u.endpoints);
}

void own(user_list& l) { own(l.entries); }

void own(sidebar_list& l)
{
    for (auto& s : l.entries)
        docs::own(s);
}

// --- merging (RFC 4575 section 4.6) ---------------------------------------

std::string_view key_of(uri_entry const& e) noexcept { return e.uri.view(); }
std::string_view key_of(available_medium const& m) noexcept { return m.label.view(); }
std::string_view key_of(endpoint_media const& m) noexcept { return m.id.view(); }
std::string_view key_of(endpoint const& ep) noexcept { return ep.entity.view(); }
std::string_view key_of(user const& u) noexcept { return u.entity.view(); }
std::string_view key_of(conference_info const& c) noexcept { return c.entity.view(); }

/// An element without a key, present in the notification, replaces ours.
template <class T>
void overlay(std::optional<T>& local, std::optional<T> const& in)
{
    if (in)
        local = in;
}

void merge(conference_info& local, conference_info const& in);
void merge(user& local, user const& in);
void merge(endpoint& local, endpoint const& in);

/// Keyed entries (RFC 4575 section 4.6): "deleted" removes the match;
/// "full" replaces it (or adds the element); "partial" merges into the
/// match (or, unknown, into a new element with that key). Types without a
/// 'state' attribute are always full. What a full or new element holds is
/// itself merged into an empty one, so no 'state' but "full" is kept.
template <class T>
void merge_entries(std::vector<T>& local, std::vector<T> const& in)
{
    for (auto const& x : in) {
        auto const it =
            std::find_if(local.begin(), local.end(), [&](T const& l) { return key_of(l) == key_of(x); });
        if constexpr (requires { x.state; }) {
            if (x.state == element_state::deleted) {
                if (it != local.end())
                    local.erase(it);
            } else if (x.state == element_state::full || it == local.end()) {
                T fresh{};
                fresh.entity = x.entity;
                merge(fresh, x);
                if (it == local.end())
                    local.push_back(std::move(fresh));
                else
                    *it = std::move(fresh);
            } else {
                merge(*it, x);
            }
        } else if (it == local.end()) {
            local.push_back(x);
        } else {
            *it = x;
        }
    }
}

/// A container with a 'state' attribute: "deleted" removes it, "full"
/// replaces its entries, "partial" merges them.
template <class List>
void merge_list(std::optional<List>& local, std::optional<List> const& in)
{
    if (!in)
        return;
    if (in->state == element_state::deleted) {
        local.reset();
        return;
    }
    if (in->state == element_state::full || !local)
        local.emplace();
    merge_entries(local->entries, in->entries);
}

void merge(conference_description& local, conference_description const& in)
{
    overlay(local.display_text, in.display_text);
    overlay(local.subject, in.subject);
    overlay(local.free_text, in.free_text);
    overlay(local.keywords, in.keywords);
    merge_list(local.conf_uris, in.conf_uris);
    merge_list(local.service_uris, in.service_uris);
    overlay(local.maximum_user_count, in.maximum_user_count);
    merge_list(local.media, in.media);
}

void merge(host_info& local, host_info const& in)
{
    overlay(local.display_text, in.display_text);
    overlay(local.web_page, in.web_page);
    merge_list(local.uris, in.uris);
}

void merge(conference_state& local, conference_state const& in)
{
    overlay(local.user_count, in.user_count);
    overlay(local.active, in.active);
    overlay(local.locked, in.locked);
}

/// Elements without a key but with keyed content inside merge field by
/// field; when absent locally they start empty.
template <class T>
void merge_optional(std::optional<T>& local, std::optional<T> const& in)
{
    if (!in)
        return;
    if (!local)
        local.emplace();
    merge(*local, *in);
}

void merge(endpoint& local, endpoint const& in)
{
    overlay(local.display_text, in.display_text);
    overlay(local.referred, in.referred);
    overlay(local.status, in.status);
    overlay(local.joining, in.joining);
    overlay(local.joining_info, in.joining_info);
    overlay(local.disconnection, in.disconnection);
    overlay(local.disconnection_info, in.disconnection_info);
    merge_entries(local.media, in.media);
    overlay(local.call_info, in.call_info);
}

void merge(user& local, user const& in)
{
    overlay(local.display_text, in.display_text);
    merge_list(local.associated_aors, in.associated_aors);
    overlay(local.roles, in.roles);
    overlay(local.languages, in.languages);
    overlay(local.cascaded_focus, in.cascaded_focus);
    merge_entries(local.endpoints, in.endpoints);
}

void merge(conference_info& local, conference_info const& in)
{
    overlay(local.version, in.version);
    merge_optional(local.description, in.description);
    merge_optional(local.host, in.host);
    merge_optional(local.conference, in.conference);
    merge_list(local.users, in.users);
    merge_list(local.sidebars_by_ref, in.sidebars_by_ref);
    merge_list(local.sidebars_by_val, in.sidebars_by_val);
}

// --- limits ----------------------------------------------------------------

bool within(std::optional<uri_list> const& l, conference_limits const& lim) noexcept
{
    return !l || l->entries.size() <= lim.max_entries;
}

bool within(conference_info const& c, conference_limits const& lim) noexcept
{
    if (c.description &&
        (!within(c.description->conf_uris, lim) || !within(c.description->service_uris, lim) ||
         (c.description->media && c.description->media->entries.size() > lim.max_entries)))
        return false;
    if (c.host && !within(c.host->uris, lim))
        return false;
    if (!within(c.sidebars_by_ref, lim))
        return false;
    if (c.users) {
        if (c.users->entries.size() > lim.max_users)
            return false;
        for (auto const& u : c.users->entries) {
            if (!within(u.associated_aors, lim) || (u.roles && u.roles->size() > lim.max_entries) ||
                u.endpoints.size() > lim.max_endpoints)
                return false;
            for (auto const& ep : u.endpoints)
                if (ep.media.size() > lim.max_media)
                    return false;
        }
    }
    if (c.sidebars_by_val) {
        if (c.sidebars_by_val->entries.size() > lim.max_sidebars)
            return false;
        for (auto const& s : c.sidebars_by_val->entries)
            if (!within(s, lim))
                return false;
    }
    return true;
}

sip::abnf::parse_error error(errc code, std::string sentence)
{
    return sip::abnf::parse_error{make_error_code(code), 0, 1, 1, "conference-info: " + std::move(sentence)};
}

} // namespace

void own(conference_info& info)
{
    own(info.entity);
    own(info.description);
    own(info.host);
    own(info.conference);
    own(info.users);
    own(info.sidebars_by_ref);
    own(info.sidebars_by_val);
}

void conference_tracker::reset() noexcept
{
    state_ = conference_info{};
    version_.reset();
    resync_ = false;
}

sip::abnf::result<apply_outcome> conference_tracker::apply(conference_info const& notification)
{
    // RFC 4575 section 4.6: the version orders notifications within a
    // subscription; without it no coherent state can be built.
    if (!notification.version)
        return error(errc::missing_version, "a notification needs a version attribute (RFC 4575 section 4.6)");
    std::uint32_t const v = *notification.version;
    if (version_ && v <= *version_)
        return apply_outcome::stale;

    conference_info next;
    if (notification.state != element_state::partial) {
        // Full state stands alone ("deleted": the conference is gone).
        next.entity = notification.entity;
        next.state = notification.state;
    } else if (!version_ || resync_ || v != *version_ + 1) {
        // Partial state needs the state of the version just before it.
        resync_ = true;
        return apply_outcome::resync;
    } else if (notification.entity.view() != state_.entity.view()) {
        return error(errc::entity_mismatch, "partial state for " + std::string(notification.entity.view()) +
                                                " does not apply to " + std::string(state_.entity.view()));
    } else {
        next = state_;
    }
    merge(next, notification);
    if (!within(next, limits_))
        return error(errc::state_limit, "the notification would take the state past its limits");
    // Only the text just merged still points into the notification.
    own(next);
    next.version = v;
    state_ = std::move(next);
    version_ = v;
    resync_ = false;
    return apply_outcome::applied;
}

} // namespace cpm::docs
