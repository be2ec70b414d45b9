#pragma once
/// @file
/// An MSRP message head (RFC 4975 section 9) as a zero-copy view: start
/// line, transaction id, the header fields indexed by name, and how the
/// head ends (a blank line before a body, or the end-line itself). Typed
/// header values are decoded on access by the functions of headers.hpp;
/// framer.hpp feeds heads out of a byte stream, parse_message() reads one
/// whole message out of a text.
///
///   req-start  = pMSRP SP transact-id SP method CRLF
///   resp-start = pMSRP SP transact-id SP status-code [SP comment] CRLF
///   headers    = To-Path CRLF From-Path CRLF *( header CRLF )
///   ext-header = hname ":" SP hval CRLF
///   end-line   = "-------" transact-id continuation-flag CRLF
///
/// RFC 4975 writes 1*( header CRLF ) after the paths, but its own examples
/// of section 11 (and every response without a body) have none, so zero
/// further fields are accepted.

#include "msrp/limits.hpp"
#include "sip/abnf/parse_error.hpp"

#include <boost/container/small_vector.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace cpm::msrp {

enum class method : std::uint8_t { send, report, auth, other };

/// The header fields RFC 4975 and RFC 4976 define; anything else is
/// @c extension and kept as written.
enum class header_id : std::uint8_t {
    to_path,
    from_path,
    message_id,
    success_report,
    failure_report,
    byte_range,
    status,
    content_type,
    content_id,
    content_description,
    content_disposition,
    expires,
    min_expires,
    max_expires,
    use_path,
    www_authenticate,
    authorization,
    authentication_info,
    extension,
};

/// The id of a header name (ABNF literals are case-insensitive).
header_id header_from_name(std::string_view name) noexcept;
/// The canonical spelling ("To-Path"); empty for extension.
std::string_view header_name(header_id id) noexcept;

/// continuation-flag = "+" / "$" / "#"
enum class continuation : char {
    more = '+',     ///< more chunks of this message follow
    complete = '$', ///< last chunk
    aborted = '#',  ///< the sender abandoned the message
};

/// One header field line as received.
struct header_field {
    std::string_view name;  ///< as written
    std::string_view value; ///< after ": ", up to the CRLF
    std::string_view line;  ///< name to CRLF inclusive
    header_id id = header_id::extension;
};

/// A parsed head; every view points into the text given to parse_head().
struct head {
    static constexpr std::size_t inline_fields = 12;
    using field_vector = boost::container::small_vector<header_field, inline_fields>;

    std::string_view text;           ///< start line through the CRLF of the last field
    std::string_view transaction_id;
    bool request = true;
    msrp::method method = method::other; ///< requests
    std::string_view method_text;    ///< requests
    std::uint16_t status_code = 0;   ///< responses
    std::string_view comment;        ///< responses; empty when absent
    field_vector fields;             ///< in order; [0] is To-Path, [1] From-Path
    /// True when a blank line ends the head and content follows; false when
    /// the end-line follows the fields directly.
    bool has_body = false;
    /// The end-line's flag when !has_body.
    msrp::continuation flag = continuation::complete;
    /// Bytes of the input covered: the head, then the blank line or, without
    /// a body, the end-line.
    std::size_t size = 0;

    bool is_request() const noexcept { return request; }
    std::string_view to_path() const noexcept { return fields[0].value; }
    std::string_view from_path() const noexcept { return fields[1].value; }
    /// First field with @p id (extension: use find(name)), or nullptr.
    header_field const* find(header_id id) const noexcept;
    /// First field named @p name (case-insensitive), or nullptr.
    header_field const* find(std::string_view name) const noexcept;
    std::size_t count(header_id id) const noexcept;
};

/// Parses the head at the start of @p text: start line, header fields and
/// the blank line, or the end-line when there is no body. Text after that
/// is not looked at. Errors carry offsets, lines and columns relative to
/// @p text and a sentence naming the element; errc::incomplete when the text
/// ends first.
sip::abnf::result<head> parse_head(std::string_view text, limits const& lim = {});

/// The To-Path and From-Path values parse_head last found valid, for
/// requests and for responses: the messages of one connection repeat them,
/// so a framer checks their URIs once.
struct path_memo {
    std::string to_path[2];   ///< [0] responses, [1] requests
    std::string from_path[2];
};
/// parse_head, skipping the URI checks of path values equal to those in
/// @p memo, and remembering the values it checked.
sip::abnf::result<head> parse_head(std::string_view text, limits const& lim, path_memo& memo);

/// What a 400 answer needs from a request whose head did not parse: the
/// transaction id and the raw path values when they could be read.
struct salvage {
    std::string_view transaction_id;
    bool request = false;
    std::string_view to_path;   ///< empty when unreadable
    std::string_view from_path; ///< empty when unreadable
    /// The request's method: a REPORT is never answered, not even with 400
    /// (RFC 4975 7.2).
    msrp::method method = method::other;
    /// The Failure-Report value of a readable Failure-Report line, else
    /// empty: "no" and "partial" limit the answers to a bad request too
    /// (RFC 4975 7.2).
    std::string_view failure_report;
};
/// Reads what it can of a (possibly malformed) head; nullopt when even the
/// start line is unreadable, so the stream cannot be resynchronised.
std::optional<salvage> salvage_head(std::string_view text) noexcept;

/// One whole message read from a text.
struct message_view {
    msrp::head head;
    std::string_view body; ///< data between the blank line and the CRLF before the end-line
    msrp::continuation flag = continuation::complete;
    std::string_view text; ///< start line to the end-line's CRLF inclusive
};

/// Parses the message at the start of @p text; message_view::text.size()
/// says where the next one starts.
sip::abnf::result<message_view> parse_message(std::string_view text, limits const& lim = {});

/// Moves an error found inside @p part (a view into @p whole) so that its
/// offset, line and column are relative to @p whole.
sip::abnf::parse_error rebase(sip::abnf::parse_error e, std::string_view whole, std::string_view part);

} // namespace cpm::msrp
