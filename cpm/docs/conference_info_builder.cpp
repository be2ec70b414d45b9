// The conference-info writer: the model in RFC 4575 section 6 schema
// order, two-space indented, text and attribute values escaped.

#include "cpm/docs/conference_info_builder.hpp"

#include "cpm/docs/error.hpp"

#include "imdn/xml/escape.hpp"

#include <optional>
#include <string>

namespace cpm::docs {

namespace xml = imdn::xml;

namespace {

class writer {
public:
    /// The first failure, if any.
    std::optional<std::string> const& error() const noexcept { return error_; }
    std::string take() { return std::move(out_); }

    void conference(conference_info const& c, char const* tag, bool root)
    {
        line();
        out_ += '<';
        out_ += tag;
        if (root)
            out_ += " xmlns=\"urn:ietf:params:xml:ns:conference-info\"";
        key("entity", c.entity, tag);
        state(c.state);
        if (c.version) {
            out_ += " version=\"";
            out_ += std::to_string(*c.version);
            out_ += '"';
        }
        out_ += '>';
        ++depth_;
        if (c.description)
            description(*c.description);
        if (c.host)
            host(*c.host);
        if (c.conference)
            conference_state_of(*c.conference);
        if (c.users)
            users(*c.users);
        if (c.sidebars_by_ref)
            uris("sidebars-by-ref", *c.sidebars_by_ref);
        if (c.sidebars_by_val) {
            open("sidebars-by-val", c.sidebars_by_val->state);
            for (auto const& s : c.sidebars_by_val->entries)
                conference(s, "entry", false);
            close("sidebars-by-val");
        }
        close(tag);
    }

private:
    void fail(std::string sentence)
    {
        if (!error_)
            error_ = "conference-info builder: " + std::move(sentence);
    }

    void line()
    {
        out_ += '\n';
        out_.append(static_cast<std::size_t>(2 * depth_), ' ');
    }

    void state(element_state s)
    {
        if (s == element_state::full)
            return;
        out_ += " state=\"";
        out_ += to_string(s);
        out_ += '"';
    }

    /// A required key attribute: entity, id, label.
    void key(char const* name, text_value const& v, std::string_view owner)
    {
        out_ += ' ';
        out_ += name;
        out_ += "=\"";
        if (!xml::append_attribute_value(out_, v.view()))
            fail("the " + std::string(name) + " of <" + std::string(owner) + "> is not XML text");
        out_ += '"';
    }

    void open(char const* tag, std::optional<element_state> s = std::nullopt)
    {
        line();
        out_ += '<';
        out_ += tag;
        if (s)
            state(*s);
        out_ += '>';
        ++depth_;
    }

    void close(char const* tag)
    {
        --depth_;
        line();
        out_ += "</";
        out_ += tag;
        out_ += '>';
    }

    void text(char const* tag, std::string_view v)
    {
        line();
        out_ += '<';
        out_ += tag;
        out_ += '>';
        if (!xml::append_text(out_, v))
            fail("<" + std::string(tag) + "> is not XML text");
        out_ += "</";
        out_ += tag;
        out_ += '>';
    }

    void text(char const* tag, std::optional<text_value> const& v)
    {
        if (v)
            text(tag, v->view());
    }

    /// A required element: written even when empty.
    void required(char const* tag, text_value const& v) { text(tag, v.view()); }

    void number(char const* tag, std::optional<std::uint32_t> v)
    {
        if (v)
            text(tag, std::to_string(*v));
    }

    void boolean(char const* tag, std::optional<bool> v)
    {
        if (v)
            text(tag, *v ? "true" : "false");
    }

    template <class E>
    void enumerated(char const* tag, std::optional<E> v)
    {
        if (v)
            text(tag, to_string(*v));
    }

    void execution_of(char const* tag, std::optional<execution> const& x)
    {
        if (!x)
            return;
        open(tag);
        text("when", x->when);
        text("reason", x->reason);
        text("by", x->by);
        close(tag);
    }

