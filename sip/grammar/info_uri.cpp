#include "sip/info_uri.hpp"

#include "sip/grammar/header_rules.hpp"

namespace cpm::sip {

namespace {
using grammar::header_error;
using grammar::view;
namespace x3 = boost::spirit::x3;
namespace g = abnf::grammar;

const auto laquot = x3::lit('<');
const auto raquot = x3::lit('>');
} // namespace

abnf::result<info_uri_list> parse_info_list(std::string_view value, std::string_view header)
{
    auto list = grammar::parse_comma_list<info_uri_list>(
        value, header, "a <URI>", grammar::empty_list::rejected,
        [&](std::string_view rest, std::size_t& length) -> abnf::result<info_uri> {
            info_uri info;
            char const* const end = rest.data() + rest.size();
            char const* p = rest.data();
            if (!(g::skip(p, end, laquot) && g::match(p, end, grammar::bracketed_absolute_uri, info.uri) &&
                  g::skip(p, end, raquot)))
                return header_error(rest, rest.data(), header, "expected <absoluteURI>");
            std::size_t plen = 0;
            info.params = grammar::leading_params(view(p, end), plen);
            info.raw = view(rest.data(), p + plen);
            info.purpose = info.params.value_of("purpose");
            length = info.raw.size();
            return info;
        });
    if (list && header == "Identity-Info" && list->size() > 1)
        return header_error(value, (*list)[1].raw.data(), header, "only one <URI> is allowed");
    return list;
}

} // namespace cpm::sip
