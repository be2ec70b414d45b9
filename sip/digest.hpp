#pragma once
/// @file
/// Authentication headers (RFC 3261 sections 20.6, 20.7, 20.27, 20.28,
/// 20.44 and 25.1; RFC 7616 for the SHA-2 algorithms, charset and
/// userhash; RFC 8760 brings those to SIP): WWW-Authenticate and
/// Proxy-Authenticate (challenge), Authorization and Proxy-Authorization
/// (credentials), Authentication-Info.
///
/// Digest parameters are decoded into named fields; any other scheme is
/// kept as its name plus raw auth-params (or a token68, as "Bearer" uses).
/// Quoted fields are views between the quotes with quoted-pairs kept (they
/// are rare; params[i].unquoted_value() gives the exact text).

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"
#include "sip/token_list.hpp"

#include <boost/container/small_vector.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace cpm::sip {

/// algorithm = "algorithm" EQUAL ( "MD5" / "MD5-sess" / "SHA-256" /
/// "SHA-256-sess" / "SHA-512-256" / "SHA-512-256-sess" / token )
enum class digest_algorithm : std::uint8_t {
    unspecified, ///< no algorithm parameter: MD5 (RFC 7616 3.3)
    md5,
    md5_sess,
    sha_256,
    sha_256_sess,
    sha_512_256,
    sha_512_256_sess,
    other, ///< e.g. "AKAv1-MD5" (RFC 3310): see algorithm_text
};

/// Case-insensitive mapping of an algorithm token.
digest_algorithm digest_algorithm_from(std::string_view token) noexcept;

/// The auth-params of one header value, in order (value as written). Ten
/// stay inline, without a heap allocation: a Digest response with qop has
/// nine or ten (username, realm, nonce, uri, response, algorithm, cnonce,
/// opaque, qop, nc); a challenge or Authentication-Info fewer.
using auth_params = boost::container::small_vector<abnf::param, 10>;

/// challenge = ("Digest" LWS digest-cln *(COMMA digest-cln)) / other-challenge
struct challenge {
    std::string_view scheme;  ///< "Digest", or another auth-scheme as written
    auth_params params;       ///< every auth-param in order (value as written)
    std::string_view token68; ///< a non-Digest scheme's token68, when it has one

    // Digest only (RFC 3261 25.1 digest-cln, RFC 7616 3.3):
    std::string_view realm;  ///< inside the quotes
    std::string_view domain; ///< inside the quotes: space-separated URIs
    std::string_view nonce;  ///< inside the quotes
    std::string_view opaque; ///< inside the quotes
    bool stale = false;
    digest_algorithm algorithm = digest_algorithm::unspecified;
    std::string_view algorithm_text; ///< as written; empty when absent
    token_list qop_options;          ///< the qop list inside the quotes ("auth", "auth-int")
    std::string_view charset;        ///< RFC 7616: "UTF-8" when present
    bool userhash = false;           ///< RFC 7616

    bool is_digest() const noexcept;
};

/// credentials = ("Digest" LWS digest-response) / other-response
struct credentials {
    std::string_view scheme;
    auth_params params;
    std::string_view token68;

    // Digest only (RFC 3261 25.1 dig-resp, RFC 7616 3.4):
    std::string_view username; ///< inside the quotes (the hash when userhash=true)
    std::string_view realm;
    std::string_view nonce;
    std::string_view uri;      ///< digest-uri, inside the quotes
    std::string_view response; ///< hex digits inside the quotes (empty in an IMS initial REGISTER)
    std::string_view cnonce;
    std::string_view opaque;
    digest_algorithm algorithm = digest_algorithm::unspecified;
    std::string_view algorithm_text;
    std::string_view qop;                    ///< message-qop, e.g. "auth"; empty when absent
    std::string_view nc;                     ///< nonce-count as written (8 hex digits)
    std::optional<std::uint32_t> nonce_count;
    bool userhash = false;

    bool is_digest() const noexcept;
};

/// Authentication-Info = ainfo *(COMMA ainfo)
struct authentication_info {
    auth_params params;
    std::string_view nextnonce; ///< inside the quotes
    std::string_view qop;       ///< message-qop
    std::string_view rspauth;   ///< response-digest, inside the quotes
    std::string_view cnonce;
    std::string_view nc;
    std::optional<std::uint32_t> nonce_count;
};

/// WWW-Authenticate / Proxy-Authenticate; @p header names the header in
/// error sentences. A Digest challenge needs realm and nonce.
abnf::result<challenge> parse_challenge(std::string_view value, std::string_view header);

/// Authorization / Proxy-Authorization. Digest credentials need username,
/// realm, nonce, uri and response, plus cnonce and nc when qop is given
/// (RFC 7616 3.4). A quoted qop is accepted: deployed clients send one.
abnf::result<credentials> parse_credentials(std::string_view value, std::string_view header);

abnf::result<authentication_info> parse_authentication_info(std::string_view value);

} // namespace cpm::sip
