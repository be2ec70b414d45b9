#include "cpm/docs/resource_lists.hpp"

#include "cpm/docs/detail/schema_reader.hpp"
#include "cpm/docs/error.hpp"

#include <string>

namespace cpm::docs {

namespace xml = imdn::xml;
using sip::abnf::parse_error;
using detail::parse_boolean;
using detail::trim;

std::string_view to_string(copy_control c) noexcept
{
    switch (c) {
    case copy_control::to: return "to";
    case copy_control::cc: return "cc";
    case copy_control::bcc: return "bcc";
    }
    return "to";
}

/// Walks the document against the RFC 4826 section 3.3 schema.
class resource_lists_reader : detail::schema_reader {
public:
    explicit resource_lists_reader(resource_lists& rl)
        : schema_reader(rl.doc_, "resource-lists", resource_lists_namespace), rl_(rl), doc_(rl.doc_)
    {
    }

    sip::abnf::result<void> run()
    {
        auto const& root = doc_.root();
        if (!root.is(resource_lists_namespace, "resource-lists"))
            return fail(root.begin, errc::bad_root,
                        "the document element must be <resource-lists> in " + std::string(resource_lists_namespace));
        if (auto r = attributes(root, {}); !r)
            return r;
        if (auto r = no_text(root); !r)
            return r;
        // <resource-lists> holds <list> elements only (no extension point).
        for (auto const& child : doc_.children(root)) {
            if (!child.is(resource_lists_namespace, "list"))
                return fail(child.begin, errc::unexpected_element,
                            "<" + std::string(child.name) + "> is not allowed in <resource-lists>");
            auto index = read_list(child, std::nullopt);
            if (!index)
                return index.error();
            rl_.top_.push_back(*index);
        }
        return {};
    }

private:
    sip::abnf::result<display_name> read_display_name(xml::element const& e) const
    {
        if (auto r = attributes(e, {}); !r)
            return r.error();
        if (auto r = text_only(e); !r)
            return r.error();
        display_name d;
        d.text = doc_.text(e);
        d.present = true;
        if (auto const* lang = doc_.find_attribute(e, xml::xml_namespace, "lang"))
            d.lang = xml::document::value(*lang);
        return d;
    }

    sip::abnf::result<copy_attributes> read_copy(xml::element const& e) const
    {
        copy_attributes c;
        for (auto const& a : doc_.attributes(e)) {
            if (a.ns != copy_control_namespace)
                continue;
            auto const value = xml::document::value(a);
            std::string_view const v = trim(value.view());
            std::string_view const local = a.local();
            if (local == "copyControl") {
                if (v == "to") c.copy = copy_control::to;
                else if (v == "cc") c.copy = copy_control::cc;
                else if (v == "bcc") c.copy = copy_control::bcc;
                else
                    return fail(a.offset, errc::bad_attribute_value,
                                "copyControl must be to, cc or bcc (RFC 5364)");
            } else if (local == "anonymize") {
                c.anonymize = parse_boolean(v);
                if (!c.anonymize)
                    return fail(a.offset, errc::bad_attribute_value,
                                "anonymize must be true, false, 1 or 0 (RFC 5364)");
            } else if (local == "count") {
                c.count = detail::parse_unsigned_int(v);
                if (!c.count)
                    return fail(a.offset, errc::bad_attribute_value,
                                "count must be an unsigned 32-bit integer (RFC 5364)");
            } else {
                return fail(a.offset, errc::unexpected_attribute,
                            "the copycontrol namespace has no attribute '" + std::string(local) + "'");
            }
        }
        return c;
    }

    /// <entry uri>, <entry-ref ref> or <external anchor>: an optional
    /// display-name, then extension elements only.
    sip::abnf::result<item> read_leaf(xml::element const& e, item_kind kind, std::string_view attr, bool required) const
    {
        if (auto r = attributes(e, {attr}); !r)
            return r.error();
        if (auto r = no_text(e); !r)
            return r.error();
        item it;
        it.kind = kind;
        it.offset = e.begin;
        if (auto const* a = doc_.find_attribute(e, "", attr))
            it.uri = xml::document::value(*a);
        else if (required)
            return fail(e.begin, errc::missing_attribute,
                        "<" + std::string(e.local()) + "> needs a " + std::string(attr) + " attribute");
        auto copy = read_copy(e);
        if (!copy)
            return copy.error();
        it.copy = *copy;
        bool first = true;
        for (auto const& child : doc_.children(e)) {
            bool const is_display = child.is(resource_lists_namespace, "display-name");
            if (child.ns == resource_lists_namespace && !(is_display && first))
                return fail(child.begin, errc::unexpected_element,
                            "<" + std::string(child.local()) + "> is not allowed in <" +
                                std::string(e.local()) + ">" + (is_display ? " after other elements" : ""));
            if (child.ns.empty())
                return fail(child.begin, errc::unexpected_element,
                            "<" + std::string(child.name) + "> has no namespace");
            first = false;
            if (is_display) {
                auto d = read_display_name(child);
                if (!d)
                    return d.error();
                it.name = std::move(*d);
            }
        }
        return it;
    }

