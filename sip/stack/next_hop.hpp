#pragma once
/// @file
/// Where a request within a dialog goes (RFC 3261 12.2.1.1, 8.1.2) and
/// where a response goes (18.2.2), without RFC 3263 resolution: the stack
/// core names peers by IP address, so only an IP literal gives a peer of
/// its own.

#include "sip/dialog/dialog.hpp"
#include "sip/stack/peer.hpp"
#include "sip/uri.hpp"
#include "sip/via.hpp"

namespace cpm::sip::stack {

/// The peer SIP or SIPS URI @p u names, without RFC 3263 resolution: its
/// host (an IPv6 reference without brackets), its port (default 5060,
/// 5061 for TLS), TLS for SIPS or ;transport=tls, TCP for ;transport=tcp,
/// else UDP.
peer uri_peer(sip::uri const& u);

/// The peer a request within dialog @p d goes to. 8.1.2: the first URI of
/// the route set when there is one (a loose router is the next hop; a
/// strict one is the Request-URI, 12.2.1.1, and so the next hop too), else
/// the remote target. That URI gives the peer when its host is an IP
/// literal: its port (default 5060, 5061 for SIPS), its protocol from
/// ;transport= (SIPS: TLS; RFC 3263 4.1: UDP for a numeric IP without
/// one, unless it is @p current's address and port, whose protocol and
/// connection are kept). Otherwise (a host name, a URI that does not
/// parse): @p current, the peer the dialog was created with.
peer next_hop(dialog::dialog_state const& d, peer const& current);

/// Where the responses to a request received from @p from, whose topmost
/// Via (as the transport stamped it, 18.2.1) is @p top, go (18.2.2, RFC
/// 3581 4): on a reliable transport, back to @p from (its connection);
/// over UDP to the maddr when there is one (at the sent-by port), else to
/// @p from when the request asked for rport (the source address and port
/// the transport stamped), else to the received address (or the sent-by
/// host) at the sent-by port (default 5060). A host that is not an IP
/// literal (it would need RFC 3263 5) gives @p from's address.
peer response_target(sip::via const& top, peer const& from);

} // namespace cpm::sip::stack
