#pragma once
/// @file
/// The sans-I/O SIP stack core every CPM role runs on: inbound messages are
/// matched to client and server transactions (RFC 3261 17.1.3, 17.2.3),
/// new requests are checked (8.2, RFC 4475) and create server transactions,
/// requests within a dialog and ACKs for 2xx go to their dialog (12.2.2,
/// 13.3.1.4), CANCEL to its INVITE (9.2). The transaction user (TU) sends
/// requests, answers server transactions and works in dialogs through it.
/// In proxy mode (config::forwards) it keeps transactions only, for a
/// stateful proxy TU (RFC 3261 16): see config::forwards.
///
/// No sockets, no clock: every call appends actions (send bytes, start or
/// stop a timer, notify the TU) that drain() hands out; the driver executes
/// them and calls back on_message(), on_timer() and on_send_failed(). One
/// core is used from one strand.

#include "sip/dialog/ack_machines.hpp"
#include "sip/dialog/dialog.hpp"
#include "sip/dialog/glare.hpp"
#include "sip/dialog/request.hpp"
#include "sip/message.hpp"
#include "sip/stack/actions.hpp"
#include "sip/stack/config.hpp"
#include "sip/stack/error.hpp"
#include "sip/stack/lingering.hpp"
#include "sip/stack/peer.hpp"
#include "sip/stack/timer_registry.hpp"
#include "sip/transaction/client_invite.hpp"
#include "sip/transaction/client_non_invite.hpp"
#include "sip/transaction/server_invite.hpp"
#include "sip/transaction/server_non_invite.hpp"
#include "sip/transaction/table.hpp"

#include <boost/container/small_vector.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>

namespace cpm::sip::stack {

class core {
public:
    explicit core(config c);

    // --- from the driver -------------------------------------------------------

    /// A message the transport parsed, from @p from.
    void on_message(sip::message m, peer const& from);
    /// A timer started by a start_timer action fired.
    void on_timer(timer_handle id);
    /// The transport could not send a send action of @p transaction (8.1.3.1, 17.1.4, 17.2.4).
    void on_send_failed(std::uint64_t transaction);

    /// The actions accumulated since the last call, in order.
    action_list drain();

    // --- from the transaction user ----------------------------------------------

    /// Sends @p bytes, a request outside any dialog (any method but ACK),
    /// to @p to in a new client transaction (17.1). Its top Via must carry
    /// a branch of its own (via()). INVITE, SUBSCRIBE and REFER create
    /// dialogs from their responses (12.1.2; RFC 6665 4.1.2.4: also from a
    /// NOTIFY; RFC 3515 2.4.6). Proxy mode (config::forwards): none does,
    /// and the core sends no ACK for a 2xx (response_received).
    /// 18.1.1: a request over 1300 bytes to a UDP peer, whose top Via says
    /// UDP, goes over TCP to the same address and port (its Via rewritten);
    /// when that connection fails it goes again over UDP. In-dialog requests
    /// and CANCELs follow the same rule.
    result<client_handle> send_request(std::string_view bytes, peer const& to);

    /// Sends request @p m within dialog @p d (12.2.1.1), to its next hop
    /// (next_hop.hpp: the first route or the remote target when that is an
    /// IP literal, else the peer of the dialog); the core writes the Via
    /// (@p options.via is ignored). A
    /// re-INVITE or UPDATE with an offer is refused with
    /// errc::request_pending while one in either direction is (14.1).
    result<client_handle> send_in_dialog(dialog_handle d, sip::method m, dialog::request_options options);

    /// Sends @p bytes, a response to the request of @p transaction (write
    /// it with make_response() or dialog::start_dialog_response()). A
    /// 101-299 with a To tag to INVITE (2xx only to SUBSCRIBE and REFER)
    /// creates or confirms the dialog (12.1.1); a 2xx to INVITE is then
    /// retransmitted until its ACK (13.3.1.4); a 2xx to BYE ends the dialog
    /// (15.1.2). Returns the dialog the response created or belongs to
    /// (no_dialog for none). Proxy mode: no dialog, no retransmission of
    /// 2xx by the core; after a 2xx to INVITE the transaction is in
    /// Accepted (RFC 6026 7.1) and sends each further 2xx passed here (a
    /// retransmission from downstream, another fork's 2xx).
    result<dialog_handle> respond(server_handle transaction, std::string_view bytes);

    /// Sends @p bytes to @p to outside any transaction: what a proxy
    /// forwards statelessly (the ACK for a 2xx, 16.11). A transport failure
    /// is not reported (there is no one to tell).
    void forward_stateless(std::string bytes, peer const& to) { emit(send{std::move(bytes), to, 0}); }

    /// 9.1: cancels the INVITE of @p transaction: CANCEL goes out at once
    /// when a provisional response came, else as soon as one comes.
    result<void> cancel(client_handle transaction);

