#pragma once
/// @file
/// Caller preferences (RFC 3841): Accept-Contact and Reject-Contact feature
/// set predicates, the Request-Disposition directives, and Feature-Caps
/// (RFC 6809), which shares their "*" ;feature-param shape.

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"
#include "sip/feature_tags.hpp"

#include <boost/container/small_vector.hpp>

#include <optional>
#include <string_view>

namespace cpm::sip {

/// ac-value / rc-value / fc-value = "*" *(SEMI params)
struct caller_preference {
    abnf::param_list params;     ///< every parameter as written
    bool require = false;        ///< Accept-Contact ";require" (RFC 3841 9.2)
    bool explicit_match = false; ///< Accept-Contact ";explicit"
    std::string_view raw;        ///< the whole value, from the "*"

    /// The feature parameters of the predicate.
    feature_params features() const noexcept { return feature_params(params); }
};

/// The values of one Accept-Contact, Reject-Contact or Feature-Caps header:
/// usually one predicate, two without a heap allocation.
using caller_preference_list = boost::container::small_vector<caller_preference, 2>;

/// Accept-Contact = ac-value *(COMMA ac-value), ac-params = feature-param /
/// req-param / explicit-param / generic-param (RFC 3841 section 10).
abnf::result<caller_preference_list> parse_accept_contact(std::string_view value);
/// Reject-Contact = rc-value *(COMMA rc-value), rc-params = feature-param /
/// generic-param; "require" and "explicit" are ordinary parameters here.
abnf::result<caller_preference_list> parse_reject_contact(std::string_view value);
/// Feature-Caps = fc-value *(COMMA fc-value), fc-value = "*" *(SEMI
/// feature-cap), feature-cap = "+" fcap-name [...] (RFC 6809 section 6):
/// only '+' feature tags are allowed.
abnf::result<caller_preference_list> parse_feature_caps(std::string_view value);

/// Request-Disposition = directive *(COMMA directive) (RFC 3841 section
/// 10). Each member holds the directive given for its pair, nullopt when
/// neither was; a pair named twice with opposite values is an error.
struct request_disposition {
    std::optional<bool> proxy;    ///< "proxy" (true) / "redirect" (false)
    std::optional<bool> cancel;   ///< "cancel" / "no-cancel"
    std::optional<bool> fork;     ///< "fork" / "no-fork"
    std::optional<bool> recurse;  ///< "recurse" / "no-recurse"
    std::optional<bool> parallel; ///< "parallel" / "sequential"
    std::optional<bool> queue;    ///< "queue" / "no-queue"
};

abnf::result<request_disposition> parse_request_disposition(std::string_view value);

} // namespace cpm::sip
