#pragma once
/// @file
/// The target set of a request addressed to our domain (RFC 3261 16.5):
/// the Request-URI is looked up in the location service, GRUUs resolve to
/// their one binding (RFC 5627 5.3), and the caller preferences of the
/// request (RFC 3841 7.2: Accept-Contact, Reject-Contact and the implicit
/// methods preference) filter and order the registered contacts.

#include "cpm/core/location.hpp"
#include "cpm/core/users_file.hpp"
#include "sip/message.hpp"
#include "sip/stack/peer.hpp"
#include "sip/uri.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::core {

/// One branch to fork to.
struct target {
    std::string uri;                ///< the registered contact: the branch's Request-URI (16.6 step 2)
    std::vector<std::string> route; ///< the binding's Path values (RFC 3327), top first: Route headers of the branch
    sip::stack::peer received;      ///< where the REGISTER came from (the flow, RFC 5626)
    std::uint16_t q = 1000;         ///< the registered q-value times 1000
    std::uint16_t score = 1000;     ///< RFC 3841 Qa times 1000 (1000 without Accept-Contact)
    std::string instance;           ///< +sip.instance of the binding ("<urn:...>"), empty when none
    std::uint32_t reg_id = 0;       ///< RFC 5626 reg-id of the binding: with an instance, an outbound flow
};

/// The caller preferences of a request (RFC 3841): the values of every
/// Accept-Contact and Reject-Contact field, and the method (7.2.2.1: a
/// contact that lists its methods must list this one).
struct caller_preferences {
    std::string_view method;
    std::vector<std::string_view> accept_contact;
    std::vector<std::string_view> reject_contact;
};

/// Views into @p request (keep it alive).
caller_preferences preferences_of(sip::message const& request);

struct targets_result {
    enum class outcome : std::uint8_t {
        not_ours,     ///< not a SIP/SIPS URI of our domain: forward to the Request-URI (16.5)
        unknown_user, ///< no such user, or a temp-gruu we do not know: 404
        offline,      ///< a known user (or pub-gruu) without a live binding: 480
        no_match,     ///< bindings exist but the caller preferences left none: 480 (RFC 3841 7.2.4)
        bad_request,  ///< an Accept-Contact or Reject-Contact that does not parse: 400 (sentence in `error`)
        found,        ///< `targets` holds at least one branch
    };
    outcome result = outcome::not_ours;
    std::string aor;              ///< the AOR looked up (canonical form), when ours
    std::vector<target> targets;  ///< highest q first, then highest score, then the most recent registration
    std::string error;            ///< the sentence of bad_request
};

/// The target set of @p request_uri at @p now. @p domain is ours; @p users
/// tells an unknown user (404) from an offline one (480).
targets_result find_targets(sip::uri const& request_uri, location_service const& location, std::string_view domain,
                            user_directory const& users, wall_clock::time_point now,
                            caller_preferences const& preferences = {});

} // namespace cpm::core
