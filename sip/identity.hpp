#pragma once
/// @file
/// The Identity header: RFC 8224 (a signed PASSporT with its certificate
/// "info" URI), or the RFC 4474 form it replaced (a quoted base64
/// signature, with the certificate in Identity-Info; see info_uri.hpp), or
/// the unquoted signature of the drafts before RFC 4474 (RFC 4475 3.1.1.11
/// carries one in a message it calls valid).

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"

#include <cstdint>
#include <string_view>

namespace cpm::sip {

/// Which specification the value follows.
enum class identity_form : std::uint8_t {
    rfc8224, ///< signed-identity-digest SEMI ident-info *(SEMI ident-info-params)
    rfc4474, ///< LDQUOT signature RDQUOT
    draft,   ///< a bare base64 signature, nothing after it (pre-RFC 4474)
};

/// Identity = signed-identity-digest SEMI ident-info *(SEMI ident-info-params)
struct identity {
    std::string_view digest;   ///< signed-identity-digest (base64url "." segments), or the RFC 4474 signature
    std::string_view info_uri; ///< ident-info "<absoluteURI>" without brackets; empty in the older forms
    std::string_view alg;      ///< ident-info-alg token; empty when absent
    std::string_view ppt;      ///< ident-type (PASSporT type) token; empty when absent
    abnf::param_list params;   ///< the parameters after ident-info, as written
    identity_form form = identity_form::rfc8224;
};

abnf::result<identity> parse_identity(std::string_view value);

} // namespace cpm::sip
