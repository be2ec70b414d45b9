#pragma once
/// @file
/// Requests a client builds from its INVITE: the ACK for a non-2xx final
/// response (RFC 3261 17.1.1.3) and the CANCEL (RFC 3261 9.1).

#include "sip/message.hpp"

#include <string>

namespace cpm::sip::transaction {

/// Appends to @p out the ACK the INVITE client transaction sends for the
/// 300-699 @p response to @p invite (17.1.1.3): the Request-URI, Call-ID and
/// From of the INVITE, the To of the response (with its tag), CSeq with the
/// INVITE's number and method ACK, a single Via equal to the INVITE's top
/// Via, the INVITE's Route fields, and its Max-Forwards (8.1.1.6: every
/// request carries one). No body (17.1.1.3 discourages one).
void build_ack(std::string& out, message const& invite, message const& response);

/// Appends to @p out a CANCEL for @p request (9.1): Request-URI, Call-ID,
/// To, From and the CSeq number as in the request, tags included; method
/// CANCEL in CSeq; a single Via equal to the request's top Via; the
/// request's Route fields and Max-Forwards. No Require or Proxy-Require
/// (9.1 forbids them). 9.1 also says a CANCEL is for INVITE only and must
/// wait for a provisional response: the caller checks both (see
/// client_invite::may_cancel()).
void build_cancel(std::string& out, message const& request);

} // namespace cpm::sip::transaction
