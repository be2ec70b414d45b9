#pragma once
/// @file
/// Canonical wire form of a parsed CPIM message: what a gateway writes
/// when it forwards one (parse(serialize(m)) decodes to m).

#include "cpim/message.hpp"

#include <string>

namespace cpm::cpim {

/// Appends @p m to @p out: each message header as
/// Header-name ":" Header-parameters SP Header-value CRLF (addresses
/// re-joined as [Formal-name] "<" URI ">"), CRLF, the MIME headers as
/// "Name: value" CRLF, CRLF, the body.
void serialize(message const& m, std::string& out);

/// Appends [Formal-name] "<" URI ">" for @p a (a Token display name is
/// followed by SP, a String is not: RFC 3862 3.6).
void append_address(std::string& out, address const& a);

} // namespace cpm::cpim
