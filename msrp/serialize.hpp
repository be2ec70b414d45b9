#pragma once
/// @file
/// Writing MSRP messages in canonical wire form into a caller's buffer:
/// request and response heads, REPORTs, a chunk (head + body + end-line),
/// and the RFC 4975 recipes for a response and a REPORT. A streaming
/// sender writes the head, then the body in pieces, then write_end().

#include "msrp/headers.hpp"
#include "msrp/message.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::msrp {

/// One header field to write.
struct field {
    std::string name;
    std::string value;
    bool operator==(field const&) const = default;
};

/// A message to write (owned, so the recipes below can fill it).
struct outgoing {
    std::string transaction_id;
    std::string method;            ///< requests: "SEND", "REPORT", ...; empty for a response
    std::uint16_t status_code = 0; ///< responses
    std::string comment;           ///< responses; optional
    std::string to_path;           ///< MSRP-URI *(SP MSRP-URI)
    std::string from_path;
    std::vector<msrp::field> fields; ///< after the paths, in order; Content-Type last when there is a body
    bool operator==(outgoing const&) const = default;
};

/// Appends the start line and the fields of @p m, then the blank line when
/// @p with_body.
void write_head(outgoing const& m, bool with_body, std::string& out);

/// Appends the end-line of @p transaction_id, preceded by the CRLF that
/// ends the data when @p after_body.
void write_end(std::string_view transaction_id, continuation flag, bool after_body, std::string& out);

/// Appends a whole message: head, the body when there is one, end-line.
/// Returns false (and writes nothing) when @p body holds this transaction's
/// end-line at a line start, which a receiver would take for the end
/// (RFC 4975 5.1: the sender picks a transaction id that does not occur).
bool serialize(outgoing const& m, std::optional<std::string_view> body, continuation flag, std::string& out);

/// True when @p body, followed by the data CRLF, would hold an end-line of
/// @p transaction_id at a line start (its very start included).
bool contains_end_line(std::string_view body, std::string_view transaction_id) noexcept;

/// Byte-Range and Status values as written ("1-*/25", "000 200 OK").
std::string to_string(byte_range const& r);
std::string to_string(status const& s);

/// The head of a received message as an outgoing one, every field copied
/// as written (relaying, round trips).
outgoing to_outgoing(head const& h);

/// RFC 4975 7.2: the response to @p request: the same transaction id, the
/// To-Path set to the previous hop (the first URI of the request's
/// From-Path) and the From-Path to this hop (the first URI of its
/// To-Path). @p request's paths must have parsed (parse_head checks them).
outgoing make_response(head const& request, std::uint16_t code, std::string_view comment);
/// Appends make_response(@p request, @p code, @p comment), bodiless, end-line
/// included, straight to @p out: a receiver answers every chunk, and this
/// builds no outgoing (no allocation once @p out has grown).
void write_response(head const& request, std::uint16_t code, std::string_view comment, std::string& out);

/// RFC 4975 7.1.2 and 7.1.3: a REPORT on @p send: a new transaction id, the
/// To-Path set to the SEND's From-Path as received, the From-Path to this
/// endpoint (the SEND's To-Path as received), the SEND's Message-ID, the
/// Byte-Range reported on and a Status in namespace 000 (200 for a success
/// report). A REPORT carries no body, no Success-Report, no Failure-Report.
outgoing make_report(head const& send, std::string_view transaction_id, byte_range const& range, status const& st);

} // namespace cpm::msrp
