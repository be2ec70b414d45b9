#pragma once
/// @file
/// The Digest computations of RFC 7616 section 3.4.1 (RFC 2617 3.2.2 and
/// RFC 3261 22.4 for MD5): H, KD, A1 (plain and "-sess"), A2 for qop=auth,
/// and the request-digest with or without qop (the RFC 2069 form).
/// Hashes are lower-case hex strings (RFC 7616: "LHEX").

#include "sip/digest.hpp"

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace cpm::sip::auth {

/// True for the algorithms this library computes: MD5 (also when the
/// parameter is absent), SHA-256, SHA-512-256 and their "-sess" variants.
bool digest_supported(digest_algorithm algorithm) noexcept;

/// True for the "-sess" variants.
bool is_session_algorithm(digest_algorithm algorithm) noexcept;

/// The hash function under @p algorithm: md5_sess -> md5, unspecified -> md5.
digest_algorithm base_algorithm(digest_algorithm algorithm) noexcept;

/// Rank for choosing among challenges (RFC 7616 3.7: the client uses the
/// first supported one in the server's order of preference; we pick the
/// strongest): 0 for unsupported, then MD5 < SHA-256 < SHA-512-256.
int digest_strength(digest_algorithm algorithm) noexcept;

/// The token written in algorithm= ("SHA-256"); "MD5" for unspecified.
std::string_view digest_algorithm_name(digest_algorithm algorithm) noexcept;

/// @p bytes as lower-case hex digits.
std::string to_lower_hex(std::span<unsigned char const> bytes);

/// H(part1 ":" part2 ":" ...) in lower-case hex, hashing the parts in place.
/// @p algorithm must be supported.
std::string digest_hash(digest_algorithm algorithm, std::initializer_list<std::string_view> parts);

/// HA1 = H(username ":" realm ":" password) (RFC 7616 3.4.2, non-session form;
/// what a user store keeps instead of the password).
std::string digest_ha1(digest_algorithm algorithm, std::string_view username, std::string_view realm,
                       std::string_view password);

/// The inputs of one request-digest.
struct digest_input {
    digest_algorithm algorithm = digest_algorithm::md5;
    std::string_view ha1;    ///< H(username:realm:password), hex
    std::string_view nonce;
    std::string_view nc;     ///< 8 hex digits as sent; empty without qop
    std::string_view cnonce; ///< empty without qop (unless -sess)
    std::string_view qop;    ///< "auth", or empty for the RFC 2069 form
    std::string_view method; ///< A2's Method (RFC 3261 22.4: the request method)
    std::string_view uri;    ///< digest-uri as sent
};

/// RFC 7616 3.4.1: with qop, KD(H(A1), nonce:nc:cnonce:qop:H(A2)); without
/// (RFC 2069), KD(H(A1), nonce:H(A2)). For "-sess", H(A1) is
/// H(HA1:nonce:cnonce) (3.4.2). A2 = Method:digest-uri (qop=auth or none).
std::string digest_response(digest_input const& in);

/// Compares two hex digests in time independent of where they differ,
/// ignoring the case of hex letters (some clients send upper case).
bool digest_equal(std::string_view a, std::string_view b) noexcept;

} // namespace cpm::sip::auth
