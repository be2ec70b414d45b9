#include "sip/caller_prefs.hpp"

#include "sip/grammar/header_rules.hpp"

#include <array>
#include <string>

namespace cpm::sip {

namespace {
using grammar::header_error;
namespace x3 = boost::spirit::x3;
namespace g = abnf::grammar;

enum class shape : std::uint8_t { accept, reject, feature_caps };

// "*" *(SEMI params) at the start of @p rest.
abnf::result<caller_preference> parse_star_value(std::string_view rest, std::size_t& length,
                                                 std::string_view header, shape kind)
{
    caller_preference pref;
    if (rest.front() != '*')
        return header_error(rest, rest.data(), header, "each value must start with \"*\"");
    std::size_t plen = 0;
    grammar::first_error bad;
    pref.params = grammar::leading_params(rest.substr(1), plen, [&](abnf::param const& p) {
        if (bad)
            return;
        bool const valueless = !p.has_value;
        if (kind == shape::accept && valueless && abnf::iequals(p.name, "require")) {
            pref.require = true;
        } else if (kind == shape::accept && valueless && abnf::iequals(p.name, "explicit")) {
            pref.explicit_match = true;
        } else if (is_feature_tag_name(p.name) && (kind != shape::feature_caps || p.name.front() == '+')) {
            if (auto f = parse_feature_param(rest, p, header); !f)
                bad.set(f.error());
        } else if (kind == shape::feature_caps) {
            bad.set(header_error(rest, p.name.data(), header,
                                 std::string(p.name) + " is not a feature-capability indicator (\"+\" fcap-name)"));
        }
    });
    if (bad)
        return bad.get();
    pref.raw = rest.substr(0, 1 + plen);
    length = pref.raw.size();
    return pref;
}

abnf::result<caller_preference_list> parse_star_list(std::string_view value, std::string_view header, shape kind)
{
    return grammar::parse_comma_list<caller_preference_list>(
        value, header, "\"*\" and its parameters", grammar::empty_list::rejected,
        [&](std::string_view rest, std::size_t& length) { return parse_star_value(rest, length, header, kind); });
}

struct directive {
    std::string_view yes;
    std::string_view no;
    std::optional<bool> request_disposition::*member;
};
constexpr std::array<directive, 6> directives{{
    {"proxy", "redirect", &request_disposition::proxy},
    {"cancel", "no-cancel", &request_disposition::cancel},
    {"fork", "no-fork", &request_disposition::fork},
    {"recurse", "no-recurse", &request_disposition::recurse},
    {"parallel", "sequential", &request_disposition::parallel},
    {"queue", "no-queue", &request_disposition::queue},
}};
} // namespace

abnf::result<caller_preference_list> parse_accept_contact(std::string_view value)
{
    return parse_star_list(value, "Accept-Contact", shape::accept);
}

abnf::result<caller_preference_list> parse_reject_contact(std::string_view value)
{
    return parse_star_list(value, "Reject-Contact", shape::reject);
}

abnf::result<caller_preference_list> parse_feature_caps(std::string_view value)
{
    return parse_star_list(value, "Feature-Caps", shape::feature_caps);
}

abnf::result<request_disposition> parse_request_disposition(std::string_view value)
{
    constexpr std::string_view header = "Request-Disposition";
    request_disposition rd;
    auto walked = grammar::walk_comma_list(
        value, header, "a directive", grammar::empty_list::rejected,
        [&](std::string_view rest, std::size_t& length) -> abnf::result<std::string_view> {
            std::string_view word;
            char const* p = rest.data();
            g::match(p, rest.data() + rest.size(), g::token, word);
            for (auto const& d : directives) {
                bool const yes = abnf::iequals(word, d.yes);
                if (!yes && !abnf::iequals(word, d.no))
                    continue;
                auto& slot = rd.*d.member;
                if (slot && *slot != yes)
                    return header_error(rest, rest.data(), header,
                                        "conflicting directives " + std::string(d.yes) + " and " + std::string(d.no));
                slot = yes;
                length = word.size();
                return word;
            }
            return header_error(rest, rest.data(), header,
                                "unknown directive (expected proxy, redirect, cancel, no-cancel, fork, no-fork, "
                                "recurse, no-recurse, parallel, sequential, queue or no-queue)");
        });
    if (!walked)
        return walked.error();
    return rd;
}

} // namespace cpm::sip
