// The conference-info reader: a walk of one parsed XML document against
// the RFC 4575 section 6 schema (every type an xs:sequence of optional
// elements, most ending in an extension point for other namespaces).

#include "cpm/docs/conference_info.hpp"

#include "cpm/docs/detail/schema_reader.hpp"
#include "cpm/docs/error.hpp"

#include <initializer_list>
#include <string>

namespace cpm::docs {

namespace xml = imdn::xml;
using sip::abnf::result;

std::string_view to_string(element_state s) noexcept
{
    switch (s) {
    case element_state::full: return "full";
    case element_state::partial: return "partial";
    case element_state::deleted: return "deleted";
    }
    return "full";
}

std::string_view to_string(endpoint_status s) noexcept
{
    switch (s) {
    case endpoint_status::pending: return "pending";
    case endpoint_status::dialing_out: return "dialing-out";
    case endpoint_status::dialing_in: return "dialing-in";
    case endpoint_status::alerting: return "alerting";
    case endpoint_status::on_hold: return "on-hold";
    case endpoint_status::connected: return "connected";
    case endpoint_status::muted_via_focus: return "muted-via-focus";
    case endpoint_status::disconnecting: return "disconnecting";
    case endpoint_status::disconnected: return "disconnected";
    }
    return "pending";
}

std::string_view to_string(joining_method m) noexcept
{
    switch (m) {
    case joining_method::dialed_in: return "dialed-in";
    case joining_method::dialed_out: return "dialed-out";
    case joining_method::focus_owner: return "focus-owner";
    }
    return "dialed-in";
}

std::string_view to_string(disconnection_method m) noexcept
{
    switch (m) {
    case disconnection_method::departed: return "departed";
    case disconnection_method::booted: return "booted";
    case disconnection_method::failed: return "failed";
    case disconnection_method::busy: return "busy";
    }
    return "departed";
}

std::string_view to_string(media_status s) noexcept
{
    switch (s) {
    case media_status::recvonly: return "recvonly";
    case media_status::sendonly: return "sendonly";
    case media_status::sendrecv: return "sendrecv";
    case media_status::inactive: return "inactive";
    }
    return "sendrecv";
}

using detail::extension;
using detail::from_string;

class conference_info_reader : detail::schema_reader {
public:
    explicit conference_info_reader(xml::document const& doc) : schema_reader(doc, "conference-info", conference_info_namespace) {}

    result<void> run(conference_info& out) const
    {
        auto const& root = doc().root();
        if (!root.is(conference_info_namespace, "conference-info"))
            return fail(root.begin, errc::bad_root,
                        "the document element must be <conference-info> in " +
                            std::string(conference_info_namespace));
        return read_conference(root, out);
    }

private:
    template <class E>
    result<E> enumerated(xml::element const& e, int count, std::string_view allowed) const
    {
        auto v = token_of(e);
        if (!v)
            return v.error();
        if (auto x = from_string<E>(v->view(), count))
            return *x;
        return fail(e.begin, errc::bad_value, "<" + std::string(e.local()) + "> must be " + std::string(allowed));
    }

    result<std::uint32_t> unsigned_int(xml::element const& e) const
    {
        auto v = string(e);
        if (!v)
            return v.error();
        if (auto n = detail::parse_unsigned_int(v->view()))
            return *n;
        return fail(e.begin, errc::bad_value, "<" + std::string(e.local()) + "> must be an unsigned 32-bit integer");
    }

    result<bool> boolean(xml::element const& e) const
    {
        auto v = string(e);
        if (!v)
            return v.error();
        if (auto b = detail::parse_boolean(v->view()))
            return *b;
        return fail(e.begin, errc::bad_value, "<" + std::string(e.local()) + "> must be true, false, 1 or 0");
    }

