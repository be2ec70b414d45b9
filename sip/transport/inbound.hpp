#pragma once
/// @file
/// What the transport hands up, and how it gets there from raw bytes:
/// parse, then stamp the topmost Via of a request (RFC 3261 18.2.1,
/// RFC 3581 4), or say how to reject. Sans-I/O: the sockets live in
/// layer.cpp; this is testable with strings.
///
/// Stamping builds a new message (one copy of the bytes, spliced, and a
/// re-parse) rather than handing received/rport up beside the message:
/// the RFC places the rule in the server transport, and once the Via is
/// stamped every layer above sees one truth. A response built per
/// 8.2.6 copies the Via with its received/rport, 18.2.2 routing reads
/// them from there, a proxy forwards them unchanged (16.6), and no layer
/// needs a side channel. The copy happens only for requests that need a
/// stamp (a sent-by that is not the source address, or an rport).

#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"
#include "sip/limits.hpp"
#include "sip/message.hpp"
#include "sip/transport/config.hpp"
#include "sip/transport/peer.hpp"

#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace cpm::sip::transport {

/// One complete message handed to the layer above.
struct inbound {
    sip::message message;  ///< requests have their top Via stamped (18.2.1)
    transport::peer from;  ///< source address and port of the bytes
    /// The stream connection it came on (none for UDP): pass it to
    /// send() or route_response() so the answer goes back on it (18.2.2).
    connection_id connection = connection_id::none;
};

/// The outcome of prepare() when the bytes are not a message to pass up.
struct rejected {
    abnf::parse_error error;
    /// A 400 with a Warning naming the error, when the bytes were a
    /// request whose Via, From, To, Call-ID and CSeq could still be read
    /// (RFC 3261 8.2.6 needs them); empty otherwise.
    std::string response;
};

/// Parses @p text received from @p from (a datagram when @p datagram,
/// else one message framed on a stream: RFC 3261 18.3) and stamps a
/// request's topmost Via. The 400 of a rejected request is built for
/// streams only: a bad datagram is dropped.
std::variant<sip::message, rejected> prepare(abnf::text_buffer text, peer const& from, bool datagram,
                                             sip::limits const& limits, std::string_view warning_agent);

/// RFC 3261 18.2.1 and RFC 3581 4: @p request with ";received=<source
/// address>" added to its topmost Via when the sent-by host differs from
/// @p from's address (or the Via has rport), and ";rport=<source port>"
/// filling an rport without value. Any received or rport already there is
/// replaced. Returns @p request unchanged when nothing needs adding.
abnf::result<sip::message> stamp_via(sip::message request, peer const& from, sip::limits const& limits);

/// RFC 3261 18.1.2: whether the topmost Via of a received response,
/// @p top_via, names one of @p ours (host compared without case; a
/// sent-by without port matches any port).
bool sent_by_matches(sip::via const& top_via, std::span<sent_by const> ours) noexcept;

} // namespace cpm::sip::transport
