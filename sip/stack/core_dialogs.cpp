// The stack core's dialogs (RFC 3261 12, 13, 15; RFC 6665 4.1.2.4): their
// creation from responses and NOTIFYs, their end, and the end-to-end 2xx /
// ACK machines of INVITE (13.2.2.4, 13.3.1.4).
#include "sip/stack/core.hpp"

#include "sip/stack/next_hop.hpp"
#include "sip/stack/shared_message.hpp"

namespace cpm::sip::stack {

namespace {

/// 12.1: INVITE creates dialogs from 101-299 with a To tag; SUBSCRIBE
/// (RFC 6665 4.1.2.1) and REFER (RFC 3515 2.4.6) from 2xx only.
bool creates_dialog(sip::method request, unsigned code, std::string_view to_tag) noexcept
{
    unsigned const lowest = request == method::invite ? 101 : 200;
    return code >= lowest && code < 300 && !to_tag.empty();
}

bool is_2xx(unsigned code) noexcept { return code >= 200 && code < 300; }

} // namespace

std::string core::subscription_key(std::string_view call_id, std::string_view local_tag)
{
    std::string key(call_id);
    key.push_back('\n');
    key.append(local_tag);
    return key;
}

core::dialog_entry* core::find_dialog(dialog::dialog_id_view id) noexcept
{
    auto it = dialog_index_.find(id);
    return it == dialog_index_.end() ? nullptr : find_dialog_entry(dialog_handle{it->second});
}

core::dialog_entry* core::find_dialog_entry(dialog_handle h) noexcept
{
    auto it = dialogs_.find(static_cast<std::uint64_t>(h));
    return it == dialogs_.end() ? nullptr : &it->second;
}

dialog::dialog_state const* core::find_dialog(dialog_handle d) const noexcept
{
    auto it = dialogs_.find(static_cast<std::uint64_t>(d));
    return it == dialogs_.end() ? nullptr : &it->second.state;
}

result<core::dialog_entry*> core::add_dialog(dialog::dialog_state state, peer const& remote)
{
    if (dialogs_.size() >= config_.max_dialogs)
        return errc::dialog_limit;
    dialog_handle const h{next_handle()};
    dialog_index_.emplace(state.id(), static_cast<std::uint64_t>(h));
    auto [it, inserted] = dialogs_.emplace(static_cast<std::uint64_t>(h), dialog_entry{h, std::move(state), {}, remote});
    return &it->second;
}

void core::remove_dialog(dialog_handle h, bool notify)
{
    auto it = dialogs_.find(static_cast<std::uint64_t>(h));
    if (it == dialogs_.end())
        return;
    for (std::size_t i = 0; i < it->second.timers.size(); ++i)
        disarm(it->second.timers, static_cast<std::uint8_t>(i));
    dialog_index_.erase(it->second.state.id());
    dialogs_.erase(it);
    if (notify)
        emit(dialog_ended{h});
}

void core::end_early_dialogs(client_entry& e)
{
    for (dialog_handle h : e.created)
        if (dialog_entry* d = find_dialog_entry(h); d != nullptr && d->state.current() == dialog::state::early)
            remove_dialog(h, true);
}

dialog::local_options core::local_options_for(peer const& remote) const
{
    dialog::local_options o;
    o.contact = config_.contact;
    o.tls = remote.kind == transport_kind::tls;
    return o;
}

dialog_handle core::uac_dialog(client_entry& e, sip::message const& response, bool& repeated_2xx)
{
    sip::message const& request = request_of(e);
    unsigned const code = response.status_code();
    bool const invite = request.method() == method::invite;
    if (e.dialog != no_dialog) {
        // A request within a dialog.
        dialog_entry* d = find_dialog_entry(e.dialog);
        if (d == nullptr || code < 200)
            return e.dialog;
        if (invite && is_2xx(code) && d->acker && d->ack_cseq == request.cseq().number) {
            run(*d, false, dialog::message_received{});
            repeated_2xx = true;
            return e.dialog;
        }
        if (e.modification) {
            d->guard.end_local();
            e.modification = false;
        }
        // 15.1.1: any final response to BYE ends the dialog; 12.2.1.2: so
        // does a 481 or 408 to any request within it.
        if (request.method() == method::bye || code == 481 || code == 408) {
            remove_dialog(e.dialog, true);
            return e.dialog;
        }
        if (is_2xx(code)) {
            // 12.2.1.2: a 2xx to a target refresh request moves the remote target.
            (void)d->state.on_response(response);
            if (invite)
                send_ack(*d, request);
        }
        return e.dialog;
    }
    // A request that creates dialogs (12.1.2).
    if (code >= 300) {
        end_early_dialogs(e); // 12.3, 13.2.2.3
        return no_dialog;
    }
    if (!creates_dialog(request.method(), code, response.to().tag))
        return no_dialog;
    if (dialog_entry* d = find_dialog(dialog::id_of_received_response(response))) {
        if (invite && is_2xx(code)) {
            if (d->acker && d->ack_cseq == request.cseq().number) {
                run(*d, false, dialog::message_received{});
                repeated_2xx = true;
                return d->handle;
            }
            // 13.2.2.4: the 2xx confirms the early dialog.
            (void)d->state.on_response(response);
            send_ack(*d, request);
        }
        return d->handle;
    }
    auto state = dialog::dialog_state::create_uac(request, response, local_options_for(e.to));
    if (!state)
        return no_dialog;
    auto d = add_dialog(std::move(*state), e.to);
    if (!d)
        return no_dialog;
    e.created.push_back((*d)->handle);
    // 13.2.2.4: every 2xx, of every fork, gets its ACK.
    if (invite && is_2xx(code))
        send_ack(**d, request);
    return (*d)->handle;
}

dialog_handle core::uas_dialog(server_entry& e, sip::message const& response)
{
    sip::message const& request = request_of(e);
    unsigned const code = response.status_code();
    if (e.dialog != no_dialog) {
        // A request within a dialog.
        if (code < 200)
            return e.dialog;
        if (dialog_entry* d = find_dialog_entry(e.dialog)) {
            if (e.modification) {
                d->guard.end_remote();
                e.modification = false;
            }
            // 15.1.2: the UAS of a BYE ends the dialog as it answers 2xx.
            if (request.method() == method::bye && is_2xx(code))
                remove_dialog(e.dialog, true);
        }
        return e.dialog;
    }
    bool const can_create = request.method() == method::invite || request.method() == method::subscribe
                            || request.method() == method::refer;
    if (!can_create || !request.to().tag.empty())
        return no_dialog;
    dialog::dialog_id_view const id{request.call_id(), response.to().tag, request.from().tag};
    dialog_entry* d = find_dialog(id);
    if (code >= 300) {
        // 12.3: a 300-699 ends the early dialog a provisional response made.
        if (d != nullptr && d->state.current() == dialog::state::early)
            remove_dialog(d->handle, true);
        return no_dialog;
    }
    if (!creates_dialog(request.method(), code, response.to().tag))
        return no_dialog;
    if (d != nullptr) {
        d->state.on_response_sent(code);
        return d->handle;
    }
    dialog::local_options o = local_options_for(e.from);
    o.local_tag = response.to().tag;
    // 8.1.1.5: the first CSeq number of this side, below 2**31.
    o.initial_cseq = 1 + random() % 0x7fffu;
    auto state = dialog::dialog_state::create_uas(request, code, o);
    if (!state)
        return no_dialog;
    auto added = add_dialog(std::move(*state), e.from);
    return added ? (*added)->handle : no_dialog;
}

core::dialog_entry* core::pending_subscription_dialog(sip::message const& notify, peer const& from)
{
    // RFC 6665 4.1.2.4: a NOTIFY whose Call-ID and To tag are those of a
    // SUBSCRIBE (or REFER, RFC 3515 2.4.4) we sent creates its dialog.
    auto it = subscribing_.find(subscription_key(notify.call_id(), notify.to().tag));
    if (it == subscribing_.end())
        return nullptr;
    client_entry* e = find_client(it->second);
    if (e == nullptr)
        return nullptr;
    auto state = dialog::dialog_state::create_from_notify(request_of(*e), notify, local_options_for(from));
    if (!state)
        return nullptr;
    auto d = add_dialog(std::move(*state), from);
    if (!d)
        return nullptr;
    e->created.push_back((*d)->handle);
    return *d;
}

void core::send_ack(dialog_entry& d, sip::message const& invite)
{
    // 13.2.2.4: the ACK is built and routed like a request within the dialog.
    std::string const via_value = via(next_hop(d.state, d.remote));
    dialog::request_options o;
    o.via = via_value;
    std::string ack;
    dialog::build_ack(d.state, invite, ack, o);
    // 13.2.2.4: one ACK per 2xx of this INVITE; a newer INVITE's replaces it.
    disarm(d.timers, static_cast<std::uint8_t>(dialog::timer_id::keep_ack));
    d.acker.emplace(std::move(ack), config_.timers);
    d.ack_cseq = invite.cseq().number;
    run(d, false, dialog::start{});
}

void core::start_2xx(dialog_entry& d, server_entry& e, sip::message const& response)
{
    disarm(d.timers, static_cast<std::uint8_t>(dialog::timer_id::retransmit_2xx));
    disarm(d.timers, static_cast<std::uint8_t>(dialog::timer_id::ack_wait));
    d.retransmitter.emplace(std::string(response.text()), config_.timers);
    d.retransmit_cseq = request_of(e).cseq().number;
    d.retransmit_via = e.handle;
    run(d, true, dialog::start{});
}

void core::run(dialog_entry& d, bool uas, dialog::event ev)
{
    dialog::actions acts;
    if (uas && d.retransmitter)
        acts = d.retransmitter->on(ev);
    else if (!uas && d.acker)
        acts = d.acker->on(ev);
    bool done = false;
    for (auto const& a : acts) {
        if (auto const* t = std::get_if<dialog::transmit>(&a)) {
            if (uas)
                relay_2xx(d, t->bytes);
            else
                emit(send{std::string(t->bytes), next_hop(d.state, d.remote), 0});
        } else if (auto const* s = std::get_if<dialog::start_timer>(&a))
            arm(d.timers, timer_owner::dialog, static_cast<std::uint64_t>(d.handle), static_cast<std::uint8_t>(s->id),
                s->after);
        else if (auto const* x = std::get_if<dialog::stop_timer>(&a))
            disarm(d.timers, static_cast<std::uint8_t>(x->id));
        else if (std::holds_alternative<dialog::ack_timeout>(a))
            emit(ack_timeout{d.handle});
        else
            done = true;
    }
    if (done && uas)
        d.retransmitter.reset();
    else if (done)
        d.acker.reset();
}

void core::relay_2xx(dialog_entry& d, std::string_view bytes)
{
    // RFC 6026 7.1: the TU's 2xx (and its retransmissions) go through the
    // INVITE server transaction while it is in Accepted; after Timer L,
    // straight to the transport.
    if (server_entry* s = find_server(d.retransmit_via))
        if (auto m = parse_own(bytes)) {
            feed(*s, transaction::send_response{std::move(*m)});
            return;
        }
    emit(send{std::string(bytes), d.remote, 0});
}

} // namespace cpm::sip::stack
