#pragma once
/// @file
/// Writing SIP messages: a builder for new requests and responses, the
/// RFC 3261 8.2.6 response skeleton, and serialize() for parsed messages.
///
/// Output goes into a caller-supplied std::string, appended to what it
/// already holds, so a transport can reuse one string (clear() keeps the
/// capacity) and send its bytes. To parse the result, copy it into an
/// abnf::text_buffer: the string itself must never back message views.
///
/// Canonical wire form: the start line, header fields in the order they
/// were added as "Name: value" with CRLF line ends, Content-Length, an
/// empty line, the body.

#include "sip/header_id.hpp"
#include "sip/message.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace cpm::sip {

/// How finish() treats Content-Length.
enum class length_mode : std::uint8_t {
    /// Write "Content-Length: <body size>" unless a Content-Length field
    /// was added explicitly.
    automatic,
    /// Write only the Content-Length fields that were added (none when
    /// none were): reproduces a datagram message that had none.
    as_added,
};

/// Writes one message. Call request_line() or status_line() first, then
/// header() for each field, then finish() once. Values are written as
/// given: they must be valid field values (a fold is CRLF followed by
/// whitespace; a bare CRLF would start a new field).
class message_builder {
public:
    /// Appends to @p out, which must outlive the builder.
    explicit message_builder(std::string& out) noexcept : out_(out) {}

    /// Request-Line = Method SP Request-URI SP SIP-Version CRLF
    message_builder& request_line(std::string_view method, std::string_view request_uri,
                                  std::string_view version = "SIP/2.0");
    /// Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF
    message_builder& status_line(unsigned code, std::string_view reason, std::string_view version = "SIP/2.0");

    /// A field with the canonical long name of @p id ("Call-ID").
    message_builder& header(header_id id, std::string_view value);
    /// A field named @p name as given (an extension, or a name to keep).
    message_builder& header(std::string_view name, std::string_view value);
    /// From or To with a tag: "Name: <value>;tag=<tag>" (RFC 3261 19.3).
    message_builder& tagged(header_id id, std::string_view value, std::string_view tag);

    /// RFC 3261 20.43: Warning: <code> <agent> "<text>". @p text may be
    /// any bytes (e.g. a parse_error sentence): quotes and backslashes are
    /// escaped, control characters and invalid UTF-8 are replaced, so the
    /// result is always a valid quoted-string. @p agent (hostport or
    /// pseudonym) is written as given. 399 is "Miscellaneous warning", the
    /// code for saying what was wrong with a request.
    message_builder& warning(std::string_view agent, std::string_view text, unsigned code = 399);

    /// Ends the header section and appends @p body (see length_mode).
    void finish(std::string_view body = {}, length_mode mode = length_mode::automatic);

private:
    std::string& out_;
    bool has_length_ = false;
};

struct response_options {
    /// Appended as ";tag=" to To when the request's To has no tag
    /// (RFC 3261 8.2.6.2: the UAS adds one, except that a 100 may go
    /// without). Empty: copy To as received.
    std::string_view to_tag;
};

/// Starts a response to @p request per RFC 3261 8.2.6: status line, every
/// Via field in order, From, To (tagged on request), Call-ID, CSeq, and
/// for 100 (Trying) the Timestamp (8.2.6.1), all copied as received.
/// The caller adds further fields (Contact, Warning, ...) and finish()es.
/// The values are copied into @p out at once; the builder refers to @p out only.
message_builder make_response(std::string& out, message const& request, unsigned code, std::string_view reason,
                              response_options const& options = {});

/// Writes @p m in canonical form: start line from its parts, each field
/// under its long name (compact forms expanded, unknown names as
/// received) with its value as parsed, Content-Length fields as parsed
/// (none added), the body. parse(serialize(parse(x))) equals parse(x) in
/// every decoded part, defects included.
void serialize(message const& m, std::string& out);

} // namespace cpm::sip
