// The typed header values of RFC 4975 section 9 (and RFC 2045 / RFC 2183
// for the MIME fields of content-stuff).

#include "msrp/headers.hpp"

#include "msrp/error.hpp"
#include "msrp/grammar/chars.hpp"
#include "msrp/grammar/params.hpp"
#include "msrp/uri.hpp"
#include "sip/abnf/unescape.hpp"

namespace cpm::msrp {

namespace abnf = sip::abnf;
using grammar::error_at;

std::string parameter::unquoted() const
{
    return abnf::unquote(value);
}

abnf::result<byte_range> parse_byte_range(std::string_view value)
{
    auto const bad = [&](char const* at) {
        return error_at(value, at, "MSRP Byte-Range: expected <start>-<end>/<total> (end and total digits or *)");
    };
    std::size_t const dash = value.find('-');
    std::size_t const slash = value.find('/');
    if (dash == std::string_view::npos || slash == std::string_view::npos || slash < dash)
        return bad(value.data() + std::min(value.size(), dash == std::string_view::npos ? value.size() : dash));
    byte_range r;
    std::string_view const start = value.substr(0, dash);
    std::string_view const end = value.substr(dash + 1, slash - dash - 1);
    std::string_view const total = value.substr(slash + 1);
    if (!grammar::parse_digits(start, r.start))
        return bad(start.data());
    auto const number_or_star = [](std::string_view s, std::optional<std::uint64_t>& out) {
        if (s == "*")
            return true;
        std::uint64_t n = 0;
        if (!grammar::parse_digits(s, n))
            return false;
        out = n;
        return true;
    };
    if (!number_or_star(end, r.end))
        return bad(end.data());
    if (!number_or_star(total, r.total))
        return bad(total.data());
    // RFC 4975 7.1.1: byte positions count from 1.
    if (r.start == 0)
        return error_at(value, start.data(), "MSRP Byte-Range: range-start counts from 1");
    if (r.end && *r.end + 1 < r.start)
        return error_at(value, end.data(), "MSRP Byte-Range: range-end lies before range-start");
    if (r.end && r.total && *r.end > *r.total)
        return error_at(value, end.data(), "MSRP Byte-Range: range-end lies past the total");
    return r;
}

namespace {

abnf::result<report_mode> parse_report(std::string_view value, std::string_view header, bool partial_allowed)
{
    if (abnf::iequals(value, "yes"))
        return report_mode::yes;
    if (abnf::iequals(value, "no"))
        return report_mode::no;
    if (partial_allowed && abnf::iequals(value, "partial"))
        return report_mode::partial;
    return error_at(value, value.data(), "MSRP " + std::string(header) +
                    (partial_allowed ? ": expected yes, no or partial" : ": expected yes or no"));
}

bool three_digits(std::string_view s, std::uint16_t& out) noexcept
{
    if (s.size() != 3 || !abnf::is_digit(s[0]) || !abnf::is_digit(s[1]) || !abnf::is_digit(s[2]))
        return false;
    out = static_cast<std::uint16_t>((s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0'));
    return true;
}

} // namespace

abnf::result<report_mode> parse_success_report(std::string_view value)
{
    return parse_report(value, "Success-Report", false);
}

abnf::result<report_mode> parse_failure_report(std::string_view value)
{
    return parse_report(value, "Failure-Report", true);
}

abnf::result<status> parse_status(std::string_view value)
{
    status s;
    if (value.size() < 7 || !three_digits(value.substr(0, 3), s.ns) || value[3] != ' ' ||
        !three_digits(value.substr(4, 3), s.code) || (value.size() > 7 && value[7] != ' '))
        return error_at(value, value.data(), "MSRP Status: expected <namespace> <status-code> [<text-reason>]");
    if (value.size() > 7)
        s.reason = value.substr(8);
    return s;
}

abnf::result<std::string_view> parse_message_id(std::string_view value)
{
    if (!grammar::is_ident(value))
        return error_at(value, value.data(), "MSRP Message-ID: expected ALPHANUM then 3 to 31 of ALPHANUM . - + % =");
    return value;
}

abnf::result<std::uint32_t> parse_seconds(std::string_view value, std::string_view header)
{
    std::uint64_t n = 0;
    if (!grammar::parse_digits(value, n) || n > 0xffffffffu)
        return error_at(value, value.data(), "MSRP " + std::string(header) + ": expected seconds (digits, at most 4294967295)");
    return static_cast<std::uint32_t>(n);
}

abnf::result<media_type> parse_content_type(std::string_view value)
{
    media_type m;
    std::size_t const t = grammar::token_length(value);
    if (t == 0 || t >= value.size() || value[t] != '/')
        return error_at(value, value.data() + t, "MSRP Content-Type: expected <type>/<subtype>");
    m.type = value.substr(0, t);
    std::size_t const s = grammar::token_length(value.substr(t + 1));
    if (s == 0)
        return error_at(value, value.data() + t + 1, "MSRP Content-Type: expected <type>/<subtype>");
    m.subtype = value.substr(t + 1, s);
    std::string_view rest = value.substr(t + 1 + s);
    auto r = grammar::parse_semicolon_params(value, rest, false, "MSRP Content-Type", m.params);
    if (!r)
        return r.error();
    return m;
}

abnf::result<std::string_view> parse_content_id(std::string_view value)
{
    // msg-id = "<" id-left "@" id-right ">": printable ASCII without the
    // brackets, '@' separating two non-empty halves.
    if (value.size() < 5 || value.front() != '<' || value.back() != '>')
        return error_at(value, value.data(), "MSRP Content-ID: expected <id-left@id-right>");
    std::string_view const id = value.substr(1, value.size() - 2);
    std::size_t const at = id.find('@');
    if (at == 0 || at == std::string_view::npos || at + 1 == id.size())
        return error_at(value, id.data(), "MSRP Content-ID: expected <id-left@id-right>");
    for (std::size_t i = 0; i < id.size(); ++i) {
        auto const c = static_cast<unsigned char>(id[i]);
        if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || (c == '@' && i != at))
            return error_at(value, id.data() + i, "MSRP Content-ID: unexpected character in the id");
    }
    return id;
}

abnf::result<disposition> parse_content_disposition(std::string_view value)
{
    disposition d;
    std::size_t const t = grammar::token_length(value);
    if (t == 0)
        return error_at(value, value.data(), "MSRP Content-Disposition: expected a disposition type");
    d.type = value.substr(0, t);
    auto r = grammar::parse_semicolon_params(value, value.substr(t), true, "MSRP Content-Disposition", d.params);
    if (!r)
        return r.error();
    return d;
}

abnf::result<void> validate(head const& h)
{
    for (auto const& f : h.fields) {
        abnf::result<void> r;
        auto const keep = [&r](auto const& decoded) {
            if (!decoded)
                r = decoded.error();
        };
        switch (f.id) {
        case header_id::to_path:
        case header_id::from_path:
        case header_id::use_path: keep(parse_path(f.value, "MSRP " + std::string(header_name(f.id)))); break;
        case header_id::message_id: keep(parse_message_id(f.value)); break;
        case header_id::success_report: keep(parse_success_report(f.value)); break;
        case header_id::failure_report: keep(parse_failure_report(f.value)); break;
        case header_id::byte_range: keep(parse_byte_range(f.value)); break;
        case header_id::status: keep(parse_status(f.value)); break;
        case header_id::content_type: keep(parse_content_type(f.value)); break;
        case header_id::content_id: keep(parse_content_id(f.value)); break;
        case header_id::content_disposition: keep(parse_content_disposition(f.value)); break;
        case header_id::expires:
        case header_id::min_expires:
        case header_id::max_expires: keep(parse_seconds(f.value, header_name(f.id))); break;
        case header_id::www_authenticate: keep(parse_www_authenticate(f.value)); break;
        case header_id::authorization: keep(parse_authorization(f.value)); break;
        case header_id::authentication_info: keep(parse_authentication_info(f.value)); break;
        // Content-Description = *text, extension fields = utf8text: both
        // already checked by parse_head.
        case header_id::content_description:
        case header_id::extension: break;
        }
        if (!r)
            return rebase(r.error(), h.text, f.value);
    }
    return {};
}

} // namespace cpm::msrp
