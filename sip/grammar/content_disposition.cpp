#include "sip/content_disposition.hpp"

#include "sip/grammar/header_rules.hpp"

namespace cpm::sip {

namespace {
using grammar::header_error;
using grammar::view;
namespace x3 = boost::spirit::x3;
namespace g = abnf::grammar;
} // namespace

bool content_disposition::is(std::string_view t) const noexcept
{
    return abnf::iequals(type, t);
}

abnf::result<content_disposition> parse_content_disposition(std::string_view value)
{
    constexpr std::string_view header = "Content-Disposition";
    content_disposition cd;
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    if (!g::match(p, end, g::token, cd.type))
        return header_error(value, p, header, "disp-type must be a token");
    std::size_t plen = 0;
    cd.params = grammar::leading_params(view(p, end), plen);
    if (auto r = grammar::expect_end(value, p + plen, header, "the disposition type and its parameters"); !r)
        return r.error();
    if (auto const h = cd.params.find("handling")) {
        if (!h->has_value || !abnf::all_of(h->value, abnf::cc_token))
            return header_error(value, h->name.data(), header, "handling must be optional, required or a token");
        cd.handling_text = h->value;
        cd.handling = abnf::iequals(h->value, "optional")   ? disposition_handling::optional
                      : abnf::iequals(h->value, "required") ? disposition_handling::required
                                                            : disposition_handling::other;
    }
    return cd;
}

} // namespace cpm::sip