    /// listType: [display-name] then list / external / entry / entry-ref in
    /// any order, then extension elements (RFC 4826 section 3.3).
    sip::abnf::result<std::size_t> read_list(xml::element const& e, std::optional<std::size_t> parent)
    {
        if (auto r = attributes(e, {"name"}); !r)
            return r.error();
        if (auto r = no_text(e); !r)
            return r.error();
        std::size_t const index = rl_.lists_.size();
        rl_.lists_.emplace_back();
        rl_.lists_[index].parent = parent;
        rl_.lists_[index].offset = e.begin;
        if (auto const* name = doc_.find_attribute(e, "", "name"))
            rl_.lists_[index].name = xml::document::value(*name);
        bool first = true;
        bool extensions = false; // once an extension element is seen, only more may follow
        for (auto const& child : doc_.children(e)) {
            if (child.ns.empty())
                return fail(child.begin, errc::unexpected_element,
                            "<" + std::string(child.name) + "> has no namespace");
            if (child.ns != resource_lists_namespace) {
                extensions = true;
                first = false;
                continue;
            }
            std::string_view const local = child.local();
            if (extensions)
                return fail(child.begin, errc::unexpected_element,
                            "<" + std::string(local) + "> after an extension element in <list>");
            if (local == "display-name") {
                if (!first)
                    return fail(child.begin, errc::unexpected_element,
                                "<display-name> must be the first child of <list>, once");
                auto d = read_display_name(child);
                if (!d)
                    return d.error();
                rl_.lists_[index].display = std::move(*d);
            } else if (local == "list") {
                auto nested = read_list(child, index);
                if (!nested)
                    return nested.error();
                item it;
                it.kind = item_kind::list;
                it.list = *nested;
                it.offset = child.begin;
                rl_.lists_[index].items.push_back(std::move(it));
            } else {
                sip::abnf::result<item> leaf = parse_error{};
                if (local == "entry")
                    leaf = read_leaf(child, item_kind::entry, "uri", true);
                else if (local == "entry-ref")
                    leaf = read_leaf(child, item_kind::entry_ref, "ref", true);
                else if (local == "external")
                    leaf = read_leaf(child, item_kind::external, "anchor", false);
                else
                    return fail(child.begin, errc::unexpected_element,
                                "<" + std::string(local) + "> is not allowed in <list>");
                if (!leaf)
                    return leaf.error();
                rl_.lists_[index].items.push_back(std::move(*leaf));
            }
            first = false;
        }
        return index;
    }

    resource_lists& rl_;
    xml::document const& doc_;
};

sip::abnf::result<resource_lists> resource_lists::read(xml::document doc)
{
    resource_lists rl(std::move(doc));
    resource_lists_reader reader(rl);
    if (auto r = reader.run(); !r)
        return r.error();
    return rl;
}

sip::abnf::result<resource_lists> resource_lists::parse(sip::abnf::text_buffer text, xml::limits const& lim)
{
    auto doc = xml::document::parse(std::move(text), lim);
    if (!doc)
        return doc.error();
    return read(std::move(*doc));
}

sip::abnf::result<resource_lists> resource_lists::parse(std::string_view text, xml::limits const& lim)
{
    auto doc = xml::document::parse(text, lim);
    if (!doc)
        return doc.error();
    return read(std::move(*doc));
}

std::vector<item const*> resource_lists::entries() const
{
    std::vector<item const*> out;
    // Depth first, in document order: an explicit stack of (list, next item).
    std::vector<std::pair<std::size_t, std::size_t>> stack;
    for (auto top : top_) {
        stack.emplace_back(top, 0);
        while (!stack.empty()) {
            auto& [l, i] = stack.back();
            if (i == lists_[l].items.size()) {
                stack.pop_back();
                continue;
            }
            item const& it = lists_[l].items[i++];
            if (it.kind == item_kind::list)
                stack.emplace_back(it.list, 0);
            else if (it.kind == item_kind::entry)
                out.push_back(&it);
        }
    }
    return out;
}

} // namespace cpm::docs
