#pragma once
/// @file
/// Private: the value grammar of each SDP line type (RFC 8866 section 9),
/// one function per type. Each fills its output and returns no error, or
/// the byte where the value stops matching and a sentence naming the line.
/// Each SDP line is a short fixed sequence of tokens separated by single
/// spaces, so these are hand-written scans over the RFC 8866 byte classes
/// (detail/scan.hpp) rather than X3 rules: no backtracking to express, and
/// no template instantiation cost.

#include "sdp/session.hpp"

#include <string_view>

namespace cpm::sdp::grammar {

/// Where and why a line value failed; empty (at == nullptr) on success.
struct field_error {
    char const* at = nullptr;
    std::string_view what;
    explicit operator bool() const noexcept { return at != nullptr; }
};

field_error parse_version(std::string_view v, std::uint32_t& out);
field_error parse_origin(std::string_view v, origin& out);
/// text = byte-string (s=, i=); @p what names the line in the sentence.
field_error parse_text(std::string_view v, std::string_view what);
field_error parse_uri(std::string_view v);
field_error parse_email(std::string_view v);
field_error parse_phone(std::string_view v);
field_error parse_connection(std::string_view v, connection& out);
field_error parse_bandwidth(std::string_view v, bandwidth& out);
field_error parse_time(std::string_view v, time_description& out);
field_error parse_repeat(std::string_view v, repeat_time& out);
field_error parse_zone(std::string_view v, std::vector<zone_adjustment>& out);
field_error parse_key(std::string_view v, key& out);
field_error parse_attribute(std::string_view v, attribute& out);
field_error parse_media(std::string_view v, media_description& out);

} // namespace cpm::sdp::grammar
