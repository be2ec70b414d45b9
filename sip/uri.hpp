#pragma once
/// @file
/// URIs as SIP carries them (Request-URI, name-addr, Route, ...): SIP-URI and
/// SIPS-URI (RFC 3261 19.1 and 25.1, with RFC 5118 / RFC 5954 IPv6 rules),
/// tel URIs (RFC 3966) and any other absoluteURI (RFC 3261 25.1, i.e. the
/// RFC 2396 generic syntax: im:, pres:, urn:, http:, mailto: ...).
/// Every field is a view into the parsed text; the *_text() accessors copy
/// only to undo %-escapes, on request.

#include "sip/abnf/host.hpp"
#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace cpm::sip {

/// Which grammar a URI follows, decided by its scheme (case-insensitive).
enum class uri_kind : std::uint8_t {
    sip,      ///< "sip:"  SIP-URI
    sips,     ///< "sips:" SIPS-URI
    tel,      ///< "tel:"  RFC 3966 telephone-uri
    absolute, ///< any other scheme: RFC 3261 absoluteURI
};

/// The kind a URI with scheme @p scheme (without the ':') has.
uri_kind classify_scheme(std::string_view scheme) noexcept;

/// One "hname=hvalue" of a SIP-URI headers component, %-escaped as written.
struct uri_header {
    std::string_view name;
    std::string_view value; ///< may be empty ("?subject=")

    std::string name_text() const;  ///< name with %-escapes decoded
    std::string value_text() const; ///< value with %-escapes decoded
};

/// The headers component of a SIP-URI ("?h=v&h2=v2"), validated by
/// parse_uri(); iteration re-scans the text and never allocates.
class uri_header_list {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = uri_header;
        using difference_type = std::ptrdiff_t;
        using pointer = uri_header const*;
        using reference = uri_header const&;

        iterator() = default;
        reference operator*() const noexcept { return current_; }
        pointer operator->() const noexcept { return &current_; }
        iterator& operator++() noexcept;
        iterator operator++(int) noexcept { auto t = *this; ++*this; return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.pos_ == b.pos_; }

    private:
        friend class uri_header_list;
        iterator(char const* begin, char const* end) noexcept : next_(begin), end_(end) { ++*this; }
        char const* pos_ = nullptr;  // start of the current header (nullptr at end)
        char const* next_ = nullptr; // start of the following one (nullptr when none)
        char const* end_ = nullptr;
        uri_header current_{};
    };

    uri_header_list() = default;
    /// Wraps @p validated, the text after '?' that parse_uri() accepted.
    explicit uri_header_list(std::string_view validated) noexcept : raw_(validated) {}

    iterator begin() const noexcept { return raw_.empty() ? end() : iterator(raw_.data(), raw_.data() + raw_.size()); }
    iterator end() const noexcept { return iterator(); }
    bool empty() const noexcept { return raw_.empty(); }
    std::size_t size() const noexcept;
    /// The headers as written, without the leading '?'.
    std::string_view raw() const noexcept { return raw_; }
    /// First header named @p name (case-insensitive, as written), if any.
    std::optional<uri_header> find(std::string_view name) const noexcept;

private:
    std::string_view raw_;
};

/// The parts of a SIP-URI or SIPS-URI (RFC 3261 19.1.1).
struct sip_uri_parts {
    bool has_userinfo = false;  ///< "user[:password]@" present
    bool has_password = false;  ///< tells "user:@host" (empty password) from "user@host"
    std::string_view user;      ///< %-escaped as written; may hold ';' ("alice;day=tuesday")
    std::string_view password;  ///< %-escaped as written
    std::string_view host;      ///< as written; an IPv6 reference keeps its brackets
    abnf::host_kind host_type = abnf::host_kind::hostname;
    std::optional<std::uint16_t> port;
    abnf::param_list params;    ///< uri-parameters, from the first ';'
    uri_header_list headers;    ///< after '?'

    // Well-known uri-parameters (names match case-insensitively and with
    // %-escapes decoded, RFC 3261 19.1.4); values are views as written.
    std::string_view transport; ///< ;transport= (empty when absent)
    std::string_view user_param;///< ;user= ("phone", "ip", other-user)
    std::string_view method;    ///< ;method=
    std::string_view maddr;     ///< ;maddr= (a host)
    std::optional<std::uint8_t> ttl; ///< ;ttl= (0-255)
    bool lr = false;            ///< ;lr (RFC 3261 16.12 loose routing)
    bool has_gr = false;        ///< ;gr (RFC 5627 GRUU), with or without a value
    std::string_view gr;        ///< the ;gr= value (empty when valueless)

    std::string user_text() const;     ///< user with %-escapes decoded
    std::string password_text() const; ///< password with %-escapes decoded
    /// RFC 3261 19.1.1: user=phone marks the user part as a telephone-subscriber.
    bool user_is_phone() const noexcept;
};

/// The parts of a tel URI (RFC 3966 section 3).
struct tel_uri_parts {
    bool global = false;            ///< global-number ("+" E.164), else local-number
    std::string_view number;        ///< digits as written, with '+' and visual separators
    abnf::param_list params;        ///< every par (isub, ext, phone-context, others), in order
    std::string_view phone_context; ///< descriptor: domainname or global-number-digits
    std::string_view extension;     ///< ;ext= value (empty when absent)
    std::string_view isub;          ///< ;isub= value (empty when absent)

    /// The number without visual separators ("+12015550123"), hex digits as written.
    std::string number_digits() const;
};

/// A parsed URI: views into the text given to parse_uri().
struct uri {
    uri_kind kind = uri_kind::absolute;
    std::string_view raw;    ///< the whole URI
    std::string_view scheme; ///< as written, without ':' ("sip", "SIPS", "im", ...)
    std::string_view rest;   ///< everything after "scheme:" (hier-part or opaque-part for absolute URIs)
    sip_uri_parts sip;       ///< meaningful when kind is sip or sips
    tel_uri_parts tel;       ///< meaningful when kind is tel

    bool is_sip_or_sips() const noexcept { return kind == uri_kind::sip || kind == uri_kind::sips; }
};

/// Parses @p text as a whole (no surrounding whitespace) into a URI.
/// Any syntactically valid absoluteURI succeeds with kind == absolute, so an
/// unknown scheme is not an error; malformed input is (errc::bad_uri), with
/// the offset relative to @p text and a sentence naming the element
/// ("SIP-URI: port out of range", "tel URI: local number requires phone-context").
abnf::result<uri> parse_uri(std::string_view text);

/// Parses an RFC 3966 telephone-subscriber on its own: the text after "tel:",
/// or the decoded user part of a SIP-URI with user=phone (RFC 3261 19.1.6).
abnf::result<tel_uri_parts> parse_telephone_subscriber(std::string_view text);

/// URI equivalence: RFC 3261 19.1.4 (with the RFC 5954 section 4 rule that
/// IP literals compare by address) for SIP/SIPS URIs, RFC 3966 section 4 for
/// tel URIs; other schemes compare scheme case-insensitively and the rest
/// exactly, modulo %-escapes of unreserved characters. URIs of different
/// kinds are never equivalent.
bool equivalent(uri const& a, uri const& b) noexcept;

} // namespace cpm::sip
