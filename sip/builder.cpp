#include "sip/builder.hpp"

#include <boost/assert.hpp>

#include <charconv>

namespace cpm::sip {

namespace {

void append_number(std::string& out, std::size_t n)
{
    char digits[20];
    auto const r = std::to_chars(digits, digits + sizeof digits, n);
    out.append(digits, r.ptr);
}

/// Length of the UTF8-NONASCII sequence at @p s (RFC 3261 25.1: the lead
/// byte fixes the number of UTF8-CONT bytes), or 0 when it is not one.
std::size_t utf8_sequence(std::string_view s) noexcept
{
    auto const lead = static_cast<unsigned char>(s[0]);
    std::size_t const n = lead >= 0xc0 && lead <= 0xdf ? 2
                        : lead >= 0xe0 && lead <= 0xef ? 3
                        : lead >= 0xf0 && lead <= 0xf7 ? 4
                        : lead >= 0xf8 && lead <= 0xfb ? 5
                        : lead >= 0xfc && lead <= 0xfd ? 6
                                                       : 0;
    if (n == 0 || s.size() < n)
        return 0;
    for (std::size_t i = 1; i < n; ++i) {
        auto const c = static_cast<unsigned char>(s[i]);
        if (c < 0x80 || c > 0xbf)
            return 0;
    }
    return n;
}

/// Writes @p text as a quoted-string (RFC 3261 25.1).
void append_quoted(std::string& out, std::string_view text)
{
    out += '"';
    for (std::size_t i = 0; i < text.size();) {
        auto const c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += text[i++];
        } else if (c >= 0x80) {
            std::size_t const n = utf8_sequence(text.substr(i));
            if (n == 0) {
                out += '?';
                ++i;
            } else {
                out.append(text.substr(i, n));
                i += n;
            }
        } else {
            // qdtext has no control characters but HTAB (as LWS).
            out += (c < 0x20 && c != '\t') || c == 0x7f ? ' ' : text[i];
            ++i;
        }
    }
    out += '"';
}

} // namespace

message_builder& message_builder::request_line(std::string_view method, std::string_view request_uri,
                                               std::string_view version)
{
    out_.append(method).append(1, ' ').append(request_uri).append(1, ' ').append(version).append("\r\n");
    return *this;
}

message_builder& message_builder::status_line(unsigned code, std::string_view reason, std::string_view version)
{
    BOOST_ASSERT(code >= 100 && code <= 699);
    out_.append(version).append(1, ' ');
    append_number(out_, code);
    out_.append(1, ' ').append(reason).append("\r\n");
    return *this;
}

message_builder& message_builder::header(header_id id, std::string_view value)
{
    BOOST_ASSERT(id != header_id::unknown);
    return header(canonical_name(id), value);
}

message_builder& message_builder::header(std::string_view name, std::string_view value)
{
    has_length_ = has_length_ || lookup_header(name) == header_id::content_length;
    out_.append(name).append(": ").append(value).append("\r\n");
    return *this;
}

message_builder& message_builder::tagged(header_id id, std::string_view value, std::string_view tag)
{
    BOOST_ASSERT(id == header_id::from || id == header_id::to);
    out_.append(canonical_name(id)).append(": ").append(value).append(";tag=").append(tag).append("\r\n");
    return *this;
}

message_builder& message_builder::warning(std::string_view agent, std::string_view text, unsigned code)
{
    // warning-value = warn-code SP warn-agent SP warn-text; warn-code = 3DIGIT
    BOOST_ASSERT(code >= 100 && code <= 999);
    out_.append(canonical_name(header_id::warning)).append(": ");
    append_number(out_, code);
    out_.append(1, ' ').append(agent).append(1, ' ');
    append_quoted(out_, text);
    out_.append("\r\n");
    return *this;
}

void message_builder::finish(std::string_view body, length_mode mode)
{
    if (mode == length_mode::automatic && !has_length_) {
        out_.append(canonical_name(header_id::content_length)).append(": ");
        append_number(out_, body.size());
        out_.append("\r\n");
    }
    out_.append("\r\n").append(body);
}

message_builder make_response(std::string& out, message const& request, unsigned code, std::string_view reason,
                              response_options const& options)
{
    message_builder b(out);
    b.status_line(code, reason);
    // RFC 3261 8.2.6.2: Via values equal the request's, in the same order.
    for (auto const& h : request.headers())
        if (h.id == header_id::via)
            b.header(header_id::via, h.value);
    if (auto const* from = request.find(header_id::from))
        b.header(header_id::from, from->value);
    if (auto const* to = request.find(header_id::to)) {
        if (request.to().tag.empty() && !options.to_tag.empty())
            b.tagged(header_id::to, to->value, options.to_tag);
        else
            b.header(header_id::to, to->value);
    }
    if (auto const* call_id = request.find(header_id::call_id))
        b.header(header_id::call_id, call_id->value);
    if (auto const* cseq = request.find(header_id::cseq))
        b.header(header_id::cseq, cseq->value);
    // RFC 3261 8.2.6.1: a 100 (Trying) copies the request's Timestamp.
    if (code == 100)
        if (auto const* timestamp = request.find(header_id::timestamp))
            b.header(header_id::timestamp, timestamp->value);
    return b;
}

void serialize(message const& m, std::string& out)
{
    out.reserve(out.size() + m.text().size() + 16 * m.headers().size());
    message_builder b(out);
    if (m.is_request())
        b.request_line(m.method_text(), m.request_uri(), m.version());
    else
        b.status_line(m.status_code(), m.reason(), m.version());
    for (auto const& h : m.headers())
        b.header(h.id == header_id::unknown ? h.name : canonical_name(h.id), h.value);
    b.finish(m.body(), length_mode::as_added);
}

} // namespace cpm::sip
