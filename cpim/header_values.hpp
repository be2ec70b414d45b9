#pragma once
/// @file
/// The structured values of RFC 3862 section 4: From / To / cc addresses,
/// NS namespace declarations and the Require list.

#include "sip/abnf/parse_error.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::cpim {

/// [ Formal-name ] "<" URI ">"  (From, To, cc; RFC 3862 4.1-4.3), with
/// Formal-name = 1*( Token SP ) / String.
struct address {
    /// As written, without the SP before '<': "MR SANDERS" or "\"Winnie\"";
    /// empty when absent.
    std::string_view display_name;
    std::string_view uri; ///< between '<' and '>'

    bool display_name_is_string() const noexcept { return !display_name.empty() && display_name.front() == '"'; }
    /// The display name with a String's quotes removed and escapes decoded.
    sip::abnf::result<std::string> decoded_display_name() const;
};

/// Parsing choices; strict by default, each leniency named.
struct value_options {
    /// Accept one SP between a String display name and '<'
    /// ("\"Alice\" <im:alice@example.com>"), which the ABNF does not allow.
    bool space_after_string_name = false;
};

/// Parses an address value; @p header names the header in error sentences
/// ("CPIM To: expected [display name] <URI>"). Offsets are relative to @p value.
sip::abnf::result<address> parse_address(std::string_view value, std::string_view header,
                                         value_options const& options = {});

/// NS: [ Name-prefix SP ] "<" URI ">"  (RFC 3862 4.6).
struct namespace_decl {
    std::string_view prefix; ///< empty: declares the default namespace
    std::string_view uri;
};

sip::abnf::result<namespace_decl> parse_namespace(std::string_view value);

/// Require: Header-name *( "," Header-name )  (RFC 3862 4.7): the names,
/// as written ("MyFeatures.VitalMessageOption").
sip::abnf::result<std::vector<std::string_view>> parse_require(std::string_view value);

/// Bytes of the Token at the start of @p text (RFC 3862 section 3.6:
/// 1*TOKENCHAR, TOKENCHAR = NAMECHAR / "." / UCS-high); 0 if none. For
/// values built from CPIM tokens, such as the imdn.* headers of RFC 5438.
std::size_t token_length(std::string_view text) noexcept;

/// True when @p uri has the shape of an absolute URI: scheme ":" then
/// printable characters other than SP < > " { } | \ ^ `.
bool is_absolute_uri(std::string_view uri) noexcept;

} // namespace cpm::cpim
