#pragma once
/// @file
/// MSRP and MSRPS URIs (RFC 4975 section 9) as zero-copy views, and their
/// comparison (RFC 4975 section 6.1).
///
///   MSRP-URI = msrp-scheme "://" authority
///              ["/" session-id] ";" transport *( ";" URI-parameter)
///   msrp-scheme = "msrp" / "msrps"
///   session-id = 1*( unreserved / "+" / "=" / "/" )
///   transport = "tcp" / 1*ALPHANUM
///   URI-parameter = token ["=" token]
///
/// The authority is RFC 3986 [userinfo "@"] host [":" port]; the host must
/// be a hostname, an IPv4 address or a bracketed IPv6 reference (the
/// validators of sip/abnf/host.hpp): a reg-name that is none of these is
/// refused.

#include "sip/abnf/host.hpp"
#include "sip/abnf/parse_error.hpp"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

namespace cpm::msrp {

/// One URI-parameter as written.
struct uri_param {
    std::string_view name;
    std::string_view value; ///< empty when there is no "="
    bool has_value = false;
};

/// The validated ";name[=value]" list after the transport; iterating
/// re-scans it and never allocates.
class uri_params {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = uri_param;
        using difference_type = std::ptrdiff_t;
        using pointer = uri_param const*;
        using reference = uri_param const&;

        iterator() = default;
        reference operator*() const noexcept { return current_; }
        pointer operator->() const noexcept { return &current_; }
        iterator& operator++() noexcept;
        iterator operator++(int) noexcept { auto t = *this; ++*this; return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept
        {
            return a.done_ == b.done_ && (a.done_ || a.current_.name.data() == b.current_.name.data());
        }

    private:
        friend class uri_params;
        explicit iterator(std::string_view raw) noexcept : rest_(raw), done_(false) { ++*this; }
        std::string_view rest_;
        bool done_ = true;
        uri_param current_{};
    };

    uri_params() = default;
    /// @p raw must be a list validated by parse_uri (";a=b;c" or empty).
    explicit uri_params(std::string_view raw) noexcept : raw_(raw) {}

    iterator begin() const noexcept { return raw_.empty() ? end() : iterator(raw_); }
    iterator end() const noexcept { return {}; }
    bool empty() const noexcept { return raw_.empty(); }
    std::string_view raw() const noexcept { return raw_; }
    /// First parameter named @p name (tokens compare case-insensitively).
    std::optional<uri_param> find(std::string_view name) const noexcept;

private:
    std::string_view raw_;
};

/// A parsed MSRP or MSRPS URI; every field is a view into the parsed text.
struct uri {
    std::string_view text;       ///< the whole URI
    std::string_view scheme;     ///< "msrp" or "msrps" in any case
    bool secure = false;         ///< msrps
    std::string_view authority;  ///< [userinfo "@"] host [":" port] as written
    std::optional<std::string_view> userinfo; ///< without the "@"
    std::string_view host;       ///< as written; "[...]" for IPv6
    sip::abnf::host_kind host_kind = sip::abnf::host_kind::hostname;
    std::optional<std::uint16_t> port;
    std::string_view session_id; ///< empty when absent
    std::string_view transport;  ///< "tcp", "ws", ... as written
    uri_params params;           ///< after the transport
};

/// Parses @p text, which must be exactly one MSRP URI. Errors name the
/// element ("MSRP URI: expected msrp:// or msrps://"); offsets are relative
/// to @p text; the code is errc::bad_uri.
sip::abnf::result<uri> parse_uri(std::string_view text);

/// RFC 4975 6.1 equivalence: scheme and transport case-insensitive;
/// userinfo ignored; hosts compared as addresses when they are IP
/// addresses, case-insensitively otherwise; a port (or session-id) present
/// in one URI only never matches; session-ids compare case-sensitively.
/// URI-parameters other than the transport take no part.
bool equivalent(uri const& a, uri const& b) noexcept;

/// A To-Path, From-Path or Use-Path value: MSRP-URI *(SP MSRP-URI). Error
/// sentences start with @p header ("To-Path: ..."); offsets are relative to
/// @p value.
sip::abnf::result<std::vector<uri>> parse_path(std::string_view value, std::string_view header);

} // namespace cpm::msrp
