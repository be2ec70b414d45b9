// The reginfo writer: RFC 3680 section 5.4 schema order, the GRUU
// elements (RFC 5628) after the contact's own children.

#include "cpm/docs/reginfo_builder.hpp"

#include "cpm/docs/error.hpp"

#include "imdn/xml/escape.hpp"

#include <optional>
#include <string>

namespace cpm::docs {

namespace xml = imdn::xml;

namespace {

class writer {
public:
    std::optional<std::string> const& error() const noexcept { return error_; }
    std::string take() { return std::move(out_); }

    void document(reginfo const& info)
    {
        out_ += "\n<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" xmlns:gr=\"urn:ietf:params:xml:ns:gruuinfo\"";
        attribute("version", std::to_string(info.version), "reginfo");
        attribute("state", to_string(info.state), "reginfo");
        out_ += '>';
        for (auto const& reg : info.registrations) {
            out_ += "\n  <registration";
            attribute("aor", reg.aor.view(), "registration");
            attribute("id", reg.id.view(), "registration");
            attribute("state", to_string(reg.state), "registration");
            out_ += '>';
            for (auto const& c : reg.contacts)
                contact_of(c);
            out_ += "\n  </registration>";
        }
        out_ += "\n</reginfo>\n";
    }

private:
    void fail(std::string sentence)
    {
        if (!error_)
            error_ = "reginfo builder: " + std::move(sentence);
    }

    void attribute(char const* name, std::string_view value, char const* owner)
    {
        out_ += ' ';
        out_ += name;
        out_ += "=\"";
        if (!xml::append_attribute_value(out_, value))
            fail("the " + std::string(name) + " of <" + owner + "> is not XML text");
        out_ += '"';
    }

    void text(std::string_view value, char const* owner)
    {
        if (!xml::append_text(out_, value))
            fail("<" + std::string(owner) + "> is not XML text");
    }

    void contact_of(contact const& c)
    {
        out_ += "\n    <contact";
        attribute("id", c.id.view(), "contact");
        attribute("state", to_string(c.state), "contact");
        attribute("event", to_string(c.event), "contact");
        for (auto [name, value] : {std::pair{"duration-registered", c.duration_registered},
                                   std::pair{"expires", c.expires}, std::pair{"retry-after", c.retry_after},
                                   std::pair{"cseq", c.cseq}})
            if (value)
                attribute(name, std::to_string(*value), "contact");
        if (c.q)
            attribute("q", c.q->view(), "contact");
        if (c.call_id)
            attribute("callid", c.call_id->view(), "contact");
        out_ += ">\n      <uri>";
        text(c.uri.view(), "uri");
        out_ += "</uri>";
        if (c.name.present) {
            out_ += "\n      <display-name";
            if (!c.name.lang.view().empty())
                attribute("xml:lang", c.name.lang.view(), "display-name");
            out_ += '>';
            text(c.name.text.view(), "display-name");
            out_ += "</display-name>";
        }
        for (auto const& p : c.params) {
            out_ += "\n      <unknown-param";
            attribute("name", p.name.view(), "unknown-param");
            out_ += '>';
            text(p.value.view(), "unknown-param");
            out_ += "</unknown-param>";
        }
        if (c.pub_gruu) {
            out_ += "\n      <gr:pub-gruu";
            attribute("uri", c.pub_gruu->view(), "gr:pub-gruu");
            out_ += "/>";
        }
        if (c.temp) {
            out_ += "\n      <gr:temp-gruu";
            attribute("uri", c.temp->uri.view(), "gr:temp-gruu");
            attribute("first-cseq", std::to_string(c.temp->first_cseq), "gr:temp-gruu");
            out_ += "/>";
        }
        out_ += "\n    </contact>";
    }

    std::string out_;
    std::optional<std::string> error_;
};

} // namespace

sip::abnf::result<reginfo_document> build(reginfo const& info)
{
    writer w;
    w.document(info);
    if (w.error())
        return sip::abnf::parse_error{make_error_code(errc::bad_value), 0, 1, 1, *w.error()};
    return reginfo_document::parse(sip::abnf::text_buffer("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + w.take()));
}

} // namespace cpm::docs
