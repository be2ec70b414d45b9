#pragma once
/// @file
/// A parsed SIP message: a zero-copy view over one owned buffer.
///
/// Parsing is two-speed (DESIGN.md): one pass frames the message, indexes
/// every header field and decodes the hot-path headers (Via, From, To,
/// Call-ID, CSeq, Max-Forwards, Content-Length, Content-Type); every other
/// typed header is decoded on access through the free functions of its own
/// header file (contact.hpp, ...), given the raw values from find()/all().

#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"
#include "sip/cseq.hpp"
#include "sip/defect.hpp"
#include "sip/header_id.hpp"
#include "sip/limits.hpp"
#include "sip/media_type.hpp"
#include "sip/method.hpp"
#include "sip/name_addr.hpp"
#include "sip/uri.hpp"
#include "sip/via.hpp"

#include <boost/container/small_vector.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace cpm::sip {

/// One header field line as received.
struct header_field {
    std::string_view name;  ///< as written ("v", "VIA", "Via")
    std::string_view value; ///< after HCOLON, trailing whitespace removed; folds kept
    std::string_view line;  ///< the whole field from name to its CRLF inclusive
    header_id id = header_id::unknown;
};

/// Options for message::parse. Strict by default; each leniency is named.
struct parse_options {
    sip::limits limits{};
    /// Datagram semantics (RFC 3261 18.3): a body longer than Content-Length
    /// is truncated, and a missing Content-Length means "the rest".
    /// With false (stream), Content-Length is required and exact.
    bool datagram = true;
};

class message {
public:
    /// Inline capacity: parsing a message with up to this many header
    /// fields performs no heap allocation.
    static constexpr std::size_t inline_headers = 32;
    using header_vector = boost::container::small_vector<header_field, inline_headers>;

    /// Parses one complete message that fills @p buffer. Error offsets,
    /// lines and columns are relative to the buffer.
    static abnf::result<message> parse(abnf::text_buffer buffer, parse_options const& options = {});

    message(message&&) noexcept = default;
    message& operator=(message&&) noexcept = default;

private:
    struct parse_key {
        explicit parse_key() = default;
    };

public:
    /// Only parse() can name the key: it builds the message inside its result.
    message(parse_key, abnf::text_buffer buffer) noexcept : buffer_(std::move(buffer)) {}

    // --- start line -------------------------------------------------------
    bool is_request() const noexcept { return status_code_ == 0; }
    bool is_response() const noexcept { return status_code_ != 0; }
    sip::method method() const noexcept { return method_; }
    std::string_view method_text() const noexcept { return method_text_; }
    std::string_view request_uri() const noexcept { return request_uri_; }
    /// The Request-URI decoded (kind absolute and empty when it was
    /// malformed: see defect::bad_request_uri).
    sip::uri const& parsed_request_uri() const noexcept { return parsed_request_uri_; }
    std::string_view version() const noexcept { return version_; }
    unsigned status_code() const noexcept { return status_code_; }
    std::string_view reason() const noexcept { return reason_; }
    /// Without its CRLF.
    std::string_view start_line() const noexcept { return start_line_; }

    // --- headers ----------------------------------------------------------
    std::span<header_field const> headers() const noexcept { return {headers_.data(), headers_.size()}; }
    /// First field with @p id, or nullptr.
    header_field const* find(header_id id) const noexcept;
    /// First field named @p name (any case, either form), or nullptr.
    header_field const* find(std::string_view name) const noexcept;
    /// Number of fields with @p id.
    std::size_t count(header_id id) const noexcept;

    // --- hot path, decoded by parse() --------------------------------------
    sip::via const& top_via() const noexcept { return top_via_; }
    name_addr const& from() const noexcept { return from_; }
    name_addr const& to() const noexcept { return to_; }
    std::string_view call_id() const noexcept { return call_id_; }
    sip::cseq const& cseq() const noexcept { return cseq_; }
    std::optional<std::uint32_t> max_forwards() const noexcept { return max_forwards_; }
    std::optional<std::uint32_t> content_length() const noexcept { return content_length_; }
    std::optional<media_type> const& content_type() const noexcept { return content_type_; }

    /// Semantic faults found while parsing (see defect.hpp).
    defect defects() const noexcept { return defects_; }

    std::string_view body() const noexcept { return body_; }
    /// Bytes of the message proper (a datagram may carry trailing bytes
    /// past Content-Length; they are not part of it).
    std::string_view text() const noexcept { return text_; }
    abnf::text_buffer const& buffer() const noexcept { return buffer_; }

private:
    abnf::text_buffer buffer_;
    std::string_view text_;
    std::string_view start_line_;
    std::string_view method_text_;
    std::string_view request_uri_;
    sip::uri parsed_request_uri_{};
    std::string_view version_;
    std::string_view reason_;
    unsigned status_code_ = 0;
    sip::method method_ = sip::method::extension;
    defect defects_ = defect::none;

    header_vector headers_;

    sip::via top_via_{};
    name_addr from_{};
    name_addr to_{};
    std::string_view call_id_;
    sip::cseq cseq_{};
    std::optional<std::uint32_t> max_forwards_;
    std::optional<std::uint32_t> content_length_;
    std::optional<media_type> content_type_;
    std::string_view body_;

    friend class message_parser;
};

} // namespace cpm::sip
