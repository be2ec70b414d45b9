#include "cpim/serialize.hpp"

namespace cpm::cpim {

void append_address(std::string& out, address const& a)
{
    out += a.display_name;
    if (!a.display_name.empty() && !a.display_name_is_string())
        out += ' ';
    out += '<';
    out += a.uri;
    out += '>';
}

void serialize(message const& m, std::string& out)
{
    // Addresses are decoded in header order, one list per kind.
    std::size_t to = 0;
    std::size_t cc = 0;
    bool from_done = false;
    for (auto const& h : m.headers()) {
        out += h.name;
        out += ':';
        out += h.params.raw();
        out += ' ';
        if (h.kind == header_kind::from && !from_done && m.from()) {
            append_address(out, *m.from());
            from_done = true;
        } else if (h.kind == header_kind::to && to < m.to().size()) {
            append_address(out, m.to()[to++]);
        } else if (h.kind == header_kind::cc && cc < m.cc().size()) {
            append_address(out, m.cc()[cc++]);
        } else {
            out += h.value;
        }
        out += "\r\n";
    }
    out += "\r\n";
    for (auto const& h : m.mime_headers()) {
        out += h.name;
        out += ": ";
        out += h.value;
        out += "\r\n";
    }
    out += "\r\n";
    out += m.body();
}

} // namespace cpm::cpim
