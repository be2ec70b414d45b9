#include "cpim/escape.hpp"

#include "cpim/detail/chars.hpp"
#include "cpim/error.hpp"

#include <cstdint>

namespace cpm::cpim {

namespace {

unsigned hex_value(char c) noexcept
{
    if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
    return static_cast<unsigned>(c - 'A' + 10);
}

void append_utf8(std::string& out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

sip::abnf::result<std::string> decode(std::string_view whole, std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    char const* p = text.data();
    char const* const end = p + text.size();
    while (p != end) {
        if (*p != '\\') {
            out += *p++;
            continue;
        }
        std::size_t const n = detail::escape_length(p, end);
        if (n == 0)
            return sip::abnf::make_parse_error(whole, p, errc::bad_escape,
                "CPIM escape: '\\' must be followed by u and four hex digits, b, t, n, r, '\"', ''' or '\\'");
        if (n == 6) {
            std::uint32_t cp = 0;
            for (int i = 2; i < 6; ++i)
                cp = cp * 16 + hex_value(p[i]);
            // \u names a UCS code point; D800-DFFF are UTF-16 surrogates, not characters.
            if (cp >= 0xd800 && cp <= 0xdfff)
                return sip::abnf::make_parse_error(whole, p, errc::bad_escape,
                                                   "CPIM escape: \\u of a surrogate is not a character");
            append_utf8(out, cp);
        } else {
            switch (p[1]) {
            case 'b': out += '\b'; break;
            case 't': out += '\t'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            default: out += p[1]; break; // '"', '\'', '\\'
            }
        }
        p += n;
    }
    return out;
}

constexpr char hex_digits[] = "0123456789ABCDEF";

} // namespace

sip::abnf::result<std::string> unescape(std::string_view value)
{
    return decode(value, value);
}

sip::abnf::result<std::string> unquote(std::string_view quoted)
{
    if (quoted.size() >= 2 && quoted.front() == '"' && quoted.back() == '"')
        return decode(quoted, quoted.substr(1, quoted.size() - 2));
    return decode(quoted, quoted);
}

bool append_escaped(std::string& out, std::string_view text, escape_context where)
{
    std::size_t const mark = out.size();
    char const* p = text.data();
    char const* const end = p + text.size();
    while (p != end) {
        auto const c = static_cast<unsigned char>(*p);
        if (c >= 0x80) {
            std::size_t const n = detail::utf8_multi_length(p, end);
            if (n == 0) {
                out.resize(mark);
                return false;
            }
            out.append(p, n);
            p += n;
            continue;
        }
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '"':
            out += where == escape_context::string ? "\\\"" : "\"";
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                out += "\\u00";
                out += hex_digits[c >> 4];
                out += hex_digits[c & 0xf];
            } else {
                out += static_cast<char>(c);
            }
        }
        ++p;
    }
    return true;
}

} // namespace cpm::cpim
