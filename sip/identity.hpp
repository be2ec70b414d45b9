#pragma once
/// @file
/// The Identity header: RFC 8224 (a signed PASSporT with its certificate
/// "info" URI), or the RFC 4474 form it replaced (a quoted base64
/// signature, with the certificate in Identity-Info; see info_uri.hpp).

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"

#include <string_view>

namespace cpm::sip {

/// Identity = signed-identity-digest SEMI ident-info *(SEMI ident-info-params)
struct identity {
    std::string_view digest;   ///< signed-identity-digest (base64url "." segments), or the RFC 4474 signature
    std::string_view info_uri; ///< ident-info "<absoluteURI>" without brackets; empty in the RFC 4474 form
    std::string_view alg;      ///< ident-info-alg token; empty when absent
    std::string_view ppt;      ///< ident-type (PASSporT type) token; empty when absent
    abnf::param_list params;   ///< the parameters after ident-info, as written
    bool rfc4474 = false;      ///< the value was an RFC 4474 quoted-string
};

abnf::result<identity> parse_identity(std::string_view value);

} // namespace cpm::sip
