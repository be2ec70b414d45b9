#include "msrp/serialize.hpp"

#include "msrp/grammar/end_line.hpp"

namespace cpm::msrp {

namespace {

void append_number(std::string& out, std::uint64_t n)
{
    char digits[20];
    std::size_t len = 0;
    do {
        digits[len++] = static_cast<char>('0' + n % 10);
        n /= 10;
    } while (n != 0);
    while (len > 0)
        out.push_back(digits[--len]);
}

void write_field(std::string& out, std::string_view name, std::string_view value)
{
    out.append(name);
    out.append(": ");
    out.append(value);
    out.append("\r\n");
}

void write_code(std::string& out, std::uint16_t code)
{
    out.push_back(static_cast<char>('0' + code / 100 % 10));
    out.push_back(static_cast<char>('0' + code / 10 % 10));
    out.push_back(static_cast<char>('0' + code % 10));
}

std::string_view first_uri(std::string_view path) noexcept
{
    return path.substr(0, path.find(' '));
}

} // namespace

void write_head(outgoing const& m, bool with_body, std::string& out)
{
    out.append("MSRP ");
    out.append(m.transaction_id);
    out.push_back(' ');
    if (!m.method.empty()) {
        out.append(m.method);
    } else {
        write_code(out, m.status_code);
        if (!m.comment.empty()) {
            out.push_back(' ');
            out.append(m.comment);
        }
    }
    out.append("\r\n");
    write_field(out, "To-Path", m.to_path);
    write_field(out, "From-Path", m.from_path);
    for (auto const& f : m.fields)
        write_field(out, f.name, f.value);
    if (with_body)
        out.append("\r\n");
}

void write_end(std::string_view transaction_id, continuation flag, bool after_body, std::string& out)
{
    if (after_body)
        out.append("\r\n");
    out.append("-------");
    out.append(transaction_id);
    out.push_back(static_cast<char>(flag));
    out.append("\r\n");
}

bool contains_end_line(std::string_view body, std::string_view transaction_id) noexcept
{
    std::size_t const size = 7 + transaction_id.size() + 1;
    // The data CRLF follows the body, so a candidate at its very end counts.
    auto const end_line_at = [&](std::size_t at) {
        std::size_t const left = body.size() - at;
        return left >= size && (left == size || body.substr(at + size, 2) == "\r\n") &&
               grammar::end_line_flag(body.substr(at, size), transaction_id).has_value();
    };
    if (end_line_at(0))
        return true;
    for (std::size_t at = body.find("\r\n-------"); at != std::string_view::npos; at = body.find("\r\n-------", at + 1))
        if (end_line_at(at + 2))
            return true;
    return false;
}

bool serialize(outgoing const& m, std::optional<std::string_view> body, continuation flag, std::string& out)
{
    if (body && contains_end_line(*body, m.transaction_id))
        return false;
    write_head(m, body.has_value(), out);
    if (body)
        out.append(*body);
    write_end(m.transaction_id, flag, body.has_value(), out);
    return true;
}

std::string to_string(byte_range const& r)
{
    std::string s;
    append_number(s, r.start);
    s.push_back('-');
    if (r.end)
        append_number(s, *r.end);
    else
        s.push_back('*');
    s.push_back('/');
    if (r.total)
        append_number(s, *r.total);
    else
        s.push_back('*');
    return s;
}

std::string to_string(status const& st)
{
    std::string s;
    write_code(s, st.ns);
    s.push_back(' ');
    write_code(s, st.code);
    if (!st.reason.empty()) {
        s.push_back(' ');
        s.append(st.reason);
    }
    return s;
}

outgoing to_outgoing(head const& h)
{
    outgoing m;
    m.transaction_id = h.transaction_id;
    if (h.is_request())
        m.method = h.method_text;
    m.status_code = h.status_code;
    m.comment = h.comment;
    m.to_path = h.to_path();
    m.from_path = h.from_path();
    for (std::size_t i = 2; i < h.fields.size(); ++i)
        m.fields.push_back({std::string(h.fields[i].name), std::string(h.fields[i].value)});
    return m;
}

outgoing make_response(head const& request, std::uint16_t code, std::string_view comment)
{
    outgoing m;
    m.transaction_id = request.transaction_id;
    m.status_code = code;
    m.comment = comment;
    m.to_path = first_uri(request.from_path());
    m.from_path = first_uri(request.to_path());
    return m;
}

void write_response(head const& request, std::uint16_t code, std::string_view comment, std::string& out)
{
    out.append("MSRP ");
    out.append(request.transaction_id);
    out.push_back(' ');
    write_code(out, code);
    if (!comment.empty()) {
        out.push_back(' ');
        out.append(comment);
    }
    out.append("\r\n");
    write_field(out, "To-Path", first_uri(request.from_path()));
    write_field(out, "From-Path", first_uri(request.to_path()));
    write_end(request.transaction_id, continuation::complete, false, out);
}

outgoing make_report(head const& send, std::string_view transaction_id, byte_range const& range, status const& st)
{
    outgoing m;
    m.transaction_id = transaction_id;
    m.method = "REPORT";
    m.to_path = send.from_path();
    m.from_path = send.to_path();
    if (auto const* id = send.find(header_id::message_id))
        m.fields.push_back({"Message-ID", std::string(id->value)});
    m.fields.push_back({"Byte-Range", to_string(range)});
    m.fields.push_back({"Status", to_string(st)});
    return m;
}

} // namespace cpm::msrp
