#pragma once
/// @file
/// Globally Routable User Agent URIs (RFC 5627) as the registrar hands them
/// out: the public GRUU is the AOR with ;gr=<instance-id> (5.1.1), the
/// temporary GRUU an opaque user part at our domain with ;gr (5.1.2).
///
/// A temp-gruu's user part is "<key>.<serial>": the key is an HMAC of
/// (AOR, instance, Call-ID) under the server secret, so it is unguessable
/// and stays the same for every refresh of one registration, while the
/// serial makes each refresh hand out a new URI (5.1.2 asks for a new one
/// each time). Every temp-gruu issued for a registration resolves while it
/// is bound with the same Call-ID (5.1.2: a new Call-ID invalidates the old
/// ones), though the location service stores only the key.

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace cpm::core {

/// RFC 5627 5.1.1: "<aor>;gr=<instance>" with @p instance the +sip.instance
/// URN without angle brackets ("urn:uuid:...").
std::string public_gruu(std::string_view aor, std::string_view instance);

/// RFC 5627 5.1.2: "sip:<user>@<domain>;gr" (sips: when @p sips).
std::string temp_gruu_uri(std::string_view user, std::string_view domain, bool sips = false);

/// The key of a temp-gruu user part: the text before its last '.' (the
/// whole text when it has none). Equal keys name the same binding.
std::string_view temp_gruu_key(std::string_view user) noexcept;

/// Issues temp-gruu user parts. Thread-safe.
class temp_gruu_issuer {
public:
    /// @p secret keys the HMAC: share it across the workers and nodes that
    /// share a location service.
    explicit temp_gruu_issuer(std::string secret) : secret_(std::move(secret)) {}

    /// A new user part for the registration of @p instance at @p aor made
    /// with Call-ID @p call_id: 24 hex digits of HMAC-SHA-256, '.', a
    /// serial in hex.
    std::string issue(std::string_view aor, std::string_view instance, std::string_view call_id);

private:
    std::string secret_;
    std::atomic<std::uint64_t> serial_{0};
};

} // namespace cpm::core
