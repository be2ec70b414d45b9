#include "cpim/header.hpp"

#include "cpim/detail/chars.hpp"
#include "cpim/error.hpp"
#include "cpim/escape.hpp"

namespace cpm::cpim {

namespace {

/// The Param-value at the start of @p text: a String or a Token (Number is
/// a Token too). Returns its length, 0 if none.
std::size_t scan_param_value(std::string_view text) noexcept
{
    if (!text.empty() && text.front() == '"')
        return detail::scan_string(text);
    return detail::scan_token(text);
}

} // namespace

sip::abnf::result<std::string> header_param::decoded_value() const
{
    if (is_string())
        return unquote(value);
    return std::string(value);
}

header_params::iterator& header_params::iterator::operator++()
{
    if (rest_.empty()) {
        next_ = nullptr;
        return *this;
    }
    // Validated text: ';' Name '=' Param-value, repeated.
    next_ = rest_.data();
    std::size_t const name_len = detail::scan_name(rest_.substr(1));
    current_.name = rest_.substr(1, name_len);
    std::string_view const after = rest_.substr(2 + name_len);
    std::size_t const value_len = scan_param_value(after);
    current_.value = after.substr(0, value_len);
    rest_ = after.substr(value_len);
    return *this;
}

std::optional<header_param> header_params::find(std::string_view name) const
{
    for (auto const& p : *this)
        if (p.name == name)
            return p;
    return std::nullopt;
}

std::string_view header_params::lang() const
{
    auto const p = find("lang");
    return p ? p->value : std::string_view{};
}

sip::abnf::result<std::string> header::decoded_value() const
{
    return unescape(value);
}

bool is_language_tag(std::string_view s) noexcept
{
    // RFC 3066 2.1: Primary-subtag = 1*8ALPHA, Subtag = 1*8(ALPHA / DIGIT).
    std::size_t i = 0;
    bool first = true;
    while (true) {
        std::size_t n = 0;
        while (i + n < s.size() && s[i + n] != '-') {
            char const c = s[i + n];
            bool const alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!alpha && (first || c < '0' || c > '9'))
                return false;
            ++n;
        }
        if (n == 0 || n > 8)
            return false;
        i += n;
        if (i == s.size())
            return true;
        ++i; // '-'
        first = false;
    }
}

sip::abnf::result<header> header_parser::parse(std::string_view line)
{
    using sip::abnf::make_parse_error;
    char const* const begin = line.data();
    header h;
    h.line = line;
    // Header-name = [ Name-prefix "." ] Name
    std::size_t pos = detail::scan_name(line);
    if (pos == 0)
        return make_parse_error(line, begin, errc::bad_header_name, "CPIM header: expected a header name");
    if (pos < line.size() && line[pos] == '.') {
        h.prefix = line.substr(0, pos);
        std::size_t const n = detail::scan_name(line.substr(pos + 1));
        if (n == 0)
            return make_parse_error(line, begin + pos + 1, errc::bad_header_name,
                                    "CPIM header: expected a name after the namespace prefix");
        h.local_name = line.substr(pos + 1, n);
        pos += 1 + n;
    } else {
        h.local_name = line.substr(0, pos);
    }
    h.name = line.substr(0, pos);
    // Sentences are built only on error: a valid header costs no allocation.
    auto fail = [&](std::size_t at, errc code, std::string_view what) {
        return make_parse_error(line, begin + at, code, "CPIM " + std::string(h.name) + ": " + std::string(what));
    };
    if (pos == line.size() || line[pos] != ':')
        return fail(pos, errc::bad_header_name, "expected ':' after the header name");
    ++pos;
    // Header-parameters = *( ";" Parameter )
    std::size_t const params_begin = pos;
    while (pos < line.size() && line[pos] == ';') {
        std::size_t const name_at = pos + 1;
        std::size_t const name_len = detail::scan_name(line.substr(name_at));
        if (name_len == 0 || name_at + name_len == line.size() || line[name_at + name_len] != '=')
            return fail(name_at + name_len, errc::bad_header_params, "expected parameter name '=' value");
        std::size_t const value_at = name_at + name_len + 1;
        std::size_t const value_len = scan_param_value(line.substr(value_at));
        if (value_len == 0)
            return fail(value_at, errc::bad_header_params, "expected a token or a quoted string as parameter value");
        // Lang-param = "lang=" Language-tag (RFC 3862 3.3)
        if (line.substr(name_at, name_len) == "lang" && !is_language_tag(line.substr(value_at, value_len)))
            return fail(value_at, errc::bad_header_params, "lang must be a language tag (RFC 3066)");
        pos = value_at + value_len;
    }
    h.params.raw_ = line.substr(params_begin, pos - params_begin);
    // RFC 3862 3.6: exactly one SP separates the parameters from the value.
    if (pos == line.size() || line[pos] != ' ')
        return fail(pos, errc::bad_header_line, "expected a space before the value");
    ++pos;
    h.value = line.substr(pos);
    std::size_t const ok = detail::scan_header_value(h.value);
    if (ok != h.value.size())
        return fail(pos + ok, errc::bad_header_value,
                    "control character or bad UTF-8 in the value (RFC 3862 2.3: escape it)");
    return h;
}

} // namespace cpm::cpim
