#pragma once
/// @file
/// The 100 (Trying) a server transaction sends on its own (RFC 3261 17.2.1
/// for INVITE, RFC 4320 4.1 for non-INVITE).

#include "sip/message.hpp"

namespace cpm::sip::transaction {

/// The 100 (Trying) response to @p request, built per 8.2.6 (Via fields,
/// From, To without an added tag, Call-ID, CSeq, Timestamp copied) and
/// parsed, so a server transaction keeps it as its last response.
sip::message make_trying(sip::message const& request);

} // namespace cpm::sip::transaction
