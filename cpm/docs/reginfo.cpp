// The reginfo reader: a walk of one parsed XML document against the RFC
// 3680 section 5.4 schema, with the RFC 5628 GRUU elements inside <contact>.

#include "cpm/docs/reginfo.hpp"

#include "cpm/docs/detail/schema_reader.hpp"
#include "cpm/docs/error.hpp"

#include <string>

namespace cpm::docs {

namespace xml = imdn::xml;
using detail::extension;
using detail::from_string;
using sip::abnf::result;

std::string_view to_string(reginfo_state s) noexcept
{
    return s == reginfo_state::partial ? "partial" : "full";
}

std::string_view to_string(registration_state s) noexcept
{
    switch (s) {
    case registration_state::init: return "init";
    case registration_state::active: return "active";
    case registration_state::terminated: return "terminated";
    }
    return "init";
}

std::string_view to_string(contact_state s) noexcept
{
    return s == contact_state::terminated ? "terminated" : "active";
}

std::string_view to_string(contact_event e) noexcept
{
    switch (e) {
    case contact_event::registered: return "registered";
    case contact_event::created: return "created";
    case contact_event::refreshed: return "refreshed";
    case contact_event::shortened: return "shortened";
    case contact_event::expired: return "expired";
    case contact_event::deactivated: return "deactivated";
    case contact_event::probation: return "probation";
    case contact_event::unregistered: return "unregistered";
    case contact_event::rejected: return "rejected";
    }
    return "registered";
}

class reginfo_reader : detail::schema_reader {
public:
    explicit reginfo_reader(xml::document const& doc) : schema_reader(doc, "reginfo", reginfo_namespace) {}

    result<void> run(reginfo& out) const
    {
        auto const& root = doc().root();
        if (!root.is(reginfo_namespace, "reginfo"))
            return fail(root.begin, errc::bad_root,
                        "the document element must be <reginfo> in " + std::string(reginfo_namespace));
        if (auto r = attributes(root, {"version", "state"}); !r)
            return r;
        auto version = number<std::uint32_t>(root, "version", true);
        if (!version)
            return version.error();
        out.version = **version;
        if (auto r = set(enumerated<reginfo_state>(root, "state", 2, "full or partial"), out.state); !r)
            return r;
        return sequence(root, {{"registration", true}}, extension::yes,
                        [&](std::size_t, xml::element const& c) -> result<void> {
                            auto reg = read_registration(c);
                            if (!reg)
                                return reg.error();
                            out.registrations.push_back(std::move(*reg));
                            return {};
                        });
    }

private:
    /// A required enumerated attribute.
    template <class E>
    result<E> enumerated(xml::element const& e, std::string_view name, int count, std::string_view allowed) const
    {
        auto v = required_attribute(e, name);
        if (!v)
            return v.error();
        if (auto x = from_string<E>(v->view(), count))
            return *x;
        return fail(doc().find_attribute(e, "", name)->offset, errc::bad_attribute_value,
                    "<" + std::string(e.local()) + "> " + std::string(name) + " must be " + std::string(allowed));
    }

    /// An unsigned attribute (xs:unsignedLong, or the 32-bit version and
    /// first-cseq); none when absent and not @p required.
    template <class N>
    result<std::optional<N>> number(xml::element const& e, std::string_view name, bool required) const
    {
        auto const* a = doc().find_attribute(e, "", name);
        if (a == nullptr) {
            if (required)
                return fail(e.begin, errc::missing_attribute,
                            "<" + std::string(e.local()) + "> needs a " + std::string(name) + " attribute");
            return std::optional<N>{};
        }
        auto const v = detail::parse_unsigned_long(xml::document::value(*a).view());
        if (!v || *v > static_cast<std::uint64_t>(static_cast<N>(~N{0})))
            return fail(a->offset, errc::bad_attribute_value,
                        "<" + std::string(e.local()) + "> " + std::string(name) + " must be an unsigned " +
                            std::to_string(8 * sizeof(N)) + "-bit integer");
        return std::optional<N>(static_cast<N>(*v));
    }

    result<std::optional<text_value>> optional_attribute(xml::element const& e, std::string_view name) const
    {
        if (auto const* a = doc().find_attribute(e, "", name))
            return std::optional<text_value>(xml::document::value(*a));
        return std::optional<text_value>{};
    }

    result<registration> read_registration(xml::element const& e) const
    {
        registration reg;
        if (auto r = attributes(e, {"aor", "id", "state"}); !r)
            return r.error();
        if (auto r = set(required_attribute(e, "aor"), reg.aor); !r)
            return r.error();
        if (auto r = set(required_attribute(e, "id"), reg.id); !r)
            return r.error();
        if (auto r = set(enumerated<registration_state>(e, "state", 3, "init, active or terminated"), reg.state);
            !r)
            return r.error();
        auto r = sequence(e, {{"contact", true}}, extension::yes, [&](std::size_t, xml::element const& c) -> result<void> {
            auto ct = read_contact(c);
            if (!ct)
                return ct.error();
            reg.contacts.push_back(std::move(*ct));
            return {};
        });
        if (!r)
            return r.error();
        return reg;
    }

