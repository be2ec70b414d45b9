#pragma once
/// @file
/// The registrar (RFC 3261 10.3) as a sans-I/O transaction user: given a
/// REGISTER, the peer it came from and the time, it updates the location
/// service and returns the whole response to send (the caller passes the
/// bytes to stack::core::respond). Extensions: RFC 5626 instance and reg-id,
/// RFC 5627 GRUU, RFC 3327 Path, RFC 3608 Service-Route, RFC 3840 feature
/// tags (the CPM ones of the CPM draft 7.1, REQ-7.1-A.2 to A.5) kept with
/// each binding for the proxy's RFC 3841 matching.
///
/// Threading: one registrar per worker (its Digest challenger tracks the
/// nonce-counts of that worker's requests); the location service is shared.

#include "cpm/core/gruu.hpp"
#include "cpm/core/location.hpp"
#include "sip/auth/challenger.hpp"
#include "sip/auth/user_store.hpp"
#include "sip/message.hpp"
#include "sip/stack/peer.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::core {

struct registrar_config {
    std::string domain;  ///< the domain whose bindings we keep; also the Digest realm
    std::string secret;  ///< keys the Digest nonces and the temp-gruus (share it across workers)
    std::chrono::seconds min_expires{60};       ///< shorter non-zero intervals get 423 (10.3 step 7)
    std::chrono::seconds max_expires{3600};     ///< longer ones are shortened to this
    std::chrono::seconds default_expires{3600}; ///< when neither the Contact nor Expires gives one
    /// RFC 3608: Service-Route values put in every 200, each "<sip:...;lr>"; empty: none.
    std::vector<std::string> service_route;
    std::string agent = "cpm-server"; ///< Server header and warn-agent of Warning
    /// Most bindings one AOR may hold (a REGISTER that would exceed it gets 403).
    std::size_t max_bindings = 32;
};

/// Counts of the responses handle() gave, for logs and tests.
struct registrar_stats {
    std::uint64_t ok = 0;         ///< 200 answered (updates and fetches)
    std::uint64_t challenged = 0; ///< 401 answered
    std::uint64_t refused = 0;    ///< any other final response
};

class registrar {
public:
    /// @p location and @p users must outlive the registrar. Digest realm is
    /// config.domain.
    registrar(registrar_config config, location_service& location, sip::auth::user_store const& users);

    /// 10.3 step 1: whether @p request's Request-URI names our domain (its
    /// host, case-insensitive). A node that also proxies forwards a REGISTER
    /// for another domain (16) instead of calling handle(), which answers
    /// it 404.
    bool responsible_for(sip::message const& request) const;

    /// The complete response to REGISTER @p request received from @p from at
    /// @p now. @p trusted: the request comes from a trusted peer (RFC 3325
    /// trust domain) and is not challenged.
    std::string handle(sip::message const& request, sip::stack::peer const& from, wall_clock::time_point now,
                       bool trusted = false);

    registrar_config const& config() const noexcept { return config_; }
    registrar_stats const& stats() const noexcept { return stats_; }

private:
    struct request_view;
    struct problem {
        unsigned code;
        std::string_view reason;
        std::string warning;
    };
    std::optional<problem> decode(request_view& rq, sip::message const& request) const;
    std::string update(request_view const& rq, wall_clock::time_point now, std::string_view tag);
    std::string refuse(sip::message const& request, unsigned code, std::string_view reason,
                       std::string_view warning, std::string_view tag);
    std::string next_tag();

    registrar_config config_;
    location_service& location_;
    sip::auth::challenger challenger_;
    temp_gruu_issuer gruus_;
    registrar_stats stats_;
    std::uint64_t tag_seed_ = 0;
    std::uint64_t tag_serial_ = 0;
};

} // namespace cpm::core