    /// The 'state' attribute (default "full").
    result<element_state> state_of(xml::element const& e) const
    {
        auto const* a = doc().find_attribute(e, "", "state");
        if (a == nullptr)
            return element_state::full;
        if (auto s = from_string<element_state>(detail::trim(xml::document::value(*a).view()), 3))
            return *s;
        return fail(a->offset, errc::bad_attribute_value,
                    "<" + std::string(e.local()) + "> state must be full, partial or deleted");
    }

    result<void> read_conference(xml::element const& e, conference_info& out) const
    {
        if (auto r = attributes(e, {"entity", "state", "version"}); !r)
            return r;
        auto entity = required_attribute(e, "entity");
        if (!entity)
            return entity.error();
        out.entity = std::move(*entity);
        auto state = state_of(e);
        if (!state)
            return state.error();
        out.state = *state;
        if (auto const* v = doc().find_attribute(e, "", "version")) {
            out.version = detail::parse_unsigned_int(xml::document::value(*v).view());
            if (!out.version)
                return fail(v->offset, errc::bad_attribute_value,
                            "<" + std::string(e.local()) + "> version must be an unsigned 32-bit integer");
        }
        return sequence(e,
                        {{"conference-description"},
                         {"host-info"},
                         {"conference-state"},
                         {"users"},
                         {"sidebars-by-ref"},
                         {"sidebars-by-val"}},
                        extension::yes, [&](std::size_t i, xml::element const& c) -> result<void> {
                            switch (i) {
                            case 0: return set(read_description(c), out.description);
                            case 1: return set(read_host(c), out.host);
                            case 2: return set(read_conference_state(c), out.conference);
                            case 3: return set(read_users(c), out.users);
                            case 4: return set(read_uris(c), out.sidebars_by_ref);
                            default: return set(read_sidebars(c), out.sidebars_by_val);
                            }
                        });
    }

    result<conference_description> read_description(xml::element const& e) const
    {
        conference_description d;
        if (auto r = attributes(e, {}); !r)
            return r.error();
        auto r = sequence(e,
                          {{"display-text"},
                           {"subject"},
                           {"free-text"},
                           {"keywords"},
                           {"conf-uris"},
                           {"service-uris"},
                           {"maximum-user-count"},
                           {"available-media"}},
                          extension::yes, [&](std::size_t i, xml::element const& c) -> result<void> {
                              switch (i) {
                              case 0: return set(string(c), d.display_text);
                              case 1: return set(string(c), d.subject);
                              case 2: return set(string(c), d.free_text);
                              case 3: return set(string(c), d.keywords);
                              case 4: return set(read_uris(c), d.conf_uris);
                              case 5: return set(read_uris(c), d.service_uris);
                              case 6: return set(unsigned_int(c), d.maximum_user_count);
                              default: return set(read_available_media(c), d.media);
                              }
                          });
        if (!r)
            return r.error();
        return d;
    }

    result<host_info> read_host(xml::element const& e) const
    {
        host_info h;
        if (auto r = attributes(e, {}); !r)
            return r.error();
        auto r = sequence(e, {{"display-text"}, {"web-page"}, {"uris"}}, extension::yes,
                          [&](std::size_t i, xml::element const& c) -> result<void> {
                              switch (i) {
                              case 0: return set(string(c), h.display_text);
                              case 1: return set(token_of(c), h.web_page);
                              default: return set(read_uris(c), h.uris);
                              }
                          });
        if (!r)
            return r.error();
        return h;
    }

    result<conference_state> read_conference_state(xml::element const& e) const
    {
        conference_state s;
        if (auto r = attributes(e, {}); !r)
            return r.error();
        auto r = sequence(e, {{"user-count"}, {"active"}, {"locked"}}, extension::yes,
                          [&](std::size_t i, xml::element const& c) -> result<void> {
                              switch (i) {
                              case 0: return set(unsigned_int(c), s.user_count);
                              case 1: return set(boolean(c), s.active);
                              default: return set(boolean(c), s.locked);
                              }
                          });
        if (!r)
            return r.error();
        return s;
    }

