#include "sip/framer.hpp"

#include "sip/abnf/char_class.hpp"
#include "sip/cseq.hpp"
#include "sip/header_id.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace cpm::sip {

namespace {

std::string_view as_view(std::span<char const> s) noexcept
{
    return {s.data(), s.size()};
}

} // namespace

frame_result framer::feed(std::span<char const> bytes)
{
    ready_ = {};
    switch (state_) {
    case state::idle:
        return idle(bytes);
    case state::headers:
        return headers(bytes);
    case state::body:
        return body(bytes, 0);
    case state::failed:
        break;
    }
    return {0, frame_status::error};
}

frame_result framer::idle(std::span<char const> bytes)
{
    // RFC 5626 3.5.1: between messages a CRLFCRLF is a keep-alive "ping"
    // to be answered, a single CRLF is its "pong" and is ignored (as RFC
    // 3261 7.5 ignores CRLFs before a start line).
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        char const c = bytes[i];
        char const expected = (crlfs_ % 2 == 0) ? '\r' : '\n';
        if (c == expected) {
            if (++crlfs_ == 4) {
                crlfs_ = 0;
                return {i + 1, frame_status::keepalive};
            }
            continue;
        }
        if (crlfs_ % 2 != 0)
            return fail({}, 0, errc::bad_start_line, "stream: CR not followed by LF between messages");
        crlfs_ = 0;
        // Both a Method and "SIP/2.0" start with a token character; anything
        // else (a TLS handshake on a TCP port, binary noise) is not SIP.
        if (!abnf::is_token_char(c))
            return fail({}, 0, errc::bad_start_line, "stream: expected a SIP start line");
        state_ = state::headers;
        auto r = headers(bytes.subspan(i));
        r.consumed += i;
        return r;
    }
    return {bytes.size(), frame_status::need_more};
}

frame_result framer::headers(std::span<char const> bytes)
{
    // Bytes of this message seen by earlier calls; the scan resumes there.
    std::size_t const before = staged_.size();
    auto const take = bytes.first(std::min(bytes.size(), limits_.max_message_size - before));
    std::span<char const> text = take;
    if (before != 0) {
        // Grow geometrically, but never past the limit.
        if (staged_.capacity() < before + take.size())
            staged_.reserve(std::min(limits_.max_message_size, std::max(before + take.size(), 2 * staged_.capacity())));
        staged_.insert(staged_.end(), take.begin(), take.end());
        text = staged_;
    }
    auto const end = scan(text);
    if (state_ == state::failed)
        return {0, frame_status::error};
    if (!end) {
        if (text.size() >= limits_.max_message_size)
            return fail(text, text.size(), errc::message_size_limit,
                        "stream: header section exceeds the message size limit of " +
                            std::to_string(limits_.max_message_size) + " bytes");
        if (before == 0)
            staged_.assign(take.begin(), take.end());
        return {take.size(), frame_status::need_more};
    }
    std::size_t const used = *end - before;
    if (!start_body(text.first(*end)))
        return {0, frame_status::error};
    return body(bytes.subspan(used), used);
}

std::optional<std::size_t> framer::scan(std::span<char const> text)
{
    char const* const d = text.data();
    std::size_t const n = text.size();
    while (true) {
        auto const* cr = scan_ < n ? static_cast<char const*>(std::memchr(d + scan_, '\r', n - scan_)) : nullptr;
        if (cr == nullptr) {
            scan_ = n;
            line_fits(text, n);
            return std::nullopt;
        }
        std::size_t const at = static_cast<std::size_t>(cr - d);
        if (at + 1 >= n) {
            scan_ = at;
            line_fits(text, at);
            return std::nullopt;
        }
        if (d[at + 1] != '\n') { // a bare CR: message::parse judges it
            scan_ = at + 1;
            continue;
        }
        // The empty line ends the header section. The start line is never
        // empty: idle() saw a token character first.
        if (at == line_start_)
            return at + 2;
        if (at + 2 >= n) { // whether the next line is a fold is not known yet
            scan_ = at;
            line_fits(text, at);
            return std::nullopt;
        }
        std::size_t const next = at + 2;
        // RFC 3261 7.3.1: a line starting with whitespace continues the field.
        if (!abnf::is_wsp(d[next]) && !field_complete(text, at))
            return std::nullopt;
        if (!abnf::is_wsp(d[next]))
            field_start_ = next;
        line_start_ = scan_ = next;
    }
}

