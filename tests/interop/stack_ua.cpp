// A small user agent on the stack core, its Asio driver and the UDP or TCP
// transport, for interop tests against SIPp (run by sipp_test.sh):
//
//   stack_ua uas <udp|tcp> <port> <count>    answers MESSAGE with 200 and
//       INVITE with 180 then 200; BYE with 200; exits 0 after <count>
//       MESSAGEs or calls ended by a BYE.
//   stack_ua uac <udp|tcp> <port> <message|call> <remote-port> <count>
//       sends <count> MESSAGEs (each waits for its 200) or calls (INVITE,
//       the core's ACK, BYE after the 200) to 127.0.0.1:<remote-port>;
//       exits 0 when every one got its 200.
//
// Exits 1 on any failure (a non-2xx, a 408/503, a bad argument) and 2 when
// 30 s pass first.
#include "sip/builder.hpp"
#include "sip/dialog/response.hpp"
#include "sip/stack/asio/driver.hpp"

#include <boost/asio/io_context.hpp>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace net = boost::asio;
namespace sip = cpm::sip;
namespace st = cpm::sip::stack;
using namespace std::chrono_literals;

namespace {

std::optional<unsigned> number(char const* text)
{
    unsigned value = 0;
    std::string_view s(text);
    auto const r = std::from_chars(s.data(), s.data() + s.size(), value);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size())
        return std::nullopt;
    return value;
}

std::string request(st::core& c, std::string_view method, st::peer const& to)
{
    std::string const target = "sip:sipp@127.0.0.1:" + std::to_string(to.port);
    std::string out;
    sip::message_builder b(out);
    b.request_line(method, target);
    b.header(sip::header_id::via, c.via(to));
    b.header(sip::header_id::max_forwards, "70");
    b.tagged(sip::header_id::from, "<" + c.configuration().contact + ">", c.new_tag());
    b.header(sip::header_id::to, "<" + target + ">");
    b.header(sip::header_id::call_id, c.new_call_id());
    b.header(sip::header_id::cseq, "1 " + std::string(method));
    b.header(sip::header_id::contact, "<" + c.configuration().contact + ">");
    if (method == "MESSAGE")
        b.header(sip::header_id::content_type, "text/plain");
    b.finish(method == "MESSAGE" ? std::string_view("hello from cpm") : std::string_view{});
    return out;
}

struct agent {
    net::io_context ctx;
    sip::transport::layer layer{ctx.get_executor(), sip::transport::config{}};
    std::unique_ptr<st::asio::driver> driver;
    int result = -1; ///< exit code once decided

    st::protocol protocol = st::protocol::udp;

    bool start(st::protocol p, std::uint16_t port)
    {
        protocol = p;
        auto const kind = p == st::protocol::tcp ? sip::transport::transport_kind::tcp : sip::transport::transport_kind::udp;
        auto bound = layer.listen(kind, net::ip::make_address("127.0.0.1"), port);
        if (!bound)
            return false;
        st::config c;
        c.sent_by = "127.0.0.1:" + std::to_string(*bound);
        // RFC 3261 19.1.1: the Contact names the transport the peer must use.
        c.contact = "sip:cpm@" + c.sent_by + (p == st::protocol::tcp ? ";transport=tcp" : "");
        driver = std::make_unique<st::asio::driver>(layer, std::move(c));
        return true;
    }

    int run()
    {
        auto const end = std::chrono::steady_clock::now() + 30s;
        while (result < 0 && std::chrono::steady_clock::now() < end)
            ctx.run_for(10ms);
        // Stay a while: the last responses and ACKs leave, a peer whose copy
        // of our last final response was lost gets it again when its
        // retransmitted request comes (17.2.2; SIPp retransmits after 0.5,
        // 1 and 2 s), and a TCP connection stays up until the peer's last
        // call has ended.
        ctx.run_for(result == 0 ? 4s : 300ms);
        driver->shutdown();
        return result < 0 ? 2 : result;
    }
};

