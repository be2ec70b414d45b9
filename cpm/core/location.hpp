#pragma once
/// @file
/// The location service (RFC 3261 10.2, 10.3): the bindings of each
/// address-of-record, written by the registrar and read by the proxy
/// (16.5). Behind an interface so a later store (SQLite, PostgreSQL) can
/// back it; memory_location.hpp is the in-memory one.
///
/// Threading: implementations are safe to call from several worker
/// threads at once (the proxy of every worker reads, the registrar of
/// every worker writes).

#include "sip/stack/peer.hpp"
#include "sip/uri.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::core {

using wall_clock = std::chrono::system_clock;

/// One registered contact of an address-of-record.
struct binding {
    std::string contact;         ///< the Contact URI as registered (no '<>'), where requests go
    std::string instance;        ///< RFC 5626 +sip.instance value without quotes ("<urn:uuid:...>"); empty when none
    std::uint32_t reg_id = 0;    ///< RFC 5626 reg-id; 0 when none
    std::uint16_t q = 1000;      ///< RFC 3261 20.10 q-value times 1000 (1000 when absent)
    wall_clock::time_point expires{}; ///< absolute expiry
    std::string call_id;         ///< 10.3 step 7: Call-ID and CSeq of the REGISTER that wrote it
    std::uint32_t cseq = 0;
    std::vector<std::string> path; ///< RFC 3327: Path values of the REGISTER, top first, each "<uri;lr>"
    /// RFC 3840 feature parameters of the Contact as received, each ";name" or
    /// ";name=value" ("+g.oma.sip-im", "+g.3gpp.icsi-ref=\"...\"", "methods=\"...\""), for
    /// RFC 3841 caller preferences matching by the proxy.
    std::string feature_params;
    std::string temp_gruu;       ///< RFC 5627: the temp-gruu handed out with this binding (empty when none)
    sip::stack::peer received;        ///< where the REGISTER came from (the flow, RFC 5626)
    /// When the REGISTER that wrote it arrived: orders bindings of equal q
    /// (most recent first). Added by the registrar helper.
    wall_clock::time_point registered{};
};

/// The store of bindings per address-of-record (the canonical form of
/// canonical_aor()).
class location_service {
public:
    virtual ~location_service() = default;

    /// The bindings of @p aor that have not expired at @p now, highest q
    /// first (ties: most recently registered first). Empty for an unknown AOR.
    virtual std::vector<binding> lookup(std::string_view aor, wall_clock::time_point now) const = 0;

    /// Replaces every binding of @p aor with @p bindings; an empty list
    /// removes the AOR.
    virtual void store(std::string_view aor, std::vector<binding> bindings) = 0;

    /// Atomically (10.3: a REGISTER is processed completely or not at all,
    /// and independently of any other) hands @p change the bindings of
    /// @p aor live at @p now (lookup() order) and stores what it leaves in
    /// them when it returns true; false leaves the AOR as it was. @p change
    /// runs under the store's lock: keep it short, call nothing of the
    /// store from it. This default is lookup() then store(), atomic only
    /// when nothing else writes the AOR; implementations override it.
    /// Added by the registrar helper.
    virtual bool update(std::string_view aor, wall_clock::time_point now,
                        std::function<bool(std::vector<binding>&)> const& change)
    {
        auto bindings = lookup(aor, now);
        if (!change(bindings))
            return false;
        store(aor, std::move(bindings));
        return true;
    }

    /// RFC 5627 5.1: the AOR and binding a temp-gruu names (its user part,
    /// @p temp_gruu_user, identifies it), when live at @p now.
    virtual std::optional<std::pair<std::string, binding>> find_temp_gruu(std::string_view temp_gruu_user,
                                                                          wall_clock::time_point now) const = 0;

    /// Live AORs and bindings (for statistics and memory measurements).
    virtual std::size_t aor_count() const = 0;
    virtual std::size_t binding_count() const = 0;
};

/// RFC 3261 10.3 step 5: the canonical address-of-record of a SIP or SIPS
/// URI: "sip:" or "sips:", the user part with its %-escapes decoded, '@',
/// the host in lower case and the port when one is written; no parameters
/// or headers ("sip:alice@example.com"). nullopt for other schemes and for
/// URIs without a user part.
std::optional<std::string> canonical_aor(sip::uri const& uri);

} // namespace cpm::core
