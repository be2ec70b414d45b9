#pragma once
/// @file
/// Small single-valued headers decoded on access: Expires, Min-Expires,
/// Session-Expires and Min-SE (RFC 4028), Retry-After, Timestamp,
/// MIME-Version, RSeq / RAck (RFC 3262), Priority, SIP-ETag / SIP-If-Match,
/// Refer-Sub, Subject / Organization, and the CPM Conversation-ID /
/// Contribution-ID / InReplyTo-Contribution-ID.
/// Also the qvalue rule that Contact, Accept and friends share.

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"
#include "sip/method.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace cpm::sip {

/// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in
/// thousandths ("0.7" -> 700, "1" -> 1000); nullopt when malformed.
std::optional<std::uint16_t> parse_qvalue(std::string_view text) noexcept;

/// Expires, Min-Expires (RFC 3261 20.19, 20.23): delta-seconds in 32 bits.
/// @p header names the header in the error sentence.
abnf::result<std::uint32_t> parse_delta_seconds(std::string_view value, std::string_view header);

/// Who refreshes a session timer (RFC 4028 section 4).
enum class refresher : std::uint8_t { none, uac, uas };

/// Session-Expires = delta-seconds *(SEMI se-params) and
/// Min-SE = delta-seconds *(SEMI generic-param) (RFC 4028 sections 4, 5).
struct session_expires {
    std::uint32_t delta = 0;                     ///< seconds
    sip::refresher refresher = refresher::none;  ///< Session-Expires only
    abnf::param_list params;                     ///< every parameter as written
};

abnf::result<session_expires> parse_session_expires(std::string_view value);
/// Min-SE: a ";refresher" parameter is an ordinary generic-param here.
abnf::result<session_expires> parse_min_se(std::string_view value);

/// Retry-After = delta-seconds [ comment ] *( SEMI retry-param ) (RFC 3261 20.33).
struct retry_after {
    std::uint32_t delta = 0;
    std::string_view comment; ///< with its parentheses; empty when absent
    std::optional<std::uint32_t> duration;
    abnf::param_list params;
};

abnf::result<retry_after> parse_retry_after(std::string_view value);

/// Timestamp = 1*DIGIT [ "." *DIGIT ] [ LWS delay ] (RFC 3261 20.38).
struct timestamp {
    std::string_view time;  ///< "54", "54.3"
    std::string_view delay; ///< empty when absent

    double time_value() const noexcept;
    double delay_value() const noexcept; ///< 0 when absent
};

abnf::result<timestamp> parse_timestamp(std::string_view value);

/// MIME-Version = 1*DIGIT "." 1*DIGIT (RFC 3261 20.24).
struct mime_version {
    std::uint32_t major = 0;
    std::uint32_t minor = 0;
};

abnf::result<mime_version> parse_mime_version(std::string_view value);

/// RSeq = response-num, 1 to 2**31 - 1 (RFC 3262 section 7.1).
abnf::result<std::uint32_t> parse_rseq(std::string_view value);

/// RAck = response-num LWS CSeq-num LWS Method (RFC 3262 section 7.2).
struct rack {
    std::uint32_t rseq = 0;
    std::uint32_t cseq = 0;
    sip::method method = sip::method::extension;
    std::string_view method_text;
};

abnf::result<rack> parse_rack(std::string_view value);

/// A value that is one token: Priority (RFC 3261 20.26: "emergency",
/// "urgent", "normal", "non-urgent" or an extension), SIP-ETag and
/// SIP-If-Match (RFC 3903 section 11: entity-tag = token).
abnf::result<std::string_view> parse_token_value(std::string_view value, std::string_view header);

/// Refer-Sub = refer-sub-value *(SEMI exten), refer-sub-value = "true" /
/// "false" (RFC 4488 section 4).
struct refer_sub {
    bool value = true;
    abnf::param_list params;
};

abnf::result<refer_sub> parse_refer_sub(std::string_view value);

/// Subject, Organization = [TEXT-UTF8-TRIM] (RFC 3261 20.25, 20.36): the
/// text as written (folds kept); may be empty.
abnf::result<std::string_view> parse_text_utf8(std::string_view value, std::string_view header);

/// Conversation-ID, Contribution-ID, InReplyTo-Contribution-ID: the CPM
/// identifiers (UUIDs in practice). Read liberally as one RFC 3261 word, so
/// any token or UUID form is accepted (see shared/spec/DECISIONS.md).
abnf::result<std::string_view> parse_cpm_id(std::string_view value, std::string_view header);

} // namespace cpm::sip
