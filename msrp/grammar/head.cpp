// parse_head and salvage_head: the start line, the header field lines and
// the line that ends a head (RFC 4975 section 9).

#include "msrp/error.hpp"
#include "msrp/grammar/chars.hpp"
#include "msrp/grammar/end_line.hpp"
#include "msrp/message.hpp"
#include "msrp/uri.hpp"

#include <string>

namespace cpm::msrp {

namespace {

namespace abnf = sip::abnf;
using grammar::error_at;

struct line {
    std::string_view content; // without CRLF
    std::size_t next = 0;     // offset just past the CRLF
};

// The line starting at @p pos; errc::incomplete when no LF follows.
abnf::result<line> read_line(std::string_view text, std::size_t pos, limits const& lim)
{
    std::size_t const lf = text.find('\n', pos);
    if (lf == std::string_view::npos) {
        if (text.size() > lim.max_head_size)
            return error_at(text, text.data() + lim.max_head_size, "MSRP head: larger than the limit of " +
                            std::to_string(lim.max_head_size) + " bytes", errc::header_size_limit);
        return error_at(text, text.data() + text.size(), "MSRP head: the input ends inside the head",
                        errc::incomplete);
    }
    if (lf + 1 > lim.max_head_size)
        return error_at(text, text.data() + lim.max_head_size, "MSRP head: larger than the limit of " +
                        std::to_string(lim.max_head_size) + " bytes", errc::header_size_limit);
    if (lf == pos || text[lf - 1] != '\r')
        return error_at(text, text.data() + lf, "MSRP head: lines must end in CRLF", errc::bad_header_line);
    std::string_view const content = text.substr(pos, lf - 1 - pos);
    if (auto const cr = content.find('\r'); cr != std::string_view::npos)
        return error_at(text, content.data() + cr, "MSRP head: bare CR inside a line", errc::bad_header_line);
    return line{content, lf + 1};
}

abnf::parse_error start_error(std::string_view text, char const* at, errc code, std::string sentence)
{
    return error_at(text, at, "MSRP start line: " + std::move(sentence), code);
}

// req-start / resp-start without the CRLF.
abnf::result<void> parse_start_line(std::string_view text, std::string_view s, head& h)
{
    if (s.substr(0, 5) != "MSRP ")
        return start_error(text, s.data(), errc::bad_start_line, "expected MSRP <transaction id> <method or status>");
    s.remove_prefix(5);
    std::size_t const sp = s.find(' ');
    h.transaction_id = s.substr(0, sp);
    if (!grammar::is_ident(h.transaction_id))
        return start_error(text, s.data(), errc::bad_transaction_id,
                           "transaction id must be ALPHANUM then 3 to 31 of ALPHANUM . - + % =");
    if (sp == std::string_view::npos)
        return start_error(text, s.data() + s.size(), errc::bad_start_line, "expected a method or status code after the transaction id");
    std::string_view rest = s.substr(sp + 1);
    if (!rest.empty() && abnf::is_digit(rest.front())) {
        // status-code = 3DIGIT [SP comment]
        h.request = false;
        if (rest.size() < 3 || !abnf::is_digit(rest[1]) || !abnf::is_digit(rest[2]) ||
            (rest.size() > 3 && rest[3] != ' '))
            return start_error(text, rest.data(), errc::bad_status_code, "status code must be 3 digits");
        h.status_code = static_cast<std::uint16_t>((rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0'));
        if (rest.size() > 3) {
            h.comment = rest.substr(4);
            if (std::size_t const ok = grammar::utf8text_length(h.comment); ok != h.comment.size())
                return start_error(text, h.comment.data() + ok, errc::bad_start_line, "comment must be UTF-8 text");
        }
        return {};
    }
    // method = mSEND / mREPORT / other-method; other-method = 1*UPALPHA
    h.method_text = rest;
    if (rest.empty())
        return start_error(text, rest.data(), errc::bad_method, "method must be upper-case letters");
    for (std::size_t i = 0; i < rest.size(); ++i)
        if (rest[i] < 'A' || rest[i] > 'Z')
            return start_error(text, rest.data() + i, errc::bad_method, "method must be upper-case letters");
    h.method = rest == "SEND" ? method::send : rest == "REPORT" ? method::report : rest == "AUTH" ? method::auth : method::other;
    return {};
}

// ext-header = hname ":" SP hval; hname = ALPHA *token; hval = utf8text
abnf::result<header_field> parse_field(std::string_view text, std::string_view s)
{
    header_field f;
    std::size_t const colon = s.find(':');
    f.name = s.substr(0, colon);
    if (f.name.empty() || !abnf::is_alpha(f.name.front()) ||
        grammar::token_length(f.name) != f.name.size())
        return error_at(text, s.data(), "MSRP header field: name must be a letter followed by token characters",
                        errc::bad_header_name);
    if (colon == std::string_view::npos || colon + 1 >= s.size() || s[colon + 1] != ' ')
        return error_at(text, s.data() + std::min(colon == std::string_view::npos ? s.size() : colon + 1, s.size()),
                        "MSRP " + std::string(f.name) + ": expected \": \" after the name", errc::bad_header_line);
    f.value = s.substr(colon + 2);
    if (std::size_t const ok = grammar::utf8text_length(f.value); ok != f.value.size())
        return error_at(text, f.value.data() + ok, "MSRP " + std::string(f.name) + ": value must be UTF-8 text",
                        errc::bad_header_value);
    f.id = header_from_name(f.name);
    return f;
}

// parse_head: with @p memo, path values seen valid before are not checked again.
abnf::result<head> parse_head_with(std::string_view text, limits const& lim, path_memo* memo)
{
    head h;
    auto start = read_line(text, 0, lim);
    if (!start)
        return start.error();
    if (auto r = parse_start_line(text, start->content, h); !r)
        return r.error();
    std::size_t pos = start->next;
    while (true) {
        auto l = read_line(text, pos, lim);
        if (!l)
            return l.error();
        std::string_view const s = l->content;
        if (s.empty()) {
            if (!h.request)
                return error_at(text, s.data(), "MSRP response: a response has no body (expected the end-line)",
                                errc::bad_end_line);
            h.has_body = true;
            h.text = text.substr(0, pos);
            h.size = l->next;
            break;
        }
        if (s.front() == '-') {
            auto const flag = grammar::end_line_flag(s, h.transaction_id);
            if (!flag)
                return error_at(text, s.data(), "MSRP end-line: expected -------" + std::string(h.transaction_id) +
                                " followed by $, + or #", errc::bad_end_line);
            h.flag = *flag;
            h.text = text.substr(0, pos);
            h.size = l->next;
            break;
        }
        if (h.fields.size() == lim.max_header_count)
            return error_at(text, s.data(), "MSRP head: more than " + std::to_string(lim.max_header_count) +
                            " header fields", errc::header_count_limit);
        auto f = parse_field(text, s);
        if (!f)
            return f.error();
        // The paths come once, first (RFC 4975 section 9 headers).
        if ((f->id == header_id::to_path || f->id == header_id::from_path) && h.find(f->id) != nullptr)
            return error_at(text, s.data(), "MSRP " + std::string(header_name(f->id)) + ": appears more than once",
                            errc::bad_header_line);
        f->line = text.substr(pos, l->next - pos);
        h.fields.push_back(*f);
        pos = l->next;
    }
    // RFC 4975 section 9: headers = To-Path CRLF From-Path CRLF ...
    auto const at_fields = h.text.data() + start->next;
    if (h.fields.empty() || h.fields[0].id != header_id::to_path)
        return error_at(text, at_fields, "MSRP To-Path: must be the first header field", errc::missing_header);
    if (h.fields.size() < 2 || h.fields[1].id != header_id::from_path)
        return error_at(text, h.fields[0].line.data() + h.fields[0].line.size(),
                        "MSRP From-Path: must be the second header field", errc::missing_header);
    for (std::size_t i = 0; i < 2; ++i) {
        auto const& f = h.fields[i];
        std::string* const known = memo ? &(i == 0 ? memo->to_path : memo->from_path)[h.request ? 1 : 0] : nullptr;
        // An empty slot remembers nothing (an empty value is never valid).
        if (known && !known->empty() && *known == f.value)
            continue;
        auto p = parse_path(f.value, "MSRP " + std::string(header_name(f.id)));
        if (!p)
            return rebase(p.error(), text, f.value);
        if (known)
            known->assign(f.value);
    }
    if (h.has_body && h.find(header_id::content_type) == nullptr)
        return error_at(text, h.text.data() + h.text.size(), "MSRP Content-Type: required before a body",
                        errc::missing_header);
    return h;
}

} // namespace

abnf::result<head> parse_head(std::string_view text, limits const& lim)
{
    return parse_head_with(text, lim, nullptr);
}

abnf::result<head> parse_head(std::string_view text, limits const& lim, path_memo& memo)
{
    return parse_head_with(text, lim, &memo);
}

std::optional<salvage> salvage_head(std::string_view text) noexcept
{
    limits const lim{};
    head h;
    auto start = read_line(text, 0, lim);
    if (!start || !parse_start_line(text, start->content, h))
        return std::nullopt;
    salvage s{h.transaction_id, h.request, {}, {}, h.method, {}};
    std::size_t pos = start->next;
    for (auto* out : {&s.to_path, &s.from_path}) {
        auto l = read_line(text, pos, lim);
        if (!l)
            break;
        auto f = parse_field(text, l->content);
        if (!f || f->id != (out == &s.to_path ? header_id::to_path : header_id::from_path) ||
            !parse_path(f->value, "MSRP"))
            break;
        *out = f->value;
        pos = l->next;
    }
    // The other lines, unreadable ones skipped, up to the line ending the head.
    pos = start->next;
    for (auto l = read_line(text, pos, lim); l && !l->content.empty() && l->content.front() != '-';
         l = read_line(text, l->next, lim)) {
        if (auto f = parse_field(text, l->content); f && f->id == header_id::failure_report)
            s.failure_report = f->value;
    }
    return s;
}

} // namespace cpm::msrp
