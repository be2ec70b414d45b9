// Fuzz target: cpm::cpim::message::parse (RFC 3862 message/cpim bodies) on
// arbitrary bytes.
//
// Properties checked on every input:
// - parsing never crashes, hangs or reads outside the input; an error
//   points inside the input and says something;
// - every view of a parsed message (header names, prefixes, parameters,
//   values, addresses, NS declarations, Require names, MIME headers, the
//   body) lies inside the input, and is read byte by byte; a resolved
//   namespace is a view of an NS declaration or the CPIM namespace;
// - every on-request decode (escapes of values, parameters and display
//   names, the typed MIME values) runs without crashing;
// - parse(serialize(parse(x))) == parse(x): the canonical form decodes to
//   the same headers, namespaces, addresses, DateTime, MIME headers and
//   body, and serializing it again gives the same bytes.

#include "cpim/message.hpp"
#include "cpim/serialize.hpp"
#include "require.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace cpm::cpim;

using cpm::fuzz::require;

/// Reads every byte of @p v after checking it lies inside @p whole.
void inside(std::string_view whole, std::string_view v, char const* what)
{
    if (v.empty())
        return;
    require(v.data() >= whole.data() && v.data() + v.size() <= whole.data() + whole.size(), what);
    unsigned sum = 0;
    for (char c : v)
        sum += static_cast<unsigned char>(c);
    volatile unsigned sink = sum;
    (void)sink;
}

void check_views(message const& m)
{
    std::string_view const t = m.text();
    for (auto const& h : m.headers()) {
        inside(t, h.line, "header line");
        inside(t, h.name, "header name");
        inside(t, h.prefix, "header prefix");
        inside(t, h.local_name, "header local name");
        inside(t, h.value, "header value");
        inside(t, h.params.raw(), "header params");
        require(h.line.substr(0, h.name.size()) == h.name, "the line starts with the name");
        require(h.namespace_uri.empty() || h.namespace_uri == cpim_namespace ||
                    (h.namespace_uri.data() >= t.data() && h.namespace_uri.data() < t.data() + t.size()),
                "namespace is declared or CPIM's");
        for (auto const& p : h.params) {
            inside(t, p.name, "param name");
            inside(t, p.value, "param value");
            (void)p.decoded_value();
        }
        (void)h.decoded_value();
    }
    auto check_address = [&](address const& a) {
        inside(t, a.display_name, "display name");
        inside(t, a.uri, "uri");
        require(is_absolute_uri(a.uri), "address URI is absolute");
        (void)a.decoded_display_name();
    };
    if (m.from())
        check_address(*m.from());
    for (auto const& a : m.to())
        check_address(a);
    for (auto const& a : m.cc())
        check_address(a);
    for (auto const& s : m.subjects()) {
        inside(t, s.lang, "subject lang");
        inside(t, s.text, "subject text");
    }
    for (auto const& d : m.namespaces()) {
        inside(t, d.prefix, "ns prefix");
        inside(t, d.uri, "ns uri");
    }
    for (auto n : m.required())
        inside(t, n, "required name");
    if (m.date_time())
        inside(t, m.date_time()->raw, "DateTime");
    for (auto const& h : m.mime_headers()) {
        inside(t, h.line, "MIME line");
        inside(t, h.name, "MIME name");
        inside(t, h.value, "MIME value");
    }
    if (auto const& ct = m.content_type()) {
        inside(t, ct->raw, "Content-Type");
        for (auto const& p : ct->params)
            (void)p.unquoted_value();
    }
    inside(t, m.content_id(), "Content-ID");
    inside(t, m.body(), "body");
    require(m.body().empty() || m.body().data() + m.body().size() == t.data() + t.size(), "body ends the text");
}

/// Everything parse() decodes, as comparable text (views compared by value).
std::vector<std::string> summary(message const& m)
{
    std::vector<std::string> s;
    for (auto const& h : m.headers())
        s.push_back("H " + std::string(h.name) + '|' + std::string(h.params.raw()) + '|' +
                    std::string(h.namespace_uri) + '|' + std::to_string(static_cast<int>(h.kind)) +
                    (h.kind == header_kind::from || h.kind == header_kind::to || h.kind == header_kind::cc
                         ? std::string()
                         : '|' + std::string(h.value)));
    auto addr = [&](char const* tag, address const& a) {
        s.push_back(std::string(tag) + std::string(a.display_name) + '|' + std::string(a.uri));
    };
    if (m.from())
        addr("F ", *m.from());
    for (auto const& a : m.to())
        addr("T ", a);
    for (auto const& a : m.cc())
        addr("C ", a);
    if (auto const& dt = m.date_time()) {
        std::string d;
        append_date_time(d, *dt);
        s.push_back("D " + d);
    }
    for (auto const& sub : m.subjects())
        s.push_back("S " + std::string(sub.lang) + '|' + std::string(sub.text));
    for (auto const& d : m.namespaces())
        s.push_back("N " + std::string(d.prefix) + '|' + std::string(d.uri));
    for (auto n : m.required())
        s.push_back("R " + std::string(n));
    for (auto const& h : m.mime_headers())
        s.push_back("M " + std::string(h.name) + '|' + std::string(h.value));
    s.push_back("B " + std::string(m.body()));
    return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    // The first byte chooses the leniency, so both paths are explored.
    parse_options options;
    options.values.space_after_string_name = size > 0 && (data[0] & 1) != 0;
    auto m = message::parse_borrowed(input, options);
    if (!m) {
        require(m.error().offset <= size, "error offset inside the input");
        require(!m.error().message.empty(), "error says something");
        return 0;
    }
    check_views(*m);

    std::string wire;
    serialize(*m, wire);
    auto again = message::parse(cpm::sip::abnf::text_buffer(wire), options);
    require(again.has_value(), "the canonical form parses");
    check_views(*again);
    require(summary(*again) == summary(*m), "parse(serialize(parse(x))) == parse(x)");
    std::string wire2;
    serialize(*again, wire2);
    require(wire2 == wire, "serialize is idempotent");
    return 0;
}
