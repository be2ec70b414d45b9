#pragma once
/// @file
/// One CPIM message header (RFC 3862 3.6): Header-name ":" Header-parameters
/// SP Header-value, with the name's namespace resolved through NS headers.

#include "sip/abnf/parse_error.hpp"

#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace cpm::cpim {

/// The namespace of the headers RFC 3862 defines, and of every unprefixed
/// header until an NS header without prefix names another (RFC 3862 3.4).
inline constexpr std::string_view cpim_namespace = "urn:ietf:params:cpim-headers:";

/// Parameter = Lang-param / Ext-param; Param-value = Token / Number / String.
struct header_param {
    std::string_view name;
    std::string_view value; ///< raw: a String keeps its quotes and escapes

    bool is_string() const noexcept { return !value.empty() && value.front() == '"'; }
    /// The value with a String's quotes removed and escapes decoded (copies).
    sip::abnf::result<std::string> decoded_value() const;
};

/// Validated Header-parameters (";lang=fr;x=\"y z\""); iteration re-scans
/// the validated text and never allocates.
class header_params {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = header_param;
        using difference_type = std::ptrdiff_t;
        using pointer = header_param const*;
        using reference = header_param const&;

        iterator() = default;
        reference operator*() const noexcept { return current_; }
        pointer operator->() const noexcept { return &current_; }
        iterator& operator++();
        iterator operator++(int) { auto t = *this; ++*this; return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.next_ == b.next_; }

    private:
        friend class header_params;
        explicit iterator(std::string_view rest) : rest_(rest) { ++*this; }
        std::string_view rest_;
        char const* next_ = nullptr; // start of current_ (nullptr at end)
        header_param current_{};
    };

    header_params() = default;
    iterator begin() const { return raw_.empty() ? end() : iterator(raw_); }
    iterator end() const { return iterator(); }
    bool empty() const noexcept { return raw_.empty(); }
    /// As written, from the first ';'.
    std::string_view raw() const noexcept { return raw_; }
    /// First parameter named @p name (case-sensitive, like header names).
    std::optional<header_param> find(std::string_view name) const;
    /// The Language-tag of Lang-param, empty when absent.
    std::string_view lang() const;

private:
    friend class header_parser;
    std::string_view raw_;
};

/// Which RFC 3862 header a line is, after namespace resolution.
enum class header_kind : std::uint8_t {
    from, to, cc, date_time, subject, ns, require,
    other, ///< an extension header (any namespace) or an unknown CPIM one, kept raw
};

/// One message header as received.
struct header {
    std::string_view name;          ///< as written: "imdn.Message-ID"
    std::string_view prefix;        ///< "imdn"; empty when unprefixed
    std::string_view local_name;    ///< "Message-ID"
    std::string_view namespace_uri; ///< resolved; empty when the prefix was never declared
    header_params params;
    std::string_view value;         ///< raw: escapes not decoded
    std::string_view line;          ///< the whole line without its CRLF
    header_kind kind = header_kind::other;

    /// True when the header is @p local_name in namespace @p namespace_uri.
    bool is(std::string_view ns_uri, std::string_view local) const noexcept
    {
        return local_name == local && namespace_uri == ns_uri && !namespace_uri.empty();
    }
    /// The value with its RFC 3862 2.3 escapes decoded (copies).
    sip::abnf::result<std::string> decoded_value() const;
};

/// Language-tag (RFC 3066): 1*8ALPHA *( "-" 1*8alphanum ).
bool is_language_tag(std::string_view s) noexcept;

/// Splits one header line (no CRLF) into name, prefix, parameters and
/// value, validating each against RFC 3862 3.6. namespace_uri and kind are
/// left for the message to resolve. Offsets of errors are relative to @p line.
class header_parser {
public:
    static sip::abnf::result<header> parse(std::string_view line);
};

} // namespace cpm::cpim
