#pragma once
/// @file
/// The Contact header (RFC 3261 20.10) with the parameters later RFCs gave
/// it: q and expires (RFC 3261), media feature tags (RFC 3840), reg-id and
/// +sip.instance (RFC 5626), pub-gruu and temp-gruu (RFC 5627).

#include "sip/abnf/parse_error.hpp"
#include "sip/feature_tags.hpp"
#include "sip/name_addr.hpp"

#include <boost/container/small_vector.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace cpm::sip {

/// contact-param = (name-addr / addr-spec) *(SEMI contact-params)
struct contact {
    name_addr address;                    ///< display name, URI, every parameter as written
    std::optional<std::uint16_t> q;       ///< c-p-q in thousandths (700 = 0.7)
    std::optional<std::uint32_t> expires; ///< c-p-expires, seconds
    std::optional<std::uint32_t> reg_id;  ///< RFC 5626 c-p-reg, 1 to 2**31-1
    /// RFC 5626 c-p-instance without the quotes and angle brackets:
    /// "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"; empty when absent.
    std::string_view instance;
    std::string_view pub_gruu;  ///< RFC 5627, inside the quotes; empty when absent
    std::string_view temp_gruu; ///< RFC 5627, inside the quotes; empty when absent

    /// The RFC 3840 feature parameters (+sip.instance included).
    feature_params features() const noexcept { return feature_params(address.params); }
};

/// The contact-params of one Contact value. A request carries one; two
/// stay inline too (a registrar's 200 OK listing the bindings of a user with
/// two devices), without a heap allocation.
using contact_vector = boost::container::small_vector<contact, 2>;

/// Contact = ( STAR / (contact-param *(COMMA contact-param)) )
struct contact_list {
    bool wildcard = false;   ///< "Contact: *" (RFC 3261 10.2.2: only with Expires: 0)
    contact_vector contacts; ///< empty for the wildcard
};

/// Parses one Contact header value. Every parameter the RFCs above define
/// is checked; errors name the element ("Contact: q must be ...") with
/// offsets relative to @p value.
abnf::result<contact_list> parse_contact(std::string_view value);

} // namespace cpm::sip
