#include "sip/media_type.hpp"

#include "sip/abnf/grammar/core_rules.hpp"
#include "sip/grammar/parse_into.hpp"
#include "sip/grammar/value_error.hpp"

namespace cpm::sip {

namespace {
namespace g = abnf::grammar;
namespace x3 = boost::spirit::x3;
} // namespace

bool media_type::is(std::string_view t, std::string_view s) const noexcept
{
    return (t == "*" || abnf::iequals(type, t)) && (s == "*" || abnf::iequals(subtype, s));
}

abnf::result<void> grammar::parse_media_type_into(std::string_view value, std::size_t* consumed, media_type& m)
{
    char const* const begin = value.data();
    char const* const end = begin + value.size();
    char const* p = begin;
    if (!(g::match(p, end, g::token, m.type) && g::skip(p, end, g::slash) && g::match(p, end, g::token, m.subtype)))
        return grammar::value_error(value, p, "expected type/subtype");
    std::string_view rest(p, static_cast<std::size_t>(end - p));
    std::size_t const plen = abnf::parse_params(rest, abnf::param_syntax::header);
    m.params = abnf::make_param_list(rest.substr(0, plen), abnf::param_syntax::header);
    p += plen;
    m.raw = std::string_view(begin, static_cast<std::size_t>(p - begin));
    g::skip(p, end, g::sws);
    if (p != end) {
        if (consumed == nullptr || !g::skip(p, end, g::comma))
            return grammar::value_error(value, p, "unexpected character after parameters");
    }
    if (consumed != nullptr)
        *consumed = static_cast<std::size_t>(p - begin);
    return {};
}

abnf::result<media_type> parse_media_type(std::string_view value, std::size_t* consumed)
{
    return grammar::built_in_place<media_type>(
        [&](media_type& m) { return grammar::parse_media_type_into(value, consumed, m); });
}

} // namespace cpm::sip
