#pragma once
/// @file
/// Headers whose value is a plain list of simple items: option tags
/// (Supported, Require, Proxy-Require, Unsupported), methods (Allow), event
/// types (Allow-Events), content codings and language tags
/// (Content-Encoding, Content-Language), Call-IDs (In-Reply-To), privacy
/// values (Privacy, ';'-separated) and service identifiers
/// (P-Asserted-Service, P-Preferred-Service).

#include "sip/abnf/parse_error.hpp"

#include <cstddef>
#include <iterator>
#include <string_view>

namespace cpm::sip {

/// A validated list of items separated by ',' (or ';' for Privacy), with
/// the whitespace around separators (folds included) skipped. Iteration
/// re-scans the text and never allocates.
class token_list {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        using pointer = std::string_view const*;
        using reference = std::string_view const&;

        iterator() = default;
        reference operator*() const noexcept { return current_; }
        pointer operator->() const noexcept { return &current_; }
        iterator& operator++() noexcept;
        iterator operator++(int) noexcept { auto t = *this; ++*this; return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.next_ == b.next_ && a.current_.data() == b.current_.data(); }

    private:
        friend class token_list;
        iterator(char const* begin, char const* end, char separator) noexcept
            : next_(begin), end_(end), separator_(separator) { ++*this; }
        char const* next_ = nullptr; // where the following item starts (nullptr after the last)
        char const* end_ = nullptr;
        char separator_ = ',';
        std::string_view current_{};
    };

    token_list() = default;
    /// Wraps text that one of the parse functions below validated.
    token_list(std::string_view validated, char separator) noexcept : raw_(validated), separator_(separator) {}

    iterator begin() const noexcept { return raw_.empty() ? end() : iterator(raw_.data(), raw_.data() + raw_.size(), separator_); }
    iterator end() const noexcept { return iterator(); }
    bool empty() const noexcept { return raw_.empty(); }
    std::size_t size() const noexcept;
    /// Exact (case-sensitive) membership: methods (RFC 3261 7.1), option tags
    /// and event types are compared as written.
    bool contains(std::string_view item) const noexcept;
    /// Case-insensitive membership (privacy values, codings, language tags).
    bool contains_ignore_case(std::string_view item) const noexcept;
    /// The items as written, from the first to the last.
    std::string_view raw() const noexcept { return raw_; }
    char separator() const noexcept { return separator_; }

private:
    std::string_view raw_;
    char separator_ = ',';
};

/// Supported = [option-tag *(COMMA option-tag)] (RFC 3261 20.37): may be empty.
abnf::result<token_list> parse_supported(std::string_view value);
/// Require, Proxy-Require, Unsupported: 1 or more option-tags (tokens).
/// @p header names the header in the error sentence.
abnf::result<token_list> parse_option_tags(std::string_view value, std::string_view header);
/// Allow = [Method *(COMMA Method)] (RFC 3261 20.5): may be empty.
abnf::result<token_list> parse_allow(std::string_view value);
/// Allow-Events = event-type *(COMMA event-type) (RFC 6665 8.2.2), with
/// event-type = token-nodot *("." token-nodot).
abnf::result<token_list> parse_allow_events(std::string_view value);
/// Content-Encoding = content-coding *(COMMA content-coding) (RFC 3261 20.12).
abnf::result<token_list> parse_content_encoding(std::string_view value);
/// Content-Language = language-tag *(COMMA language-tag), language-tag =
/// 1*8ALPHA *("-" 1*8ALPHA) (RFC 3261 20.13).
abnf::result<token_list> parse_content_language(std::string_view value);
/// In-Reply-To = callid *(COMMA callid) (RFC 3261 20.21).
abnf::result<token_list> parse_in_reply_to(std::string_view value);
/// Privacy = priv-value *(";" priv-value) (RFC 3323 4.2; "id" from RFC 3325
/// 9.3). Whitespace around ';' is accepted, as SEMI allows elsewhere.
abnf::result<token_list> parse_privacy(std::string_view value);
/// P-Asserted-Service, P-Preferred-Service = Service-ID *(COMMA Service-ID)
/// (RFC 6050 4.1, 4.2), Service-ID = "urn:urn-7:" urn-service-id.
abnf::result<token_list> parse_service_ids(std::string_view value, std::string_view header);

} // namespace cpm::sip
