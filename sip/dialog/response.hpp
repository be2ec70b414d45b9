#pragma once
/// @file
/// The responses a UAS sends to a dialog-creating request (RFC 3261
/// 12.1.1): the 8.2.6 skeleton with the To tag, every Record-Route copied,
/// and the Contact of the UAS.

#include "sip/builder.hpp"
#include "sip/message.hpp"

#include <string>
#include <string_view>

namespace cpm::sip::dialog {

/// Starts in @p out the @p code (101-299) response to @p request that
/// creates or confirms a dialog (12.1.1): status line, Via, From, To with
/// @p local_tag, Call-ID, CSeq (make_response()), every Record-Route field
/// of the request in order with its values as received, and
/// Contact: <@p contact>. The caller adds further fields and finish()es.
message_builder start_dialog_response(std::string& out, sip::message const& request, unsigned code,
                                      std::string_view reason, std::string_view local_tag,
                                      std::string_view contact);

} // namespace cpm::sip::dialog
