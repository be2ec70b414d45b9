#pragma once
/// @file
/// Requests within a dialog (RFC 3261 12.2.1.1): BYE, re-INVITE, UPDATE
/// (RFC 3311), INFO, MESSAGE, REFER, NOTIFY, ... and the ACK for a 2xx
/// (13.2.2.4), written from the dialog's state.

#include "sip/dialog/dialog.hpp"
#include "sip/method.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace cpm::sip::dialog {

/// One extra header field: name and value as they go on the wire.
using extra_header = std::pair<std::string_view, std::string_view>;

/// What the dialog does not know about a request.
struct request_options {
    /// The Via value of the request (sent-by and a fresh branch): the
    /// transport and transaction layers own it.
    std::string_view via;
    std::uint32_t max_forwards = 70;
    /// Further fields (Session-Expires, Supported, Event, Refer-To, ...),
    /// written after the dialog's fields in this order.
    std::span<extra_header const> headers;
    std::string_view content_type; ///< with a body; empty for none
    std::string_view body;
};

/// Appends to @p out the request @p m within dialog @p d (12.2.1.1):
/// Request-URI and Route fields from the route set and remote target
/// (target_for()), To = remote URI and tag, From = local URI and tag,
/// Call-ID of the dialog, CSeq = the next local sequence number (the
/// dialog's is incremented), Contact = the local target for a target
/// refresh request and for REFER (RFC 3515 2.4.1 lets it create a
/// subscription). Returns the CSeq number used. Not for ACK or CANCEL.
std::uint32_t build_request(dialog_state& d, sip::method m, std::string& out, request_options const& options);

/// Appends to @p out the ACK for a 2xx to @p invite received in dialog
/// @p d (13.2.2.4): built like any request in the dialog, except that
/// the CSeq number is the INVITE's (method ACK, the local sequence number
/// does not move) and the INVITE's credentials (Authorization,
/// Proxy-Authorization) are copied. With forking, @p d is the dialog the
/// 2xx created, so To carries that 2xx's tag.
void build_ack(dialog_state const& d, sip::message const& invite, std::string& out, request_options const& options);

} // namespace cpm::sip::dialog
