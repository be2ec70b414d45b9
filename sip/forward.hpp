#pragma once
/// @file
/// Proxy forwarding by splicing (RFC 3261 16.6 and 16.7): the forwarded
/// message is written by copying the received bytes in a few ranges and
/// inserting or replacing only what the proxy changes. Untouched header
/// lines, folds, odd spacing and compact names go out byte for byte; no
/// header is re-serialized and nothing else (not even Content-Length:
/// the body is not touched) is recomputed. This is the fast path a
/// benchmark of a proxy measures.

#include "sip/abnf/parse_error.hpp"
#include "sip/message.hpp"

#include <span>
#include <string>
#include <string_view>

namespace cpm::sip {

/// What a proxy changes in a request it forwards. Values are written as
/// given (field values without the name, e.g. "SIP/2.0/TCP p1.example.com;branch=z9hG4bK1").
struct request_edits {
    /// 16.6 step 2: the new Request-URI; empty keeps the received one.
    std::string_view request_uri;
    /// 16.6 step 8: a Via inserted above the existing ones; empty adds none.
    std::string_view via;
    /// 16.6 step 4: a Record-Route inserted above the existing ones; empty adds none.
    std::string_view record_route;
    /// 16.4: remove the first Route value (it names this proxy, loose
    /// routing). Only that element goes when the top field holds a list.
    bool strip_top_route = false;
    /// Every field with one of these ids is removed (RFC 3325 5: a
    /// P-Asserted-Identity from an untrusted source; RFC 3323 5: fields a
    /// privacy service withholds). Must not name Via, Max-Forwards or, with
    /// strip_top_route, Route: those have their own edits.
    std::span<header_id const> remove{};
    /// Whole fields, each "Name: value\r\n", inserted at the end of the
    /// header section (16.6 step 5: "additional header fields"); empty adds none.
    std::string_view extra_headers{};
    /// A range of request.text() inside the header section to delete: the
    /// last Route value (with its COMMA, or its whole field when alone)
    /// after 16.4's strict-routing fix-up moved it to the Request-URI.
    /// Must not overlap the other edits; empty removes nothing.
    std::string_view cut{};
};

/// What a proxy changes in a response it forwards, beyond removing its Via.
struct response_edits {
    /// Whole fields, each "Name: value\r\n", inserted at the end of the
    /// header section (16.7 step 7: the challenges of the other 401/407
    /// responses of the response context).
    std::string_view extra_headers{};
};

/// Appends to @p out the request @p request forwarded with @p edits, and
/// with Max-Forwards decremented in place (16.6 step 3), or
/// "Max-Forwards: 70" added at the end of the header section when absent.
/// Fails with errc::too_many_hops when Max-Forwards is 0 (16.3 step 3:
/// answer 483 instead), or with the Route parse error when the top Route
/// to strip is malformed; @p out is then unchanged. Error offsets are
/// relative to request.text().
abnf::result<void> forward_request(message const& request, request_edits const& edits, std::string& out);

/// Appends to @p out the response @p response with its topmost Via value
/// removed (16.7 step 3): the whole first Via field, or only its first
/// element when it holds a comma list. Fails with errc::no_via_left when
/// no Via value would remain (the response was meant for this element)
/// or with the Via parse error; @p out is then unchanged.
abnf::result<void> forward_response(message const& response, std::string& out);

/// forward_response() with @p edits applied as well.
abnf::result<void> forward_response(message const& response, response_edits const& edits, std::string& out);

} // namespace cpm::sip
