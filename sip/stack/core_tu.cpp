// The stack core's transaction user API: requests out of and within
// dialogs, responses, CANCEL, TU timers, and the identifiers a UA draws
// (branches, tags, Call-IDs).
#include "sip/stack/core.hpp"

#include "sip/stack/next_hop.hpp"
#include "sip/stack/shared_message.hpp"

#include <array>

namespace cpm::sip::stack {

namespace {

/// @p digits lower-case hex digits of @p rng's output.
std::string hex(std::mt19937_64& rng, std::size_t digits)
{
    static constexpr std::array<char, 16> alphabet{'0', '1', '2', '3', '4', '5', '6', '7',
                                                   '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    std::string out;
    out.reserve(digits);
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        if (i % 16 == 0)
            bits = rng();
        out.push_back(alphabet[bits & 0xf]);
        bits >>= 4;
    }
    return out;
}

} // namespace

result<client_handle> core::send_request(std::string_view bytes, peer const& to)
{
    auto m = sip::message::parse(abnf::text_buffer(bytes));
    if (!m)
        return errc::unparsable;
    // 17: ACK has no transaction (the core sends the ACK for 2xx itself, 13.2.2.4).
    if (!m->is_request() || m->method() == method::ack)
        return errc::not_a_request;
    // The core keys, routes and builds from these fields (8.1.1): a request
    // without them would carry its fault into every ACK and CANCEL.
    if (m->defects() != defect::none)
        return errc::defective;
    sip::method const method = m->method();
    // A proxy's requests create no dialogs: it neither ACKs the 2xx (the ACK
    // is end to end, 13.2.2.4) nor absorbs its retransmissions; every
    // response goes to the TU (RFC 6026 7.2).
    bool const creates = (method == method::invite || method == method::subscribe || method == method::refer)
                         && m->to().tag.empty() && !config_.forwards;
    std::string const key = creates ? subscription_key(m->call_id(), m->from().tag) : std::string();
    auto e = create_client(std::move(*m), to);
    if (!e)
        return e.error();
    client_entry& entry = **e;
    entry.creates_dialog = creates;
    if (creates && method != method::invite)
        subscribing_.emplace(key, entry.handle);
    client_handle const h = entry.handle;
    start(entry);
    return h;
}

void core::start(client_entry& e)
{
    // 13.3.1.1, 16.6 step 11: an INVITE is guarded by Timer C, since its
    // Proceeding state has no timer of its own (17.1.1.2).
    if (std::holds_alternative<transaction::client_invite>(e.machine))
        arm(e.guard, timer_owner::invite, static_cast<std::uint64_t>(e.handle),
            static_cast<std::uint8_t>(invite_timer::c), config_.timers.c);
    feed(e, transaction::start{});
}

result<client_handle> core::send_in_dialog(dialog_handle d, sip::method m, dialog::request_options options)
{
    dialog_entry* x = find_dialog_entry(d);
    if (x == nullptr)
        return errc::unknown_dialog;
    bool const offer = !options.body.empty();
    bool const modification = m == method::invite || (m == method::update && offer);
    // 14.1, RFC 3311 5.1: no second modification while one is pending.
    if (!x->guard.start_local(m, offer))
        return errc::request_pending;
    // 12.2.1.1, 8.1.2: to the first route, else the remote target.
    peer const hop = next_hop(x->state, x->remote);
    std::string const via_value = via(hop);
    options.via = via_value;
    std::string out;
    dialog::build_request(x->state, m, out, options);
    auto parsed = parse_own(out);
    auto e = parsed ? create_client(std::move(*parsed), hop) : result<client_entry*>(errc::unparsable);
    if (!e) {
        if (modification)
            x->guard.end_local();
        return e.error();
    }
    client_entry& entry = **e;
    entry.dialog = d;
    entry.modification = modification;
    client_handle const h = entry.handle;
    start(entry);
    return h;
}

result<dialog_handle> core::respond(server_handle transaction, std::string_view bytes)
{
    server_entry* e = find_server(transaction);
    if (e == nullptr)
        return errc::unknown_transaction;
    auto m = sip::message::parse(abnf::text_buffer(bytes));
    if (!m)
        return errc::unparsable;
    sip::message const& request = request_of(*e);
    // 8.2.6.2: the response carries the request's CSeq (number and method).
    if (!m->is_response() || m->cseq().number != request.cseq().number
        || m->cseq().method_text != request.cseq().method_text)
        return errc::not_a_response;
    if (m->defects() != defect::none)
        return errc::defective;
    return answer(*e, std::move(*m));
}

result<void> core::cancel(client_handle transaction)
{
    client_entry* e = find_client(transaction);
    if (e == nullptr)
        return errc::unknown_transaction;
    auto const* invite = std::get_if<transaction::client_invite>(&e->machine);
    using st = transaction::client_invite::state;
    // 9.1: only an INVITE still waiting for its final response.
    if (e->internal || invite == nullptr || (invite->current() != st::calling && invite->current() != st::proceeding))
        return errc::not_cancellable;
    if (e->cancel_sent || e->cancel_wanted)
        return {};
    e->cancel_wanted = true;
    if (invite->may_cancel())
        send_cancel(*e);
    return {};
}

result<timer_handle> core::start_tu_timer(duration after, std::uint64_t cookie)
{
    if (tu_timers_ >= config_.max_tu_timers)
        return errc::timer_limit;
    timer_handle const h{next_handle()};
    timers_.start(out_, h, timer_target{timer_owner::tu, 0, 0, cookie}, after);
    ++tu_timers_;
    return h;
}

void core::stop_tu_timer(timer_handle id)
{
    timer_target const* t = timers_.find(id);
    if (t == nullptr || t->owner != timer_owner::tu)
        return;
    timers_.stop(out_, id);
    --tu_timers_;
}

result<void> core::end_dialog(dialog_handle d)
{
    if (find_dialog_entry(d) == nullptr)
        return errc::unknown_dialog;
    remove_dialog(d, false);
    return {};
}

std::string core::via(peer const& to)
{
    // 8.1.1.7: the branch starts with the magic cookie z9hG4bK and is
    // unique in space and time; RFC 3581 3: rport asks for the source port.
    std::string v("SIP/2.0/");
    v.append(via_token(to.kind)).append(" ").append(config_.sent_by).append(";branch=z9hG4bK");
    v.append(config_.branch_tag);
    v.append(hex(rng_, 16));
    if (to.kind == transport_kind::udp)
        v.append(";rport");
    return v;
}

std::string core::new_tag() { return hex(rng_, 16); }

std::string core::new_call_id() { return hex(rng_, 32); }

} // namespace cpm::sip::stack
