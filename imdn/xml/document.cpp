// Access to a parsed document: look-ups by expanded name, and the decoding
// of text and attribute values on request. The parser has already checked
// every reference and every markup construct, so decoding cannot fail.

#include "imdn/xml/detail/chars.hpp"
#include "imdn/xml/document.hpp"

namespace cpm::imdn::xml {

using namespace detail;

element const* document::child(element const& parent, std::string_view ns, std::string_view local) const noexcept
{
    for (auto const& c : children(parent))
        if (c.is(ns, local))
            return &c;
    return nullptr;
}

std::size_t document::count_children(element const& parent, std::string_view ns,
                                     std::string_view local) const noexcept
{
    std::size_t n = 0;
    for (auto const& c : children(parent))
        n += c.is(ns, local) ? 1 : 0;
    return n;
}

attribute const* document::find_attribute(element const& e, std::string_view ns,
                                          std::string_view local) const noexcept
{
    for (auto const& a : attributes(e))
        if (a.ns == ns && a.local() == local && !a.is_namespace_declaration())
            return &a;
    return nullptr;
}

namespace {

/// Appends the character data of [p, end), a stretch of content holding no
/// element: references decoded, CDATA unwrapped, comments and PIs dropped,
/// CR LF and lone CR turned into LF (XML 1.0 section 2.11).
void append_character_data(std::string& out, char const* p, char const* end)
{
    auto const skip_past = [&](char const* from, std::string_view close) {
        auto const at = std::string_view(from, static_cast<std::size_t>(end - from)).find(close);
        return from + at + close.size();
    };
    while (p < end) {
        char const c = *p;
        if (c == '&') {
            auto const r = read_reference(p, end);
            append_utf8(out, r.cp);
            p = r.next;
        } else if (c == '\r') {
            out.push_back('\n');
            p += (p + 1 < end && p[1] == '\n') ? 2 : 1;
        } else if (c == '<' && p + 1 < end && p[1] == '?') {
            p = skip_past(p + 2, "?>");
        } else if (c == '<' && p + 3 < end && p[2] == '-') {
            // The comment's text starts after "<!--": "<!--->" does not close it.
            p = skip_past(p + 4, "-->");
        } else if (c == '<') { // <![CDATA[
            char const* const body = p + 9;
            char const* const close = skip_past(body, "]]>") - 3;
            for (char const* q = body; q < close; ++q) {
                if (*q == '\r') {
                    out.push_back('\n');
                    if (q + 1 < close && q[1] == '\n')
                        ++q;
                } else {
                    out.push_back(*q);
                }
            }
            p = close + 3;
        } else {
            out.push_back(c);
            ++p;
        }
    }
}

} // namespace

text_value document::text(element const& e) const
{
    if (e.plain_text && e.first_child == none)
        return text_value(e.content);
    std::string out;
    out.reserve(e.content.size());
    char const* p = e.content.data();
    char const* const end = p + e.content.size();
    for (auto const& c : children(e)) {
        char const* const child_begin = text_.data() + c.begin;
        if (e.plain_text)
            out.append(p, child_begin);
        else
            append_character_data(out, p, child_begin);
        p = text_.data() + c.end;
    }
    if (e.plain_text)
        out.append(p, end);
    else
        append_character_data(out, p, end);
    return text_value(std::move(out));
}

text_value document::value(attribute const& a)
{
    if (a.plain)
        return text_value(a.raw_value);
    // XML 1.0 section 3.3.3: line ends normalised first (CR LF is one
    // space), then each TAB, LF, CR a space; character references append
    // their character as is.
    std::string out;
    out.reserve(a.raw_value.size());
    char const* p = a.raw_value.data();
    char const* const end = p + a.raw_value.size();
    while (p < end) {
        char const c = *p;
        if (c == '&') {
            auto const r = read_reference(p, end);
            append_utf8(out, r.cp);
            p = r.next;
        } else if (c == '\r') {
            out.push_back(' ');
            p += (p + 1 < end && p[1] == '\n') ? 2 : 1;
        } else {
            out.push_back(c == '\t' || c == '\n' ? ' ' : c);
            ++p;
        }
    }
    return text_value(std::move(out));
}

} // namespace cpm::imdn::xml