    /// A timer of the TU: tu_timer_fired{id, @p cookie} after @p after.
    result<timer_handle> start_tu_timer(duration after, std::uint64_t cookie);
    void stop_tu_timer(timer_handle id);

    /// The TU ends dialog @p d (a subscription's last NOTIFY, RFC 6665 4.4.1).
    result<void> end_dialog(dialog_handle d);
    /// The state of dialog @p d, or nullptr.
    dialog::dialog_state const* find_dialog(dialog_handle d) const noexcept;

    /// A Via value for a request to @p to with a fresh branch (8.1.1.7,
    /// rport for UDP per RFC 3581).
    std::string via(peer const& to);
    /// A fresh tag (19.3) or Call-ID (8.1.1.4), from the seeded generator.
    std::string new_tag();
    std::string new_call_id();
    /// A uniformly distributed number (for RFC 3261 14.1 retry delays).
    std::uint32_t random() { return static_cast<std::uint32_t>(rng_()); }

    config const& configuration() const noexcept { return config_; }
    /// Live transactions, those waiting in Completed (lingering.hpp) included.
    std::size_t transaction_count() const noexcept { return clients_.size() + servers_.size() + lingering_.size(); }
    std::size_t dialog_count() const noexcept { return dialogs_.size(); }
    std::size_t timer_count() const noexcept { return timers_.size(); }
    /// Responses that matched no client transaction (nor, at a UA, a
    /// dialog's ACK for a retransmitted 2xx) and were dropped (RFC 6026).
    std::uint64_t stray_response_count() const noexcept { return stray_responses_; }

private:
    using client_machine = std::variant<transaction::client_invite, transaction::client_non_invite>;
    using server_machine = std::variant<transaction::server_invite, transaction::server_non_invite>;
    using tx_timers = std::array<timer_handle, transaction::timer_count>;

    struct client_entry {
        client_handle handle{};
        client_machine machine;
        peer to;
        tx_timers timers{};
        dialog_handle dialog{};      ///< the dialog of an in-dialog request
        bool creates_dialog = false; ///< INVITE, SUBSCRIBE or REFER outside a dialog
        bool modification = false;   ///< a re-INVITE / UPDATE the glare guard let out
        bool internal = false;       ///< a CANCEL of the core: responses stay here
        bool cancel_wanted = false;  ///< 9.1: the TU cancelled the INVITE
        bool cancel_sent = false;
        /// 18.1.1: sent over TCP instead of UDP for its size; a transport
        /// error sends it again over UDP (retry_over_udp()).
        bool udp_fallback = false;
        /// INVITE: Timer C and the wait after a CANCEL (timer_registry.hpp).
        std::array<timer_handle, invite_timer_count> guard{};
        /// The dialogs its responses (or NOTIFYs) created.
        boost::container::small_vector<dialog_handle, 1> created{};
    };

    struct server_entry {
        server_handle handle{};
        server_machine machine;
        peer from;
        peer reply_to;              ///< where its responses go (18.2.2)
        tx_timers timers{};
        dialog_handle dialog{};     ///< the dialog of an in-dialog request
        bool internal = false;      ///< answered by the core (the TU never saw it)
        bool modification = false;  ///< a re-INVITE / UPDATE the glare guard accepted
        bool answered = false;      ///< a final response was sent
    };

    struct dialog_entry {
        dialog_handle handle{};
        dialog::dialog_state state;
        dialog::modification_guard guard;
        /// The peer the dialog was created with: where its 2xx retransmissions
        /// go, and its requests when the route set or remote target names
        /// no IP literal (next_hop()).
        peer remote;
        /// 13.3.1.4: the 2xx of the INVITE with this CSeq is being retransmitted.
        std::optional<dialog::uas_2xx_retransmitter> retransmitter{};
        std::uint32_t retransmit_cseq = 0;
        server_handle retransmit_via{}; ///< RFC 6026 7.1: its Accepted server transaction
        /// 13.2.2.4: the ACK for the 2xx of the INVITE with this CSeq.
        std::optional<dialog::uac_2xx_acker> acker{};
        std::uint32_t ack_cseq = 0;
        std::array<timer_handle, dialog::timer_count> timers{};
    };

    struct id_equal {
        using is_transparent = void;
        static dialog::dialog_id_view view(dialog::dialog_id const& id) noexcept { return id.view(); }
        static dialog::dialog_id_view view(dialog::dialog_id_view id) noexcept { return id; }
        template <class A, class B>
        bool operator()(A const& a, B const& b) const noexcept { return view(a) == view(b); }
    };

