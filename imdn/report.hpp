#pragma once
/// @file
/// Building the IMDN for a received IM (RFC 5438 section 7.2.1 and the
/// routing of section 7): the CPIM message that carries the
/// message/imdn+xml document back to the IM Sender, and where to send it.

#include "imdn/notification.hpp"

#include "cpim/message.hpp"
#include "sip/abnf/parse_error.hpp"

#include <string>
#include <string_view>

namespace cpm::imdn {

/// What a recipient reports about one IM.
struct report {
    notification_kind kind = notification_kind::delivery;
    notification_status status = notification_status::delivered;
    /// imdn.Message-ID of the IMDN itself: a new unique Token (RFC 5438 6.3).
    std::string_view message_id;
    /// DateTime of the IMDN (the time it is made).
    cpim::date_time date_time;
    /// The reporting recipient; empty: the IM's first To.
    std::string_view recipient_uri;
    /// Copy the IM's Subject into <subject> (RFC 5438 allows it; off by
    /// default, as the subject may be private).
    bool include_subject = false;
};

/// An IMDN ready to send.
struct outgoing_report {
    cpim::message message; ///< the message/cpim body, parsed back from its wire form
    /// Where the IMDN goes first: the URI of the first IMDN-Route (the IM's
    /// first IMDN-Record-Route), else the IM Sender (the IM's From).
    std::string next_hop;
};

/// Makes the IMDN for @p im. Its CPIM From is the recipient, To the IM's
/// From, imdn.Message-ID and DateTime its own; the IM's IMDN-Record-Route
/// values become IMDN-Route values in the same order (display names kept
/// unless they hold escapes); it requests no IMDN itself. The document
/// holds the IM's Message-ID and DateTime, the recipient, the IM's
/// Original-To as original-recipient-uri, and the status.
///
/// Refused, naming the reason: an IM without imdn.Message-ID, DateTime or
/// From; a report the IM did not ask for (delivered needs
/// positive-delivery; failed, forbidden and error of a delivery need
/// negative-delivery; display and processing need display and processing).
sip::abnf::result<outgoing_report> make_report(cpim::message const& im, report const& r);

} // namespace cpm::imdn
