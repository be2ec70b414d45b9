#pragma once
/// @file
/// RFC 5547 section 6: the file-transfer attributes of an MSRP media line
/// (file-selector, file-transfer-id, file-disposition, file-date,
/// file-icon, file-range). Views into the attribute values; the file name
/// stays percent-encoded until decoded_name() is asked for.

#include "sip/abnf/parse_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cpm::sdp {

namespace abnf = cpm::sip::abnf;

/// file-selector = "file-selector" [":" selector *(SP selector)]
struct file_selector {
    std::string_view name;        ///< name:"..." without the quotes, %-escapes kept
    std::string_view type;        ///< type:<type>/<subtype>...
    std::string_view subtype;
    std::string_view type_params; ///< the ";attr=\"value\"" list after the subtype, raw
    std::optional<std::uint64_t> size;
    std::string_view hash_algorithm; ///< hash:<algorithm>:<value>
    std::string_view hash_value;     ///< "3F:A2:..."

    /// The file name with its %-escapes decoded (a copy); nullopt without a name.
    std::optional<std::string> decoded_name() const;
    bool operator==(file_selector const&) const = default;
};

/// Parses the selectors of a file-selector value; an empty value (the
/// attribute written without ':') gives an empty selector.
abnf::result<file_selector> parse_file_selector(std::string_view value);

/// file-date = date-param *(SP date-param), each date a quoted RFC 5322
/// date-time (kept as written, without the quotes).
struct file_date {
    std::string_view creation;
    std::string_view modification;
    std::string_view read;
    bool operator==(file_date const&) const = default;
};
abnf::result<file_date> parse_file_date(std::string_view value);

/// file-range = start-offset "-" stop-offset; stop is nullopt for "*".
/// Offsets count from 1 (RFC 5547 section 6).
struct file_range {
    std::uint64_t start = 1;
    std::optional<std::uint64_t> stop;
    bool operator==(file_range const&) const = default;
};
abnf::result<file_range> parse_file_range(std::string_view value);

/// file-transfer-id and file-disposition values are tokens.
abnf::result<std::string_view> parse_file_token(std::string_view value, std::string_view attribute_name);

/// file-icon-value = cid-url (RFC 2392: "cid:" content-id).
abnf::result<std::string_view> parse_file_icon(std::string_view value);

} // namespace cpm::sdp
