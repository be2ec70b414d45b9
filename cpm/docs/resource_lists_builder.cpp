#include "cpm/docs/resource_lists_builder.hpp"

#include "cpm/docs/error.hpp"

#include "imdn/xml/escape.hpp"

namespace cpm::docs {

namespace xml = imdn::xml;

void resource_lists_builder::fail(std::string sentence)
{
    if (!error_)
        error_ = std::move(sentence);
}

void resource_lists_builder::indent()
{
    out_ += '\n';
    out_.append(static_cast<std::size_t>(2 * (depth_ + 1)), ' ');
}

void resource_lists_builder::display(std::string_view text, std::string_view lang)
{
    indent();
    out_ += "<display-name";
    if (!lang.empty()) {
        out_ += " xml:lang=\"";
        if (!xml::append_attribute_value(out_, lang))
            fail("resource-lists builder: xml:lang is not XML text");
        out_ += '"';
    }
    out_ += '>';
    if (!xml::append_text(out_, text))
        fail("resource-lists builder: a display name is not XML text");
    out_ += "</display-name>";
}

resource_lists_builder& resource_lists_builder::begin_list(std::string_view name, std::string_view display_name,
                                                           std::string_view lang)
{
    indent();
    out_ += "<list";
    if (!name.empty()) {
        out_ += " name=\"";
        if (!xml::append_attribute_value(out_, name))
            fail("resource-lists builder: a list name is not XML text");
        out_ += '"';
    }
    out_ += '>';
    ++depth_;
    if (!display_name.empty())
        display(display_name, lang);
    return *this;
}

resource_lists_builder& resource_lists_builder::end_list()
{
    if (depth_ == 0) {
        fail("resource-lists builder: end_list without an open list");
        return *this;
    }
    --depth_;
    indent();
    out_ += "</list>";
    return *this;
}

void resource_lists_builder::leaf(char const* element, char const* attribute, std::string_view value,
                                  entry_options const& options, bool write_attribute)
{
    if (depth_ == 0) {
        fail(std::string("resource-lists builder: <") + element + "> outside any list");
        return;
    }
    indent();
    out_ += '<';
    out_ += element;
    if (write_attribute) {
        out_ += ' ';
        out_ += attribute;
        out_ += "=\"";
        if (!xml::append_attribute_value(out_, value))
            fail(std::string("resource-lists builder: a ") + attribute + " is not XML text");
        out_ += '"';
    }
    auto const& c = options.copy;
    if (c.copy) {
        out_ += " cp:copyControl=\"";
        out_ += to_string(*c.copy);
        out_ += '"';
    }
    if (c.anonymize) {
        out_ += " cp:anonymize=\"";
        out_ += *c.anonymize ? "true" : "false";
        out_ += '"';
    }
    if (c.count) {
        out_ += " cp:count=\"";
        out_ += std::to_string(*c.count);
        out_ += '"';
    }
    if (options.display_name.empty()) {
        out_ += "/>";
        return;
    }
    out_ += '>';
    ++depth_;
    display(options.display_name, options.lang);
    --depth_;
    indent();
    out_ += "</";
    out_ += element;
    out_ += '>';
}

resource_lists_builder& resource_lists_builder::entry(std::string_view uri, entry_options const& options)
{
    leaf("entry", "uri", uri, options, true);
    return *this;
}

resource_lists_builder& resource_lists_builder::entry_ref(std::string_view ref, entry_options const& options)
{
    leaf("entry-ref", "ref", ref, options, true);
    return *this;
}

resource_lists_builder& resource_lists_builder::external(std::string_view anchor, entry_options const& options)
{
    leaf("external", "anchor", anchor, options, !anchor.empty());
    return *this;
}

sip::abnf::result<resource_lists> resource_lists_builder::build() const
{
    if (error_)
        return sip::abnf::parse_error{make_error_code(errc::bad_attribute_value), 0, 1, 1, *error_};
    std::string text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\""
                       " xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\">";
    text += out_;
    for (int d = depth_; d > 0; --d) {
        text += '\n';
        text.append(static_cast<std::size_t>(2 * d), ' ');
        text += "</list>";
    }
    text += "\n</resource-lists>\n";
    return resource_lists::parse(sip::abnf::text_buffer(text));
}

namespace {

entry_options options_of(item const& it)
{
    entry_options o;
    o.display_name = it.name.text.view();
    o.lang = it.name.lang.view();
    o.copy = it.copy;
    return o;
}

void write_list(resource_lists_builder& b, resource_lists const& rl, std::size_t index)
{
    auto const& l = rl.lists()[index];
    b.begin_list(l.name ? l.name->view() : std::string_view{}, l.display.text.view(), l.display.lang.view());
    for (auto const& it : l.items) {
        switch (it.kind) {
        case item_kind::list: write_list(b, rl, it.list); break;
        case item_kind::entry: b.entry(it.uri.view(), options_of(it)); break;
        case item_kind::entry_ref: b.entry_ref(it.uri.view(), options_of(it)); break;
        case item_kind::external: b.external(it.uri.view(), options_of(it)); break;
        }
    }
    b.end_list();
}

} // namespace

sip::abnf::result<resource_lists> rebuild(resource_lists const& rl)
{
    resource_lists_builder b;
    for (auto top : rl.top_level())
        write_list(b, rl, top);
    return b.build();
}

} // namespace cpm::docs