    result<contact> read_contact(xml::element const& e) const
    {
        contact c;
        if (auto r = attributes(e, {"id", "state", "event", "duration-registered", "expires", "retry-after", "q",
                                    "callid", "cseq"});
            !r)
            return r.error();
        if (auto r = set(required_attribute(e, "id"), c.id); !r)
            return r.error();
        if (auto r = set(enumerated<contact_state>(e, "state", 2, "active or terminated"), c.state); !r)
            return r.error();
        if (auto r = set(enumerated<contact_event>(e, "event", 9,
                                                   "registered, created, refreshed, shortened, expired, deactivated, "
                                                   "probation, unregistered or rejected"),
                         c.event);
            !r)
            return r.error();
        for (auto [name, into] : {std::pair{"duration-registered", &c.duration_registered},
                                  std::pair{"expires", &c.expires}, std::pair{"retry-after", &c.retry_after},
                                  std::pair{"cseq", &c.cseq}})
            if (auto r = set(number<std::uint64_t>(e, name, false), *into); !r)
                return r.error();
        if (auto r = set(optional_attribute(e, "q"), c.q); !r)
            return r.error();
        if (auto r = set(optional_attribute(e, "callid"), c.call_id); !r)
            return r.error();

        bool has_uri = false;
        auto r = sequence(e, {{"uri"}, {"display-name"}, {"unknown-param", true}}, extension::yes,
                          [&](std::size_t i, xml::element const& child) -> result<void> {
                              switch (i) {
                              case 0: has_uri = true; return set(token_of(child), c.uri);
                              case 1: return set(read_display_name(child), c.name);
                              default: {
                                  auto p = read_unknown_param(child);
                                  if (!p)
                                      return p.error();
                                  c.params.push_back(std::move(*p));
                                  return {};
                              }
                              }
                          });
        if (!r)
            return r.error();
        if (!has_uri)
            return missing(e, "uri");
        if (auto g = read_gruus(e, c); !g)
            return g.error();
        return c;
    }

    result<display_name> read_display_name(xml::element const& e) const
    {
        if (auto r = attributes(e, {}); !r)
            return r.error();
        if (auto r = text_only(e); !r)
            return r.error();
        display_name d;
        d.text = doc().text(e);
        d.present = true;
        if (auto const* lang = doc().find_attribute(e, xml::xml_namespace, "lang"))
            d.lang = xml::document::value(*lang);
        return d;
    }

    result<unknown_param> read_unknown_param(xml::element const& e) const
    {
        unknown_param p;
        if (auto r = attributes(e, {"name"}); !r)
            return r.error();
        if (auto r = text_only(e); !r)
            return r.error();
        if (auto r = set(required_attribute(e, "name"), p.name); !r)
            return r.error();
        p.value = doc().text(e);
        return p;
    }

    /// RFC 5628 section 4: at most one <gr:pub-gruu uri> and one
    /// <gr:temp-gruu uri first-cseq> among the contact's extension elements.
    result<void> read_gruus(xml::element const& e, contact& c) const
    {
        for (auto const& g : doc().children(e)) {
            if (g.ns != gruuinfo_namespace)
                continue;
            std::string_view const local = g.local();
            bool const pub = local == "pub-gruu";
            if ((!pub && local != "temp-gruu") || g.first_child != xml::none)
                return fail(g.begin, errc::unexpected_element,
                            "<" + std::string(g.name) + "> is not a GRUU element of RFC 5628");
            if ((pub && c.pub_gruu) || (!pub && c.temp))
                return fail(g.begin, errc::unexpected_element,
                            "<" + std::string(g.name) + "> appears twice in <contact>");
            if (auto r = attributes(g, pub ? std::initializer_list<std::string_view>{"uri"}
                                           : std::initializer_list<std::string_view>{"uri", "first-cseq"});
                !r)
                return r;
            auto uri = required_attribute(g, "uri");
            if (!uri)
                return uri.error();
            if (pub) {
                c.pub_gruu = std::move(*uri);
                continue;
            }
            auto cseq = number<std::uint32_t>(g, "first-cseq", true);
            if (!cseq)
                return cseq.error();
            c.temp = temp_gruu{std::move(*uri), **cseq};
        }
        return {};
    }
};

sip::abnf::result<reginfo_document> reginfo_document::read(xml::document doc)
{
    reginfo_document rd(std::move(doc));
    if (auto r = reginfo_reader(rd.doc_).run(rd.info_); !r)
        return r.error();
    return rd;
}

sip::abnf::result<reginfo_document> reginfo_document::parse(sip::abnf::text_buffer text, xml::limits const& lim)
{
    auto doc = xml::document::parse(std::move(text), lim);
    if (!doc)
        return doc.error();
    return read(std::move(*doc));
}

sip::abnf::result<reginfo_document> reginfo_document::parse(std::string_view text, xml::limits const& lim)
{
    auto doc = xml::document::parse(text, lim);
    if (!doc)
        return doc.error();
    return read(std::move(*doc));
}

} // namespace cpm::docs
