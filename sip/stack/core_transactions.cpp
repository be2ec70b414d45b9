// The stack core's transactions: creating the four RFC 3261 17 machines,
// executing their actions, and what their responses and failures mean
// for the TU (8.1.3.1) and for CANCEL (9.1).
#include "sip/stack/core.hpp"

#include "sip/builder.hpp"
#include "sip/stack/next_hop.hpp"
#include "sip/stack/shared_message.hpp"
#include "sip/transaction/ack_cancel.hpp"

namespace cpm::sip::stack {

namespace {

/// @p m with the transport token of its top Via replaced by @p kind's,
/// parsed again (nullopt if it no longer parses).
std::optional<sip::message> with_via_transport(sip::message const& m, transport_kind kind)
{
    std::string_view const text = m.text();
    std::string_view const token = m.top_via().transport;
    std::string out(text);
    out.replace(static_cast<std::size_t>(token.data() - text.data()), token.size(), via_token(kind));
    return parse_own(out);
}

} // namespace

sip::message const& core::request_of(client_entry const& e) noexcept
{
    return std::visit([](auto const& m) -> sip::message const& { return m.request(); }, e.machine);
}

sip::message const& core::request_of(server_entry const& e) noexcept
{
    return std::visit([](auto const& m) -> sip::message const& { return m.request(); }, e.machine);
}

core::server_entry* core::create_server(sip::message m, peer const& from, bool internal)
{
    // A bounded table: beyond it, 503 with Retry-After and no state (21.5.4).
    peer const reply_to = response_target(m.top_via(), from);
    if (transaction_count() >= config_.max_transactions) {
        send_stateless(m, reply_to, 503, "Service Unavailable");
        return nullptr;
    }
    // The key's views point into the request's heap buffer, which moves
    // with the message into the machine (table.hpp).
    auto const key = transaction::server_key_of(m);
    auto const kind = reliability(from.kind);
    bool const invite = m.method() == method::invite;
    server_handle const h{next_handle()};
    server_entry entry{h,
                       invite ? server_machine(std::in_place_index<0>, std::move(m), config_.timers, kind)
                              : server_machine(std::in_place_index<1>, std::move(m), config_.timers, kind),
                       from, reply_to};
    entry.internal = internal;
    server_entry* e = servers_.insert(key, std::move(entry));
    if (e != nullptr)
        server_index_.emplace(static_cast<std::uint64_t>(h), key);
    return e;
}

result<core::client_entry*> core::create_client(sip::message m, peer const& to)
{
    if (transaction_count() >= config_.max_transactions)
        return errc::transaction_limit;
    peer hop = to;
    // 18.1.1: a request over 1300 bytes (the path MTU unknown) that would
    // go over UDP goes over TCP, its Via saying so. Only a Via this core
    // wrote for UDP is rewritten (a proxy's own, 16.6 step 8, included).
    auto const over = request_transport(m.text().size(), to.kind);
    if (over != to.kind && kind_from_via(m.top_via().transport) == to.kind)
        if (auto rewritten = with_via_transport(m, over)) {
            m = std::move(*rewritten);
            hop.kind = over;
        }
    auto const key = transaction::client_key_of(m);
    if (clients_.find(key) != nullptr)
        return errc::transaction_exists;
    client_handle const h{next_handle()};
    client_entry entry{h, make_client_machine(std::move(m), hop.kind), hop};
    entry.udp_fallback = hop.kind != to.kind;
    client_entry* e = clients_.insert(key, std::move(entry));
    if (e == nullptr)
        return errc::transaction_exists;
    client_index_.emplace(static_cast<std::uint64_t>(h), key);
    return e;
}

core::client_machine core::make_client_machine(sip::message request, transport_kind over) const
{
    auto const kind = reliability(over);
    if (request.method() == method::invite)
        return client_machine(std::in_place_index<0>, std::move(request), config_.timers, kind);
    return client_machine(std::in_place_index<1>, std::move(request), config_.timers, kind);
}

void core::retry_over_udp(client_entry& e)
{
    // 18.1.1: a request sent over TCP only for its size, whose connection
    // could not be made, "SHOULD" be retried over UDP: the same request
    // (same branch, so the same key, 17.1.3) with a UDP Via, in a new
    // machine that retransmits (17.1.1.2, 17.1.2.2). The handle stays.
    auto over_udp = with_via_transport(request_of(e), transport_kind::udp);
    if (!over_udp) {
        e.udp_fallback = false;
        feed(e, transaction::transport_error{});
        return;
    }
    for (std::size_t i = 0; i < e.timers.size(); ++i)
        disarm(e.timers, static_cast<std::uint8_t>(i));
    auto index = client_index_.find(static_cast<std::uint64_t>(e.handle));
    // The old key views the old request, which the moved entry still owns
    // until its machine is replaced.
    client_entry entry = std::move(e);
    clients_.erase(index->second);
    entry.machine = make_client_machine(std::move(*over_udp), transport_kind::udp);
    entry.to.kind = transport_kind::udp;
    entry.udp_fallback = false;
    auto const key = transaction::client_key_of(request_of(entry));
    client_entry* moved = clients_.insert(key, std::move(entry));
    index->second = key;
    feed(*moved, transaction::start{});
}

core::server_entry* core::find_server(server_handle h) noexcept
{
    auto it = server_index_.find(static_cast<std::uint64_t>(h));
    return it == server_index_.end() ? nullptr : servers_.find(it->second);
}

core::client_entry* core::find_client(client_handle h) noexcept
{
    auto it = client_index_.find(static_cast<std::uint64_t>(h));
    return it == client_index_.end() ? nullptr : clients_.find(it->second);
}

void core::feed(client_entry& e, transaction::client_event ev)
{
    auto const acts = std::visit([&](auto& m) { return m.on(std::move(ev)); }, e.machine);
    bool done = false;
    for (auto const& a : acts) {
        if (auto const* t = std::get_if<transaction::transmit>(&a))
            emit(send{std::string(t->bytes), e.to, static_cast<std::uint64_t>(e.handle)});
        else if (auto const* s = std::get_if<transaction::start_timer>(&a))
            arm(e.timers, timer_owner::client, static_cast<std::uint64_t>(e.handle), static_cast<std::uint8_t>(s->id),
                s->after);
        else if (auto const* x = std::get_if<transaction::stop_timer>(&a))
            disarm(e.timers, static_cast<std::uint8_t>(x->id));
        else if (auto const* p = std::get_if<transaction::pass_to_tu>(&a))
            on_client_message(e, *p->message);
        else if (auto const* r = std::get_if<transaction::report>(&a))
            on_client_failure(e, r->what);
        else
            done = true;
    }
    if (done)
        erase(e);
    else
        linger(e);
}

void core::erase(client_entry& e)
{
    for (std::size_t i = 0; i < e.timers.size(); ++i)
        disarm(e.timers, static_cast<std::uint8_t>(i));
    for (std::size_t i = 0; i < e.guard.size(); ++i)
        disarm(e.guard, static_cast<std::uint8_t>(i));
    if (e.creates_dialog)
        subscribing_.erase(subscription_key(request_of(e).call_id(), request_of(e).from().tag));
    auto it = client_index_.find(static_cast<std::uint64_t>(e.handle));
    auto const key = it->second;
    client_index_.erase(it);
    clients_.erase(key);
}

void core::feed(server_entry& e, transaction::server_event ev)
{
    auto const acts = std::visit([&](auto& m) { return m.on(std::move(ev)); }, e.machine);
    bool done = false;
    for (auto const& a : acts) {
        if (auto const* t = std::get_if<transaction::transmit>(&a))
            emit(send{std::string(t->bytes), e.reply_to, static_cast<std::uint64_t>(e.handle)});
        else if (auto const* s = std::get_if<transaction::start_timer>(&a))
            arm(e.timers, timer_owner::server, static_cast<std::uint64_t>(e.handle), static_cast<std::uint8_t>(s->id),
                s->after);
        else if (auto const* x = std::get_if<transaction::stop_timer>(&a))
            disarm(e.timers, static_cast<std::uint8_t>(x->id));
        else if (auto const* p = std::get_if<transaction::pass_to_tu>(&a)) {
            // RFC 6026 7.1: in Accepted the machine passes up ACKs (for a
            // 2xx, from a peer that reused the INVITE's branch): to the
            // dialog at a UA, to the TU to forward at a proxy (16.11).
            if (p->message->method() == method::ack) {
                if (!config_.forwards)
                    ack_to_dialog(*p->message);
                else if (auto copy = share(*p->message))
                    emit(ack_to_forward{std::move(copy), e.from});
            } else if (!e.internal)
                if (auto copy = share(*p->message))
                    emit(request_received{e.handle, e.dialog, std::move(copy), e.from});
        } else if (auto const* r = std::get_if<transaction::report>(&a)) {
            if (!e.internal)
                emit(response_failed{e.handle, r->what});
        } else
            done = true;
    }
    if (done)
        erase(e);
    else
        linger(e);
}

void core::erase(server_entry& e)
{
    for (std::size_t i = 0; i < e.timers.size(); ++i)
        disarm(e.timers, static_cast<std::uint8_t>(i));
    // A modification the TU never answered no longer blocks the dialog.
    if (e.modification)
        if (dialog_entry* d = find_dialog_entry(e.dialog))
            d->guard.end_remote();
    auto it = server_index_.find(static_cast<std::uint64_t>(e.handle));
    auto const key = it->second;
    server_index_.erase(it);
    servers_.erase(key);
}

void core::linger(server_entry& e)
{
    auto const j = static_cast<std::uint8_t>(transaction::timer_id::j);
    auto const* machine = std::get_if<transaction::server_non_invite>(&e.machine);
    if (machine == nullptr || machine->current() != transaction::server_non_invite::state::completed ||
        e.timers[j] == timer_handle{} || machine->last_response() == nullptr)
        return;
    auto it = server_index_.find(static_cast<std::uint64_t>(e.handle));
    // An RFC 2543 key also needs the request's To tag (17.2.3): kept whole.
    if (!it->second.rfc3261)
        return;
    // Timer J runs on: on_timer() finds the lingering entry by its handle.
    e.timers[j] = timer_handle{};
    for (std::size_t i = 0; i < e.timers.size(); ++i)
        disarm(e.timers, static_cast<std::uint8_t>(i));
    if (e.modification)
        if (dialog_entry* d = find_dialog_entry(e.dialog))
            d->guard.end_remote();
    auto const key = it->second;
    it->second = lingering_.add_server(key, machine->last_response()->text(), e.reply_to);
    servers_.erase(key);
}

void core::linger(client_entry& e)
{
    auto const k = static_cast<std::uint8_t>(transaction::timer_id::k);
    auto const* machine = std::get_if<transaction::client_non_invite>(&e.machine);
    if (machine == nullptr || machine->current() != transaction::client_non_invite::state::completed ||
        e.timers[k] == timer_handle{} || e.creates_dialog)
        return;
    // Timer K runs on: on_timer() finds the lingering entry by its handle.
    e.timers[k] = timer_handle{};
    for (std::size_t i = 0; i < e.timers.size(); ++i)
        disarm(e.timers, static_cast<std::uint8_t>(i));
    auto it = client_index_.find(static_cast<std::uint64_t>(e.handle));
    auto const key = it->second;
    it->second = lingering_.add_client(key);
    clients_.erase(key);
}

dialog_handle core::answer(server_entry& e, sip::message response)
{
    unsigned const code = response.status_code();
    if (config_.forwards) {
        // A proxy keeps no dialogs and does not retransmit 2xx (the UAS
        // does, 13.3.1.4): the machine sends what it is given. A 2xx to
        // INVITE moves it to Accepted (RFC 6026 7.1), where it sends every
        // further 2xx: a retransmission from downstream or another fork's
        // 2xx (RFC 3261 16.7 step 5). It ignores the rest (17.2.1).
        e.answered = e.answered || code >= 200;
        feed(e, transaction::send_response{std::move(response)});
        return no_dialog;
    }
    if (code >= 200) {
        // 17.2.1, 17.2.2: the first final response is the transaction's;
        // the machine ignores later ones, and so does the bookkeeping.
        if (e.answered)
            return e.dialog;
        e.answered = true;
    }
    dialog_handle const d = uas_dialog(e, response);
    if (request_of(e).method() == method::invite && code >= 200 && code < 300)
        if (dialog_entry* x = find_dialog_entry(d)) {
            start_2xx(*x, e, response);
            return d;
        }
    feed(e, transaction::send_response{std::move(response)});
    return d;
}

void core::on_client_message(client_entry& e, sip::message const& response)
{
    if (e.internal)
        return;
    unsigned const code = response.status_code();
    if (std::holds_alternative<transaction::client_invite>(e.machine)) {
        // 16.6 step 11: each provisional response restarts Timer C; a final
        // one ends the core's guard.
        if (code < 200)
            arm(e.guard, timer_owner::invite, static_cast<std::uint64_t>(e.handle),
                static_cast<std::uint8_t>(invite_timer::c), config_.timers.c);
        else
            for (std::size_t i = 0; i < e.guard.size(); ++i)
                disarm(e.guard, static_cast<std::uint8_t>(i));
    }
    // 9.1: a CANCEL the TU asked for waits for a provisional response.
    if (code < 200 && e.cancel_wanted && !e.cancel_sent)
        send_cancel(e);
    bool repeated = false;
    dialog_handle d = no_dialog;
    if (e.creates_dialog || e.dialog != no_dialog)
        d = uac_dialog(e, response, repeated);
    // 13.2.2.4: a retransmitted 2xx was answered with the same ACK; the TU
    // saw it once.
    if (repeated)
        return;
    if (auto copy = share(response))
        emit(response_received{e.handle, d, std::move(copy)});
}

void core::on_client_failure(client_entry& e, transaction::failure what)
{
    if (e.internal)
        return;
    // 8.1.3.1: a timeout counts as 408, a transport error as 503.
    emit(request_failed{e.handle, what == transaction::failure::timeout ? 408u : 503u});
    if (dialog_entry* d = find_dialog_entry(e.dialog)) {
        if (e.modification)
            d->guard.end_local();
        // 12.2.1.2: no response at all to a request within a dialog: the
        // UAC should terminate the dialog.
        if (what == transaction::failure::timeout)
            remove_dialog(d->handle, true);
    }
    // 12.3: the early dialogs of an INVITE that failed end with it.
    end_early_dialogs(e);
}

void core::send_cancel(client_entry& invite)
{
    std::string out;
    transaction::build_cancel(out, request_of(invite));
    auto m = parse_own(out);
    if (!m)
        return;
    auto c = create_client(std::move(*m), invite.to);
    if (!c)
        return;
    (*c)->internal = true;
    invite.cancel_sent = true;
    // 9.1: the INVITE gets 64*T1 more for its final response.
    arm(invite.guard, timer_owner::invite, static_cast<std::uint64_t>(invite.handle),
        static_cast<std::uint8_t>(invite_timer::cancel_wait), 64 * config_.timers.t1);
    feed(**c, transaction::start{});
}

void core::on_invite_timer(client_entry& e, invite_timer which)
{
    auto const* invite = std::get_if<transaction::client_invite>(&e.machine);
    if (invite == nullptr || !invite->may_cancel())
        return;
    if (which == invite_timer::c) {
        // 16.6 step 11 (Timer C), applied by the UAC core: cancel the
        // INVITE that stays without a final response.
        e.cancel_wanted = true;
        if (!e.cancel_sent)
            send_cancel(e);
        return;
    }
    // 9.1: no final response 64*T1 after the CANCEL: consider the INVITE
    // cancelled and destroy its transaction; the TU learns of a timeout.
    on_client_failure(e, transaction::failure::timeout);
    erase(e);
}

} // namespace cpm::sip::stack
