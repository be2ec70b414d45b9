// A small user agent on the stack core, its Asio driver and the UDP or TCP
// transport, for interop tests against SIPp (run by sipp_test.sh):
//
//   stack_ua uas <udp|tcp> <port> <count> [ring | challenge USER:PASSWORD]
//       answers MESSAGE with 200, INVITE with 180 then 200, BYE with 200;
//       exits 0 after <count> MESSAGEs or calls ended by a BYE.
//       ring: answers INVITE with 180 only and waits for its CANCEL (the
//       core answers 200 and 487, RFC 3261 9.2); exits 0 after <count>
//       cancelled INVITEs.
//       challenge: answers a MESSAGE without valid credentials with 401
//       (WWW-Authenticate) and an INVITE with 407 (Proxy-Authenticate),
//       RFC 3261 22.2 and 22.3 (realm "cpm.test", MD5), and accepts it once
//       its credentials verify; fails unless it challenged <count> requests
//       and every set of credentials verified.
//   stack_ua uac <udp|tcp> <port> <message|large|call|cancel> <remote-port> <count> [auth USER:PASSWORD]
//       sends <count> MESSAGEs (each waits for its 200; large: of 2,000
//       bytes, which RFC 3261 18.1.1 sends over TCP, and over UDP again
//       when a UDP-only peer refuses the connection), calls (INVITE,
//       the core's ACK, BYE after the 200) or cancelled calls (INVITE,
//       CANCEL after the first provisional response, RFC 3261 9.1; each
//       waits for the 487, which the core ACKs) to 127.0.0.1:<remote-port>,
//       one after the other; exits 0 when every one ended so.
//       auth: answers a 401/407 once per request by retrying it with
//       credentials (RFC 3261 22.2, 22.3: same Call-ID and From tag, CSeq
//       + 1) and pre-authorizes later requests from the cached realm (22.3);
//       fails unless it answered a challenge.
//
// Exits 1 on any failure (an unexpected final response, a 408/503, a bad
// argument) and 2 when 30 s pass first, or SIGTERM comes, before it is done.
// Once done, it stays up to 15 s for the peer (see agent::run()), until
// SIGTERM says the peer has exited.
#include "sip/auth/challenger.hpp"
#include "sip/auth/client_credentials.hpp"
#include "sip/builder.hpp"
#include "sip/dialog/response.hpp"
#include "sip/stack/asio/driver.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace net = boost::asio;
namespace sip = cpm::sip;
namespace st = cpm::sip::stack;
namespace auth = cpm::sip::auth;
using namespace std::chrono_literals;

namespace {

std::optional<unsigned> number(std::string_view s)
{
    unsigned value = 0;
    auto const r = std::from_chars(s.data(), s.data() + s.size(), value);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size())
        return std::nullopt;
    return value;
}

