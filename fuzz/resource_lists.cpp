// Fuzz target: cpm::docs::resource_lists::parse (RFC 4826 resource-lists
// with RFC 5364 copy control attributes) on arbitrary bytes.
//
// Properties checked on every input:
// - parsing never crashes, hangs or reads outside the input; an error
//   points inside the input and says something;
// - every view (URIs, names, display names, xml:lang) that was not decoded
//   lies inside the input and is read byte by byte; list indices and
//   parents are consistent; entries() holds only entries;
// - rebuild(parse(x)) parses and decodes to the same lists, items, names
//   and copy control attributes, and rebuilding again gives the same text.

#include "cpm/docs/resource_lists.hpp"
#include "cpm/docs/resource_lists_builder.hpp"
#include "require.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace cpm::docs;

using cpm::fuzz::require;

void inside(std::string_view whole, cpm::imdn::xml::text_value const& v, char const* what)
{
    std::string_view const s = v.view();
    if (s.empty() || v.decoded())
        return;
    require(s.data() >= whole.data() && s.data() + s.size() <= whole.data() + whole.size(), what);
    unsigned sum = 0;
    for (char c : s)
        sum += static_cast<unsigned char>(c);
    volatile unsigned sink = sum;
    (void)sink;
}

void check(resource_lists const& rl)
{
    std::string_view const t = rl.document().text();
    auto const lists = rl.lists();
    for (std::size_t i = 0; i < lists.size(); ++i) {
        auto const& l = lists[i];
        require(!l.parent || *l.parent < i, "a parent comes before its nested list");
        if (l.name)
            inside(t, *l.name, "list name");
        inside(t, l.display.text, "list display name");
        inside(t, l.display.lang, "list xml:lang");
        for (auto const& it : l.items) {
            if (it.kind == item_kind::list)
                require(it.list > i && it.list < lists.size() && lists[it.list].parent == i, "nested list index");
            inside(t, it.uri, "item uri");
            inside(t, it.name.text, "item display name");
            inside(t, it.name.lang, "item xml:lang");
            require(it.offset < t.size() && t[it.offset] == '<', "item offset at its '<'");
        }
    }
    for (auto const* e : rl.entries())
        require(e->kind == item_kind::entry, "entries() holds entries");
}

std::vector<std::string> summary(resource_lists const& rl)
{
    std::vector<std::string> s;
    auto display = [](display_name const& d) {
        return std::string(d.text.view()) + '|' + std::string(d.text.view().empty() ? std::string_view{} : d.lang.view());
    };
    for (auto const& l : rl.lists()) {
        s.push_back("L " + std::string(l.name ? l.name->view() : "") + '|' + display(l.display) + '|' +
                    std::to_string(l.parent ? *l.parent : 9999));
        for (auto const& it : l.items)
            s.push_back("I " + std::to_string(static_cast<int>(it.kind)) + '|' + std::string(it.uri.view()) + '|' +
                        display(it.name) + '|' + std::to_string(it.copy.copy ? static_cast<int>(*it.copy.copy) : -1) +
                        '|' + std::to_string(it.copy.anonymize ? int(*it.copy.anonymize) : -1) + '|' +
                        std::to_string(it.copy.count ? static_cast<long long>(*it.copy.count) : -1LL) + '|' +
                        std::to_string(it.list));
    }
    return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    auto rl = resource_lists::parse(input);
    if (!rl) {
        require(rl.error().offset <= size, "error offset inside the input");
        require(!rl.error().message.empty(), "error says something");
        return 0;
    }
    check(*rl);
    auto again = rebuild(*rl);
    if (!again) {
        // Only text that XML cannot carry in an attribute or character data
        // may fail to rebuild, and the reader never decodes such text.
        std::fprintf(stderr, "rebuild failed: %s\n", again.error().message.c_str());
        require(false, "the canonical form parses");
    }
    check(*again);
    require(summary(*again) == summary(*rl), "rebuild(parse(x)) decodes to parse(x)");
    auto third = rebuild(*again);
    require(third.has_value() && third->document().text() == again->document().text(), "rebuild is idempotent");
    return 0;
}
