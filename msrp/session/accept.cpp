#include "msrp/session/config.hpp"

#include "sip/abnf/char_class.hpp"

namespace cpm::msrp {

bool accepts(std::span<std::string const> accept_types, std::string_view content_type) noexcept
{
    auto const m = parse_content_type(content_type);
    if (!m)
        return false;
    for (std::string_view range : accept_types) {
        if (range == "*")
            return true;
        std::size_t const slash = range.find('/');
        if (slash == std::string_view::npos)
            continue;
        std::string_view const sub = range.substr(slash + 1);
        if (sip::abnf::iequals(range.substr(0, slash), m->type) && (sub == "*" || sip::abnf::iequals(sub, m->subtype)))
            return true;
    }
    return false;
}

} // namespace cpm::msrp
