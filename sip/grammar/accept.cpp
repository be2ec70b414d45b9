#include "sip/accept.hpp"

#include "sip/grammar/header_rules.hpp"
#include "sip/header_values.hpp"

#include <string>

namespace cpm::sip {

namespace {
using grammar::empty_list;
using grammar::header_error;
using grammar::view;
namespace x3 = boost::spirit::x3;
namespace g = abnf::grammar;

const auto alpha = g::cls(abnf::cc_alpha);
// language-range = ( 1*8ALPHA *( "-" 1*8ALPHA ) ) / "*"
const auto language_range = (x3::repeat(1, 8)[alpha] >> *('-' >> x3::repeat(1, 8)[alpha]) >> !alpha) | x3::lit('*');

// The q accept-param of @p params, checked (RFC 3261 25.1 qvalue).
abnf::result<std::optional<std::uint16_t>> q_of(std::string_view text, abnf::param_list const& params,
                                                std::string_view header)
{
    auto const q = params.find("q");
    if (!q)
        return std::optional<std::uint16_t>{};
    auto const v = parse_qvalue(q->value);
    if (!v)
        return header_error(text, q->name.data(), header, "q must be a qvalue (0 to 1, at most 3 decimals)");
    return std::optional<std::uint16_t>{*v};
}

// One encoding / language entry at the start of @p rest.
template <class Rule>
abnf::result<accept_value> parse_value(std::string_view rest, std::size_t& length, std::string_view header,
                                       std::string_view element, Rule const& rule)
{
    accept_value a;
    char const* const end = rest.data() + rest.size();
    char const* p = rest.data();
    if (!g::match(p, end, rule, a.value))
        return header_error(rest, p, header, "expected " + std::string(element));
    std::size_t plen = 0;
    a.params = grammar::leading_params(view(p, end), plen);
    p += plen;
    a.raw = view(rest.data(), p);
    auto q = q_of(rest, a.params, header);
    if (!q)
        return q.error();
    a.q = *q;
    length = a.raw.size();
    return a;
}
} // namespace

abnf::result<accept_range_list> parse_accept(std::string_view value)
{
    constexpr std::string_view header = "Accept";
    return grammar::parse_comma_list<accept_range_list>(
        value, header, "a media-range", empty_list::allowed,
        [&](std::string_view rest, std::size_t& length) -> abnf::result<accept_range> {
            std::size_t consumed = 0;
            auto m = parse_media_type(rest, &consumed);
            if (!m)
                return m.error();
            // media-range = "*/*" / (m-type SLASH "*") / (m-type SLASH m-subtype)
            if (m->type == "*" && m->subtype != "*")
                return header_error(rest, m->subtype.data(), header, "a \"*\" type needs a \"*\" subtype");
            auto q = q_of(rest, m->params, header);
            if (!q)
                return q.error();
            length = m->raw.size();
            return accept_range{*m, *q};
        });
}

abnf::result<accept_value_list> parse_accept_encoding(std::string_view value)
{
    constexpr std::string_view header = "Accept-Encoding";
    return grammar::parse_comma_list<accept_value_list>(
        value, header, "a content-coding", empty_list::allowed, [&](std::string_view rest, std::size_t& length) {
            return parse_value(rest, length, header, "a content-coding or \"*\"", g::token);
        });
}

abnf::result<accept_value_list> parse_accept_language(std::string_view value)
{
    constexpr std::string_view header = "Accept-Language";
    return grammar::parse_comma_list<accept_value_list>(
        value, header, "a language-range", empty_list::allowed, [&](std::string_view rest, std::size_t& length) {
            return parse_value(rest, length, header, "a language-range (1*8ALPHA *(\"-\" 1*8ALPHA) or \"*\")",
                               language_range);
        });
}

} // namespace cpm::sip
