#include "sip/stack/core.hpp"

#include "sip/builder.hpp"
#include "sip/stack/admission.hpp"
#include "sip/stack/shared_message.hpp"
#include "sip/transaction/key.hpp"

#include <charconv>

namespace cpm::sip::stack {

core::core(config c) : config_(std::move(c)), rng_(config_.seed) {}

action_list core::drain()
{
    action_list out;
    out.swap(out_);
    return out;
}

void core::on_message(sip::message m, peer const& from)
{
    if (m.is_request())
        on_request(std::move(m), from);
    else
        on_response(std::move(m));
}

void core::on_request(sip::message m, peer const& from)
{
    // 8.2.6.2, 18.2.2: a response goes back along the Via fields; a request
    // without a Via cannot be answered and is dropped.
    if (m.top_via().host.empty())
        return;
    if (m.method() == method::ack) {
        on_ack(std::move(m), from);
        return;
    }
    // 17.2.3: a retransmission goes to the live server transaction it
    // matches (which absorbs it or resends its last response).
    if (absorbed_by_server(m))
        return;
    if (auto const r = check_request(m, config_)) {
        server_entry* e = create_server(std::move(m), from, true);
        if (e == nullptr)
            return;
        feed(*e, transaction::start{});
        std::string out;
        write_rejection(out, request_of(*e), *r, config_.sent_by, new_tag());
        if (auto response = parse_own(out))
            answer(*e, std::move(*response));
        return;
    }
    if (m.method() == method::cancel) {
        on_cancel(std::move(m), from);
        return;
    }
    // 12.2.2: a request with a To tag belongs to a dialog. A proxy keeps no
    // dialogs: it routes such a request by its Route fields (16.4), so the
    // TU gets it like any other.
    if (!m.to().tag.empty() && !config_.forwards) {
        on_dialog_request(std::move(m), from);
        return;
    }
    if (server_entry* e = create_server(std::move(m), from, false))
        feed(*e, transaction::start{});
}

bool core::absorbed_by_server(sip::message& m)
{
    auto const key = transaction::server_key_of(m);
    server_entry* e = servers_.find(key);
    if (e == nullptr) {
        // 17.2.2: Completed sends the final response again. (Outside a
        // transaction: its transport failure reaches no one; the TU had
        // its answer sent long before.)
        if (auto const* l = lingering_.find_server(key)) {
            emit(send{l->response, l->reply_to, 0});
            return true;
        }
        return false;
    }
    // 17.2.3: an RFC 2543 match also compares the To tag.
    sip::message const* last = std::visit([](auto& x) { return x.last_response(); }, e->machine);
    if (!key.rfc3261 && !transaction::legacy_to_tag_matches(m, request_of(*e), last))
        return false;
    feed(*e, transaction::message_received{std::move(m)});
    return true;
}

void core::on_ack(sip::message m, peer const& from)
{
    // 17.2.3: the ACK for a non-2xx final response matches its INVITE
    // server transaction (ACK keys as INVITE).
    if (absorbed_by_server(m))
        return;
    // 17: an ACK is never answered, so a faulty one is dropped.
    if (check_request(m, config_))
        return;
    // 16.11: at a proxy, the ACK for a 2xx (13.2.2.4: a transaction of its
    // own, end to end) or a stray one is the TU's to forward statelessly.
    if (config_.forwards) {
        if (auto copy = share(m))
            emit(ack_to_forward{std::move(copy), from});
        return;
    }
    ack_to_dialog(m);
}

void core::ack_to_dialog(sip::message const& ack)
{
    // 13.3.1.4: the ACK for a 2xx is a request of its own, matched to the
    // dialog; it stops that 2xx's retransmissions. Others are dropped.
    dialog_entry* d = find_dialog(dialog::id_of_received_request(ack));
    if (d == nullptr || !d->retransmitter || d->retransmit_cseq != ack.cseq().number)
        return;
    d->state.on_request(ack);
    dialog_handle const h = d->handle;
    message_ptr copy = share(ack);
    run(*d, true, dialog::message_received{});
    if (copy)
        emit(ack_received{h, std::move(copy)});
}

void core::on_cancel(sip::message m, peer const& from)
{
    // 9.2: the CANCEL names the INVITE transaction with its own branch.
    auto const key = transaction::cancelled_key_of(m);
    server_entry* invite = servers_.find(key);
    if (invite != nullptr && !key.rfc3261 && !transaction::legacy_to_tag_matches(m, request_of(*invite), nullptr))
        invite = nullptr;
    server_entry* c = create_server(std::move(m), from, true);
    if (c == nullptr)
        return;
    feed(*c, transaction::start{});
    // 9.2: no matching transaction: 481. Else the CANCEL gets 200 whatever
    // the INVITE's state, and a UA answers an INVITE without a final
    // response with 487. A proxy does not: 16.10, it cancels its pending
    // branches and its TU forwards the best response they bring (the 487,
    // or a 2xx that crossed the CANCEL).
    if (invite == nullptr) {
        respond_internal(c->handle, 481, "Call/Transaction Does Not Exist");
        return;
    }
    server_handle const cancel_handle = c->handle;
    server_handle const invite_handle = invite->handle;
    bool const pending = !invite->answered;
    respond_internal(cancel_handle, 200, "OK");
    if (!pending)
        return;
    if (!config_.forwards)
        respond_internal(invite_handle, 487, "Request Terminated");
    emit(request_cancelled{invite_handle});
}

void core::on_dialog_request(sip::message m, peer const& from)
{
    dialog_entry* d = find_dialog(dialog::id_of_received_request(m));
    // RFC 6665 4.1.2.4: a NOTIFY may arrive before the 2xx to its SUBSCRIBE
    // and creates the dialog.
    if (d == nullptr && m.method() == method::notify)
        d = pending_subscription_dialog(m, from);
    // 12.2.2: no dialog matches: 481 (Call/Transaction Does Not Exist).
    if (d == nullptr) {
        reject(std::move(m), from, 481, "Call/Transaction Does Not Exist");
        return;
    }
    // 12.2.2: a CSeq lower than the remote sequence number: 500.
    if (d->state.on_request(m) == dialog::request_verdict::out_of_order) {
        reject(std::move(m), from, 500, "Server Internal Error");
        return;
    }
    bool modification = false;
    if (m.method() == method::invite || m.method() == method::update) {
        bool const offer = !m.body().empty();
        switch (d->guard.on_remote(m.method(), offer)) {
        case dialog::modification_verdict::request_pending:
            // 14.2, RFC 3311 5.2: it crosses our own: 491 (Request Pending).
            reject(std::move(m), from, 491, "Request Pending");
            return;
        case dialog::modification_verdict::retry_later: {
            // 14.2: an earlier one is unanswered: 500 with Retry-After 0-10 s.
            char digits[4];
            auto const end = std::to_chars(digits, digits + sizeof digits,
                                           dialog::retry_after_seconds(random())).ptr;
            reject(std::move(m), from, 500, "Server Internal Error", "Retry-After",
                   std::string_view(digits, static_cast<std::size_t>(end - digits)));
            return;
        }
        case dialog::modification_verdict::accept:
            modification = m.method() == method::invite || offer;
            break;
        }
    }
    dialog_handle const h = d->handle;
    server_entry* e = create_server(std::move(m), from, false);
    if (e == nullptr) {
        if (modification)
            d->guard.end_remote();
        return;
    }
    e->dialog = h;
    e->modification = modification;
    feed(*e, transaction::start{});
}

void core::reject(sip::message m, peer const& from, unsigned status, std::string_view reason,
                  std::string_view extra_name, std::string_view extra_value)
{
    server_entry* e = create_server(std::move(m), from, true);
    if (e == nullptr)
        return;
    feed(*e, transaction::start{});
    std::string out;
    response_options options;
    std::string const tag = new_tag();
    options.to_tag = tag;
    auto b = make_response(out, request_of(*e), status, reason, options);
    if (!extra_name.empty())
        b.header(extra_name, extra_value);
    b.finish();
    if (auto response = parse_own(out))
        answer(*e, std::move(*response));
}

void core::respond_internal(server_handle h, unsigned status, std::string_view reason)
{
    server_entry* e = find_server(h);
    if (e == nullptr)
        return;
    // 8.2.6.2: the To tag of a provisional response already sent, else a new one.
    sip::message const* last = std::visit([](auto& x) { return x.last_response(); }, e->machine);
    std::string const tag = last != nullptr && !last->to().tag.empty() ? std::string(last->to().tag) : new_tag();
    std::string out;
    response_options options;
    options.to_tag = tag;
    make_response(out, request_of(*e), status, reason, options).finish();
    if (auto response = parse_own(out))
        answer(*e, std::move(*response));
}

void core::on_response(sip::message m)
{
    // 8.1.3, 18.1.2: a response without its mandatory fields (or with
    // them repeated) can be neither matched reliably nor acknowledged
    // (17.1.1.3 copies its To): it is dropped.
    if (m.defects() != defect::none)
        return;
    // 17.1.3: branch and CSeq method name the client transaction.
    auto const key = transaction::client_key_of(m);
    if (client_entry* e = clients_.find(key)) {
        feed(*e, transaction::message_received{std::move(m)});
        return;
    }
    // 17.1.2.2: Completed absorbs retransmitted responses.
    if (lingering_.has_client(key))
        return;
    // 13.2.2.4: a 2xx retransmitted after the INVITE transaction ended
    // still gets the dialog's ACK (a proxy has no dialogs).
    if (m.cseq().method == method::invite && m.status_code() >= 200 && m.status_code() < 300) {
        dialog_entry* d = find_dialog(dialog::id_of_received_response(m));
        if (d != nullptr && d->acker && d->ack_cseq == m.cseq().number) {
            run(*d, false, dialog::message_received{});
            return;
        }
    }
    // Otherwise 17.1.3: a response matching no transaction is dropped. At a
    // proxy too: RFC 3261 16.7 and 18.1.2 had a stateful proxy forward such
    // a stray response statelessly (for a "late" 2xx to INVITE above all);
    // RFC 6026 changed the handling of responses that match no transaction
    // to close a security risk (its abstract): the INVITE client
    // transaction now stays in Accepted for Timer M and hands every 2xx,
    // late ones included, to the TU (RFC 6026 7.2), and only a stateless
    // proxy still forwards what matches nothing. Counted in
    // stray_response_count().
    ++stray_responses_;
}

void core::on_timer(timer_handle id)
{
    auto const target = timers_.fire(id);
    if (!target)
        return;
    switch (target->owner) {
    case timer_owner::client:
        if (client_entry* e = find_client(client_handle{target->object})) {
            e->timers[target->id] = timer_handle{};
            feed(*e, transaction::timer_fired{static_cast<transaction::timer_id>(target->id)});
        } else if (auto it = client_index_.find(target->object); it != client_index_.end()) {
            // Timer K of a lingering transaction: it ends.
            lingering_.erase_client(it->second);
            client_index_.erase(it);
        }
        return;
    case timer_owner::server:
        if (server_entry* e = find_server(server_handle{target->object})) {
            e->timers[target->id] = timer_handle{};
            feed(*e, transaction::timer_fired{static_cast<transaction::timer_id>(target->id)});
        } else if (auto it = server_index_.find(target->object); it != server_index_.end()) {
            // Timer J of a lingering transaction: it ends.
            lingering_.erase_server(it->second);
            server_index_.erase(it);
        }
        return;
    case timer_owner::invite:
        if (client_entry* e = find_client(client_handle{target->object})) {
            e->guard[target->id] = timer_handle{};
            on_invite_timer(*e, static_cast<invite_timer>(target->id));
        }
        return;
    case timer_owner::dialog:
        if (dialog_entry* d = find_dialog_entry(dialog_handle{target->object})) {
            auto const which = static_cast<dialog::timer_id>(target->id);
            d->timers[target->id] = timer_handle{};
            run(*d, which != dialog::timer_id::keep_ack, dialog::timer_fired{which});
        }
        return;
    case timer_owner::tu:
        --tu_timers_;
        emit(tu_timer_fired{id, target->cookie});
        return;
    }
}

void core::on_send_failed(std::uint64_t transaction)
{
    if (client_entry* e = find_client(client_handle{transaction})) {
        if (e->udp_fallback)
            retry_over_udp(*e);
        else
            feed(*e, transaction::transport_error{});
    }
    else if (server_entry* s = find_server(server_handle{transaction}))
        feed(*s, transaction::transport_error{});
}

void core::send_stateless(sip::message const& request, peer const& to, unsigned status, std::string_view reason)
{
    // 21.5.4: 503 with Retry-After when this element is overloaded.
    std::string out;
    response_options options;
    std::string const tag = new_tag();
    options.to_tag = tag;
    make_response(out, request, status, reason, options).header(header_id::retry_after, "5").finish();
    emit(send{std::move(out), to, 0});
}

} // namespace cpm::sip::stack
