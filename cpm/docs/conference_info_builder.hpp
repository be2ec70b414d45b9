#pragma once
/// @file
/// Writes conference-info documents (RFC 4575 section 5) from the model: the
/// body of a conference event package NOTIFY, in full or partial state, as
/// a focus sends it (RFC 4575 section 3.6). The text is parsed back before
/// it is handed out, so a built document is always one the reader accepts.

#include "cpm/docs/conference_info.hpp"

namespace cpm::docs {

/// The document for @p info: elements in schema order, every present field
/// written, 'state' attributes only where not "full" (the default), the
/// version when set; required elements and attributes (entity, id, label,
/// uri, type, call-id, from-tag, to-tag) always, even when empty. Fails,
/// naming the field, when a text holds what XML cannot carry (a NUL,
/// another C0 control, malformed UTF-8).
sip::abnf::result<conference_document> build(conference_info const& info);

} // namespace cpm::docs