    void uris(char const* tag, uri_list const& l)
    {
        open(tag, l.state);
        for (auto const& e : l.entries) {
            open("entry");
            required("uri", e.uri);
            text("display-text", e.display_text);
            text("purpose", e.purpose);
            execution_of("modified", e.modified);
            close("entry");
        }
        close(tag);
    }

    void description(conference_description const& d)
    {
        open("conference-description");
        text("display-text", d.display_text);
        text("subject", d.subject);
        text("free-text", d.free_text);
        text("keywords", d.keywords);
        if (d.conf_uris)
            uris("conf-uris", *d.conf_uris);
        if (d.service_uris)
            uris("service-uris", *d.service_uris);
        number("maximum-user-count", d.maximum_user_count);
        if (d.media) {
            open("available-media", d.media->state);
            for (auto const& m : d.media->entries) {
                line();
                out_ += "<entry";
                key("label", m.label, "entry");
                out_ += '>';
                ++depth_;
                text("display-text", m.display_text);
                required("type", m.type);
                enumerated("status", m.status);
                close("entry");
            }
            close("available-media");
        }
        close("conference-description");
    }

    void host(host_info const& h)
    {
        open("host-info");
        text("display-text", h.display_text);
        text("web-page", h.web_page);
        if (h.uris)
            uris("uris", *h.uris);
        close("host-info");
    }

    void conference_state_of(conference_state const& s)
    {
        open("conference-state");
        number("user-count", s.user_count);
        boolean("active", s.active);
        boolean("locked", s.locked);
        close("conference-state");
    }

    void users(user_list const& l)
    {
        open("users", l.state);
        for (auto const& u : l.entries) {
            line();
            out_ += "<user";
            key("entity", u.entity, "user");
            state(u.state);
            out_ += '>';
            ++depth_;
            text("display-text", u.display_text);
            if (u.associated_aors)
                uris("associated-aors", *u.associated_aors);
            if (u.roles) {
                open("roles");
                for (auto const& r : *u.roles)
                    text("entry", r.view());
                close("roles");
            }
            text("languages", u.languages);
            text("cascaded-focus", u.cascaded_focus);
            for (auto const& ep : u.endpoints)
                endpoint_of(ep);
            close("user");
        }
        close("users");
    }

    void endpoint_of(endpoint const& ep)
    {
        line();
        out_ += "<endpoint";
        key("entity", ep.entity, "endpoint");
        state(ep.state);
        out_ += '>';
        ++depth_;
        text("display-text", ep.display_text);
        execution_of("referred", ep.referred);
        enumerated("status", ep.status);
        enumerated("joining-method", ep.joining);
        execution_of("joining-info", ep.joining_info);
        enumerated("disconnection-method", ep.disconnection);
        execution_of("disconnection-info", ep.disconnection_info);
        for (auto const& m : ep.media) {
            line();
            out_ += "<media";
            key("id", m.id, "media");
            out_ += '>';
            ++depth_;
            text("display-text", m.display_text);
            text("type", m.type);
            text("label", m.label);
            text("src-id", m.src_id);
            enumerated("status", m.status);
            close("media");
        }
        if (ep.call_info) {
            open("call-info");
            open("sip");
            text("display-text", ep.call_info->display_text);
            required("call-id", ep.call_info->call_id);
            required("from-tag", ep.call_info->from_tag);
            required("to-tag", ep.call_info->to_tag);
            close("sip");
            close("call-info");
        }
        close("endpoint");
    }

    std::string out_;
    int depth_ = 0;
    std::optional<std::string> error_;
};

} // namespace

sip::abnf::result<conference_document> build(conference_info const& info)
{
    writer w;
    w.conference(info, "conference-info", true);
    if (w.error())
        return sip::abnf::parse_error{make_error_code(errc::bad_value), 0, 1, 1, *w.error()};
    std::string text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    text += w.take();
    text += '\n';
    return conference_document::parse(sip::abnf::text_buffer(text));
}

} // namespace cpm::docs