    // core.cpp: inbound routing
    void on_request(sip::message m, peer const& from);
    void on_response(sip::message m);
    void on_ack(sip::message m, peer const& from);
    void ack_to_dialog(sip::message const& ack);
    void on_cancel(sip::message m, peer const& from);
    bool absorbed_by_server(sip::message& m);
    void on_dialog_request(sip::message m, peer const& from);
    void reject(sip::message m, peer const& from, unsigned status, std::string_view reason,
                std::string_view extra_name = {}, std::string_view extra_value = {});
    void respond_internal(server_handle h, unsigned status, std::string_view reason);
    void send_stateless(sip::message const& request, peer const& to, unsigned status, std::string_view reason);

    // core_transactions.cpp: transaction machines and their actions
    static sip::message const& request_of(client_entry const& e) noexcept;
    static sip::message const& request_of(server_entry const& e) noexcept;
    server_entry* create_server(sip::message m, peer const& from, bool internal);
    /// A client transaction for @p m to @p to; over TCP instead of UDP
    /// when @p m is too large for UDP (18.1.1).
    result<client_entry*> create_client(sip::message m, peer const& to);
    client_machine make_client_machine(sip::message request, transport_kind over) const;
    void retry_over_udp(client_entry& e);
    server_entry* find_server(server_handle h) noexcept;
    client_entry* find_client(client_handle h) noexcept;
    void feed(client_entry& e, transaction::client_event ev);
    void feed(server_entry& e, transaction::server_event ev);
    dialog_handle answer(server_entry& e, sip::message response);
    void on_client_message(client_entry& e, sip::message const& response);
    void on_client_failure(client_entry& e, transaction::failure what);
    void send_cancel(client_entry& invite);
    void start(client_entry& e);
    void on_invite_timer(client_entry& e, invite_timer which);
    void erase(client_entry& e);
    void erase(server_entry& e);
    /// A non-INVITE transaction that now only waits for Timer J or K
    /// moves to lingering_ (its entry dies); others stay.
    void linger(server_entry& e);
    void linger(client_entry& e);

    // core_dialogs.cpp: dialogs and their 2xx / ACK machines
    static std::string subscription_key(std::string_view call_id, std::string_view local_tag);
    dialog_entry* find_dialog(dialog::dialog_id_view id) noexcept;
    dialog_entry* find_dialog_entry(dialog_handle h) noexcept;
    result<dialog_entry*> add_dialog(dialog::dialog_state state, peer const& remote);
    void remove_dialog(dialog_handle h, bool notify);
    void end_early_dialogs(client_entry& e);
    dialog::local_options local_options_for(peer const& remote) const;
    dialog_handle uac_dialog(client_entry& e, sip::message const& response, bool& repeated_2xx);
    dialog_handle uas_dialog(server_entry& e, sip::message const& response);
    dialog_entry* pending_subscription_dialog(sip::message const& notify, peer const& from);
    void send_ack(dialog_entry& d, sip::message const& invite);
    void start_2xx(dialog_entry& d, server_entry& e, sip::message const& response);
    void run(dialog_entry& d, bool uas, dialog::event ev);
    void relay_2xx(dialog_entry& d, std::string_view bytes);

    /// (Re)starts timer @p id of an object whose handles are in @p slots.
    template <std::size_t N>
    void arm(std::array<timer_handle, N>& slots, timer_owner owner, std::uint64_t object, std::uint8_t id, duration after)
    {
        timers_.stop(out_, slots[id]);
        slots[id] = timer_handle{next_handle()};
        timers_.start(out_, slots[id], timer_target{owner, object, id, 0}, after);
    }
    template <std::size_t N>
    void disarm(std::array<timer_handle, N>& slots, std::uint8_t id)
    {
        timers_.stop(out_, slots[id]);
        slots[id] = timer_handle{};
    }

    std::uint64_t next_handle() noexcept { return ++last_handle_; }
    void emit(action a) { out_.push_back(std::move(a)); }

    config config_;
    std::mt19937_64 rng_;
    std::uint64_t last_handle_ = 0;
    action_list out_;
    timer_registry timers_;
    std::size_t tu_timers_ = 0;
    std::uint64_t stray_responses_ = 0;

    transaction::table<transaction::client_key, client_entry> clients_;
    std::unordered_map<std::uint64_t, transaction::client_key> client_index_;
    transaction::table<transaction::server_key, server_entry> servers_;
    std::unordered_map<std::uint64_t, transaction::server_key> server_index_;
    /// Completed non-INVITE transactions over UDP; server_index_ and
    /// client_index_ keep their handles (their Timer J / K still runs).
    lingering_transactions lingering_;

    /// RFC 6665 4.1.2.4: SUBSCRIBE and REFER transactions by Call-ID and
    /// From tag, for a NOTIFY that comes before their 2xx.
    std::unordered_map<std::string, client_handle> subscribing_;

    std::unordered_map<std::uint64_t, dialog_entry> dialogs_;
    std::unordered_map<dialog::dialog_id, std::uint64_t, dialog::dialog_id_hash, id_equal> dialog_index_;
};

} // namespace cpm::sip::stack
