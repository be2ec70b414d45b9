#pragma once
/// @file
/// Registration of a CPM client at the SIP/IP core (draft section 7.1,
/// RFC 3261 10.2): REGISTER with the CPM feature tag, +sip.instance and
/// reg-id in the Contact (RFC 5626), Supported and Require: gruu (RFC
/// 5627), Digest answers, refresh before expiry (REQ-7.1-P2) and
/// de-registration with Expires: 0 (REQ-7.1-P3). Keeps what the 200 hands
/// back: the granted time, pub-gruu and temp-gruu, the Service-Route.
///
/// A transaction user of the stack core: it calls the core and is handed
/// the core's notifications through handle(). Timers are TU timers of the
/// core (refresh at half the granted time; a failed refresh is retried
/// after 30 s, doubling up to 30 min, RFC 5626 4.5).

#include "cpm/client/account.hpp"
#include "cpm/client/error.hpp"
#include "cpm/client/outgoing.hpp"

#include "sip/auth/client_credentials.hpp"
#include "sip/stack/core.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::client {

enum class registration_state : std::uint8_t {
    unregistered, ///< no binding (never registered, de-registered, or expired)
    registering,  ///< a REGISTER that adds or refreshes the binding is in flight
    registered,   ///< the binding is live; a refresh timer runs
    unregistering,///< the Expires: 0 REGISTER is in flight
    failed,       ///< the last REGISTER got a final error (see last_status())
};

/// "registered", "failed", ... (for logs and the app's output).
std::string_view to_string(registration_state s) noexcept;

/// What a REGISTER transaction ended with.
struct registration_event {
    registration_state state = registration_state::unregistered; ///< the state it led to
    unsigned status = 0;     ///< the final status (408/503 for no answer, RFC 3261 8.1.3.1)
    std::string reason;      ///< its reason phrase, or a sentence for a local failure
    bool refresh = false;    ///< a refresh of a live binding
};

class registration {
public:
    using listener = std::function<void(registration_event const&)>;

    /// @p a and @p digest must outlive the registration.
    registration(account const& a, sip::auth::digest_client& digest);

    /// Called after each REGISTER transaction ends.
    void on_event(listener l) { listener_ = std::move(l); }

    /// Sends the REGISTER that creates the binding (7.1 steps 1-8). The
    /// Contact URI is the core's (config::contact).
    result<void> start(sip::stack::core& c);
    /// Sends the REGISTER with Expires: 0 that removes the binding (7.1,
    /// REQ-7.1-P3) and stops the refresh timer. errc::not_registered when
    /// no binding can be live (none granted, or removed).
    result<void> stop(sip::stack::core& c);

    /// Takes @p a when it belongs to the registration (a response to its
    /// REGISTER, a failure, its refresh timer); returns whether it did.
    bool handle(sip::stack::core& c, sip::stack::action const& a);

    registration_state state() const noexcept { return state_; }
    /// The time the registrar granted (seconds; 0 when not registered).
    std::uint32_t granted() const noexcept { return granted_; }
    std::string const& pub_gruu() const noexcept { return pub_gruu_; }
    std::string const& temp_gruu() const noexcept { return temp_gruu_; }
    /// RFC 3608: the Service-Route values of the last 2xx, in order.
    std::vector<std::string> const& service_route() const noexcept { return service_route_; }
    unsigned last_status() const noexcept { return last_status_; }
    /// The REGISTER last sent (for tests and logs).
    std::string const& last_request() const noexcept { return pending_.sent; }

private:
    outgoing make_register(sip::stack::core& c, std::uint32_t expires);
    result<void> send_register(sip::stack::core& c, std::uint32_t expires);
    void on_final(sip::stack::core& c, unsigned status, std::string reason, sip::message const* response);
    void on_success(sip::stack::core& c, sip::message const& response);
    void finish(registration_state s, unsigned status, std::string reason);
    /// (Re)starts the timer of the next REGISTER (a refresh or a retry).
    void arm(sip::stack::core& c, sip::stack::duration after);
    void disarm(sip::stack::core& c);

    account const& account_;
    sip::auth::digest_client& digest_;
    listener listener_;

    registration_state state_ = registration_state::unregistered;
    bool in_flight_ = false;
    bool removing_ = false;        ///< the request in flight is the Expires: 0 one
    bool refreshing_ = false;      ///< the request in flight refreshes a live binding
    std::uint32_t asked_ = 0;      ///< Expires of the request in flight
    bool retried_423_ = false;
    std::string call_id_;          ///< 10.2.4: the same Call-ID for every REGISTER of this client
    std::string from_tag_;
    std::uint32_t cseq_ = 0;       ///< 10.2.4: incremented for each REGISTER
    pending_request pending_;
    sip::stack::timer_handle refresh_{};
    unsigned failures_ = 0;        ///< refreshes failed in a row (RFC 5626 4.5 backoff)

    std::uint32_t granted_ = 0;
    std::string pub_gruu_;
    std::string temp_gruu_;
    std::vector<std::string> service_route_;
    unsigned last_status_ = 0;
};

} // namespace cpm::client
