#include "sip/cseq.hpp"

#include "sip/abnf/grammar/core_rules.hpp"
#include "sip/grammar/value_error.hpp"

#include <string>

namespace cpm::sip {

namespace {
namespace g = abnf::grammar;
namespace x3 = boost::spirit::x3;

// Call-ID = word [ "@" word ]
const auto call_id = g::word >> -('@' >> g::word);
} // namespace

abnf::result<std::uint32_t> parse_uint32(std::string_view value, std::string_view header)
{
    if (value.empty())
        return grammar::value_error(value, value.data(), std::string(header) + ": expected digits");
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (!abnf::is_digit(value[i]))
            return grammar::value_error(value, value.data() + i, std::string(header) + ": expected digits only");
        n = n * 10 + static_cast<std::uint64_t>(value[i] - '0');
        if (n > 0xffffffffu)
            return grammar::value_error(value, value.data(), std::string(header) + ": value too large");
    }
    return static_cast<std::uint32_t>(n);
}

abnf::result<cseq> parse_cseq(std::string_view value)
{
    // CSeq = 1*DIGIT LWS Method
    cseq c;
    std::string_view digits;
    char const* p = value.data();
    char const* const end = p + value.size();
    if (!(g::match(p, end, g::port, digits) && g::skip(p, end, g::lws) && g::match(p, end, g::token, c.method_text)) ||
        p != end)
        return grammar::value_error(value, p, "CSeq: expected <number> <method>");
    auto n = parse_uint32(digits, "CSeq");
    if (!n || *n >= 0x80000000u)
        return grammar::value_error(value, value.data(), "CSeq: sequence number must be below 2**31");
    c.number = *n;
    c.method = method_from_text(c.method_text);
    return c;
}

abnf::result<std::string_view> parse_call_id(std::string_view value)
{
    std::string_view id;
    char const* p = value.data();
    char const* const end = p + value.size();
    if (!g::match(p, end, call_id, id) || p != end)
        return grammar::value_error(value, p, "Call-ID: expected word[@word]");
    return id;
}

} // namespace cpm::sip
