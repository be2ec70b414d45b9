#include "msrp/message.hpp"

#include "msrp/error.hpp"
#include "msrp/grammar/chars.hpp"
#include "msrp/grammar/end_line.hpp"
#include "sip/abnf/char_class.hpp"

#include <array>
#include <string>

namespace cpm::msrp {

namespace {

namespace abnf = sip::abnf;

constexpr std::array<std::string_view, static_cast<std::size_t>(header_id::extension)> names{
    "To-Path",        "From-Path",   "Message-ID",  "Success-Report",      "Failure-Report",
    "Byte-Range",     "Status",      "Content-Type", "Content-ID",         "Content-Description",
    "Content-Disposition", "Expires", "Min-Expires", "Max-Expires",        "Use-Path",
    "WWW-Authenticate", "Authorization", "Authentication-Info",
};

} // namespace

header_id header_from_name(std::string_view name) noexcept
{
    // A short table: heads have a handful of fields, and the first two are
    // checked by position anyway.
    for (std::size_t i = 0; i < names.size(); ++i)
        if (abnf::iequals(names[i], name))
            return static_cast<header_id>(i);
    return header_id::extension;
}

std::string_view header_name(header_id id) noexcept
{
    auto const i = static_cast<std::size_t>(id);
    return i < names.size() ? names[i] : std::string_view();
}

header_field const* head::find(header_id id) const noexcept
{
    for (auto const& f : fields)
        if (f.id == id)
            return &f;
    return nullptr;
}

header_field const* head::find(std::string_view name) const noexcept
{
    for (auto const& f : fields)
        if (abnf::iequals(f.name, name))
            return &f;
    return nullptr;
}

std::size_t head::count(header_id id) const noexcept
{
    std::size_t n = 0;
    for (auto const& f : fields)
        n += f.id == id ? 1 : 0;
    return n;
}

abnf::result<message_view> parse_message(std::string_view text, limits const& lim)
{
    auto h = parse_head(text, lim);
    if (!h)
        return h.error();
    message_view m;
    m.head = std::move(*h);
    if (!m.head.has_body) {
        m.flag = m.head.flag;
        m.text = text.substr(0, m.head.size);
        m.body = text.substr(m.head.size, 0);
        return m;
    }
    std::string_view const tid = m.head.transaction_id;
    std::size_t const body_start = m.head.size;
    std::size_t const end_size = 7 + tid.size() + 1 + 2;
    auto const end_line_at = [&](std::size_t at) -> std::optional<continuation> {
        if (text.size() - at < end_size || text.substr(at + end_size - 2, 2) != "\r\n")
            return std::nullopt;
        return grammar::end_line_flag(text.substr(at, end_size - 2), tid);
    };
    // Leniency: an empty body may omit the data CRLF, the end-line then
    // directly follows the blank line (the framer reads it the same way).
    if (auto const f = end_line_at(body_start)) {
        m.body = text.substr(body_start, 0);
        m.flag = *f;
        m.text = text.substr(0, body_start + end_size);
        return m;
    }
    // content-stuff ends in data CRLF, then the end-line of this
    // transaction; look-alikes of other transactions are data.
    for (std::size_t at = text.find("\r\n-------", body_start); at != std::string_view::npos;
         at = text.find("\r\n-------", at + 1)) {
        if (auto const f = end_line_at(at + 2)) {
            m.body = text.substr(body_start, at - body_start);
            m.flag = *f;
            m.text = text.substr(0, at + 2 + end_size);
            return m;
        }
    }
    return grammar::error_at(text, text.data() + text.size(),
                             "MSRP end-line: -------" + std::string(tid) + " not found after the body", errc::incomplete);
}

abnf::parse_error rebase(abnf::parse_error e, std::string_view whole, std::string_view part)
{
    e.offset += static_cast<std::size_t>(part.data() - whole.data());
    auto const p = abnf::locate(whole, e.offset);
    e.line = p.line;
    e.column = p.column;
    return e;
}

} // namespace cpm::msrp
