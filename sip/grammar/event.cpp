#include "sip/event.hpp"

#include "sip/grammar/header_rules.hpp"

#include <string>

namespace cpm::sip {

namespace {
using grammar::header_error;
using grammar::view;
namespace x3 = boost::spirit::x3;
namespace g = abnf::grammar;

// token-nodot = 1*( alphanum / "-" / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" )
const auto token_nodot = +(g::cls(abnf::cc_token) - x3::lit('.'));
const auto dot = x3::lit('.');
const auto event_templates = token_nodot % '.';

bool is_token(std::string_view s) noexcept
{
    return abnf::all_of(s, abnf::cc_token);
}
} // namespace

abnf::result<event> parse_event(std::string_view value)
{
    constexpr std::string_view header = "Event";
    event e;
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    if (!g::match(p, end, token_nodot, e.package))
        return header_error(value, p, header, "expected event-type (package *(\".\" template))");
    if (char const* q = p; g::skip(q, end, dot) && g::match(q, end, event_templates, e.templates))
        p = q;
    e.type = view(value.data(), p);
    std::size_t plen = 0;
    e.params = grammar::leading_params(view(p, end), plen);
    if (auto r = grammar::expect_end(value, p + plen, header, "the event type and its parameters"); !r)
        return r.error();
    // RFC 6665 8.2.1: "id" EQUAL token
    if (auto const id = e.params.find("id")) {
        if (!id->has_value || !is_token(id->value))
            return header_error(value, id->name.data(), header, "id must be a token");
        e.id = id->value;
    }
    return e;
}

abnf::result<subscription_state> parse_subscription_state(std::string_view value)
{
    constexpr std::string_view header = "Subscription-State";
    subscription_state s;
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    if (!g::match(p, end, g::token, s.state_text))
        return header_error(value, p, header, "expected active, pending, terminated or another token");
    if (abnf::iequals(s.state_text, "active"))
        s.state = substate::active;
    else if (abnf::iequals(s.state_text, "pending"))
        s.state = substate::pending;
    else if (abnf::iequals(s.state_text, "terminated"))
        s.state = substate::terminated;
    std::size_t plen = 0;
    s.params = grammar::leading_params(view(p, end), plen);
    if (auto r = grammar::expect_end(value, p + plen, header, "the state and its parameters"); !r)
        return r.error();
    for (auto const& prm : s.params) {
        if (abnf::iequals(prm.name, "reason")) {
            if (!prm.has_value || !is_token(prm.value))
                return header_error(value, prm.name.data(), header, "reason must be a token");
            s.reason = prm.value;
        } else if (abnf::iequals(prm.name, "expires") || abnf::iequals(prm.name, "retry-after")) {
            bool const expires = abnf::iequals(prm.name, "expires");
            auto n = grammar::delta_seconds(value, prm.value, prm.name.data(), header,
                                            expires ? "expires" : "retry-after");
            if (!n)
                return n.error();
            (expires ? s.expires : s.retry_after) = *n;
        }
    }
    return s;
}

} // namespace cpm::sip
