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

#include <cstddef>
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

/// The outcome of prepare_datagram() and prepare_stream() when the bytes
/// are not a message to pass up.
struct rejected {
    abnf::parse_error error;
    /// A 400 with a Warning naming the error, when the bytes were a
    /// request (not an ACK) whose top Via sent-by, From, To, Call-ID and
    /// CSeq could still be read (RFC 3261 8.2.6 copies them: as received
    /// when their own syntax is what failed); empty otherwise.
    std::string response;
    /// Where a datagram's 400 goes (see prepare_datagram()); a stream's
    /// goes back on its connection.
    peer reply_to;
};

/// Parses datagram @p bytes received from @p from (copied once into the
/// message's buffer) and stamps a request's topmost Via.
///
/// A malformed request is answered (rejected::response) only where this
/// cannot reflect traffic at a third party or amplify it:
/// - the 400 goes to @p from's address, never to a sent-by name, a
///   "received" or a "maddr" written in the request (the address RFC 3261
///   18.2.1 would stamp as "received" and 18.2.2 then use), at the port of
///   18.2.2 / RFC 3581 4: the source port when the top Via has "rport",
///   else the sent-by port (5060 when absent);
/// - it copies only fields of the request (each at most once) plus a
///   status line, a To tag and a Warning of bounded text, so it is never
///   larger than 2 x the request + max_answer_overhead (+ the agent name);
/// - no top Via sent-by readable, a response, or an ACK: no answer.
std::variant<sip::message, rejected> prepare_datagram(std::string_view bytes, peer const& from,
                                                      sip::limits const& limits, std::string_view warning_agent);

/// Parses @p text, one message framed on the stream connection from
/// @p from (RFC 3261 18.3), and stamps a request's topmost Via. A
/// malformed request gets its 400 as for datagrams, sent back on the
/// connection.
std::variant<sip::message, rejected> prepare_stream(abnf::text_buffer text, peer const& from,
                                                    sip::limits const& limits, std::string_view warning_agent);

/// Bytes an answer to a malformed message adds beyond what it copies
/// (status line, field names, To tag, Warning text), warn-agent excepted.
inline constexpr std::size_t max_answer_overhead = 640;

/// The answer to a stream message the framer gave up on
/// (sip::framer::error()), built from the bytes it had seen
/// (sip::framer::failed_text()): 513 Message Too Large (RFC 3261 21.5.13,
/// 18.3) when a size, line length or header count limit stopped it, else
/// 400, both with a Warning naming the error. It copies the Via, From,
/// To, Call-ID and CSeq lines that arrived whole (a limit may cut the head
/// before some of them): empty when those bytes hold no request start
/// line and readable top Via.
std::string answer_unframed(std::string_view seen, abnf::parse_error const& error, std::string_view warning_agent);

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
