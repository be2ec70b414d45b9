#include "sip/multipart.hpp"

#include "sip/abnf/char_class.hpp"
#include "sip/error.hpp"
#include "sip/header_id.hpp"

#include <string>

namespace cpm::sip {

namespace {

// RFC 2046 5.1.1: boundary := 0*69<bchars> bcharsnospace,
// bchars := bcharsnospace / " "
bool is_bchar(char c) noexcept
{
    return abnf::is(c, abnf::cc_alphanum) || std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

bool valid_boundary(std::string_view b) noexcept
{
    if (b.empty() || b.size() > 70 || b.back() == ' ')
        return false;
    for (char c : b)
        if (!is_bchar(c))
            return false;
    return true;
}

abnf::parse_error multipart_error(std::string_view text, std::size_t at, std::string sentence)
{
    return abnf::make_parse_error(text, text.data() + at, errc::bad_multipart, "multipart: " + std::move(sentence));
}

/// Offset of the next delimiter (CRLF "--" boundary) whose CR is at or
/// after @p from, or npos.
std::size_t find_delimiter(std::string_view body, std::string_view boundary, std::size_t from) noexcept
{
    for (std::size_t at = body.find(boundary, from + 4); at != std::string_view::npos;
         at = body.find(boundary, at + 1)) {
        if (body.substr(at - 4, 4) == "\r\n--")
            return at - 4;
    }
    return std::string_view::npos;
}

/// Skips transport-padding (*LWSP-char) from @p pos.
std::size_t skip_padding(std::string_view body, std::size_t pos) noexcept
{
    while (pos < body.size() && abnf::is_wsp(body[pos]))
        ++pos;
    return pos;
}

/// body-part := MIME-part-headers [CRLF *OCTET], where the part is
/// body[begin, end).
abnf::result<mime_part> parse_part(std::string_view body, std::size_t begin, std::size_t end, std::size_t number)
{
    mime_part part;
    part.raw = body.substr(begin, end - begin);
    std::string const which = "part " + std::to_string(number) + ": ";
    std::string_view const t = part.raw;
    std::size_t p = 0;
    while (p < t.size()) {
        if (t.substr(p, 2) == "\r\n") {
            part.body = t.substr(p + 2);
            return part;
        }
        header_field h;
        std::size_t const line_start = p;
        while (p < t.size() && abnf::is_token_char(t[p]))
            ++p;
        h.name = t.substr(line_start, p - line_start);
        if (h.name.empty())
            return multipart_error(body, begin + p, which + "expected a header field or an empty line");
        while (p < t.size() && abnf::is_wsp(t[p]))
            ++p;
        if (p == t.size() || t[p] != ':')
            return multipart_error(body, begin + p,
                                   which + "expected ':' after header name '" + std::string(h.name) + "'");
        ++p;
        // The field runs to a CRLF not followed by whitespace (a fold
        // continues it), or to the end of the part.
        std::size_t eol = t.find("\r\n", p);
        while (eol != std::string_view::npos && eol + 2 < t.size() && abnf::is_wsp(t[eol + 2]))
            eol = t.find("\r\n", eol + 2);
        std::size_t const next = eol == std::string_view::npos ? t.size() : eol + 2;
        if (eol == std::string_view::npos)
            eol = t.size();
        auto const space = [](char c) { return abnf::is_wsp(c) || c == '\r' || c == '\n'; };
        std::size_t vb = p;
        std::size_t ve = eol;
        while (vb < ve && space(t[vb]))
            ++vb;
        while (ve > vb && space(t[ve - 1]))
            --ve;
        h.value = t.substr(vb, ve - vb);
        h.line = t.substr(line_start, next - line_start);
        // One-letter names are SIP compact forms, which MIME does not have.
        h.id = h.name.size() > 1 ? lookup_header(h.name) : header_id::unknown;
        part.headers.push_back(h);
        p = next;
    }
    part.body = t.substr(t.size());
    return part;
}

} // namespace

header_field const* mime_part::find(std::string_view name) const noexcept
{
    for (auto const& h : headers)
        if (abnf::iequals(h.name, name))
            return &h;
    return nullptr;
}

std::string_view mime_part::value_of(std::string_view name) const noexcept
{
    auto const* h = find(name);
    return h == nullptr ? std::string_view() : h->value;
}

abnf::result<std::vector<mime_part>> parse_multipart(std::string_view body, std::string_view boundary)
{
    if (!valid_boundary(boundary))
        return multipart_error(body, 0, "invalid boundary '" + std::string(boundary) + "'");
    std::string const dashed = "--" + std::string(boundary);

    // multipart-body := [preamble CRLF] dash-boundary transport-padding CRLF
    //                   body-part *encapsulation close-delimiter
    //                   transport-padding [CRLF epilogue]
    std::size_t dash = 0;
    if (body.substr(0, dashed.size()) != dashed) {
        dash = find_delimiter(body, boundary, 0);
        if (dash == std::string_view::npos)
            return multipart_error(body, 0, "opening boundary " + dashed + " not found");
        dash += 2;
    }
    std::vector<mime_part> parts;
    while (true) {
        std::size_t pos = dash + dashed.size();
        if (body.substr(pos, 2) == "--") {
            if (parts.empty())
                return multipart_error(body, dash, "no body part before the closing boundary " + dashed + "--");
            pos = skip_padding(body, pos + 2);
            if (pos != body.size() && body.substr(pos, 2) != "\r\n")
                return multipart_error(body, pos, "unexpected text after the closing boundary " + dashed + "--");
            return parts; // the epilogue is ignored
        }
        pos = skip_padding(body, pos);
        if (body.substr(pos, 2) != "\r\n")
            return multipart_error(body, pos, "expected CRLF after the boundary " + dashed);
        std::size_t const begin = pos + 2;
        std::size_t const end = find_delimiter(body, boundary, begin);
        if (end == std::string_view::npos)
            return multipart_error(body, body.size(), "closing boundary " + dashed + "-- not found");
        auto part = parse_part(body, begin, end, parts.size() + 1);
        if (!part)
            return part.error();
        parts.push_back(std::move(*part));
        dash = end + 2;
    }
}

abnf::result<std::string_view> multipart_boundary(media_type const& content_type)
{
    std::string_view const raw = content_type.raw;
    if (!abnf::iequals(content_type.type, "multipart"))
        return abnf::make_parse_error(raw, content_type.type.data(), errc::bad_multipart,
                                      "Content-Type: expected multipart/<subtype>");
    auto const param = content_type.params.find("boundary");
    if (!param || !param->has_value)
        return abnf::make_parse_error(raw, raw.data() + raw.size(), errc::bad_multipart,
                                      "Content-Type: multipart without a boundary parameter");
    std::string_view boundary = param->value;
    if (param->is_quoted())
        boundary = boundary.substr(1, boundary.size() - 2);
    if (!valid_boundary(boundary))
        return abnf::make_parse_error(raw, param->value.data(), errc::bad_multipart,
                                      "Content-Type: boundary must be 1 to 70 characters of DIGIT ALPHA '()+_,-./:=? "
                                      "or space, not ending in a space (RFC 2046 5.1.1)");
    return boundary;
}

} // namespace cpm::sip
