#include "msrp/grammar/params.hpp"

#include "msrp/grammar/chars.hpp"

#include <string>

namespace cpm::msrp::grammar {

namespace {
std::string_view skip_wsp(std::string_view s, bool spaces) noexcept
{
    while (spaces && !s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    return s;
}
} // namespace

std::size_t param_value_length(std::string_view s) noexcept
{
    if (!s.empty() && s.front() == '"')
        return quoted_string_length(s);
    return token_length(s);
}

sip::abnf::result<void> parse_semicolon_params(std::string_view value, std::string_view rest, bool spaces,
                                               std::string_view header, std::vector<parameter>& out)
{
    while (true) {
        rest = skip_wsp(rest, spaces);
        if (rest.empty())
            return {};
        if (rest.front() != ';')
            return error_at(value, rest.data(), std::string(header) + ": expected ;<name>[=<value>]");
        rest = skip_wsp(rest.substr(1), spaces);
        parameter p;
        std::size_t const n = token_length(rest);
        if (n == 0)
            return error_at(value, rest.data(), std::string(header) + ": parameter name must be a token");
        p.name = rest.substr(0, n);
        rest = skip_wsp(rest.substr(n), spaces);
        if (!rest.empty() && rest.front() == '=') {
            rest = skip_wsp(rest.substr(1), spaces);
            std::size_t const v = param_value_length(rest);
            if (v == 0)
                return error_at(value, rest.data(),
                                std::string(header) + ": parameter value must be a token or a quoted-string");
            p.value = rest.substr(0, v);
            p.has_value = true;
            rest = rest.substr(v);
        }
        out.push_back(p);
    }
}

} // namespace cpm::msrp::grammar
