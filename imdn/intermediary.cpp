// IMDN routing through intermediaries (RFC 5438): record on the way out,
// remove one's own route on the way back, as one-line splices of the CPIM
// header block.

#include "imdn/intermediary.hpp"

#include "imdn/error.hpp"
#include "imdn/headers.hpp"

#include "cpim/header_values.hpp"

namespace cpm::imdn {

namespace {

using sip::abnf::parse_error;

parse_error refuse(errc code, std::string sentence)
{
    return parse_error{make_error_code(code), 0, 1, 1, "IMDN: " + std::move(sentence)};
}

/// Offset in @p m's text of the first byte of @p line (a view into it).
std::size_t offset_of(cpim::message const& m, std::string_view line) noexcept
{
    return static_cast<std::size_t>(line.data() - m.text().data());
}

/// The end of @p line's CRLF (or LF) in @p text.
std::size_t past_line_end(std::string_view text, std::size_t line_end) noexcept
{
    if (line_end < text.size() && text[line_end] == '\r')
        ++line_end;
    if (line_end < text.size() && text[line_end] == '\n')
        ++line_end;
    return line_end;
}

sip::abnf::result<cpim::message> reparse(std::string text)
{
    return cpim::message::parse(sip::abnf::text_buffer(text));
}

} // namespace

sip::abnf::result<cpim::message> add_record_route(cpim::message const& im, std::string_view own_uri)
{
    if (!cpim::is_absolute_uri(own_uri) || own_uri.find_first_of("<>\r\n") != std::string_view::npos)
        return refuse(errc::bad_address, "an IMDN-Record-Route needs an absolute URI");
    if (im.headers().empty())
        return refuse(errc::missing_header, "the IM has no header block to record a route in");

    std::string_view prefix;
    bool declared = false;
    for (auto const& ns : im.namespaces())
        if (ns.uri == header_namespace && !ns.prefix.empty()) {
            prefix = ns.prefix;
            declared = true;
            break;
        }
    // Before the first IMDN-Record-Route, else after the last message header.
    std::string_view const text = im.text();
    std::size_t at = std::string_view::npos;
    for (auto const& h : im.headers())
        if (h.is(header_namespace, "IMDN-Record-Route")) {
            at = offset_of(im, h.line);
            break;
        }
    if (at == std::string_view::npos) {
        auto const& last = im.headers().back().line;
        at = past_line_end(text, offset_of(im, last) + last.size());
    }
    std::string lines;
    if (!declared) {
        prefix = "imdn";
        lines += "NS: imdn <";
        lines += header_namespace;
        lines += ">\r\n";
    }
    lines += prefix;
    lines += ".IMDN-Record-Route: <";
    lines += own_uri;
    lines += ">\r\n";
    std::string out(text.substr(0, at));
    out += lines;
    out += text.substr(at);
    return reparse(std::move(out));
}

sip::abnf::result<relayed_imdn> relay_imdn(cpim::message const& imdn, std::string_view own_uri)
{
    auto headers = read_headers(imdn);
    if (!headers)
        return headers.error();
    if (headers->route.empty() || headers->route.front().uri != own_uri)
        return refuse(errc::not_on_route, "the IMDN's first IMDN-Route is not " + std::string(own_uri));
    std::string next_hop;
    if (headers->route.size() > 1)
        next_hop = headers->route[1].uri;
    else if (!imdn.to().empty())
        next_hop = imdn.to().front().uri;
    else
        return refuse(errc::missing_header, "the IMDN has no To and no further IMDN-Route");

    std::string_view const text = imdn.text();
    for (auto const& h : imdn.headers()) {
        if (!h.is(header_namespace, "IMDN-Route"))
            continue;
        std::size_t const begin = offset_of(imdn, h.line);
        std::size_t const end = past_line_end(text, begin + h.line.size());
        std::string out(text.substr(0, begin));
        out += text.substr(end);
        auto message = reparse(std::move(out));
        if (!message)
            return message.error();
        return relayed_imdn{std::move(*message), std::move(next_hop)};
    }
    return refuse(errc::not_on_route, "the IMDN carries no IMDN-Route");
}

} // namespace cpm::imdn
