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
            if (!g::match(p, end, g::comment, item.comment))
                return header_error(value, at, header, "unterminated or malformed comment");
        } else if (g::match(p, end, g::token, item.name)) {
            if (char const* q = p; g::skip(q, end, g::slash) && g::match(q, end, g::token, item.version))
                p = q;
        } else {
            return header_error(value, at, header, "expected a product (token [\"/\" version]) or a (comment)");
        }
        out.items.push_back(item);
        if (p == end)
            return out;
        char const* const after = p;
        if (!g::skip(p, end, g::lws))
            return header_error(value, after, header, "expected whitespace between products and comments");
        if (p == end)
            return out;
    }
}

} // namespace cpm::sip
