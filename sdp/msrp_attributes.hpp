#pragma once
/// @file
/// Typed values of the attributes an MSRP media line carries: path,
/// accept-types and accept-wrapped-types (RFC 4975 section 8), max-size,
/// setup and connection (RFC 4145, used by MSRP per RFC 6135), the
/// direction attributes (RFC 8866 section 6.7) and msrp-cema (RFC 6714).
///
/// Each parse_*() takes an attribute value (the text after "name:") and
/// returns views into it; errors are at offsets into that value.

#include "sip/abnf/parse_error.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace cpm::sdp {

namespace abnf = cpm::sip::abnf;

/// format-entry = "*" / ( type "/" subtype ) / ( type "/" "*" )
struct media_range {
    std::string_view type;    ///< "*" for the bare "*"
    std::string_view subtype; ///< "*" for "type/*" and for "*"

    bool is_any() const noexcept { return type == "*"; }
    /// Whether every media type this range admits is also admitted by
    /// @p other (case-insensitive, RFC 2045 5.1).
    bool within(media_range const& other) const noexcept;
    /// Whether the two ranges admit at least one common media type.
    bool overlaps(media_range const& other) const noexcept;
    /// Whether "type/subtype" is admitted by this range.
    bool admits(std::string_view type_, std::string_view subtype_) const noexcept;
    bool operator==(media_range const&) const = default;
};

/// accept-types / accept-wrapped-types value: format-entry *(SP format-entry),
/// read past one leading SP (the CPM draft writes "accept-types: message/cpim").
/// @p attribute_name starts the error sentences.
abnf::result<std::vector<media_range>> parse_accept_types(std::string_view value,
                                                          std::string_view attribute_name = "accept-types");

/// path = MSRP-URI *(SP MSRP-URI): the URIs as views, split on SP (the
/// MSRP URI grammar itself belongs to the MSRP codec).
abnf::result<std::vector<std::string_view>> parse_path(std::string_view value);

/// max-size-value = 1*DIGIT (octets).
abnf::result<std::uint64_t> parse_max_size(std::string_view value);

/// RFC 4145 section 4: role = "active" / "passive" / "actpass" / "holdconn".
enum class setup_role : std::uint8_t { active, passive, actpass, holdconn };
abnf::result<setup_role> parse_setup(std::string_view value);
std::string_view to_string(setup_role r) noexcept;

/// RFC 4145 section 5: conn-value = "new" / "existing".
enum class connection_value : std::uint8_t { fresh, existing };
abnf::result<connection_value> parse_connection_value(std::string_view value);
std::string_view to_string(connection_value c) noexcept;

/// RFC 8866 6.7: the four direction property attributes.
enum class direction : std::uint8_t { sendrecv, sendonly, recvonly, inactive };
/// The direction an attribute name stands for, or nullopt.
std::optional<direction> direction_from_name(std::string_view attribute_name) noexcept;
std::string_view to_string(direction d) noexcept;

} // namespace cpm::sdp
