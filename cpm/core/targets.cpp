#include "cpm/core/targets.hpp"

#include "sip/abnf/char_class.hpp"
#include "sip/abnf/params.hpp"
#include "sip/caller_prefs.hpp"
#include "sip/feature_tags.hpp"

#include <algorithm>
#include <charconv>

namespace cpm::core {

caller_preferences preferences_of(sip::message const& request)
{
    caller_preferences out;
    out.method = request.method_text();
    for (auto const& field : request.headers()) {
        if (field.id == sip::header_id::accept_contact)
            out.accept_contact.push_back(field.value);
        else if (field.id == sip::header_id::reject_contact)
            out.reject_contact.push_back(field.value);
    }
    return out;
}

namespace {

using outcome = targets_result::outcome;

// A feature predicate (RFC 3841 7.2.1): the conjunction of its terms.
struct predicate {
    std::vector<sip::feature_param> terms;
    bool require = false;
    bool explicit_match = false;
};

// RFC 3840 numeric tag-values: "#=3", "#>=3", "#<=3", "#1:5" (range),
// and a contact's "#3".
struct numeric_range {
    double low = 0;
    double high = 0;
};

std::optional<double> number(std::string_view s)
{
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::optional<numeric_range> range_of(std::string_view text)
{
    if (text.empty() || text.front() != '#')
        return std::nullopt;
    text.remove_prefix(1);
    constexpr double inf = 1e300;
    if (text.starts_with(">=")) {
        auto v = number(text.substr(2));
        return v ? std::optional<numeric_range>({*v, inf}) : std::nullopt;
    }
    if (text.starts_with("<=")) {
        auto v = number(text.substr(2));
        return v ? std::optional<numeric_range>({-inf, *v}) : std::nullopt;
    }
    if (text.starts_with("="))
        text.remove_prefix(1);
    if (auto colon = text.find(':'); colon != std::string_view::npos) {
        auto a = number(text.substr(0, colon));
        auto b = number(text.substr(colon + 1));
        return a && b ? std::optional<numeric_range>({*a, *b}) : std::nullopt;
    }
    auto v = number(text);
    return v ? std::optional<numeric_range>({*v, *v}) : std::nullopt;
}

// Whether the contact's value of a feature satisfies one item of a
// preference's tag-value-list (RFC 2533 matching as RFC 3841 7.2.4 uses it).
bool item_matches(sip::tag_value const& item, sip::feature_param const& contact)
{
    bool found = false;
    switch (item.kind) {
    case sip::tag_value::type::boolean: {
        // A contact's bare feature is TRUE (RFC 3840 9).
        bool const want_true = sip::abnf::iequals(item.text, "TRUE");
        if (contact.kind == sip::feature_value_kind::boolean)
            found = want_true;
        else
            found = contact.values().contains(item.text);
        break;
    }
    case sip::tag_value::type::token:
        found = contact.kind == sip::feature_value_kind::tag_list && contact.values().contains(item.text);
        break;
    case sip::tag_value::type::numeric: {
        auto want = range_of(item.text);
        if (want && contact.kind == sip::feature_value_kind::tag_list)
            for (auto const& v : contact.values())
                if (auto have = range_of(v.text); have && have->low >= want->low && have->high <= want->high)
                    found = true;
        break;
    }
    }
    return item.negated ? !found : found;
}

bool term_matches(sip::feature_param const& term, sip::feature_param const& contact)
{
    switch (term.kind) {
    case sip::feature_value_kind::boolean:
        return contact.kind == sip::feature_value_kind::boolean ||
               (contact.kind == sip::feature_value_kind::tag_list && contact.values().contains("TRUE"));
    case sip::feature_value_kind::string:
        return contact.kind == sip::feature_value_kind::string && contact.value == term.value;
    case sip::feature_value_kind::tag_list:
        for (auto const& item : term.values())
            if (item_matches(item, contact))
                return true;
        return false;
    }
    return false;
}

std::optional<std::string> collect(std::vector<std::string_view> const& values, bool accept,
                                   std::vector<predicate>& out)
{
    for (auto value : values) {
        auto list = accept ? sip::parse_accept_contact(value) : sip::parse_reject_contact(value);
        if (!list)
            return list.error().message;
        for (auto const& pref : *list) {
            predicate p;
            p.require = accept && pref.require;
            p.explicit_match = accept && pref.explicit_match;
            for (auto const& f : pref.features())
                p.terms.push_back(f);
            if (!p.terms.empty())
                out.push_back(std::move(p));
        }
    }
    return std::nullopt;
}

// The feature parameters a binding was registered with.
sip::feature_params features_of(binding const& b)
{
    std::string_view const text = b.feature_params;
    if (sip::abnf::parse_params(text, sip::abnf::param_syntax::header) != text.size())
        return {};
    return sip::feature_params(sip::abnf::make_param_list(text, sip::abnf::param_syntax::header));
}

target target_of(binding&& b, std::uint16_t score)
{
    return target{.uri = std::move(b.contact),
                  .route = std::move(b.path),
                  .received = std::move(b.received),
                  .q = b.q,
                  .score = score,
                  .instance = std::move(b.instance),
                  .reg_id = b.reg_id};
}

// RFC 3841 7.2: filters @p bindings by the caller preferences and scores
// the survivors (Qa). nullopt: the preferences do not parse.
std::optional<std::string> apply_preferences(std::vector<binding>& bindings, caller_preferences const& prefs,
                                             std::vector<target>& out)
{
    std::vector<predicate> accepts;
    std::vector<predicate> rejects;
    if (auto error = collect(prefs.accept_contact, true, accepts))
        return error;
    if (auto error = collect(prefs.reject_contact, false, rejects))
        return error;
    bool const explicit_methods = std::any_of(accepts.begin(), accepts.end(), [](predicate const& p) {
        return std::any_of(p.terms.begin(), p.terms.end(), [](auto const& t) { return t.is("methods"); });
    });

    for (auto& b : bindings) {
        auto const features = features_of(b);
        // A contact registered without feature parameters (+sip.instance
        // aside) is immune to caller preferences: never discarded by them.
        bool const immune = std::none_of(features.begin(), features.end(),
                                         [](sip::feature_param const& f) { return !f.is("+sip.instance"); });
        auto const present = [&](sip::feature_param const& term) { return features.find(term.name); };

        bool keep = true;
        if (!immune) {
            // 7.2.3 / 7.2.4: a Reject-Contact predicate applies when the
            // contact declares every feature it names, and all match.
            for (auto const& r : rejects) {
                bool const all = std::all_of(r.terms.begin(), r.terms.end(), [&](auto const& t) {
                    auto c = present(t);
                    return c && term_matches(t, *c);
                });
                keep = keep && !all;
            }
            // 7.2.2.1: the implicit "methods" preference (require, not explicit).
            if (keep && !prefs.method.empty() && !explicit_methods)
                if (auto m = features.find("methods"); m && m->kind == sip::feature_value_kind::tag_list)
                    keep = m->values().contains(prefs.method);
        }
        if (!keep)
            continue;

        // 7.2.4: the matching set and the score of each predicate in it: a
        // feature the contact does not declare matches any value; the score
        // is the share of the predicate's features it declares.
        double sum = 0;
        std::size_t matched = 0;
        for (auto const& a : accepts) {
            std::size_t declared = 0;
            bool match = true;
            for (auto const& t : a.terms) {
                if (auto c = present(t)) {
                    ++declared;
                    match = match && term_matches(t, *c);
                }
            }
            double const score = static_cast<double>(declared) / static_cast<double>(a.terms.size());
            if (a.explicit_match && declared < a.terms.size())
                match = false;
            if (!match) {
                if (a.require && !immune)
                    keep = false;
                continue;
            }
            sum += score;
            ++matched;
        }
        if (!keep)
            continue;
        double const qa = accepts.empty() ? 1.0 : matched == 0 ? 0.0 : sum / static_cast<double>(matched);
        out.push_back(target_of(std::move(b), static_cast<std::uint16_t>(qa * 1000 + 0.5)));
    }
    // 7.2.4: in q order, and by Qa among equal q (the lookup order, most
    // recent first, breaks the remaining ties).
    std::stable_sort(out.begin(), out.end(), [](target const& a, target const& b) {
        return a.q != b.q ? a.q > b.q : a.score > b.score;
    });
    return std::nullopt;
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        c = sip::abnf::to_lower(c);
    return out;
}

} // namespace

targets_result find_targets(sip::uri const& request_uri, location_service const& location, std::string_view domain,
                            user_directory const& users, wall_clock::time_point now,
                            caller_preferences const& preferences)
{
    targets_result r;
    if (!request_uri.is_sip_or_sips() || !sip::abnf::iequals(request_uri.sip.host, domain))
        return r;
    auto const& sip = request_uri.sip;
    std::string const user = sip.user_text();

    // RFC 5627 5.3: a temp-gruu (;gr without a value) names one binding
    // through the location service's index.
    if (sip.has_gr && sip.gr.empty()) {
        auto found = location.find_temp_gruu(user, now);
        if (!found) {
            r.result = outcome::unknown_user;
            return r;
        }
        r.aor = std::move(found->first);
        r.result = outcome::found;
        r.targets.push_back(target_of(std::move(found->second), 1000));
        return r;
    }

    // 16.5: the AOR of the Request-URI (10.3 step 5 form; the registrar
    // refuses AORs with a port, so none is looked up).
    r.aor = std::string(request_uri.kind == sip::uri_kind::sips ? "sips:" : "sip:") + user + "@" + lower(sip.host);
    if (user.empty() || !users.contains(user)) {
        r.result = outcome::unknown_user;
        return r;
    }
    auto bindings = location.lookup(r.aor, now);

    // RFC 5627 5.3: a pub-gruu (AOR;gr=<instance>) reaches that instance
    // only, caller preferences aside.
    if (sip.has_gr) {
        std::string const instance = "<" + std::string(sip.gr) + ">";
        for (auto& b : bindings)
            if (b.instance == instance)
                r.targets.push_back(target_of(std::move(b), 1000));
        r.result = r.targets.empty() ? outcome::offline : outcome::found;
        return r;
    }

    if (bindings.empty()) {
        r.result = outcome::offline;
        return r;
    }
    if (auto error = apply_preferences(bindings, preferences, r.targets)) {
        r.result = outcome::bad_request;
        r.error = std::move(*error);
        return r;
    }
    r.result = r.targets.empty() ? outcome::no_match : outcome::found;
    return r;
}

} // namespace cpm::core
