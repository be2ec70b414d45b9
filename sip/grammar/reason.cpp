#include "sip/reason.hpp"

#include "sip/abnf/unescape.hpp"
#include "sip/grammar/header_rules.hpp"

namespace cpm::sip {

namespace {
using grammar::header_error;
using grammar::view;
namespace x3 = boost::spirit::x3;
namespace g = abnf::grammar;
constexpr std::string_view header = "Reason";
} // namespace

std::string reason::text_unquoted() const
{
    return abnf::unquote(text);
}

abnf::result<reason_list> parse_reason(std::string_view value)
{
    return grammar::parse_comma_list<reason_list>(
        value, header, "a reason-value (protocol ;cause= ;text=)", grammar::empty_list::rejected,
        [](std::string_view rest, std::size_t& length) -> abnf::result<reason> {
            reason r;
            char const* const end = rest.data() + rest.size();
            char const* p = rest.data();
            if (!g::match(p, end, g::token, r.protocol))
                return header_error(rest, p, header, "protocol must be a token (SIP, Q.850, ...)");
            std::size_t plen = 0;
            r.params = grammar::leading_params(view(p, end), plen);
            length = static_cast<std::size_t>(p - rest.data()) + plen;
            for (auto const& prm : r.params) {
                if (abnf::iequals(prm.name, "cause")) {
                    // protocol-cause = "cause" EQUAL cause, cause = 1*DIGIT
                    auto n = parse_uint32(prm.value, header);
                    if (!n)
                        return header_error(rest, prm.name.data(), header, "cause must be digits");
                    r.cause = *n;
                } else if (abnf::iequals(prm.name, "text")) {
                    // reason-text = "text" EQUAL quoted-string
                    if (!prm.is_quoted())
                        return header_error(rest, prm.name.data(), header, "text must be a quoted-string");
                    r.text = prm.value;
                }
            }
            return r;
        });
}

} // namespace cpm::sip
