#pragma once
/// @file
/// Typed values of the MSRP header fields (RFC 4975 section 9, RFC 4976
/// section 8 for the relay headers), decoded on access from the raw values
/// of head::find(). Every function returns the value or a parse_error whose
/// sentence names the header ("MSRP Byte-Range: expected
/// <start>-<end>/<total>") and whose offset is relative to the value.
/// To-Path, From-Path and Use-Path are parse_path() of uri.hpp.

#include "msrp/message.hpp"
#include "sip/abnf/parse_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::msrp {

/// Byte-Range = range-start "-" range-end "/" total; "*" is nullopt.
struct byte_range {
    std::uint64_t start = 1;             ///< 1-based
    std::optional<std::uint64_t> end;    ///< nullopt: "*" (not known yet)
    std::optional<std::uint64_t> total;  ///< nullopt: "*" (not known yet)
    bool operator==(byte_range const&) const = default;
};
/// Also checks the numbers agree: start >= 1, end >= start - 1 (an empty
/// range), end <= total.
sip::abnf::result<byte_range> parse_byte_range(std::string_view value);

/// Failure-Report = "yes" / "no" / "partial" (Success-Report: yes / no).
enum class report_mode : std::uint8_t { yes, no, partial };
sip::abnf::result<report_mode> parse_success_report(std::string_view value);
sip::abnf::result<report_mode> parse_failure_report(std::string_view value);

/// Status = namespace SP status-code [SP text-reason]
struct status {
    std::uint16_t ns = 0;   ///< "000" for RFC 4975 codes
    std::uint16_t code = 0;
    std::string_view reason; ///< empty when absent
};
sip::abnf::result<status> parse_status(std::string_view value);

/// Message-ID = ident
sip::abnf::result<std::string_view> parse_message_id(std::string_view value);

/// Expires / Min-Expires / Max-Expires = 1*DIGIT (seconds). @p header names
/// the field in errors.
sip::abnf::result<std::uint32_t> parse_seconds(std::string_view value, std::string_view header);

/// A parameter of a media type, a disposition or a Digest header: the value
/// as written (a token, or a quoted-string with its quotes).
struct parameter {
    std::string_view name;
    std::string_view value;
    bool has_value = false;
    bool quoted() const noexcept { return value.size() >= 2 && value.front() == '"'; }
    /// The value without quotes and escapes (copies).
    std::string unquoted() const;
};

/// Content-Type = type "/" subtype *( ";" gen-param ) (no whitespace).
struct media_type {
    std::string_view type;
    std::string_view subtype;
    std::vector<parameter> params;
};
sip::abnf::result<media_type> parse_content_type(std::string_view value);

/// Content-ID = "<" id-left "@" id-right ">" (RFC 2045, RFC 2822 msg-id);
/// returns the id between the brackets.
sip::abnf::result<std::string_view> parse_content_id(std::string_view value);

/// Content-Disposition = disposition-type *( ";" disposition-parm )
/// (RFC 2183; optional whitespace around ";" and "=").
struct disposition {
    std::string_view type;
    std::vector<parameter> params;
};
sip::abnf::result<disposition> parse_content_disposition(std::string_view value);

/// WWW-Authenticate, Authorization ("Digest" SP param *("," SP param)) and
/// Authentication-Info (param *("," param)), RFC 4976 section 8. Known
/// Digest parameters are checked (quoted realm, nonce, ...; 32 LHEX
/// response; 8 LHEX nc; true/false stale).
struct digest {
    std::string_view scheme; ///< "Digest"; empty for Authentication-Info
    std::vector<parameter> params;
    /// First parameter named @p name (case-insensitive), or nullptr.
    parameter const* find(std::string_view name) const noexcept;
};
sip::abnf::result<digest> parse_www_authenticate(std::string_view value);
sip::abnf::result<digest> parse_authorization(std::string_view value);
sip::abnf::result<digest> parse_authentication_info(std::string_view value);

/// Decodes every known header field of @p h (the paths, Use-Path and the
/// typed fields above); the first error, rebased onto h.text. What
/// cpm-inspect and a conformance check run.
sip::abnf::result<void> validate(head const& h);

} // namespace cpm::msrp