    /// execution-type: when, reason, by (no extension elements).
    result<execution> read_execution(xml::element const& e) const
    {
        execution x;
        if (auto r = attributes(e, {}); !r)
            return r.error();
        auto r = sequence(e, {{"when"}, {"reason"}, {"by"}}, extension::no,
                          [&](std::size_t i, xml::element const& c) -> result<void> {
                              switch (i) {
                              case 0: return set(token_of(c), x.when);
                              case 1: return set(string(c), x.reason);
                              default: return set(token_of(c), x.by);
                              }
                          });
        if (!r)
            return r.error();
        return x;
    }

    /// uris-type: <entry> elements of uri-type, and a state.
    result<uri_list> read_uris(xml::element const& e) const
    {
        uri_list l;
        if (auto r = attributes(e, {"state"}); !r)
            return r.error();
        auto state = state_of(e);
        if (!state)
            return state.error();
        l.state = *state;
        auto r = sequence(e, {{"entry", true}}, extension::no, [&](std::size_t, xml::element const& c) -> result<void> {
            auto entry = read_uri_entry(c);
            if (!entry)
                return entry.error();
            l.entries.push_back(std::move(*entry));
            return {};
        });
        if (!r)
            return r.error();
        return l;
    }

    result<uri_entry> read_uri_entry(xml::element const& e) const
    {
        uri_entry u;
        bool has_uri = false;
        if (auto r = attributes(e, {}); !r)
            return r.error();
        auto r = sequence(e, {{"uri"}, {"display-text"}, {"purpose"}, {"modified"}}, extension::yes,
                          [&](std::size_t i, xml::element const& c) -> result<void> {
                              switch (i) {
                              case 0: has_uri = true; return set(token_of(c), u.uri);
                              case 1: return set(string(c), u.display_text);
                              case 2: return set(string(c), u.purpose);
                              default: return set(read_execution(c), u.modified);
                              }
                          });
        if (!r)
            return r.error();
        if (!has_uri)
            return missing(e, "uri");
        return u;
    }

    result<available_media> read_available_media(xml::element const& e) const
    {
        available_media m;
        if (auto r = attributes(e, {"state"}); !r)
            return r.error();
        auto state = state_of(e);
        if (!state)
            return state.error();
        m.state = *state;
        auto r = sequence(e, {{"entry", true}}, extension::yes, [&](std::size_t, xml::element const& c) -> result<void> {
            auto medium = read_medium(c);
            if (!medium)
                return medium.error();
            m.entries.push_back(std::move(*medium));
            return {};
        });
        if (!r)
            return r.error();
        return m;
    }

    /// conference-medium-type: display-text, type (required), status; keyed by label.
    result<available_medium> read_medium(xml::element const& e) const
    {
        available_medium m;
        bool has_type = false;
        if (auto r = attributes(e, {"label"}); !r)
            return r.error();
        auto label = required_attribute(e, "label");
        if (!label)
            return label.error();
        m.label = std::move(*label);
        auto r = sequence(e, {{"display-text"}, {"type"}, {"status"}}, extension::yes,
                          [&](std::size_t i, xml::element const& c) -> result<void> {
                              switch (i) {
                              case 0: return set(string(c), m.display_text);
                              case 1: has_type = true; return set(token_of(c), m.type);
                              default: return set(media_status_of(c), m.status);
                              }
                          });
        if (!r)
            return r.error();
        if (!has_type)
            return missing(e, "type");
        return m;
    }

    result<media_status> media_status_of(xml::element const& e) const
    {
        return enumerated<media_status>(e, 4, "recvonly, sendonly, sendrecv or inactive");
    }

