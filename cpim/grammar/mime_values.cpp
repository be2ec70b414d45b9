// Content-Type, Content-Disposition and Content-ID of the encapsulated MIME
// object, on the RFC 3261 core rules (RFC 2045's token and parameter
// syntax is the same, with SIP's LWS standing for MIME folding).

#include "cpim/error.hpp"
#include "cpim/mime.hpp"

#include "sip/abnf/grammar/core_rules.hpp"

namespace cpm::cpim {

namespace {
namespace g = sip::abnf::grammar;

/// Validates the parameter list after @p p up to the end of @p value.
bool params_to_end(std::string_view value, char const*& p, sip::abnf::param_list& out)
{
    char const* const end = value.data() + value.size();
    std::string_view rest(p, static_cast<std::size_t>(end - p));
    std::size_t const n = sip::abnf::parse_params(rest, sip::abnf::param_syntax::header);
    out = sip::abnf::make_param_list(rest.substr(0, n), sip::abnf::param_syntax::header);
    p += n;
    g::skip(p, end, g::sws);
    return p == end;
}

sip::abnf::parse_error mime_error(std::string_view value, char const* at, std::string sentence)
{
    return sip::abnf::make_parse_error(value, at, errc::bad_mime_header, std::move(sentence));
}

} // namespace

bool content_type::is(std::string_view t, std::string_view s) const noexcept
{
    return (t == "*" || sip::abnf::iequals(type, t)) && (s == "*" || sip::abnf::iequals(subtype, s));
}

sip::abnf::result<content_type> parse_content_type(std::string_view value)
{
    content_type ct;
    char const* const begin = value.data();
    char const* const end = begin + value.size();
    char const* p = begin;
    if (!(g::match(p, end, g::token, ct.type) && g::skip(p, end, g::slash) && g::match(p, end, g::token, ct.subtype)))
        return mime_error(value, p, "CPIM Content-Type: expected type/subtype");
    char const* const params_at = p;
    if (!params_to_end(value, p, ct.params))
        return mime_error(value, p, "CPIM Content-Type: unexpected character after parameters");
    ct.raw = std::string_view(begin, static_cast<std::size_t>(params_at - begin) + ct.params.raw().size());
    return ct;
}

sip::abnf::result<content_disposition> parse_content_disposition(std::string_view value)
{
    content_disposition cd;
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    if (!g::match(p, end, g::token, cd.type))
        return mime_error(value, p, "CPIM Content-Disposition: expected a disposition type");
    if (!params_to_end(value, p, cd.params))
        return mime_error(value, p, "CPIM Content-Disposition: unexpected character after parameters");
    return cd;
}

sip::abnf::result<std::string_view> parse_content_id(std::string_view value)
{
    // msg-id = "<" id ">": printable characters other than '<' and '>'.
    if (value.size() < 3 || value.front() != '<' || value.back() != '>')
        return mime_error(value, value.data(), "CPIM Content-ID: expected <id>");
    std::string_view const id = value.substr(1, value.size() - 2);
    for (std::size_t i = 0; i < id.size(); ++i) {
        auto const c = static_cast<unsigned char>(id[i]);
        if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>')
            return mime_error(value, id.data() + i, "CPIM Content-ID: unexpected character in the id");
    }
    return id;
}

} // namespace cpm::cpim
