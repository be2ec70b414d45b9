#include "sip/product.hpp"

#include "sip/grammar/header_rules.hpp"

namespace cpm::sip {

namespace {
using grammar::header_error;
namespace x3 = boost::spirit::x3;
namespace g = abnf::grammar;
} // namespace

std::optional<product> product_list::find(std::string_view name) const noexcept
{
    for (auto const& p : items)
        if (!p.is_comment() && abnf::iequals(p.name, name))
            return p;
    return std::nullopt;
}

abnf::result<product_list> parse_product_list(std::string_view value, std::string_view header)
{
    product_list out;
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    while (true) {
        product item;
        char const* const at = p;
        if (p != end && *p == '(') {
            if (!x3::parse(p, end, x3::raw[g::comment][g::into(item.comment)]))
                return header_error(value, at, header, "unterminated or malformed comment");
        } else if (!x3::parse(p, end, x3::raw[g::token][g::into(item.name)] >>
                                          -(g::slash >> x3::raw[g::token][g::into(item.version)]))) {
            return header_error(value, at, header, "expected a product (token [\"/\" version]) or a (comment)");
        }
        out.items.push_back(item);
        if (p == end)
            return out;
        char const* const after = p;
        if (!x3::parse(p, end, g::lws))
            return header_error(value, after, header, "expected whitespace between products and comments");
        if (p == end)
            return out;
    }
}

} // namespace cpm::sip
