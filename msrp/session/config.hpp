#pragma once
/// @file
/// The settings of one MSRP session (what SDP negotiated plus local
/// bounds) and of one outgoing message.

#include "msrp/headers.hpp"
#include "msrp/serialize.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::msrp {

/// One MSRP session: its two ends and every bound it keeps.
struct session_config {
    /// This endpoint's MSRP URI (our SDP a=path); an incoming request belongs
    /// to this session when its To-Path is this one URI (RFC 4975 7.3, 6.1).
    std::string local_uri;
    /// The peer's SDP a=path (relays first, the peer's URI last): our
    /// To-Path, and the last URI an incoming From-Path must end with.
    std::string remote_path;
    /// RFC 6714 (msrp-cema): both ends negotiated connection establishment
    /// for media anchoring; URIs then match on their session-id only, since
    /// an anchoring middlebox rewrites authorities.
    bool cema = false;
    /// Our SDP a=accept-types ("text/plain", "message/*", "*"); RFC 4975 8.6:
    /// a SEND whose Content-Type none admits gets 415.
    std::vector<std::string> accept_types{"*"};
    /// Our SDP a=max-size (RFC 4975 8.6): a larger message gets 413.
    std::optional<std::uint64_t> max_size;
    /// Body bytes per outgoing chunk (RFC 4975 5.1 leaves the size to the sender).
    std::size_t chunk_size = 64 * 1024;
    /// RFC 4975 7.1.1: how long a SEND waits for its response (30 s default).
    std::chrono::milliseconds transaction_timeout{30'000};
    /// An incoming message whose bytes stop arriving is given up after this.
    std::chrono::milliseconds reassembly_timeout{60'000};
    /// SEND transactions awaiting a response at once; the sender pauses at
    /// this many (bounds the transaction table).
    std::size_t max_outstanding = 256;
    /// Outgoing messages queued and not yet completely sent.
    std::size_t max_queued_messages = 1024;
    /// Incoming messages in reassembly at once (more get 413).
    std::size_t max_incoming_messages = 64;
    /// Disjoint byte ranges kept per incoming message (more fail it).
    std::size_t max_ranges = 256;
    /// Sent Message-IDs remembered for matching later REPORTs.
    std::size_t report_memory = 256;
};

/// How one outgoing message is sent.
struct send_options {
    /// Content-Type of the body (RFC 4975 7.1.1: required with a body).
    std::string content_type = "text/plain";
    /// RFC 4975 7.1.3: "yes" asks the receiver for a success REPORT.
    report_mode success_report = report_mode::no;
    /// RFC 4975 7.1.2: yes (default), partial or no.
    report_mode failure_report = report_mode::yes;
    /// MIME header fields of the body (Content-ID, Content-Description,
    /// Content-Disposition), written before Content-Type into every chunk
    /// that carries body bytes (RFC 4975 7.1: none in a bodiless request).
    std::vector<field> fields;
};

/// Whether @p accept_types admit the media type @p content_type ("type/subtype"
/// with optional parameters): "*" admits all, "type/*" every subtype, names
/// compare case-insensitively (RFC 2045 5.1).
bool accepts(std::span<std::string const> accept_types, std::string_view content_type) noexcept;

} // namespace cpm::msrp
