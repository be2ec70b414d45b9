#pragma once
/// @file
/// Headers whose values are addresses: the route sets (Route, Record-Route,
/// Path RFC 3327, Service-Route RFC 3608), Reply-To, the asserted
/// identities (P-Asserted-Identity / P-Preferred-Identity, RFC 3325),
/// Referred-By (RFC 3892), Refer-To (RFC 3515) and the IMS P-Associated-URI
/// and P-Called-Party-ID (RFC 7315).

#include "sip/abnf/parse_error.hpp"
#include "sip/name_addr.hpp"

#include <string_view>

namespace cpm::sip {

/// Route / Record-Route / Path / Service-Route = name-addr *(SEMI rr-param)
/// *(COMMA ...): every entry must be written <URI>. @p header names the
/// header in the error sentence.
abnf::result<name_addr_list> parse_route(std::string_view value, std::string_view header);

/// One (name-addr / addr-spec) *(SEMI generic-param): Reply-To (RFC 3261
/// 20.31), P-Called-Party-ID (RFC 7315 4.2).
abnf::result<name_addr> parse_address(std::string_view value, std::string_view header);

/// P-Asserted-Identity / P-Preferred-Identity = (name-addr / addr-spec)
/// *(COMMA ...) (RFC 3325 9.1, 9.2): one or two identities without header
/// parameters (so an addr-spec keeps its ";user=phone" as URI parameters);
/// one must be sip, sips or tel, and two must be one sip/sips and one tel.
abnf::result<name_addr_list> parse_asserted_identity(std::string_view value, std::string_view header);

/// Referred-By = referrer-uri *(SEMI (referredby-id-param / generic-param))
struct referred_by {
    name_addr address;
    /// RFC 3892 cid = LDQUOT dot-atom "@" (dot-atom / host) RDQUOT, inside
    /// the quotes; empty when absent.
    std::string_view cid;
};

abnf::result<referred_by> parse_referred_by(std::string_view value);

/// Refer-To = (name-addr / addr-spec) *(SEMI refer-param), refer-param =
/// generic-param / feature-param (RFC 3515 2.1, RFC 4508). A URI carrying
/// '?' headers (Replaces=...) must be written <URI>.
abnf::result<name_addr> parse_refer_to(std::string_view value);

/// P-Associated-URI = [p-aso-uri-spec] *(COMMA p-aso-uri-spec),
/// p-aso-uri-spec = name-addr *(SEMI ai-param) (RFC 7315 4.1): may be empty.
abnf::result<name_addr_list> parse_associated_uri(std::string_view value);

} // namespace cpm::sip
