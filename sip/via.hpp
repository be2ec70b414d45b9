#pragma once
/// @file
/// Via header field values (RFC 3261 20.42, RFC 3581 rport).

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"

#include <boost/container/small_vector.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace cpm::sip {

/// One via-parm, as views into the message.
struct via {
    std::string_view protocol_name;    ///< "SIP"
    std::string_view protocol_version; ///< "2.0"
    std::string_view transport;        ///< "UDP", "TCP", "TLS", "SCTP", "WS", ...
    std::string_view host;             ///< as written ("[::1]" keeps brackets)
    std::optional<std::uint16_t> port;
    abnf::param_list params;
    std::string_view branch;   ///< empty when absent
    std::string_view received; ///< empty when absent
    std::string_view maddr;
    std::optional<std::uint8_t> ttl;
    bool has_rport = false;
    std::optional<std::uint16_t> rport; ///< value when the response filled it in
    std::string_view raw;               ///< the whole via-parm

    /// RFC 3261 17.1.3: branch starts with the magic cookie "z9hG4bK".
    bool rfc3261_branch() const noexcept { return branch.substr(0, 7) == "z9hG4bK"; }
};

/// Parses the first via-parm at the start of @p value; @p consumed (when
/// given) receives the offset just past it and any following COMMA, so a
/// caller can walk a comma list. Error offsets are relative to @p value.
abnf::result<via> parse_via(std::string_view value, std::size_t* consumed = nullptr);

/// The via-parms of one Via header value. Proxies usually add a Via
/// header line each, so one value rarely holds more than one or two: those
/// stay inline, without a heap allocation.
using via_list = boost::container::small_vector<via, 2>;

/// Every via-parm of one header value ("Via: a, b").
abnf::result<via_list> parse_via_list(std::string_view value);

} // namespace cpm::sip
