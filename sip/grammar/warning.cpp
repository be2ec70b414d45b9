#include "sip/warning.hpp"

#include "sip/abnf/unescape.hpp"
#include "sip/grammar/header_rules.hpp"

namespace cpm::sip {

namespace {
using grammar::header_error;
namespace x3 = boost::spirit::x3;
namespace g = abnf::grammar;

constexpr std::string_view header = "Warning";

// warn-agent = hostport / pseudonym; hostport = host [":" port]
const auto warn_agent = (g::host >> -(':' >> g::port) >> !g::cls(abnf::cc_token)) | g::token;
const auto warn_code = x3::repeat(3)[g::cls(abnf::cc_digit)];
} // namespace

std::string warning::text_unquoted() const
{
    return abnf::unquote(text);
}

abnf::result<warning_list> parse_warning(std::string_view value)
{
    return grammar::parse_comma_list<warning_list>(
        value, header, "a warning-value (code agent \"text\")", grammar::empty_list::rejected,
        [](std::string_view rest, std::size_t& length) -> abnf::result<warning> {
            warning w;
            char const* const end = rest.data() + rest.size();
            char const* p = rest.data();
            std::string_view code;
            if (char const* q = p; g::match(q, end, warn_code, code) && g::skip(q, end, g::lws))
                p = q;
            else
                return header_error(rest, p, header, "warn-code must be three digits followed by a space");
            w.code = static_cast<std::uint16_t>((code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0'));
            char const* const agent_at = p;
            if (!(g::match(p, end, warn_agent, w.agent) && g::skip(p, end, g::lws)))
                return header_error(rest, agent_at, header, "warn-agent must be host[:port] or a token, then a space");
            char const* const text_at = p;
            if (!g::match(p, end, g::quoted_string_body, w.text))
                return header_error(rest, text_at, header, "warn-text must be a quoted-string");
            length = static_cast<std::size_t>(p - rest.data());
            return w;
        });
}

} // namespace cpm::sip
