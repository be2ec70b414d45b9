#include "msrp/session/router.hpp"

#include "msrp/session/wire.hpp"

#include <algorithm>

namespace cpm::msrp {

void router::attach(session& s)
{
    s.bound_ = this;
    if (std::find(sessions_.begin(), sessions_.end(), &s) == sessions_.end())
        sessions_.push_back(&s);
}

void router::detach(session& s) noexcept
{
    if (s.bound_ == this)
        s.bound_ = nullptr;
    std::erase(sessions_, &s);
    if (current_ == &s)
        current_ = nullptr;
}

void router::set_directory(directory find, std::function<void(session&)> bound)
{
    directory_ = std::move(find);
    bound_ = std::move(bound);
}

session* router::bind(head const& request, bool& elsewhere)
{
    session* const s = directory_ ? directory_(request) : nullptr;
    if (!s || !s->addressed(request) || !s->from_peer(request))
        return nullptr;
    if (s->bound_ && s->bound_ != this) {
        elsewhere = true;
        return nullptr;
    }
    attach(*s);
    if (bound_)
        bound_(*s);
    return s;
}

void router::answer(head const& request, std::uint16_t code)
{
    if (wants_response(request, failure_report_of(request), code))
        append_response(request, code, control_);
}

boost::system::error_code router::feed(std::span<char const> bytes, session_clock::time_point now)
{
    for (;;) {
        auto const [used, event] = framer_.feed(bytes);
        bytes = bytes.subspan(used);
        switch (event) {
        case frame_event::need_more: return {};
        case frame_event::head: {
            head const& h = framer_.current_head();
            current_ = nullptr;
            if (!h.is_request()) {
                for (session* s : sessions_)
                    if (s->owns_response(h.transaction_id)) {
                        s->on_response(h);
                        break;
                    }
                break; // RFC 4975 7.2: a response to nothing pending is dropped
            }
            auto const it = std::find_if(sessions_.begin(), sessions_.end(), [&](session* s) { return s->addressed(h); });
            session* s = it == sessions_.end() ? nullptr : *it;
            bool elsewhere = false;
            if (!s)
                s = bind(h, elsewhere);
            if (elsewhere) {
                // RFC 4975 10: the session is bound to another connection:
                // 506, and the request is not processed.
                answer(h, 506);
                break;
            }
            // RFC 4975 7.3: no session for this To-Path (a To-Path of several
            // URIs names none), or a From-Path that is not the session's
            // peer: 481 (none to a REPORT), and the request is ignored.
            if (!s || !s->from_peer(h)) {
                answer(h, 481);
                break;
            }
            current_ = s;
            current_->on_request_head(h, now);
            break;
        }
        case frame_event::body:
            if (current_)
                current_->on_request_body(framer_.body(), now);
            break;
        case frame_event::end:
            if (current_)
                current_->on_request_end(framer_.current_head(), framer_.flag());
            current_ = nullptr;
            break;
        case frame_event::bad_message: {
            // RFC 4975 7.3: a malformed request is answered 400 when the
            // paths can be read; the connection stays (the framer skips the
            // message). Responses are dropped. RFC 4975 7.2: a REPORT gets
            // no response, and Failure-Report "no" asks for none.
            salvage const& s = framer_.salvaged();
            if (s.request && !s.to_path.empty() && !s.from_path.empty()) {
                head h;
                h.transaction_id = s.transaction_id;
                h.method = s.method;
                h.fields.push_back({"To-Path", s.to_path, {}, header_id::to_path});
                h.fields.push_back({"From-Path", s.from_path, {}, header_id::from_path});
                auto const fr = parse_failure_report(s.failure_report);
                if (wants_response(h, fr ? *fr : report_mode::yes, 400))
                    append_response(h, 400, control_);
            }
            current_ = nullptr;
            break;
        }
        case frame_event::error: return framer_.error().code;
        }
    }
}

void router::on_timer(session_clock::time_point now)
{
    for (session* s : sessions_)
        s->on_timer(now);
}

void router::on_closed()
{
    control_.clear();
    out_.clear();
    for (session* s : sessions_) {
        s->on_closed();
        if (s->bound_ == this)
            s->bound_ = nullptr; // free to bind to a new connection
    }
}

bool router::prepare(std::vector<std::span<char const>>& pieces)
{
    pieces.clear();
    out_.clear();
    // Answers first: they unblock the peer's window (RFC 4975 7.1.1).
    out_.append(control_);
    control_.clear();
    for (session* s : sessions_) {
        out_.append(s->control());
        s->control().clear();
    }
    // Then chunks, sessions taking turns, until the budget is spent or no
    // session may send. out_ is only viewed once it stops growing.
    chunk_view large;
    std::size_t idle = 0;
    while (out_.size() < budget_ && idle < sessions_.size()) {
        session* const s = sessions_[turn_++ % sessions_.size()];
        chunk_view c;
        if (!s->next_chunk(c)) {
            ++idle;
            continue;
        }
        idle = 0;
        if (c.body.size() >= coalesce_below_) {
            large = c;
            break;
        }
        out_.append(c.head);
        out_.append(c.body.data(), c.body.size());
        out_.append(c.tail);
    }
    if (!out_.empty())
        pieces.emplace_back(out_.data(), out_.size());
    if (!large.head.empty()) {
        pieces.emplace_back(large.head.data(), large.head.size());
        pieces.push_back(large.body);
        pieces.emplace_back(large.tail.data(), large.tail.size());
    }
    return !pieces.empty();
}

void router::written(session_clock::time_point now) noexcept
{
    out_.clear();
    for (session* s : sessions_)
        s->written(now);
}

std::size_t router::backlog() const noexcept
{
    std::size_t n = control_.size();
    for (session const* s : sessions_)
        n += s->backlog();
    return n;
}

bool router::idle() const noexcept
{
    if (!control_.empty())
        return false;
    return std::none_of(sessions_.begin(), sessions_.end(),
                        [](session const* s) { return s->wants_write() || s->outstanding() > 0; });
}

} // namespace cpm::msrp
