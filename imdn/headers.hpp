#pragma once
/// @file
/// The CPIM header fields of RFC 5438 (namespace urn:ietf:params:imdn,
/// usually prefixed "imdn."): Message-ID, Disposition-Notification,
/// Original-To, IMDN-Record-Route and IMDN-Route, typed over a parsed
/// cpim::message, with the CPIM DateTime they go with.

#include "cpim/message.hpp"

#include "sip/abnf/parse_error.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace cpm::imdn {

/// The CPIM header namespace of RFC 5438 section 6 (declared by
/// "NS: imdn <urn:ietf:params:imdn>").
inline constexpr std::string_view header_namespace = "urn:ietf:params:imdn";

/// One notify-req of Disposition-Notification as written, with its parameters.
struct notify_request {
    std::string_view name;   ///< "positive-delivery", ... or an extension Token
    std::string_view params; ///< raw, from the first ';' ("" when none)
};

/// Which notifications an IM asks for (RFC 5438 section 5 disposition types).
struct disposition_request {
    bool positive_delivery = false;
    bool negative_delivery = false;
    bool processing = false;
    bool display = false;
    std::vector<notify_request> items; ///< every notify-req, known or not, in order

    bool any() const noexcept { return positive_delivery || negative_delivery || processing || display; }
};

/// Disposition-Notification: [notify-req *(COMMA notify-req)], notify-req =
/// ("negative-delivery" / "positive-delivery" / "processing" / "display" /
/// Token) *(SEMI disp-notify-params). Unknown tokens are kept (the ABNF
/// allows them); offsets of errors are relative to @p value.
sip::abnf::result<disposition_request> parse_disposition_notification(std::string_view value);

/// Message-ID: Token (RFC 3862 Token). Offsets relative to @p value.
sip::abnf::result<std::string_view> parse_message_id(std::string_view value);

/// The IMDN header fields of one CPIM message.
struct imdn_headers {
    std::string_view message_id;              ///< imdn.Message-ID; empty when absent
    std::optional<cpim::date_time> date_time; ///< the CPIM DateTime
    disposition_request requested;            ///< imdn.Disposition-Notification (all of them)
    std::optional<cpim::address> original_to; ///< imdn.Original-To
    std::vector<cpim::address> record_route;  ///< imdn.IMDN-Record-Route, in order
    std::vector<cpim::address> route;         ///< imdn.IMDN-Route, in order
};

/// Reads and checks the IMDN headers of @p m: at most one Message-ID and
/// Original-To; addresses in the [Formal-name] "<" URI ">" form. Errors
/// point into m.text().
sip::abnf::result<imdn_headers> read_headers(cpim::message const& m);

} // namespace cpm::imdn
