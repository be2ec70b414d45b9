#include "msrp/framer.hpp"

#include "msrp/error.hpp"
#include "msrp/grammar/end_line.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

namespace cpm::msrp {

namespace abnf = sip::abnf;

frame_result framer::feed(std::span<char const> bytes)
{
    chunk_ = {};
    switch (state_) {
    case state::head: return read_head(bytes);
    case state::end_pending: return ended(0, static_cast<char>(head_.flag));
    case state::body:
    case state::skip: return read_body(bytes);
    case state::failed: break;
    }
    return {0, frame_event::error};
}

frame_result framer::read_head(std::span<char const> bytes)
{
    if (bytes.empty())
        return {0, frame_event::need_more};
    if (new_message_) {
        // The previous head's views die here.
        new_message_ = false;
        head_ = {};
        salvage_ = {};
        tid_ = {};
        body_size_ = 0;
        head_buf_.clear();
    }
    std::size_t consumed = 0;
    while (consumed < bytes.size()) {
        auto const* const from = bytes.data() + consumed;
        auto const* const lf = static_cast<char const*>(std::memchr(from, '\n', bytes.size() - consumed));
        std::size_t const take = lf ? static_cast<std::size_t>(lf - from) + 1 : bytes.size() - consumed;
        if (head_buf_.size() + take > limits_.max_head_size) {
            head_buf_.insert(head_buf_.end(), from, from + (limits_.max_head_size - head_buf_.size()));
            std::string_view const text(head_buf_.data(), head_buf_.size());
            return fail(consumed + take, abnf::make_parse_error(text, text.data() + limits_.max_head_size,
                                                                errc::header_size_limit,
                                                                "MSRP head: larger than the limit of " +
                                                                    std::to_string(limits_.max_head_size) + " bytes"));
        }
        head_buf_.insert(head_buf_.end(), from, from + take);
        consumed += take;
        if (!lf)
            break;
        // A line is complete: a blank line or one starting with '-' (the
        // end-line; no header name starts with '-') ends the head.
        std::size_t const start = line_start_;
        line_start_ = head_buf_.size();
        if (start == 0)
            continue;
        char const first = head_buf_[start];
        if (first == '-' || (first == '\r' && head_buf_.size() - start == 2) || first == '\n')
            return complete_head(consumed);
    }
    return {consumed, frame_event::need_more};
}

frame_result framer::complete_head(std::size_t consumed)
{
    std::string_view const text(head_buf_.data(), head_buf_.size());
    line_start_ = 0;
    auto h = parse_head(text, limits_, paths_);
    if (h && h->size == text.size()) {
        head_ = std::move(*h);
        tid_ = head_.transaction_id;
        if (head_.has_body) {
            state_ = state::body;
            start_body();
        } else {
            state_ = state::end_pending;
        }
        return {consumed, frame_event::head};
    }
    abnf::parse_error e = h ? abnf::make_parse_error(text, text.data() + h->size, errc::bad_end_line,
                                                     "MSRP head: unexpected bytes after the end of the head")
                            : h.error();
    // The message can be skipped when its transaction id is known and the
    // line that ended the head is a blank line or that transaction's end-line.
    auto const s = salvage_head(text);
    std::size_t const last = text.rfind('\n', text.size() - 2);
    std::string_view last_line = text.substr(last + 1);
    last_line.remove_suffix(last_line.size() >= 2 && last_line[last_line.size() - 2] == '\r' ? 2 : 1);
    if (!s || e.code == make_error_code(errc::header_size_limit) || e.code == make_error_code(errc::incomplete))
        return fail(consumed, std::move(e));
    bool const blank = last_line.empty();
    std::optional<continuation> const f = grammar::end_line_flag(last_line, s->transaction_id);
    if (!blank && !f)
        return fail(consumed, std::move(e));
    error_ = std::move(e);
    salvage_ = *s;
    tid_ = salvage_.transaction_id;
    if (blank) {
        state_ = state::skip;
        start_body();
    } else {
        head_.flag = *f;
        state_ = state::end_pending;
    }
    return {consumed, frame_event::bad_message};
}

void framer::start_body() noexcept
{
    tail_[0] = '\r';
    tail_[1] = '\n';
    matched_ = 2;
    virtual_ = 2;
}

bool framer::expect(std::size_t k, char c) const noexcept
{
    // "\r\n" "-------" transact-id continuation-flag "\r\n"
    std::size_t const t = tid_.size();
    if (k < 2)
        return c == "\r\n"[k];
    if (k < 9)
        return c == '-';
    if (k < 9 + t)
        return c == tid_[k - 9];
    if (k == 9 + t)
        return c == '$' || c == '+' || c == '#';
    return c == (k == 10 + t ? '\r' : '\n');
}

frame_result framer::read_body(std::span<char const> in)
{
    bool const emit = state_ == state::body;
    std::size_t const n = in.size();
    std::size_t const full = end_line_size();
    std::size_t i = 0;
    // Continue a match held from earlier feeds.
    if (matched_ > 0) {
        while (i < n && expect(matched_, in[i])) {
            tail_[matched_++] = in[i++];
            if (matched_ == full)
                return ended(i, tail_[full - 3]);
        }
        if (i == n)
            return {i, frame_event::need_more};
        // Not the end-line: what was held is body (its CR cannot start a
        // new match followed by this byte, see expect()).
        std::size_t const from = virtual_;
        std::size_t const held = matched_;
        matched_ = 0;
        virtual_ = 0;
        if (held > from && emit) {
            chunk_ = std::span<char const>(tail_.data() + from, held - from);
            body_size_ += chunk_.size();
            return {i, frame_event::body};
        }
    }
    std::size_t const start = i;
    std::size_t j = i;
    while (true) {
        auto const* const cr = j < n ? static_cast<char const*>(std::memchr(in.data() + j, '\r', n - j)) : nullptr;
        std::size_t const pos = cr ? static_cast<std::size_t>(cr - in.data()) : n;
        std::size_t k = 0;
        if (cr)
            while (pos + k < n && k < full && expect(k, in[pos + k]))
                ++k;
        bool const found = cr && k == full;
        bool const partial = cr && !found && pos + k == n;
        if (!cr || found || partial) {
            // Skipping (after bad_message), the bytes before pos just go.
            if (pos > start && emit) {
                chunk_ = in.subspan(start, pos - start);
                body_size_ += chunk_.size();
                return {pos, frame_event::body};
            }
            if (found)
                return ended(pos + full, in[pos + full - 3]);
            if (partial) {
                std::copy(in.begin() + static_cast<std::ptrdiff_t>(pos), in.end(), tail_.begin());
                matched_ = k;
                return {n, frame_event::need_more};
            }
            return {n, frame_event::need_more};
        }
        j = pos + 1;
    }
}

frame_result framer::ended(std::size_t consumed, char flag)
{
    flag_ = static_cast<continuation>(flag);
    new_message_ = true;
    matched_ = 0;
    virtual_ = 0;
    state_ = state::head;
    return {consumed, frame_event::end};
}

frame_result framer::fail(std::size_t consumed, abnf::parse_error e)
{
    error_ = std::move(e);
    state_ = state::failed;
    head_buf_.clear();
    return {consumed, frame_event::error};
}

} // namespace cpm::msrp
