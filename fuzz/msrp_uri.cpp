// Fuzz target: cpm::msrp::parse_uri (MSRP and MSRPS URIs) on arbitrary
// bytes, and equivalent() on pairs of URIs.
//
// Properties checked on every input:
// - parsing never crashes, hangs or reads outside the input; an error
//   points inside the input, has a code and a sentence naming the element;
// - a parsed URI is the whole input, every part lies inside it and
//   equivalent(u, u) holds; re-parsing a copy of its text gives the same
//   parts at the same offsets;
// - the input split at its first LF gives two URIs (and, joined by SP, a
//   path) for which equivalent() is symmetric and parse_path agrees with
//   parse_uri on each.

#include "msrp/uri.hpp"
#include "msrp_checks.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace {

using cpm::fuzz::msrp_checks::require;
namespace msrp = cpm::msrp;

std::size_t offset_in(std::string_view whole, std::string_view part)
{
    return part.empty() ? 0 : static_cast<std::size_t>(part.data() - whole.data());
}

std::optional<msrp::uri> check_one(std::string_view text)
{
    auto u = msrp::parse_uri(text);
    if (!u) {
        cpm::fuzz::msrp_checks::check_error(u.error(), text.size());
        return std::nullopt;
    }
    require(u->text.data() == text.data() && u->text.size() == text.size(), "a uri is the whole input");
    cpm::fuzz::msrp_checks::check_uri(text, *u);
    std::string const copy(text);
    auto again = msrp::parse_uri(copy);
    require(again.has_value(), "a copy of a uri parses");
    require(offset_in(copy, again->host) == offset_in(text, u->host) && again->host == u->host &&
                offset_in(copy, again->session_id) == offset_in(text, u->session_id) &&
                again->session_id == u->session_id && again->transport == u->transport &&
                again->port == u->port && again->params.raw() == u->params.raw(),
            "re-parsing gives the same parts");
    require(msrp::equivalent(*u, *again), "a uri is equivalent to its copy");
    return *u;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    check_one(input);
    std::size_t const lf = input.find('\n');
    if (lf == std::string_view::npos)
        return 0;
    auto const a = check_one(input.substr(0, lf));
    auto const b = check_one(input.substr(lf + 1));
    if (a && b) {
        require(msrp::equivalent(*a, *b) == msrp::equivalent(*b, *a), "equivalent() is symmetric");
        std::string const path = std::string(input.substr(0, lf)) + " " + std::string(input.substr(lf + 1));
        auto p = msrp::parse_path(path, "MSRP To-Path");
        require(p.has_value() && p->size() == 2 && msrp::equivalent((*p)[0], *a) && msrp::equivalent((*p)[1], *b),
                "parse_path agrees with parse_uri");
    }
    return 0;
}
