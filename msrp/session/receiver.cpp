#include "msrp/session/receiver.hpp"

#include "msrp/headers.hpp"
#include "msrp/session/error.hpp"
#include "msrp/session/wire.hpp"

#include <algorithm>

namespace cpm::msrp {

receiver::receiver(session_config const& cfg, event_handler const& events, sink_factory factory, sender& ids,
                   std::string& control)
    : cfg_(cfg), events_(events), factory_(std::move(factory)), ids_(ids), control_(control)
{
}

receiver::message* receiver::find(std::string_view id) noexcept
{
    // The last message touched first: chunks of one message come in runs.
    if (!messages_.empty() && messages_.back().id == id)
        return &messages_.back();
    for (auto& m : messages_)
        if (m.id == id)
            return &m;
    return nullptr;
}

void receiver::on_head(head const& send, session_clock::time_point now)
{
    chunk_ = {};
    chunk_.code = admit(send, now);
    if (chunk_.code != 200 && chunk_.msg && !chunk_.error)
        chunk_.error = session_errc::rejected;
}

std::uint16_t receiver::admit(head const& send, session_clock::time_point now)
{
    // RFC 4975 7.3: a request that cannot be understood gets 400.
    if (auto const* f = send.find(header_id::failure_report)) {
        auto const r = parse_failure_report(f->value);
        if (!r)
            return 400;
        chunk_.failure = *r;
    }
    if (auto const* f = send.find(header_id::success_report)) {
        auto const r = parse_success_report(f->value);
        if (!r)
            return 400;
        chunk_.success = *r;
    }
    auto const* idf = send.find(header_id::message_id);
    if (!idf || !parse_message_id(idf->value))
        return 400;
    // RFC 4975 7.3: no Byte-Range means the whole message in one chunk, 1-*/*.
    byte_range range;
    range.start = 1;
    if (auto const* f = send.find(header_id::byte_range)) {
        auto const r = parse_byte_range(f->value);
        if (!r)
            return 400;
        range = *r;
    }
    chunk_.offset = range.start - 1;
    if (range.end)
        chunk_.end = *range.end;
    auto const* ctf = send.find(header_id::content_type);
    message* m = find(idf->value);
    chunk_.msg = m; // an error from here on fails the message too
    if (!send.has_body && !m)
        return 200; // RFC 4975 5.4: the bodiless SEND (or a '#' for nothing we hold)
    if (send.has_body) {
        if (!ctf)
            return 400; // RFC 4975 7.1.1: a body needs a Content-Type
        // RFC 4975 7.3 and 8.6: a type outside our accept-types gets 415.
        if (!accepts(cfg_.accept_types, ctf->value))
            return 415;
    }
    // RFC 4975 8.6: a message above our max-size gets 413.
    auto const beyond_max = [&](std::optional<std::uint64_t> n) { return cfg_.max_size && n && *n > *cfg_.max_size; };
    if (beyond_max(range.total) || beyond_max(range.end))
        return 413;
    if (range.total && range.end && *range.end > *range.total)
        return 400;
    if (!m) {
        for (auto const& [id, code] : refused_)
            if (id == idf->value)
                return code;
        if (messages_.size() >= cfg_.max_incoming_messages)
            return 413;
        incoming_message const info{idf->value, ctf ? ctf->value : std::string_view(), range.total};
        std::unique_ptr<body_sink> sink = factory_ ? factory_(info) : std::make_unique<memory_sink>(static_cast<std::size_t>(
                                                                           cfg_.max_size.value_or(1024 * 1024)));
        if (!sink)
            return 413;
        m = &messages_.emplace_back(cfg_.max_ranges);
        m->id = idf->value;
        m->head_text.assign(send.text);
        m->head_text.append("\r\n");
        m->content_type = ctf ? ctf->value : std::string_view();
        m->sink = std::move(sink);
        m->success = chunk_.success;
        m->failure = chunk_.failure;
    } else if (m != &messages_.back()) {
        // Keep the active message last, so find() hits at once.
        auto const it = std::find_if(messages_.begin(), messages_.end(), [&](message const& x) { return &x == m; });
        messages_.splice(messages_.end(), messages_, it);
    }
    if (range.total) {
        if (m->total && *m->total != *range.total)
            return 400;
        m->total = range.total;
    }
    m->progress = now;
    chunk_.msg = m;
    return 200;
}

void receiver::on_body(std::span<char const> bytes, session_clock::time_point now)
{
    if (chunk_.code != 200 || !chunk_.msg)
        return;
    message& m = *chunk_.msg;
    std::uint64_t const to = chunk_.offset + bytes.size();
    if (chunk_.end && to > *chunk_.end) {
        chunk_.code = 400; // more bytes than the Byte-Range announced
        chunk_.error = session_errc::rejected;
        return;
    }
    if ((cfg_.max_size && to > *cfg_.max_size) || (m.total && to > *m.total)) {
        chunk_.code = 413;
        chunk_.error = session_errc::rejected;
        return;
    }
    if (auto const ec = m.sink->write(chunk_.offset, bytes)) {
        // RFC 4975 7.2: 413 asks the sender to stop sending this message.
        chunk_.code = 413;
        chunk_.error = session_errc::sink_failed;
        return;
    }
    if (!m.ranges.insert(chunk_.offset, to)) {
        chunk_.code = 413;
        chunk_.error = session_errc::too_fragmented;
        return;
    }
    chunk_.offset = to;
    m.progress = now;
}

void receiver::on_end(head const& send, continuation flag)
{
    message* const m = chunk_.msg;
    chunk_.msg = nullptr; // the chunk is over: the stall timer may see the message again
    if (m && chunk_.code == 200) {
        // A chunk shorter than the range-end it announced is malformed (RFC
        // 4975 7.3); a sender that may interrupt a chunk writes "*" (5.1).
        if (chunk_.end && chunk_.offset != *chunk_.end && flag != continuation::aborted) {
            chunk_.code = 400;
            chunk_.error = session_errc::rejected;
        } else if (flag == continuation::complete) {
            if (!m->total)
                m->total = chunk_.offset;
            else if (*m->total != chunk_.offset)
                chunk_.code = 400, chunk_.error = session_errc::rejected;
        }
    }
    std::uint16_t const code = chunk_.code;
    if (wants_response(send, chunk_.failure, code)) {
        append_response(send, code, control_);
    }
    if (!m) {
        // The bodiless SEND: a success report covers its zero bytes.
        if (code == 200 && chunk_.success == report_mode::yes)
            append_report(send, ids_.transaction_id(), {1, 0, 0}, 200, control_);
        return;
    }
    if (code != 200) {
        fail(*m, chunk_.error, code);
        return;
    }
    if (flag == continuation::aborted) {
        fail(*m, session_errc::aborted, 0);
        return;
    }
    if (m->total && m->ranges.covers(*m->total))
        complete(*m);
}

void receiver::complete(message& m)
{
    std::uint64_t const total = *m.total;
    if (auto const ec = m.sink->finish(total)) {
        // RFC 4975 7.1.2: the last chunk was answered 200 already, so a
        // failure REPORT tells the sender (unless its Failure-Report was
        // "no"), as for a stalled message (on_timer).
        report_failure(m, 413);
        fail(m, session_errc::sink_failed, 413);
        return;
    }
    // RFC 4975 7.1.3: one success report for the whole message.
    if (m.success == report_mode::yes) {
        auto const h = parse_head(m.head_text);
        if (h)
            append_report(*h, ids_.transaction_id(), {1, total, total}, 200, control_);
    }
    if (events_) {
        session_event e = make_event(event_kind::message_received, m.id, {}, 200, {1, total, total});
        e.content_type = m.content_type;
        e.sink = m.sink.get();
        events_(e);
    }
    erase(m);
}

void receiver::report_failure(message const& m, std::uint16_t code)
{
    // RFC 4975 7.1.2: a failure REPORT (status 4xx) tells the sender,
    // unless its Failure-Report was "no"; the bytes received in order are
    // the range reported on.
    if (m.failure == report_mode::no)
        return;
    if (auto const h = parse_head(m.head_text))
        append_report(*h, ids_.transaction_id(), {1, m.ranges.contiguous(), m.total}, code, control_);
}

void receiver::fail(message& m, boost::system::error_code ec, std::uint16_t code)
{
    m.sink->abort();
    if (code >= 400 && cfg_.max_incoming_messages > 0) {
        if (refused_.size() >= cfg_.max_incoming_messages)
            refused_.pop_front();
        refused_.emplace_back(m.id, code);
    }
    if (events_)
        events_(make_event(event_kind::receive_failed, m.id, ec, code, {1, m.ranges.contiguous(), m.total}));
    erase(m);
}

void receiver::erase(message const& m)
{
    if (chunk_.msg == &m)
        chunk_.msg = nullptr;
    messages_.remove_if([&](message const& x) { return &x == &m; });
}

void receiver::on_timer(session_clock::time_point now)
{
    for (auto it = messages_.begin(); it != messages_.end();) {
        message& m = *it++;
        if (now - m.progress < cfg_.reassembly_timeout || &m == chunk_.msg)
            continue;
        report_failure(m, 408);
        fail(m, session_errc::stalled, 408);
    }
}

void receiver::on_closed()
{
    while (!messages_.empty())
        fail(messages_.front(), session_errc::connection_closed, 0);
}

} // namespace cpm::msrp
