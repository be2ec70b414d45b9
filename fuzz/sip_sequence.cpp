// Fuzz target: cpm::sip::stack::core, the stack core, fed a sequence of
// events as they would come from the network, the clock and the
// transaction user.
//
// Input layout: records separated by NUL bytes. The first byte of a record
// picks the event (its value modulo 9), the rest is its argument:
//   0 fire the (argument's first byte % 16) + 1 earliest timers;
//   1 a SIP message from a UDP peer (the rest, parsed; dropped if it does not parse);
//   2 the same from a TCP peer;
//   3 the TU sends the rest as a request (send_request) to the UDP peer;
//   4 the TU answers the latest request it received with the rest (respond);
//   5 the TU cancels its latest client transaction;
//   6 the TU sends a request within its latest dialog (method from the argument);
//   7 the TU ends its latest dialog;
//   8 the transport fails the latest send of a transaction (on_send_failed:
//     a refused connection, 8.1.3.1; a request over 1300 bytes sent over TCP
//     instead of UDP goes again over UDP, 18.1.1).
// After the last record the TU answers every request still unanswered and
// every timer runs out.
//
// Properties checked on every input:
// - no crash, no undefined behaviour, no leak (ASan + UBSan);
// - every send action carries bytes that parse as one SIP message;
// - every start_timer names a new handle with a duration in [0, 10 min];
//   every stop_timer a running timer; every notification its message;
// - the tables stay within the configured bounds (transactions, dialogs);
// - once the TU has answered everything and every timer has fired, no
//   transaction and no timer is left (every machine terminates on its own).

#include "sip/builder.hpp"
#include "sip/message.hpp"
#include "sip/stack/core.hpp"
#include "sip_checks.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace {

using cpm::fuzz::require;
namespace stack = cpm::sip::stack;
using namespace std::chrono_literals;

stack::config small_config()
{
    stack::config c;
    c.sent_by = "192.0.2.1:5060";
    c.contact = "sip:fuzz@192.0.2.1:5060";
    c.max_transactions = 32;
    c.max_dialogs = 8;
    c.max_tu_timers = 4;
    c.supported = {"timer", "100rel"};
    c.seed = 1;
    return c;
}

class harness {
public:
    harness() : core_(small_config()) {}

    void record(std::string_view r)
    {
        if (r.empty())
            return;
        std::string_view const arg = r.substr(1);
        switch (static_cast<unsigned char>(r[0]) % 9) {
        case 0: tick(arg.empty() ? 1 : static_cast<unsigned char>(arg[0]) % 16 + 1); break;
        case 1: inbound(arg, udp_); break;
        case 2: inbound(arg, tcp_); break;
        case 3:
            if (auto h = core_.send_request(arg, udp_))
                remember(clients_, *h);
            break;
        case 4: respond(arg); break;
        case 5:
            if (!clients_.empty())
                (void)core_.cancel(clients_.back());
            break;
        case 6: in_dialog(arg); break;
        case 7:
            if (!dialogs_.empty())
                (void)core_.end_dialog(dialogs_.back());
            break;
        case 8:
            if (last_sender_ != 0)
                core_.on_send_failed(last_sender_);
            break;
        }
        execute();
    }

    /// The TU answers what it left unanswered; then every timer runs out.
    void finish()
    {
        while (!pending_.empty()) {
            auto [tx, request] = std::move(pending_.front());
            pending_.pop_front();
            std::string out;
            cpm::sip::response_options o;
            o.to_tag = "fin";
            cpm::sip::make_response(out, *request, 500, "Server Internal Error", o).finish();
            (void)core_.respond(tx, out);
            execute();
        }
        // Each machine ends within a bounded number of firings; a loop
        // that does not is a hang.
        for (int i = 0; i < 100000 && !timers_.empty(); ++i)
            tick(1);
        require(timers_.empty(), "timers run out");
        require(core_.transaction_count() == 0, "every transaction terminates once answered and timed out");
        require(core_.timer_count() == 0, "no timer left in the core");
    }

private:
    void inbound(std::string_view bytes, stack::peer const& from)
    {
        auto m = cpm::sip::message::parse(cpm::sip::abnf::text_buffer(bytes));
        if (m)
            core_.on_message(std::move(*m), from);
    }

    void respond(std::string_view bytes)
    {
        if (pending_.empty())
            return;
        auto r = core_.respond(pending_.back().first, bytes);
        if (r && *r != stack::no_dialog)
            remember(dialogs_, *r);
    }