/// "USER:PASSWORD" split at the first colon.
std::optional<auth::client_secret> secret(std::string_view text)
{
    auto const colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return std::nullopt;
    return auth::client_secret{std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
}

// --- requests of the UAC -------------------------------------------------------

/// One request outside a dialog and what a retry of it keeps (RFC 3261
/// 8.1.3.5, 22.2: Call-ID, From tag and To stay, CSeq goes up by one).
struct outgoing {
    std::string method;
    std::string call_id;
    std::string tag;
    std::uint32_t cseq = 1;
    bool retried = false; ///< already carries the answer to a challenge
    bool cancelled = false;
    std::string body;     ///< text/plain when not empty
    std::string bytes;    ///< as sent
};

std::string target_of(st::peer const& to)
{
    return "sip:sipp@127.0.0.1:" + std::to_string(to.port);
}

std::string request(st::core& c, outgoing const& o, st::peer const& to, std::vector<auth::authorization> const& credentials)
{
    std::string const target = target_of(to);
    std::string out;
    sip::message_builder b(out);
    b.request_line(o.method, target);
    b.header(sip::header_id::via, c.via(to));
    b.header(sip::header_id::max_forwards, "70");
    b.tagged(sip::header_id::from, "<" + c.configuration().contact + ">", o.tag);
    b.header(sip::header_id::to, "<" + target + ">");
    b.header(sip::header_id::call_id, o.call_id);
    b.header(sip::header_id::cseq, std::to_string(o.cseq) + " " + o.method);
    b.header(sip::header_id::contact, "<" + c.configuration().contact + ">");
    for (auto const& a : credentials)
        b.header(a.header, a.value);
    if (!o.body.empty())
        b.header(sip::header_id::content_type, "text/plain");
    b.finish(o.body);
    return out;
}

/// The credential source of the UAC: one fixed secret for every realm.
class fixed_source final : public auth::credential_source {
public:
    explicit fixed_source(auth::client_secret s) : secret_(std::move(s)) {}
    std::optional<auth::client_secret> credentials(std::string_view) override { return secret_; }

private:
    auth::client_secret secret_;
};

// --- the agent -----------------------------------------------------------------

struct agent {
    net::io_context ctx;
    sip::transport::layer layer{ctx.get_executor(), sip::transport::config{}};
    std::unique_ptr<st::asio::driver> driver;
    int result = -1; ///< exit code once decided

    bool start(sip::transport_kind p, std::uint16_t port)
    {
        auto bound = layer.listen(p, net::ip::make_address("127.0.0.1"), port);
        if (!bound)
            return false;
        st::config c;
        c.sent_by = "127.0.0.1:" + std::to_string(*bound);
        // RFC 3261 19.1.1: the Contact names the transport the peer must use.
        c.contact = "sip:cpm@" + c.sent_by + (p == sip::transport_kind::tcp ? ";transport=tcp" : "");
        driver = std::make_unique<st::asio::driver>(layer, std::move(c));
        return true;
    }

    void fail(char const* why)
    {
        std::fprintf(stderr, "stack_ua: %s\n", why);
        result = 1;
    }

    int run()
    {
        // SIGTERM: sipp_test.sh saying that the SIPp peer has exited.
        signals.async_wait([this](boost::system::error_code const& ec, int) {
            if (!ec)
                terminated = true;
        });
        run_until(std::chrono::steady_clock::now() + 30s, [this] { return result >= 0; });
        // Stay a while: the last responses and ACKs leave, a peer whose copy
        // of our last final response was lost gets it again when its
        // retransmitted request comes (17.2.2; SIPp retransmits after 0.5,
        // 1 and 2 s), and a TCP connection stays up until the peer's last
        // call has ended (SIPp fails a call whose connection closes; the
        // scenarios end with pauses of up to 4 s). The peer's exit (SIGTERM)
        // ends the stay.
        run_until(std::chrono::steady_clock::now() + (result == 0 ? 15s : 300ms), [] { return false; });
        // A SIGTERM from now on must not kill us (the signal_set restores
        // the default action when it goes): keep it pending until exit.
        sigset_t term;
        sigemptyset(&term);
        sigaddset(&term, SIGTERM);
        sigprocmask(SIG_BLOCK, &term, nullptr);
        signals.cancel();
        driver->shutdown();
        return result < 0 ? 2 : result;
    }

private:
    template <class Done>
    void run_until(std::chrono::steady_clock::time_point end, Done done)
    {
        while (!done() && !terminated && std::chrono::steady_clock::now() < end)
            ctx.run_for(10ms);
    }

    net::signal_set signals{ctx, SIGTERM};
    bool terminated = false;
};

// --- UAS -----------------------------------------------------------------------

enum class uas_mode { answer, ring, challenge };

/// The two Digest flows of the challenge mode: 401 for MESSAGE (a UAS,
/// RFC 3261 22.2) and 407 for INVITE (as a proxy would, 22.3).
struct gatekeeper {
    auth::memory_user_store users;
    auth::challenger www;
    auth::challenger proxy;

    static auth::challenger_config settings(auth::auth_kind kind)
    {
        auth::challenger_config c;
        c.realm = "cpm.test";
        c.secret = "interop";
        c.kind = kind;
        // SIPp 3.6 answers MD5 challenges only (its [authentication]).
        c.algorithms = {sip::digest_algorithm::md5};
        return c;
    }

    explicit gatekeeper(auth::client_secret const& s)
        : www(settings(auth::auth_kind::www), users), proxy(settings(auth::auth_kind::proxy), users)
    {
        users.add_password("cpm.test", s.username, s.password);
    }
};

int run_uas(sip::transport_kind protocol, std::uint16_t port, unsigned count, uas_mode mode,
            std::optional<auth::client_secret> const& user)
{
    agent a;
    if (!a.start(protocol, port))
        return 1;
    std::optional<gatekeeper> gate;
    if (mode == uas_mode::challenge)
        gate.emplace(*user);
    unsigned done = 0;
    unsigned challenged = 0;
    auto finished_one = [&] {
        if (++done == count)
            a.result = 0;
    };
    a.driver->on_tu([&](st::action const& act) {
        if (std::holds_alternative<st::request_cancelled>(act)) {
            // 9.2: the core answered the CANCEL with 200 and the INVITE with 487.
            if (mode == uas_mode::ring)
                finished_one();
            else
                a.fail("an INVITE was cancelled");
            return;
        }
        auto const* r = std::get_if<st::request_received>(&act);
        if (r == nullptr)
            return;
        sip::message const& req = *r->request;
        std::string const tag = a.driver->call([](st::core& c) { return c.new_tag(); });
        auto respond = [&](std::string const& text) {
            if (!a.driver->call([&](st::core& c) { return c.respond(r->transaction, text); }))
                a.fail("respond failed");
        };
        bool const invite = req.method() == sip::method::invite;
        if (gate && r->dialog == st::no_dialog && (invite || req.method() == sip::method::message)) {
            auth::challenger& ch = invite ? gate->proxy : gate->www;
            auto const now = auth::wall_clock::now();
            auto const verdict = ch.verify(req, now);
            if (!verdict.ok()) {
                // A request without credentials is challenged; one whose
                // credentials fail is a failure of the peer or of us.
                if (verdict.result != auth::verdict::no_credentials)
                    a.fail(verdict.sentence.c_str());
                ++challenged;
                sip::response_options o;
                o.to_tag = tag;
                respond(ch.respond(req, verdict, now, o));
                return;
            }
        }
        std::string text;
        std::string const& contact = a.driver->stack().configuration().contact;
        if (invite) {
            sip::dialog::start_dialog_response(text, req, 180, "Ringing", tag, contact).finish();
            respond(text);
            if (mode == uas_mode::ring)
                return; // the peer cancels
            text.clear();
            sip::dialog::start_dialog_response(text, req, 200, "OK", tag, contact).finish();
            respond(text);
            return;
        }
        sip::response_options o;
        o.to_tag = tag;
        sip::make_response(text, req, 200, "OK", o).finish();
        respond(text);
        if (req.method() == sip::method::message || req.method() == sip::method::bye)
            finished_one();
    });
    int const rc = a.run();
    if (gate && rc == 0 && challenged < count) {
        std::fprintf(stderr, "stack_ua: %u challenges for %u requests\n", challenged, count);
        return 1;
    }
    return rc;
}

// --- UAC -----------------------------------------------------------------------

enum class uac_mode { message, large, call, cancel };

int run_uac(sip::transport_kind protocol, std::uint16_t port, uac_mode mode, std::uint16_t remote, unsigned count,
            std::optional<auth::client_secret> const& user)
{
    agent a;
    if (!a.start(protocol, port))
        return 1;
    st::peer const to{"127.0.0.1", remote, protocol};
    std::optional<fixed_source> source;
    std::optional<auth::digest_client> digest;
    if (user) {
        source.emplace(*user);
        digest.emplace(*source);
    }
    std::unordered_map<std::uint64_t, outgoing> pending; // by client transaction
    unsigned done = 0;
    unsigned answered_challenges = 0;

    auto send = [&](outgoing o, std::vector<auth::authorization> const& credentials) {
        auto h = a.driver->call([&](st::core& c) {
            o.bytes = request(c, o, to, credentials);
            return c.send_request(o.bytes, to);
        });
        if (!h)
            a.fail("send_request failed");
        else
            pending.emplace(static_cast<std::uint64_t>(*h), std::move(o));
    };
    auto next = [&] {
        outgoing o;
        bool const message = mode == uac_mode::message || mode == uac_mode::large;
        o.method = message ? "MESSAGE" : "INVITE";
        if (message)
            o.body = mode == uac_mode::large ? std::string(2000, 'L') : std::string("hello from cpm");
        a.driver->call([&](st::core& c) {
            o.call_id = c.new_call_id();
            o.tag = c.new_tag();
        });
        // RFC 3261 22.3: credentials cached for the realm go out at once.
        std::vector<auth::authorization> credentials;
        if (digest)
            credentials = digest->authorize(o.method, target_of(to));
        send(std::move(o), credentials);
    };
    auto finished_one = [&] {
        if (++done == count)
            a.result = 0;
        else
            next();
    };
    // 22.2, 22.3: retry @p o once with the answer to the challenge @p response.
    auto retry = [&](outgoing o, sip::message const& response) {
        if (!digest || o.retried) {
            a.fail("challenged again (or without credentials)");
            return;
        }
        auto req = sip::message::parse(sip::abnf::text_buffer(o.bytes));
        if (!req) {
            a.fail("own request does not parse");
            return;
        }
        auto credentials = digest->answer(response, *req);
        if (!credentials) {
            a.fail(credentials.error().sentence.c_str());
            return;
        }
        ++answered_challenges;
        o.retried = true;
        ++o.cseq;
        send(std::move(o), *credentials);
    };

    a.driver->on_tu([&](st::action const& act) {
        if (auto const* f = std::get_if<st::request_failed>(&act)) {
            std::fprintf(stderr, "stack_ua: request failed with %u\n", f->status);
            a.result = 1;
            return;
        }
        auto const* r = std::get_if<st::response_received>(&act);
        if (r == nullptr)
            return;
        sip::message const& response = *r->response;
        unsigned const status = response.status_code();
        bool const invite = response.cseq().method == sip::method::invite;
        auto const it = pending.find(static_cast<std::uint64_t>(r->transaction));
        if (status < 200) {
            // 9.1: cancel once the INVITE is known to have arrived.
            if (mode == uac_mode::cancel && invite && it != pending.end() && !it->second.cancelled) {
                it->second.cancelled = true;
                st::client_handle const h = r->transaction;
                if (!a.driver->call([&](st::core& c) { return c.cancel(h); }))
                    a.fail("cancel failed");
            }
            return;
        }
        std::optional<outgoing> o;
        if (it != pending.end()) {
            o = std::move(it->second);
            pending.erase(it);
        }
        if ((status == 401 || status == 407) && o) {
            retry(std::move(*o), response);
            return;
        }
        if (mode == uac_mode::cancel && invite) {
            // 9.1: the INVITE ends with 487 (Request Terminated); the core ACKs it.
            if (status == 487)
                finished_one();
            else
                a.fail("a cancelled INVITE did not end with 487");
            return;
        }
        if (status >= 300) {
            std::fprintf(stderr, "stack_ua: final response %u\n", status);
            a.result = 1;
            return;
        }
        if (invite) {
            // The core has sent the ACK (13.2.2.4); hang up.
            st::dialog_handle const d = r->dialog;
            if (!a.driver->call([&](st::core& c) { return c.send_in_dialog(d, sip::method::bye, {}); }))
                a.fail("BYE failed");
            return;
        }
        finished_one();
    });
    next();
    int const rc = a.run();
    if (digest && rc == 0 && answered_challenges == 0) {
        std::fputs("stack_ua: never challenged\n", stderr);
        return 1;
    }
    return rc;
}

constexpr char const* usage =
    "usage: stack_ua uas <udp|tcp> <port> <count> [ring | challenge USER:PASSWORD]\n"
    "       stack_ua uac <udp|tcp> <port> <message|large|call|cancel> <remote-port> <count> [auth USER:PASSWORD]\n";

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string_view> const args(argv + 1, argv + argc);
    auto arg = [&](std::size_t i) { return i < args.size() ? args[i] : std::string_view{}; };
    std::string_view const transport = arg(1);
    bool const known = transport == "udp" || transport == "tcp";
    sip::transport_kind const protocol = transport == "tcp" ? sip::transport_kind::tcp : sip::transport_kind::udp;
    if (known && arg(0) == "uas" && args.size() >= 4) {
        auto port = number(arg(2));
        auto count = number(arg(3));
        std::string_view const option = arg(4);
        std::optional<auth::client_secret> user;
        uas_mode mode = uas_mode::answer;
        bool ok = port && count;
        if (option == "ring" && args.size() == 5) {
            mode = uas_mode::ring;
        } else if (option == "challenge" && args.size() == 6) {
            mode = uas_mode::challenge;
            user = secret(arg(5));
            ok = ok && user;
        } else if (args.size() != 4) {
            ok = false;
        }
        if (ok)
            return run_uas(protocol, static_cast<std::uint16_t>(*port), *count, mode, user);
    } else if (known && arg(0) == "uac" && (args.size() == 6 || args.size() == 8)) {
        std::string_view const kind = arg(3);
        auto port = number(arg(2));
        auto remote = number(arg(4));
        auto count = number(arg(5));
        std::optional<auth::client_secret> user;
        bool ok = port && remote && count && (kind == "message" || kind == "large" || kind == "call" || kind == "cancel");
        if (args.size() == 8) {
            user = secret(arg(7));
            ok = ok && arg(6) == "auth" && user;
        }
        uac_mode const mode = kind == "message" ? uac_mode::message
                              : kind == "large" ? uac_mode::large
                              : kind == "call"  ? uac_mode::call
                                                : uac_mode::cancel;
        if (ok)
            return run_uac(protocol, static_cast<std::uint16_t>(*port), mode, static_cast<std::uint16_t>(*remote),
                           *count, user);
    }
    std::fputs(usage, stderr);
    return 1;
}