bool framer::line_fits(std::span<char const> text, std::size_t content_end)
{
    if (content_end - field_start_ <= limits_.max_line_length)
        return true;
    std::string const what = field_start_ == 0 ? "start line" : "header field";
    fail(text, field_start_, errc::line_length_limit,
         "stream: " + what + " exceeds the line length limit of " + std::to_string(limits_.max_line_length) + " bytes");
    return false;
}

bool framer::field_complete(std::span<char const> text, std::size_t end)
{
    if (!line_fits(text, end))
        return false;
    if (field_start_ == 0) // the start line
        return true;
    if (++fields_ > limits_.max_header_count) {
        fail(text, field_start_, errc::header_count_limit,
             "stream: more than " + std::to_string(limits_.max_header_count) + " header fields");
        return false;
    }
    // Content-Length is the one field framing depends on (RFC 3261 18.3).
    std::string_view const field = as_view(text).substr(field_start_, end - field_start_);
    std::size_t i = 0;
    while (i < field.size() && abnf::is_token_char(field[i]))
        ++i;
    if (lookup_header(field.substr(0, i)) != header_id::content_length)
        return true;
    while (i < field.size() && abnf::is_wsp(field[i]))
        ++i;
    if (i == field.size() || field[i] != ':')
        return true; // not a field: message::parse reports the syntax
    // HCOLON SWS value SWS, where SWS may hold a fold.
    auto const space = [](char c) { return abnf::is_wsp(c) || c == '\r' || c == '\n'; };
    std::size_t b = i + 1;
    std::size_t e = field.size();
    while (b < e && space(field[b]))
        ++b;
    while (e > b && space(field[e - 1]))
        --e;
    std::string_view const value = field.substr(b, e - b);
    auto const length = parse_uint32(value, "Content-Length");
    std::size_t const value_at = field_start_ + b;
    if (!length) {
        fail(text, value_at + length.error().offset, errc::bad_content_length, "stream: " + length.error().message);
        return false;
    }
    if (content_length_ && *content_length_ != *length) {
        fail(text, value_at, errc::bad_content_length, "stream: Content-Length: conflicting values");
        return false;
    }
    content_length_ = *length;
    content_length_at_ = value_at;
    return true;
}

bool framer::start_body(std::span<char const> head)
{
    if (!content_length_) {
        fail(head, head.size(), errc::missing_header,
             "stream: Content-Length is required on stream transports (RFC 3261 18.3)");
        return false;
    }
    size_ = head.size() + *content_length_;
    if (size_ > limits_.max_message_size) {
        fail(head, content_length_at_, errc::message_size_limit,
             "stream: Content-Length makes the message exceed the message size limit of " +
                 std::to_string(limits_.max_message_size) + " bytes");
        return false;
    }
    message_ = std::make_unique_for_overwrite<char[]>(size_);
    std::memcpy(message_.get(), head.data(), head.size());
    filled_ = head.size();
    staged_.clear();
    state_ = state::body;
    return true;
}

frame_result framer::body(std::span<char const> bytes, std::size_t consumed)
{
    std::size_t const n = std::min(bytes.size(), size_ - filled_);
    if (n != 0)
        std::memcpy(message_.get() + filled_, bytes.data(), n);
    filled_ += n;
    consumed += n;
    if (filled_ < size_)
        return {consumed, frame_status::need_more};
    ready_ = abnf::text_buffer(std::move(message_), size_);
    restart();
    return {consumed, frame_status::message_ready};
}

void framer::restart() noexcept
{
    state_ = state::idle;
    scan_ = line_start_ = field_start_ = fields_ = 0;
    content_length_.reset();
    content_length_at_ = 0;
    size_ = filled_ = 0;
}

frame_result framer::fail(std::span<char const> text, std::size_t at, errc code, std::string message)
{
    std::string_view const t = as_view(text);
    error_ = abnf::make_parse_error(t, t.data() + at, code, std::move(message));
    state_ = state::failed;
    // Kept for failed_text(): @p text is the failing message so far,
    // staged already or still in the caller's bytes.
    if (t.data() == staged_.data())
        staged_.resize(t.size());
    else
        staged_.assign(t.begin(), t.end());
    message_.reset();
    return {0, frame_status::error};
}

} // namespace cpm::sip
