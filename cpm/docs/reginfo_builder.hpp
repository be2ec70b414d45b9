#pragma once
/// @file
/// Writes reginfo documents (RFC 3680 section 5) from the model: the body
/// of a "reg" event package NOTIFY as a registrar sends it, with the RFC
/// 5628 GRUU elements. The text is parsed back before it is handed out, so
/// a built document is always one the reader accepts.

#include "cpm/docs/reginfo.hpp"

namespace cpm::docs {

/// The document for @p info: every present field written, required ones
/// even when empty. Fails, naming the field, when a text holds what XML
/// cannot carry (a NUL, another C0 control, malformed UTF-8).
sip::abnf::result<reginfo_document> build(reginfo const& info);

} // namespace cpm::docs
