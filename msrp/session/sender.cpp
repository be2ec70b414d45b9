#include "msrp/session/sender.hpp"

#include "msrp/headers.hpp"
#include "msrp/session/error.hpp"

#include <algorithm>
#include <charconv>

namespace cpm::msrp {

namespace {

void append_number(std::string& out, std::uint64_t n)
{
    char digits[20]; // 2^64 has 20 decimal digits
    out.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
}

// The Byte-Range value "start-end/total" (RFC 4975 9) written in place:
// the field's string keeps its capacity, so chunks after the first allocate
// nothing.
void set_range(std::string& value, std::uint64_t start, std::uint64_t end, std::optional<std::uint64_t> total)
{
    value.clear();
    append_number(value, start);
    value.push_back('-');
    append_number(value, end);
    value.push_back('/');
    if (total)
        append_number(value, *total);
    else
        value.push_back('*');
}

} // namespace

sender::sender(session_config const& cfg, std::string id_prefix, event_handler const& events)
    : cfg_(cfg), prefix_(std::move(id_prefix)), events_(events), turn_(messages_.end()),
      window_(std::max<std::size_t>(cfg.max_outstanding, 1))
{
}

void sender::format_tid(std::uint64_t seq, std::string& out) const
{
    char buf[32];
    auto const r = std::to_chars(buf, buf + sizeof buf, seq, 16);
    out.assign(prefix_);
    out.append(buf, r.ptr);
}

std::string sender::transaction_id()
{
    // Ids beyond the window's sequence space: REPORTs get no response, so
    // they never occupy a slot.
    std::string tid;
    format_tid(next_seq_++, tid);
    return tid;
}

bool sender::owns(std::string_view tid) const noexcept
{
    return tid.size() > prefix_.size() && tid.substr(0, prefix_.size()) == prefix_;
}

boost::system::result<std::string> sender::enqueue(std::unique_ptr<body_source> body, send_options opts)
{
    if (messages_.size() >= cfg_.max_queued_messages)
        return session_errc::queue_full;
    message& m = messages_.emplace_back();
    char buf[32];
    auto const r = std::to_chars(buf, buf + sizeof buf, next_message_++, 16);
    m.id = prefix_ + "m";
    m.id.append(buf, r.ptr);
    m.total = body ? body->size() : std::optional<std::uint64_t>(0);
    m.head.method = "SEND";
    m.head.to_path = cfg_.remote_path;
    m.head.from_path = cfg_.local_uri;
    // RFC 4975 7.1.1: Message-ID in every chunk; Success-Report absent means
    // "no", Failure-Report absent means "yes"; Content-Type only with a body.
    m.head.fields.push_back({"Message-ID", m.id});
    if (opts.success_report == report_mode::yes)
        m.head.fields.push_back({"Success-Report", "yes"});
    if (opts.failure_report != report_mode::yes)
        m.head.fields.push_back({"Failure-Report", opts.failure_report == report_mode::no ? "no" : "partial"});
    m.range_field = m.head.fields.size();
    m.head.fields.push_back({"Byte-Range", {}});
    for (auto& f : opts.fields)
        m.head.fields.push_back(std::move(f));
    opts.fields.clear();
    if (body)
        m.head.fields.push_back({"Content-Type", opts.content_type});
    m.body = std::move(body);
    m.opts = std::move(opts);
    if (turn_ == messages_.end())
        turn_ = std::prev(messages_.end());
    return m.id;
}

boost::system::error_code sender::abort(std::string_view message_id)
{
    for (auto& m : messages_) {
        if (m.id != message_id || m.failed)
            continue;
        if (m.done)
            return session_errc::unknown_message;
        m.abort_requested = true;
        return {};
    }
    return session_errc::unknown_message;
}

bool sender::has_pending() const noexcept
{
    return std::any_of(messages_.begin(), messages_.end(), [](message const& m) { return !m.done && !m.failed; });
}

chunk_view sender::bodiless(message& m, continuation flag)
{
    // RFC 4975 7.1: a request without a body carries neither Content-Type nor
    // any other MIME field; they all follow the Byte-Range, and no chunk of
    // the message comes after this one.
    m.head.fields.resize(m.range_field + 1);
    head_buf_.clear();
    m.head.transaction_id = tid_;
    write_head(m.head, false, head_buf_);
    write_end(tid_, flag, false, head_buf_);
    return {head_buf_, {}, {}};
}

bool sender::next(chunk_view& out)
{
    retired_.reset();
    transaction const& slot = window_[next_seq_ % window_.size()];
    if (slot.pending && slot.timed)
        return false; // RFC 4975 7.1.1 transactions are bounded: wait for responses
    for (std::size_t tries = messages_.size(); tries > 0; --tries) {
        if (turn_ == messages_.end())
            turn_ = messages_.begin();
        auto const it = turn_++;
        message& m = *it;
        if (m.done || m.failed)
            continue;
        if (m.abort_requested && !m.started) {
            m.done = true;
            fail(m, session_errc::aborted, 0);
            settle(it);
            continue;
        }
        std::uint64_t const seq = next_seq_++;
        format_tid(seq, tid_);
        std::string& range = m.head.fields[m.range_field].value;
        if (m.abort_requested) {
            // RFC 4975 5.1: '#' ends a message the sender abandons; the
            // chunk carries no body (Byte-Range start-(start-1)).
            set_range(range, m.sent + 1, m.sent, m.total);
            out = bodiless(m, continuation::aborted);
            m.done = true;
            register_transaction(m, seq);
            fail(m, session_errc::aborted, 0);
            settle(it);
            return true;
        }
        if (!m.body) {
            // RFC 4975 5.4: the bodiless SEND, Byte-Range 1-0/0.
            set_range(range, 1, 0, 0);
            out = bodiless(m, continuation::complete);
            m.done = m.started = true;
            register_transaction(m, seq);
            settle(it);
            return true;
        }
        source_chunk c;
        if (auto const ec = m.body->read(cfg_.chunk_size, c); ec || (c.bytes.empty() && !c.last)) {
            fail(m, session_errc::source_failed, 0);
            m.done = true;
            settle(it);
            continue;
        }
        // RFC 4975 5.1: the end-line must not occur in the body; a
        // colliding id (practically never) is replaced by a longer one.
        for (unsigned attempt = 1; contains_end_line({c.bytes.data(), c.bytes.size()}, tid_); ++attempt) {
            format_tid(seq, tid_);
            tid_.push_back('-');
            append_number(tid_, attempt);
        }
        std::uint64_t const end = m.sent + c.bytes.size();
        if (c.last && !m.total)
            m.total = end; // RFC 4975 5.1: the total becomes known with the last chunk
        set_range(range, m.sent + 1, end, m.total);
        head_buf_.clear();
        m.head.transaction_id = tid_;
        write_head(m.head, true, head_buf_);
        tail_buf_.clear();
        write_end(tid_, c.last ? continuation::complete : continuation::more, true, tail_buf_);
        out = {head_buf_, c.bytes, tail_buf_};
        m.sent = end;
        m.started = true;
        m.done = c.last;
        register_transaction(m, seq);
        settle(it);
        return true;
    }
    return false;
}

void sender::register_transaction(message& m, std::uint64_t seq)
{
    // RFC 4975 7.2: with Failure-Report "no" no response ever comes; with
    // "partial" only an error response may, so no timer runs for it.
    if (m.opts.failure_report == report_mode::no)
        return;
    transaction& t = window_[seq % window_.size()];
    bool const timed = m.opts.failure_report == report_mode::yes;
    t.seq = seq;
    t.msg = &m;
    t.pending = true;
    t.timed = timed; // the deadline is set once written (see written())
    if (timed) {
        ++m.outstanding;
        ++outstanding_;
    } else {
        t.message_id.assign(m.id); // outlives the message: see settle()
    }
}

void sender::on_response(head const& response)
{
    std::string_view const tid = response.transaction_id;
    if (!owns(tid))
        return;
    std::uint64_t seq = 0;
    auto const digits = tid.substr(prefix_.size());
    auto const r = std::from_chars(digits.data(), digits.data() + digits.size(), seq, 16);
    if (r.ec != std::errc())
        return;
    transaction& t = window_[seq % window_.size()];
    if (!t.pending || t.seq != seq)
        return; // late (timed out) or unknown: RFC 4975 7.1.1 ignores it
    if (!t.msg) {
        // RFC 4975 7.2: Failure-Report partial asks for error responses only,
        // and they may come after the last chunk was handed out and the
        // message settled; a 200 is not expected and says nothing.
        if (response.status_code != 200)
            fail_finished(t.message_id, session_errc::rejected, response.status_code, {});
        return;
    }
    t.pending = false;
    message& m = *t.msg;
    if (t.timed) {
        --m.outstanding;
        --outstanding_;
    }
    if (response.status_code != 200)
        fail(m, session_errc::rejected, response.status_code); // 413 included: RFC 4975 7.2, stop sending
    settle(m);
}

void sender::on_report(head const& report)
{
    auto const* idf = report.find(header_id::message_id);
    auto const* stf = report.find(header_id::status);
    if (!idf || !stf)
        return;
    auto const st = parse_status(stf->value);
    if (!st)
        return;
    byte_range range;
    if (auto const* rf = report.find(header_id::byte_range)) {
        auto const r = parse_byte_range(rf->value);
        if (!r)
            return;
        range = *r;
    }
    auto const it = std::find_if(messages_.begin(), messages_.end(), [&](message const& m) { return m.id == idf->value; });
    bool const known = it != messages_.end() ||
                       std::any_of(recent_.begin(), recent_.end(), [&](finished const& f) { return f.id == idf->value; });
    // RFC 4975 7.1.2: a REPORT for an unknown Message-ID is ignored.
    if (!known)
        return;
    if (st->code == 200) {
        if (events_)
            events_(make_event(event_kind::report_received, idf->value, {}, 200, range));
        return;
    }
    if (it != messages_.end()) {
        fail(*it, session_errc::failure_reported, st->code);
        settle(it);
    } else {
        fail_finished(idf->value, session_errc::failure_reported, st->code, range);
    }
}

void sender::written(session_clock::time_point now) noexcept
{
    // RFC 4975 7.1.1: the timeout covers the wait for the response to a
    // request sent; a chunk held back by the socket (a large body behind
    // TCP back-pressure) is not waiting for the peer yet. Only the sequence
    // numbers handed out since the last call are visited, at most one
    // window's worth (older slots were overwritten).
    std::uint64_t const size = window_.size();
    std::uint64_t seq = std::max(unwritten_, next_seq_ > size ? next_seq_ - size : 0);
    for (; seq < next_seq_; ++seq) {
        transaction& t = window_[seq % size];
        if (t.seq == seq && t.pending && t.timed)
            t.deadline = now + cfg_.transaction_timeout;
    }
    unwritten_ = next_seq_;
}

void sender::on_timer(session_clock::time_point now)
{
    for (auto& t : window_) {
        // Not written yet (seq at or past unwritten_): no deadline runs.
        if (!t.pending || !t.timed || t.seq >= unwritten_ || t.deadline > now)
            continue;
        t.pending = false;
        message& m = *t.msg;
        --m.outstanding;
        --outstanding_;
        fail(m, session_errc::transaction_timeout, 408);
        settle(m);
    }
}

void sender::on_closed()
{
    for (auto& t : window_) {
        t.pending = false;
        t.msg = nullptr;
    }
    outstanding_ = 0;
    for (auto& m : messages_) {
        m.outstanding = 0;
        m.done = true;
        fail(m, session_errc::connection_closed, 0);
    }
    messages_.clear();
    turn_ = messages_.end();
}

void sender::fail(message& m, boost::system::error_code ec, std::uint16_t status)
{
    if (m.failed)
        return;
    m.failed = true;
    if (events_)
        events_(make_event(event_kind::message_failed, m.id, ec, status));
}

void sender::fail_finished(std::string_view id, boost::system::error_code ec, std::uint16_t status, byte_range range)
{
    // One message_failed per message: a failure REPORT and error responses
    // to several of its chunks may all come.
    bool reported = false;
    for (auto& f : recent_)
        if (f.id == id) {
            reported = f.failed;
            f.failed = true;
        }
    for (auto& t : window_)
        if (t.pending && !t.msg && t.message_id == id)
            t.pending = false; // the view @p id may be one of these: its text stays
    if (!reported && events_)
        events_(make_event(event_kind::message_failed, id, ec, status, range));
}

void sender::settle(message& m)
{
    auto const it = std::find_if(messages_.begin(), messages_.end(), [&](message const& x) { return &x == &m; });
    if (it != messages_.end())
        settle(it);
}

void sender::settle(std::list<message>::iterator it)
{
    message& m = *it;
    if (!(m.done || m.failed) || m.outstanding > 0)
        return;
    if (!m.failed && events_)
        events_(make_event(event_kind::message_sent, m.id, {}, 200));
    if (m.opts.success_report == report_mode::yes || m.opts.failure_report != report_mode::no)
        remember(m);
    // Timed slots of the message were all answered (outstanding is 0). An
    // untimed one (Failure-Report partial) keeps the Message-ID for a late
    // error response, unless the message failed already; the window wrapping
    // round overwrites it.
    for (auto& t : window_)
        if (t.msg == &m) {
            t.msg = nullptr;
            t.pending = t.pending && !t.timed && !m.failed;
        }
    if (turn_ == it)
        ++turn_;
    // The chunk just handed out may still view the body: keep it one call.
    retired_ = std::move(m.body);
    messages_.erase(it);
}

void sender::remember(message const& m)
{
    if (cfg_.report_memory == 0)
        return;
    if (recent_.size() >= cfg_.report_memory)
        recent_.pop_front();
    recent_.push_back({m.id, m.failed});
}

} // namespace cpm::msrp
