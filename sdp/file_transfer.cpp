#include "sdp/file_transfer.hpp"

#include "sdp/detail/scan.hpp"
#include "sdp/detail/value_error.hpp"
#include "sdp/error.hpp"
#include "sip/abnf/unescape.hpp"

namespace cpm::sdp {

namespace {

using detail::cursor;
using detail::is_mime_token_char;
using detail::value_error;

/// filename-string = 1*(filename-char / percent-encoded); filename-char is
/// any byte but NUL, CR, LF, DQUOTE and '%'. Consumes DQUOTE string DQUOTE.
bool take_quoted_filename(cursor& c, std::string_view& out) noexcept
{
    cursor probe = c;
    if (!probe.eat('"'))
        return false;
    char const* const start = probe.pos;
    while (!probe.done() && probe.peek() != '"') {
        char const ch = probe.peek();
        if (ch == '%') {
            std::string_view const esc = probe.rest().substr(0, 3);
            if (esc.size() != 3 || !abnf::is(esc[1], abnf::cc_hex) || !abnf::is(esc[2], abnf::cc_hex))
                return false;
            probe.pos += 3;
        } else if (ch == '\0' || ch == '\r' || ch == '\n') {
            return false;
        } else {
            ++probe.pos;
        }
    }
    if (probe.pos == start || !probe.eat('"'))
        return false;
    out = std::string_view(start, static_cast<std::size_t>(probe.pos - 1 - start));
    c = probe;
    return true;
}

/// hash-value = 2HEXDIG *(":" 2HEXDIG)
bool is_hash_value(std::string_view v) noexcept
{
    if (v.size() % 3 != 2)
        return false;
    for (std::size_t i = 0; i < v.size(); ++i) {
        bool const ok = i % 3 == 2 ? v[i] == ':' : abnf::is(v[i], abnf::cc_hex);
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

std::optional<std::string> file_selector::decoded_name() const
{
    if (name.empty())
        return std::nullopt;
    return abnf::percent_decode(name);
}

abnf::result<file_selector> parse_file_selector(std::string_view value)
{
    file_selector s;
    if (value.empty())
        return s;
    cursor c(value);
    do {
        char const* const at = c.pos;
        if (c.eat("name:")) {
            if (!s.name.empty())
                return value_error(value, at, "file-selector: name given twice");
            if (!take_quoted_filename(c, s.name))
                return value_error(value, c.pos, "file-selector: name: expected a quoted, %-encoded file name");
        } else if (c.eat("type:")) {
            if (!s.type.empty())
                return value_error(value, at, "file-selector: type given twice");
            s.type = c.take_while(is_mime_token_char);
            if (s.type.empty() || !c.eat('/'))
                return value_error(value, c.pos, "file-selector: type: expected <type>/<subtype>");
            s.subtype = c.take_while(is_mime_token_char);
            if (s.subtype.empty())
                return value_error(value, c.pos, "file-selector: type: expected <type>/<subtype>");
            // ft-parameter = attribute "=" DQUOTE value-string DQUOTE
            char const* const params = c.pos;
            while (c.eat(';')) {
                std::string_view v;
                if (c.take_while(is_mime_token_char).empty() || !c.eat('=') || !take_quoted_filename(c, v))
                    return value_error(value, c.pos, "file-selector: type: parameters are ;attribute=\"value\"");
            }
            s.type_params = std::string_view(params, static_cast<std::size_t>(c.pos - params));
        } else if (c.eat("size:")) {
            if (s.size)
                return value_error(value, at, "file-selector: size given twice");
            auto const digits = c.take_digits();
            s.size = detail::to_number(digits);
            if (!s.size)
                return value_error(value, c.pos, "file-selector: size: expected a number of octets");
        } else if (c.eat("hash:")) {
            if (!s.hash_algorithm.empty())
                return value_error(value, at, "file-selector: hash given twice");
            s.hash_algorithm = c.take_token();
            if (s.hash_algorithm.empty() || !c.eat(':'))
                return value_error(value, c.pos, "file-selector: hash: expected <algorithm>:<hex bytes>");
            s.hash_value = c.take_while([](char ch) { return abnf::is(ch, abnf::cc_hex) || ch == ':'; });
            if (!is_hash_value(s.hash_value))
                return value_error(value, s.hash_value.data(),
                                   "file-selector: hash: the value is hex bytes separated by ':'");
        } else {
            return value_error(value, at, "file-selector: expected name:, type:, size: or hash:");
        }
        if (!c.done() && c.peek() != ' ')
            return value_error(value, c.pos, "file-selector: selectors are separated by one space");
    } while (c.eat(' '));
    if (!c.done())
        return value_error(value, c.pos, "file-selector: selectors are separated by one space");
    return s;
}

abnf::result<file_date> parse_file_date(std::string_view value)
{
    file_date d;
    cursor c(value);
    do {
        char const* const at = c.pos;
        std::string_view* slot = nullptr;
        if (c.eat("creation:"))
            slot = &d.creation;
        else if (c.eat("modification:"))
            slot = &d.modification;
        else if (c.eat("read:"))
            slot = &d.read;
        else
            return value_error(value, at, "file-date: expected creation:, modification: or read:");
        if (!slot->empty())
            return value_error(value, at, "file-date: a date is given twice");
        // The RFC 5322 date-time inside the quotes is kept as written.
        if (!c.eat('"'))
            return value_error(value, c.pos, "file-date: expected a quoted date-time");
        *slot = c.take_while([](char ch) { return ch != '"'; });
        if (slot->empty() || !c.eat('"'))
            return value_error(value, c.pos, "file-date: expected a quoted date-time");
    } while (c.eat(' '));
    if (!c.done())
        return value_error(value, c.pos, "file-date: dates are separated by one space");
    return d;
}

abnf::result<file_range> parse_file_range(std::string_view value)
{
    // start-offset = integer; stop-offset = integer / "*" (integer = POS-DIGIT *DIGIT)
    file_range r;
    cursor c(value);
    auto const start = c.take_digits();
    auto const n = detail::to_number(start);
    if (!n || start[0] == '0' || !c.eat('-'))
        return value_error(value, value.data(), "file-range: expected <start>-<stop> or <start>-*");
    r.start = *n;
    if (!c.eat('*')) {
        auto const stop = c.take_digits();
        auto const m = detail::to_number(stop);
        if (!m || stop[0] == '0')
            return value_error(value, c.pos, "file-range: expected <start>-<stop> or <start>-*");
        if (*m < *n)
            return value_error(value, stop.data(), "file-range: the stop offset is before the start offset");
        r.stop = *m;
    }
    if (!c.done())
        return value_error(value, c.pos, "file-range: unexpected text after the range");
    return r;
}

abnf::result<std::string_view> parse_file_token(std::string_view value, std::string_view attribute_name)
{
    cursor c(value);
    auto const t = c.take_token();
    if (t.empty() || !c.done())
        return value_error(value, c.pos, std::string(attribute_name) + ": expected a token");
    return t;
}

abnf::result<std::string_view> parse_file_icon(std::string_view value)
{
    cursor c(value);
    auto const uri = c.take_non_ws();
    if (uri.size() <= 4 || !abnf::iequals(uri.substr(0, 4), "cid:") || !c.done())
        return value_error(value, value.data(), "file-icon: expected a cid: URL");
    return uri;
}

} // namespace cpm::sdp
