#pragma once
/// @file
/// IMDN routing through intermediaries (RFC 5438): an intermediary that
/// must see the IMDNs of an IM it forwards (a URI-list exploder, a
/// store-and-forward server) records itself in imdn.IMDN-Record-Route; the
/// recipient turns those into imdn.IMDN-Route (make_report in report.hpp);
/// each intermediary on the way back removes its own IMDN-Route and sends
/// the IMDN on. Both steps splice one header line into the CPIM text and
/// parse the result back, so the rest of the message is kept byte for byte.

#include "cpim/message.hpp"
#include "sip/abnf/parse_error.hpp"

#include <string>
#include <string_view>

namespace cpm::imdn {

/// @p im as the intermediary forwards it: its URI @p own_uri inserted as
/// the first imdn.IMDN-Record-Route (before those of intermediaries nearer
/// the sender), so that the recipient's first IMDN-Route is the nearest
/// intermediary. When the IM binds no prefix to the IMDN namespace, an
/// "NS: imdn <urn:ietf:params:imdn>" line is added with the header.
/// Refused: a URI that is not absolute or holds '<', '>' or a line break
/// (errc::bad_address).
sip::abnf::result<cpim::message> add_record_route(cpim::message const& im, std::string_view own_uri);

/// An IMDN relayed by an intermediary.
struct relayed_imdn {
    cpim::message message; ///< the IMDN without the intermediary's IMDN-Route
    /// Where it goes next: the next IMDN-Route, else the IMDN's To (the IM Sender).
    std::string next_hop;
};

/// The IMDN @p imdn, received by the intermediary @p own_uri, with its
/// first imdn.IMDN-Route (which must be @p own_uri: errc::not_on_route
/// otherwise, or when there is none) removed.
sip::abnf::result<relayed_imdn> relay_imdn(cpim::message const& imdn, std::string_view own_uri);

} // namespace cpm::imdn
