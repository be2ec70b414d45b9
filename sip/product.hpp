#pragma once
/// @file
/// User-Agent and Server (RFC 3261 20.35, 20.41): product tokens and
/// comments, e.g. "CPM-client/OMA1.0 (build 7) libcpm/0.1".

#include "sip/abnf/parse_error.hpp"

#include <boost/container/small_vector.hpp>

#include <optional>
#include <string_view>

namespace cpm::sip {

/// server-val = product / comment, product = token [SLASH product-version]
struct product {
    std::string_view name;    ///< empty for a comment
    std::string_view version; ///< empty when absent
    std::string_view comment; ///< "(...)" with its parentheses, for a comment

    bool is_comment() const noexcept { return !comment.empty(); }
};

/// server-val *(LWS server-val)
struct product_list {
    /// Four inline, without a heap allocation ("CPM-client/OMA1.0
    /// (build 7) libcpm/0.1" has three).
    boost::container::small_vector<product, 4> items;

    /// The first product named @p name (case-insensitive), e.g. the
    /// "CPM-client" whose version gives the CPM release (DECISIONS.md).
    std::optional<product> find(std::string_view name) const noexcept;
};

/// @p header names the header ("User-Agent", "Server") in error sentences.
abnf::result<product_list> parse_product_list(std::string_view value, std::string_view header);

} // namespace cpm::sip
