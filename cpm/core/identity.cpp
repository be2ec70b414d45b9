#include "cpm/core/identity.hpp"

#include "cpm/core/location.hpp"
#include "sip/auth/quoted.hpp"
#include "sip/name_addr.hpp"
#include "sip/token_list.hpp"
#include "sip/uri.hpp"

#include <array>

namespace cpm::core {

namespace {

using sip::header_id;

/// The privacy values asked for, from every Privacy field.
struct privacy_request {
    bool id = false;
    bool user = false;
    bool header = false;
    bool session = false;
    bool critical = false;
};

privacy_request privacy_of(sip::message const& request)
{
    privacy_request p;
    for (auto const& h : request.headers()) {
        if (h.id != header_id::privacy)
            continue;
        auto const values = sip::parse_privacy(h.value);
        if (!values)
            continue;
        // RFC 3323 4.2: "none" asks for no privacy function; it stands alone.
        p.id = p.id || values->contains_ignore_case("id");
        p.user = p.user || values->contains_ignore_case("user");
        p.header = p.header || values->contains_ignore_case("header");
        p.session = p.session || values->contains_ignore_case("session");
        p.critical = p.critical || values->contains_ignore_case("critical");
    }
    return p;
}

/// The display name of a P-Preferred-Identity that names @p aor, if any
/// (REQ-6.2-P1: the preferred identity among the user's own).
std::string preferred_display_name(sip::message const& request, std::string_view aor)
{
    for (auto const& h : request.headers()) {
        if (h.id != header_id::p_preferred_identity)
            continue;
        auto const list = sip::parse_name_addr_list(h.value);
        if (!list)
            continue;
        for (auto const& na : *list) {
            auto const uri = sip::parse_uri(na.uri);
            if (!uri)
                continue;
            auto const canonical = canonical_aor(*uri);
            if (canonical && *canonical == aor && !na.display_name.empty())
                return na.display_name_text();
        }
    }
    return {};
}

void add_removal(identity_edits& e, header_id id)
{
    for (auto const x : e.remove)
        if (x == id)
            return;
    e.remove.push_back(id);
}

} // namespace

std::string asserted_identity_value(asserted_user const& user)
{
    std::string v;
    if (!user.display_name.empty()) {
        sip::auth::append_quoted(v, user.display_name);
        v.push_back(' ');
    }
    v.append("<").append(user.aor).append(">");
    return v;
}

identity_edits plan_identity(sip::message const& request, identity_context const& context)
{
    identity_edits e;
    privacy_request const privacy = privacy_of(request);
    // RFC 3325 5: the first proxy consumes P-Preferred-Identity.
    if (request.find(header_id::p_preferred_identity) != nullptr)
        add_removal(e, header_id::p_preferred_identity);
    // RFC 3325 5: "a proxy MUST remove" a P-Asserted-Identity an untrusted
    // source inserted; this proxy asserts its own instead.
    bool const has_pai = request.find(header_id::p_asserted_identity) != nullptr;
    if (has_pai && (!context.trusted_source || context.user))
        add_removal(e, header_id::p_asserted_identity);
    bool const withhold_id = privacy.id && !context.trusted_recipient;
    if (withhold_id) {
        // RFC 3325 7: with "Privacy: id" no identity leaves the Trust Domain.
        if (has_pai)
            add_removal(e, header_id::p_asserted_identity);
    } else if (context.user) {
        asserted_user u = *context.user;
        if (auto preferred = preferred_display_name(request, u.aor); !preferred.empty())
            u.display_name = std::move(preferred);
        e.extra_headers.append("P-Asserted-Identity: ").append(asserted_identity_value(u)).append("\r\n");
    }
    if (context.trusted_recipient)
        return e;
    // RFC 3323 5.3 ("user") and 5.1 ("header"): withhold the fields 4.1
    // names as revealing the user, which routing does not need.
    if (privacy.user || privacy.header) {
        constexpr std::array<header_id, 6> revealing{header_id::subject,       header_id::call_info,
                                                     header_id::organization,  header_id::user_agent,
                                                     header_id::reply_to,      header_id::in_reply_to};
        for (auto const id : revealing)
            if (request.find(id) != nullptr)
                add_removal(e, id);
    }
    // RFC 3323 4.2: "critical" privacy that is not fully given is refused.
    e.privacy_unavailable = privacy.critical && (privacy.header || privacy.session);
    return e;
}

} // namespace cpm::core
