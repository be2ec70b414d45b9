#pragma once
/// @file
/// A parsed message/cpim body (RFC 3862): message headers, a blank line,
/// the encapsulated MIME headers, a blank line, the content. Zero-copy: a
/// view into one owned buffer (or into text the caller keeps alive).

#include "cpim/date_time.hpp"
#include "cpim/header.hpp"
#include "cpim/header_values.hpp"
#include "cpim/limits.hpp"
#include "cpim/mime.hpp"

#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace cpm::cpim {

/// Options for message::parse. Strict by default; each leniency is named.
struct parse_options {
    cpim::limits limits{};
    value_options values{};
};

/// Subject: [ ";" Lang-param ] SP *HEADERCHAR  (RFC 3862 4.5)
struct subject {
    std::string_view lang; ///< empty when not tagged
    std::string_view text; ///< raw: escapes not decoded
};

class message {
public:
    /// Parses @p buffer, which becomes the message's own. Error offsets,
    /// lines and columns are relative to the buffer.
    static sip::abnf::result<message> parse(sip::abnf::text_buffer buffer, parse_options const& options = {});
    /// Parses text owned by the caller (a SIP or MSRP body), which must
    /// outlive the message and every view taken from it.
    static sip::abnf::result<message> parse_borrowed(std::string_view text, parse_options const& options = {});

    message(message&&) noexcept = default;
    message& operator=(message&&) noexcept = default;

    // --- message headers, in order --------------------------------------
    std::span<header const> headers() const noexcept { return headers_; }
    /// First header named @p local_name in namespace @p namespace_uri after
    /// prefix resolution (e.g. "urn:ietf:params:imdn", "Message-ID"), or nullptr.
    header const* find(std::string_view namespace_uri, std::string_view local_name) const noexcept;
    /// Every such header, in order.
    std::vector<header const*> find_all(std::string_view namespace_uri, std::string_view local_name) const;
    std::size_t count(std::string_view namespace_uri, std::string_view local_name) const noexcept;

    // --- RFC 3862 section 4 headers, decoded by parse() ------------------
    std::optional<address> const& from() const noexcept { return from_; }
    std::span<address const> to() const noexcept { return to_; }
    std::span<address const> cc() const noexcept { return cc_; }
    std::optional<cpim::date_time> const& date_time() const noexcept { return date_time_; }
    std::span<subject const> subjects() const noexcept { return subjects_; }
    /// Every NS declaration, in order (later ones rebind a prefix for the
    /// headers that follow them).
    std::span<namespace_decl const> namespaces() const noexcept { return namespaces_; }
    /// Header names listed by the Require headers, as written.
    std::span<std::string_view const> required() const noexcept { return required_; }

    // --- the encapsulated MIME object ------------------------------------
    std::span<mime_header const> mime_headers() const noexcept { return mime_headers_; }
    /// First MIME header named @p name (case-insensitive), or nullptr.
    mime_header const* find_mime(std::string_view name) const noexcept;
    std::optional<cpim::content_type> const& content_type() const noexcept { return content_type_; }
    std::string_view content_id() const noexcept { return content_id_; }
    std::optional<cpim::content_disposition> const& content_disposition() const noexcept { return content_disposition_; }
    std::string_view body() const noexcept { return body_; }

    /// The whole message/cpim text.
    std::string_view text() const noexcept { return text_; }

private:
    message() = default;
    static sip::abnf::result<message> parse_text(message m, parse_options const& options);

    sip::abnf::text_buffer buffer_;
    std::string_view text_;
    std::vector<header> headers_;
    std::optional<address> from_;
    std::vector<address> to_;
    std::vector<address> cc_;
    std::optional<cpim::date_time> date_time_;
    std::vector<subject> subjects_;
    std::vector<namespace_decl> namespaces_;
    std::vector<std::string_view> required_;
    std::vector<mime_header> mime_headers_;
    std::optional<cpim::content_type> content_type_;
    std::string_view content_id_;
    std::optional<cpim::content_disposition> content_disposition_;
    std::string_view body_;

    friend class message_parser;
};

} // namespace cpm::cpim
