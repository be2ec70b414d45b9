// Fuzz target: cpm::docs::reginfo_document::parse (RFC 3680 reginfo with
// the RFC 5628 GRUU elements) and the reginfo builder on arbitrary bytes.
//
// Properties checked on every input:
// - parsing never crashes, hangs or reads outside the input; an error
//   points inside the input and says something;
// - every view of the model that was not decoded lies inside the input;
// - build(parse(x)) parses and decodes to the same model, and building
//   again gives the same text.

#include "cpm/docs/reginfo.hpp"
#include "cpm/docs/reginfo_builder.hpp"
#include "require.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace {

using namespace cpm::docs;

using cpm::fuzz::require;

void inside(std::string_view input, text_value const& v)
{
    std::string_view const s = v.view();
    if (s.empty() || v.decoded())
        return;
    require(s.data() >= input.data() && s.data() + s.size() <= input.data() + input.size(), "view inside input");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    auto doc = reginfo_document::parse(input);
    if (!doc) {
        require(doc.error().offset <= size, "error offset inside the input");
        require(!doc.error().message.empty(), "error says something");
        return 0;
    }
    auto const& info = doc->info();
    for (auto const& reg : info.registrations) {
        inside(input, reg.aor);
        inside(input, reg.id);
        for (auto const& c : reg.contacts) {
            for (auto const* v : {&c.id, &c.uri, &c.name.text, &c.name.lang})
                inside(input, *v);
            for (auto const* o : {&c.q, &c.call_id, &c.pub_gruu})
                if (*o)
                    inside(input, **o);
            if (c.temp)
                inside(input, c.temp->uri);
            for (auto const& p : c.params) {
                inside(input, p.name);
                inside(input, p.value);
            }
        }
    }
    auto built = build(info);
    if (!built) {
        std::fprintf(stderr, "build failed: %s\n", built.error().message.c_str());
        require(false, "the parsed model builds");
    }
    require(built->info() == info, "build(parse(x)) decodes to parse(x)");
    auto again = build(built->info());
    require(again.has_value() && again->document().text() == built->document().text(), "build is idempotent");
    return 0;
}