int run_uas(st::protocol protocol, std::uint16_t port, unsigned count)
{
    agent a;
    if (!a.start(protocol, port))
        return 1;
    unsigned done = 0;
    a.driver->on_tu([&](st::action const& act) {
        auto const* r = std::get_if<st::request_received>(&act);
        if (r == nullptr)
            return;
        sip::message const& req = *r->request;
        std::string const tag = a.driver->call([](st::core& c) { return c.new_tag(); });
        auto respond = [&](std::string const& text) {
            if (!a.driver->call([&](st::core& c) { return c.respond(r->transaction, text); }))
                a.result = 1;
        };
        std::string text;
        if (req.method() == sip::method::invite) {
            sip::dialog::start_dialog_response(text, req, 180, "Ringing", tag, a.driver->stack().configuration().contact)
                .finish();
            respond(text);
            text.clear();
            sip::dialog::start_dialog_response(text, req, 200, "OK", tag, a.driver->stack().configuration().contact)
                .finish();
            respond(text);
            return;
        }
        sip::response_options o;
        o.to_tag = tag;
        sip::make_response(text, req, 200, "OK", o).finish();
        respond(text);
        if ((req.method() == sip::method::message || req.method() == sip::method::bye) && ++done == count)
            a.result = 0;
    });
    return a.run();
}

int run_uac(st::protocol protocol, std::uint16_t port, bool call, std::uint16_t remote, unsigned count)
{
    agent a;
    if (!a.start(protocol, port))
        return 1;
    st::peer const to{"127.0.0.1", remote, protocol};
    unsigned done = 0;
    auto next = [&] {
        auto h = a.driver->call([&](st::core& c) { return c.send_request(request(c, call ? "INVITE" : "MESSAGE", to), to); });
        if (!h)
            a.result = 1;
    };
    a.driver->on_tu([&](st::action const& act) {
        if (std::holds_alternative<st::request_failed>(act)) {
            a.result = 1;
            return;
        }
        auto const* r = std::get_if<st::response_received>(&act);
        if (r == nullptr || r->response->status_code() < 200)
            return;
        if (r->response->status_code() >= 300) {
            a.result = 1;
            return;
        }
        if (r->response->cseq().method == sip::method::invite) {
            // The core has sent the ACK (13.2.2.4); hang up.
            st::dialog_handle const d = r->dialog;
            if (!a.driver->call([&](st::core& c) { return c.send_in_dialog(d, sip::method::bye, {}); }))
                a.result = 1;
            return;
        }
        if (++done == count)
            a.result = 0;
        else
            next();
    });
    next();
    return a.run();
}

} // namespace

int main(int argc, char** argv)
{
    std::string_view const mode = argc > 1 ? argv[1] : "";
    std::string_view const transport = argc > 2 ? argv[2] : "";
    bool const known = transport == "udp" || transport == "tcp";
    st::protocol const protocol = transport == "tcp" ? st::protocol::tcp : st::protocol::udp;
    if (known && mode == "uas" && argc == 5) {
        auto port = number(argv[3]);
        auto count = number(argv[4]);
        if (port && count)
            return run_uas(protocol, static_cast<std::uint16_t>(*port), *count);
    } else if (known && mode == "uac" && argc == 7) {
        std::string_view const kind = argv[4];
        auto port = number(argv[3]);
        auto remote = number(argv[5]);
        auto count = number(argv[6]);
        if (port && remote && count && (kind == "message" || kind == "call"))
            return run_uac(protocol, static_cast<std::uint16_t>(*port), kind == "call",
                           static_cast<std::uint16_t>(*remote), *count);
    }
    std::fputs("usage: stack_ua uas <udp|tcp> <port> <count> | uac <udp|tcp> <port> <message|call> <remote-port> <count>\n",
               stderr);
    return 1;
}