    result<user_list> read_users(xml::element const& e) const
    {
        user_list l;
        if (auto r = attributes(e, {"state"}); !r)
            return r.error();
        auto state = state_of(e);
        if (!state)
            return state.error();
        l.state = *state;
        auto r = sequence(e, {{"user", true}}, extension::yes, [&](std::size_t, xml::element const& c) -> result<void> {
            auto u = read_user(c);
            if (!u)
                return u.error();
            l.entries.push_back(std::move(*u));
            return {};
        });
        if (!r)
            return r.error();
        return l;
    }

    result<user> read_user(xml::element const& e) const
    {
        user u;
        if (auto r = attributes(e, {"entity", "state"}); !r)
            return r.error();
        auto entity = required_attribute(e, "entity");
        if (!entity)
            return entity.error();
        u.entity = std::move(*entity);
        auto state = state_of(e);
        if (!state)
            return state.error();
        u.state = *state;
        auto r = sequence(e,
                          {{"display-text"},
                           {"associated-aors"},
                           {"roles"},
                           {"languages"},
                           {"cascaded-focus"},
                           {"endpoint", true}},
                          extension::yes, [&](std::size_t i, xml::element const& c) -> result<void> {
                              switch (i) {
                              case 0: return set(string(c), u.display_text);
                              case 1: return set(read_uris(c), u.associated_aors);
                              case 2: return set(read_roles(c), u.roles);
                              case 3: return set(string(c), u.languages);
                              case 4: return set(token_of(c), u.cascaded_focus);
                              default: {
                                  auto ep = read_endpoint(c);
                                  if (!ep)
                                      return ep.error();
                                  u.endpoints.push_back(std::move(*ep));
                                  return {};
                              }
                              }
                          });
        if (!r)
            return r.error();
        return u;
    }

    /// user-roles-type: <entry> strings (RFC 4575 section 5.6.3).
    result<std::vector<text_value>> read_roles(xml::element const& e) const
    {
        std::vector<text_value> roles;
        if (auto r = attributes(e, {}); !r)
            return r.error();
        auto r = sequence(e, {{"entry", true}}, extension::no, [&](std::size_t, xml::element const& c) -> result<void> {
            auto role = string(c);
            if (!role)
                return role.error();
            roles.push_back(std::move(*role));
            return {};
        });
        if (!r)
            return r.error();
        return roles;
    }

    result<endpoint> read_endpoint(xml::element const& e) const
    {
        endpoint ep;
        if (auto r = attributes(e, {"entity", "state"}); !r)
            return r.error();
        auto entity = required_attribute(e, "entity");
        if (!entity)
            return entity.error();
        ep.entity = std::move(*entity);
        auto state = state_of(e);
        if (!state)
            return state.error();
        ep.state = *state;
        auto r = sequence(
            e,
            {{"display-text"},
             {"referred"},
             {"status"},
             {"joining-method"},
             {"joining-info"},
             {"disconnection-method"},
             {"disconnection-info"},
             {"media", true},
             {"call-info"}},
            extension::yes, [&](std::size_t i, xml::element const& c) -> result<void> {
                switch (i) {
                case 0: return set(string(c), ep.display_text);
                case 1: return set(read_execution(c), ep.referred);
                case 2:
                    return set(enumerated<endpoint_status>(c, 9,
                                                           "pending, dialing-out, dialing-in, alerting, on-hold, "
                                                           "connected, muted-via-focus, disconnecting or disconnected"),
                               ep.status);
                case 3:
                    return set(enumerated<joining_method>(c, 3, "dialed-in, dialed-out or focus-owner"), ep.joining);
                case 4: return set(read_execution(c), ep.joining_info);
                case 5:
                    return set(enumerated<disconnection_method>(c, 4, "departed, booted, failed or busy"),
                               ep.disconnection);
                case 6: return set(read_execution(c), ep.disconnection_info);
                case 7: {
                    auto m = read_media(c);
                    if (!m)
                        return m.error();
                    ep.media.push_back(std::move(*m));
                    return {};
                }
                default: return set(read_call_info(c), ep.call_info);
                }
            });
        if (!r)
            return r.error();
        return ep;
    }

