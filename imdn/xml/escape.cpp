#include "imdn/xml/escape.hpp"

#include "imdn/xml/detail/chars.hpp"

namespace cpm::imdn::xml {

namespace {

bool append_escaped(std::string& out, std::string_view text, bool attribute)
{
    std::size_t const mark = out.size();
    char const* p = text.data();
    char const* const end = p + text.size();
    while (p < end) {
        char const c = *p;
        auto const u = static_cast<unsigned char>(c);
        if (u >= 0x80) {
            char32_t cp = 0;
            int const len = detail::decode_utf8(p, end, cp);
            if (len == 0 || !detail::is_char(cp)) {
                out.resize(mark);
                return false;
            }
            out.append(p, static_cast<std::size_t>(len));
            p += len;
            continue;
        }
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '\r': out += "&#13;"; break;
        case '"':
            if (attribute)
                out += "&quot;";
            else
                out.push_back(c);
            break;
        case '\t':
        case '\n':
            if (attribute)
                out += c == '\t' ? "&#9;" : "&#10;";
            else
                out.push_back(c);
            break;
        default:
            if (u < 0x20) {
                out.resize(mark);
                return false;
            }
            out.push_back(c);
        }
        ++p;
    }
    return true;
}

} // namespace

bool append_text(std::string& out, std::string_view text)
{
    return append_escaped(out, text, false);
}

bool append_attribute_value(std::string& out, std::string_view text)
{
    return append_escaped(out, text, true);
}

} // namespace cpm::imdn::xml