    void in_dialog(std::string_view arg)
    {
        if (dialogs_.empty())
            return;
        static constexpr cpm::sip::method methods[] = {cpm::sip::method::bye,    cpm::sip::method::invite,
                                                       cpm::sip::method::update, cpm::sip::method::notify,
                                                       cpm::sip::method::info,   cpm::sip::method::message};
        auto const m = methods[(arg.empty() ? 0 : static_cast<unsigned char>(arg[0])) % std::size(methods)];
        cpm::sip::dialog::request_options o;
        if (arg.size() > 1) {
            o.content_type = "application/sdp";
            o.body = "v=0\r\n";
        }
        if (auto h = core_.send_in_dialog(dialogs_.back(), m, o))
            remember(clients_, *h);
    }

    void tick(unsigned n)
    {
        for (unsigned i = 0; i < n && !timers_.empty(); ++i) {
            auto it = timers_.begin();
            auto const [deadline, handle] = it->first;
            timers_.erase(it);
            live_.erase(handle);
            now_ = deadline;
            core_.on_timer(stack::timer_handle{handle});
            execute();
        }
    }

    template <class T>
    static void remember(std::deque<T>& d, T value)
    {
        d.push_back(value);
        if (d.size() > 16)
            d.pop_front();
    }

    void execute()
    {
        for (;;) {
            auto acts = core_.drain();
            if (acts.empty())
                break;
            for (auto& a : acts)
                std::visit([this](auto& x) { on(x); }, a);
        }
        require(core_.transaction_count() <= core_.configuration().max_transactions, "transactions bounded");
        require(core_.dialog_count() <= core_.configuration().max_dialogs, "dialogs bounded");
    }

    void on(stack::send& s)
    {
        require(!s.bytes.empty(), "send carries bytes");
        require(cpm::sip::message::parse(cpm::sip::abnf::text_buffer(s.bytes)).has_value(),
                "the core sends only messages that parse");
        if (s.transaction != 0)
            last_sender_ = s.transaction;
    }
    void on(stack::start_timer& t)
    {
        auto const h = static_cast<std::uint64_t>(t.id);
        require(t.after >= stack::duration::zero() && t.after <= stack::duration(600s), "timer duration sane");
        require(live_.emplace(h, now_ + t.after).second, "timer handles are fresh");
        timers_.emplace(std::pair{now_ + t.after, h}, 0);
    }
    void on(stack::stop_timer& t)
    {
        auto const h = static_cast<std::uint64_t>(t.id);
        auto it = live_.find(h);
        require(it != live_.end(), "stop_timer names a running timer");
        timers_.erase(std::pair{it->second, h});
        live_.erase(it);
    }
    void on(stack::request_received& r)
    {
        require(r.request != nullptr && r.request->is_request(), "request_received carries a request");
        // Unbounded within one input (its size bounds it): finish() must
        // answer every request the TU saw.
        pending_.emplace_back(r.transaction, r.request);
        if (r.dialog != stack::no_dialog)
            remember(dialogs_, r.dialog);
    }
    void on(stack::response_received& r)
    {
        require(r.response != nullptr && r.response->is_response(), "response_received carries a response");
        if (r.dialog != stack::no_dialog)
            remember(dialogs_, r.dialog);
    }
    void on(stack::request_failed& f) { require(f.status == 408 || f.status == 503, "8.1.3.1: 408 or 503"); }
    void on(stack::ack_received& a) { require(a.ack != nullptr && a.ack->method() == cpm::sip::method::ack, "an ACK"); }
    void on(stack::response_failed&) {}
    void on(stack::request_cancelled&) {}
    void on(stack::ack_timeout&) {}
    void on(stack::dialog_ended&) {}
    void on(stack::tu_timer_fired&) {}
    // A UA core (this harness) never forwards; a proxy core's ACKs are the TU's.
    void on(stack::ack_to_forward& a) { require(a.ack != nullptr && a.ack->method() == cpm::sip::method::ack, "an ACK"); }

    stack::core core_;
    stack::peer udp_{"192.0.2.7", 5060, stack::transport_kind::udp};
    stack::peer tcp_{"192.0.2.8", 5070, stack::transport_kind::tcp};
    stack::duration now_{0};
    std::map<std::pair<stack::duration, std::uint64_t>, int> timers_; ///< by deadline
    std::map<std::uint64_t, stack::duration> live_;                  ///< handle -> deadline
    std::deque<std::pair<stack::server_handle, stack::message_ptr>> pending_;
    std::deque<stack::client_handle> clients_;
    std::deque<stack::dialog_handle> dialogs_;
    std::uint64_t last_sender_ = 0; ///< the transaction of the latest send that named one
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view input(reinterpret_cast<char const*>(data), size);
    harness h;
    while (!input.empty()) {
        auto const end = input.find('\0');
        h.record(input.substr(0, end));
        input = end == std::string_view::npos ? std::string_view{} : input.substr(end + 1);
    }
    h.finish();
    return 0;
}