    /// media-type: keyed by id (RFC 4575 section 5.8).
    result<endpoint_media> read_media(xml::element const& e) const
    {
        endpoint_media m;
        if (auto r = attributes(e, {"id"}); !r)
            return r.error();
        auto id = required_attribute(e, "id");
        if (!id)
            return id.error();
        m.id = std::move(*id);
        auto r = sequence(e, {{"display-text"}, {"type"}, {"label"}, {"src-id"}, {"status"}}, extension::yes,
                          [&](std::size_t i, xml::element const& c) -> result<void> {
                              switch (i) {
                              case 0: return set(string(c), m.display_text);
                              case 1: return set(token_of(c), m.type);
                              case 2: return set(token_of(c), m.label);
                              case 3: return set(token_of(c), m.src_id);
                              default: return set(media_status_of(c), m.status);
                              }
                          });
        if (!r)
            return r.error();
        return m;
    }

    /// call-type: a <sip> dialog id, or an extension element instead.
    result<std::optional<sip_dialog_id>> read_call_info(xml::element const& e) const
    {
        std::optional<sip_dialog_id> out;
        if (auto r = attributes(e, {}); !r)
            return r.error();
        auto r = sequence(e, {{"sip"}}, extension::yes, [&](std::size_t, xml::element const& c) -> result<void> {
            return set(read_sip(c), out);
        });
        if (!r)
            return r.error();
        return out;
    }

    result<sip_dialog_id> read_sip(xml::element const& e) const
    {
        sip_dialog_id d;
        unsigned seen = 0;
        if (auto r = attributes(e, {}); !r)
            return r.error();
        auto r = sequence(e, {{"display-text"}, {"call-id"}, {"from-tag"}, {"to-tag"}}, extension::yes,
                          [&](std::size_t i, xml::element const& c) -> result<void> {
                              seen |= 1u << i;
                              switch (i) {
                              case 0: return set(string(c), d.display_text);
                              case 1: return set(token_of(c), d.call_id);
                              case 2: return set(token_of(c), d.from_tag);
                              default: return set(token_of(c), d.to_tag);
                              }
                          });
        if (!r)
            return r.error();
        if ((seen & 2u) == 0)
            return missing(e, "call-id");
        if ((seen & 4u) == 0)
            return missing(e, "from-tag");
        if ((seen & 8u) == 0)
            return missing(e, "to-tag");
        return d;
    }

    /// sidebars-by-val-type: <entry> elements of conference-type.
    result<sidebar_list> read_sidebars(xml::element const& e) const
    {
        sidebar_list l;
        if (auto r = attributes(e, {"state"}); !r)
            return r.error();
        auto state = state_of(e);
        if (!state)
            return state.error();
        l.state = *state;
        auto r = sequence(e, {{"entry", true}}, extension::no, [&](std::size_t, xml::element const& c) -> result<void> {
            conference_info sidebar;
            if (auto read = read_conference(c, sidebar); !read)
                return read;
            l.entries.push_back(std::move(sidebar));
            return {};
        });
        if (!r)
            return r.error();
        return l;
    }
};

sip::abnf::result<conference_document> conference_document::read(xml::document doc)
{
    conference_document cd(std::move(doc));
    if (auto r = conference_info_reader(cd.doc_).run(cd.info_); !r)
        return r.error();
    return cd;
}

sip::abnf::result<conference_document> conference_document::parse(sip::abnf::text_buffer text,
                                                                   xml::limits const& lim)
{
    auto doc = xml::document::parse(std::move(text), lim);
    if (!doc)
        return doc.error();
    return read(std::move(*doc));
}

sip::abnf::result<conference_document> conference_document::parse(std::string_view text, xml::limits const& lim)
{
    auto doc = xml::document::parse(text, lim);
    if (!doc)
        return doc.error();
    return read(std::move(*doc));
}

} // namespace cpm::docs
