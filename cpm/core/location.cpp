#include "cpm/core/location.hpp"

#include "sip/abnf/char_class.hpp"

namespace cpm::core {

std::optional<std::string> canonical_aor(sip::uri const& uri)
{
    if (!uri.is_sip_or_sips() || !uri.sip.has_userinfo || uri.sip.user.empty())
        return std::nullopt;
    std::string out = uri.kind == sip::uri_kind::sips ? "sips:" : "sip:";
    // 10.3 step 5: parameters go and escapes are decoded; the host compares
    // case-insensitively (19.1.4), the user part does not.
    out += uri.sip.user_text();
    out += '@';
    for (char const c : uri.sip.host)
        out += sip::abnf::to_lower(c);
    if (uri.sip.port) {
        out += ':';
        out += std::to_string(*uri.sip.port);
    }
    return out;
}

} // namespace cpm::core
