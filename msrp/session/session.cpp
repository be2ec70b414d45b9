#include "msrp/session/session.hpp"

#include "msrp/session/error.hpp"
#include "msrp/session/wire.hpp"

#include <random>

namespace cpm::msrp {

namespace {

// RFC 6714 4.3 (msrp-cema) matches on the session-id alone; otherwise the
// URI equivalence of RFC 4975 6.1.
bool matches(uri const& a, uri const& b, bool cema) noexcept
{
    return cema ? a.session_id == b.session_id : equivalent(a, b);
}

std::string random_prefix()
{
    // RFC 4975 7.1: a transaction id carries at least 64 bits of
    // randomness: 12 random alphanumerics (71 bits) start every id of the
    // session, a counter follows (ident of RFC 4975 9 allows 32 characters).
    static constexpr std::string_view alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    std::random_device rd;
    std::mt19937_64 gen(rd());
    std::string s(12, '0');
    for (auto& c : s)
        c = alphabet[gen() % alphabet.size()];
    return s;
}

} // namespace

boost::system::result<std::unique_ptr<session>> session::create(session_config cfg, event_handler events,
                                                                 sink_factory sinks)
{
    if (!parse_uri(cfg.local_uri) || !parse_path(cfg.remote_path, "a=path"))
        return session_errc::bad_path;
    return std::unique_ptr<session>(new session(std::move(cfg), std::move(events), std::move(sinks), random_prefix()));
}

session::session(session_config cfg, event_handler events, sink_factory sinks, std::string prefix)
    : cfg_(std::move(cfg)), events_(std::move(events)), sender_(cfg_, std::move(prefix), events_),
      receiver_(cfg_, events_, std::move(sinks), sender_, control_)
{
    // create() checked both; the views point into cfg_, which never moves.
    local_ = *parse_uri(cfg_.local_uri);
    std::string_view const path = cfg_.remote_path;
    remote_last_ = path.substr(path.rfind(' ') + 1);
    remote_ = *parse_uri(remote_last_);
}

boost::system::result<std::string> session::send(std::unique_ptr<body_source> body, send_options opts)
{
    auto id = sender_.enqueue(std::move(body), std::move(opts));
    if (id)
        notify();
    return id;
}

boost::system::result<std::string> session::send(std::string body, send_options opts)
{
    return send(std::make_unique<memory_source>(std::move(body)), std::move(opts));
}

boost::system::error_code session::abort(std::string_view message_id)
{
    auto const ec = sender_.abort(message_id);
    if (!ec)
        notify();
    return ec;
}

bool session::addressed(head const& request) const
{
    std::string_view const to = request.to_path();
    if (to == cfg_.local_uri)
        return true; // the common case, without parsing
    // RFC 4975 7.3: at an endpoint the To-Path is exactly one URI; more
    // would ask us to relay (RFC 4976), which an endpoint does not. The
    // framer checked the value (MSRP-URI *(SP MSRP-URI)): a space separates
    // URIs. Checked on every request, so a path the framer's memo admits
    // unchecked is held to it too.
    if (to.find(' ') != std::string_view::npos)
        return false;
    auto const only = parse_uri(to);
    return only && matches(*only, local_, cfg_.cema);
}

bool session::from_peer(head const& request) const
{
    std::string_view const from = request.from_path();
    std::string_view const last = from.substr(from.rfind(' ') + 1);
    if (last == remote_last_)
        return true;
    auto const u = parse_uri(last);
    return u && matches(*u, remote_, cfg_.cema);
}

void session::on_request_head(head const& request, session_clock::time_point now)
{
    current_is_send_ = request.method == method::send;
    if (current_is_send_)
        receiver_.on_head(request, now);
    else if (request.method == method::report)
        sender_.on_report(request); // RFC 4975 7.1.2: never answered
}

void session::on_request_body(std::span<char const> bytes, session_clock::time_point now)
{
    if (current_is_send_)
        receiver_.on_body(bytes, now);
}

void session::on_request_end(head const& request, continuation flag)
{
    if (current_is_send_) {
        receiver_.on_end(request, flag);
    } else if (request.method != method::report && wants_response(request, failure_report_of(request), 501)) {
        // RFC 4975 7.3: an endpoint answers a method it does not know 501
        // (AUTH is for relays, RFC 4976).
        append_response(request, 501, control_);
    }
    current_is_send_ = false;
}

void session::on_timer(session_clock::time_point now)
{
    sender_.on_timer(now);
    receiver_.on_timer(now);
}

void session::on_closed()
{
    control_.clear();
    sender_.on_closed();
    receiver_.on_closed();
}

} // namespace cpm::msrp
