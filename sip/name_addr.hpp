#pragma once
/// @file
/// The (name-addr / addr-spec) *(SEMI param) shape shared by From, To,
/// Contact, Route, Record-Route, Path, Service-Route, Reply-To,
/// P-Asserted-Identity, Referred-By, Refer-To, ...

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"

#include <boost/container/small_vector.hpp>

#include <string>
#include <string_view>

namespace cpm::sip {

struct name_addr {
    /// As written: a quoted-string (with quotes) or a token sequence; empty
    /// when absent. display_name_text() unquotes.
    std::string_view display_name;
    std::string_view uri;      ///< addr-spec, without the angle brackets
    bool bracketed = false;    ///< written as name-addr ("<...>")
    abnf::param_list params;   ///< header parameters after the address
    std::string_view tag;      ///< value of ;tag (From/To), empty when absent
    std::string_view raw;      ///< the whole element

    std::string display_name_text() const;
};

/// Parses one element at the start of @p value. @p consumed receives the
/// offset past it and any following COMMA (for list headers).
/// @p visitor, when given, also receives each header parameter as it is
/// validated, so a caller that interprets them (Contact) needs no second
/// pass over na.params.
abnf::result<name_addr> parse_name_addr(std::string_view value, std::size_t* consumed = nullptr,
                                        abnf::param_visitor* visitor = nullptr);

/// The elements of one list header value (Route, Record-Route, Path,
/// P-Asserted-Identity, ...). Two stay inline, without a heap allocation:
/// a route set written on one line (an IMS Service-Route of P-CSCF and
/// S-CSCF), or the sip and tel identities of P-Asserted-Identity.
using name_addr_list = boost::container::small_vector<name_addr, 2>;

/// Every element of a comma-separated list value.
abnf::result<name_addr_list> parse_name_addr_list(std::string_view value);

} // namespace cpm::sip
