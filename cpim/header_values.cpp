#include "cpim/header_values.hpp"

#include "cpim/detail/chars.hpp"
#include "cpim/error.hpp"
#include "cpim/escape.hpp"

#include <optional>

namespace cpm::cpim {

namespace {

using sip::abnf::make_parse_error;

bool is_scheme_char(char c, bool first) noexcept
{
    bool const alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (first)
        return alpha;
    return alpha || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

/// "<" URI ">" that ends @p value at @p pos; returns the URI or nullopt.
std::optional<std::string_view> bracketed_uri(std::string_view value, std::size_t pos)
{
    if (pos >= value.size() || value[pos] != '<' || value.back() != '>' || value.size() - pos < 2)
        return std::nullopt;
    std::string_view const uri = value.substr(pos + 1, value.size() - pos - 2);
    if (!is_absolute_uri(uri))
        return std::nullopt;
    return uri;
}

} // namespace

bool is_absolute_uri(std::string_view uri) noexcept
{
    // RFC 3986 3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    std::size_t i = 0;
    while (i < uri.size() && is_scheme_char(uri[i], i == 0))
        ++i;
    if (i == 0 || i == uri.size() || uri[i] != ':' || i + 1 == uri.size())
        return false;
    // RFC 3986 2 / appendix C: these never appear unescaped in a URI.
    for (char c : uri.substr(i + 1)) {
        auto const u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' ||
            c == '\\' || c == '^' || c == '`')
            return false;
    }
    return true;
}

sip::abnf::result<std::string> address::decoded_display_name() const
{
    if (display_name_is_string())
        return unquote(display_name);
    return unescape(display_name);
}

sip::abnf::result<address> parse_address(std::string_view value, std::string_view header,
                                         value_options const& options)
{
    auto shape = [&](std::size_t at) {
        return make_parse_error(value, value.data() + at, errc::bad_address,
                                "CPIM " + std::string(header) + ": expected [display name] <URI>");
    };
    address a;
    std::size_t pos = 0;
    if (!value.empty() && value.front() == '"') {
        // Formal-name = String
        std::size_t const n = detail::scan_string(value);
        if (n == 0)
            return make_parse_error(value, value.data(), errc::bad_address,
                                    "CPIM " + std::string(header) + ": unterminated or malformed quoted display name");
        a.display_name = value.substr(0, n);
        pos = n;
        if (options.space_after_string_name && pos < value.size() && value[pos] == ' ')
            ++pos;
    } else {
        // Formal-name = 1*( Token SP ): tokens, each followed by one SP.
        std::size_t end_of_name = 0;
        while (pos < value.size() && value[pos] != '<') {
            std::size_t const n = detail::scan_token(value.substr(pos));
            if (n == 0 || pos + n == value.size() || value[pos + n] != ' ')
                return shape(pos + n);
            end_of_name = pos + n;
            pos += n + 1;
        }
        a.display_name = value.substr(0, end_of_name);
    }
    auto const uri = bracketed_uri(value, pos);
    if (!uri)
        return shape(pos);
    a.uri = *uri;
    return a;
}

sip::abnf::result<namespace_decl> parse_namespace(std::string_view value)
{
    namespace_decl d;
    std::size_t pos = detail::scan_name(value);
    d.prefix = value.substr(0, pos);
    // RFC 3862 4.6 writes [ Name-prefix SP ]; a prefix glued to '<' is read too.
    if (pos != 0 && pos < value.size() && value[pos] == ' ')
        ++pos;
    auto const uri = bracketed_uri(value, pos);
    if (!uri)
        return make_parse_error(value, value.data() + pos, errc::bad_namespace,
                                "CPIM NS: expected [prefix] <URI>");
    d.uri = *uri;
    return d;
}

sip::abnf::result<std::vector<std::string_view>> parse_require(std::string_view value)
{
    std::vector<std::string_view> names;
    std::size_t pos = 0;
    while (true) {
        std::size_t const start = pos;
        std::size_t n = detail::scan_name(value.substr(pos));
        if (n != 0 && pos + n < value.size() && value[pos + n] == '.') {
            std::size_t const m = detail::scan_name(value.substr(pos + n + 1));
            n = m == 0 ? 0 : n + 1 + m;
        }
        if (n == 0)
            return make_parse_error(value, value.data() + pos, errc::bad_require,
                                    "CPIM Require: expected a header name");
        names.push_back(value.substr(start, n));
        pos += n;
        if (pos == value.size())
            return names;
        if (value[pos] != ',')
            return make_parse_error(value, value.data() + pos, errc::bad_require,
                                    "CPIM Require: expected ',' between header names");
        ++pos;
    }
}

std::size_t token_length(std::string_view text) noexcept
{
    return detail::scan_token(text);
}

} // namespace cpm::cpim
