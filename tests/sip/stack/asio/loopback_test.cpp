// The Asio driver over the real transport on 127.0.0.1: our UAC sends a
// MESSAGE to our UAS over UDP (and over TCP), the UAS answers 200 and the
// UAC sees it once; a MESSAGE over 1300 bytes goes over TCP, and over UDP
// when the UAS has no TCP (18.1.1); an INVITE / ACK / BYE call over UDP; a request to a
// port where nobody answers fails with 408 on a shrunk Timer F (8.1.3.1).
// Every run is bounded in time.
#define BOOST_TEST_MODULE sip_stack_asio_loopback
#include <boost/test/unit_test.hpp>

#include "sip/builder.hpp"
#include "sip/dialog/response.hpp"
#include "sip/stack/asio/driver.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <memory>
#include <string>

using namespace cpm::sip;
using namespace std::chrono_literals;
namespace net = boost::asio;
namespace st = cpm::sip::stack;

namespace {

/// Runs @p ctx until @p done() or 10 s.
template <class Done>
bool run_until(net::io_context& ctx, Done done)
{
    auto const end = std::chrono::steady_clock::now() + 10s;
    while (!done() && std::chrono::steady_clock::now() < end) {
        ctx.run_for(5ms);
        if (ctx.stopped())
            ctx.restart();
    }
    return done();
}

/// One user agent: a transport layer listening on 127.0.0.1 and a driver.
struct agent {
    agent(net::io_context& ctx, transport::transport_kind kind, st::config c = {})
        : layer(ctx.get_executor(), transport::config{})
    {
        port = layer.listen(kind, net::ip::make_address("127.0.0.1"), 0).value();
        c.sent_by = "127.0.0.1:" + std::to_string(port);
        c.contact = "sip:ua@" + c.sent_by;
        c.timers = transaction::timers::scaled(50ms, 400ms, 500ms);
        driver = std::make_unique<st::asio::driver>(layer, std::move(c));
    }
    ~agent() { driver->shutdown(); }

    st::peer address(st::transport_kind p) const { return {"127.0.0.1", port, p}; }

    transport::layer layer;
    std::uint16_t port = 0;
    std::unique_ptr<st::asio::driver> driver;
};

std::string request_to(st::core& c, std::string_view method, st::peer const& to, std::string_view body = {})
{
    std::string const target = "sip:ua@127.0.0.1:" + std::to_string(to.port);
    std::string out;
    message_builder b(out);
    b.request_line(method, target);
    b.header(header_id::via, c.via(to));
    b.header(header_id::max_forwards, "70");
    b.tagged(header_id::from, "<" + c.configuration().contact + ">", c.new_tag());
    b.header(header_id::to, "<" + target + ">");
    b.header(header_id::call_id, c.new_call_id());
    b.header(header_id::cseq, "1 " + std::string(method));
    b.header(header_id::contact, "<" + c.configuration().contact + ">");
    if (!body.empty())
        b.header(header_id::content_type, "text/plain");
    b.finish(body);
    return out;
}

std::string ok(st::core const& c, message const& request, std::string_view tag)
{
    std::string out;
    dialog::start_dialog_response(out, request, 200, "OK", tag, c.configuration().contact).finish();
    return out;
}

/// A MESSAGE with @p text to a UAS listening on @p kind (and on TCP at the
/// same port too when @p uas_also_tcp), answered 200 and seen once; the
/// transport it arrived on.
st::transport_kind message_round_trip(st::transport_kind kind, std::string const& text = "hello over loopback",
                                      bool uas_also_tcp = false)
{
    net::io_context ctx;
    agent uas(ctx, kind);
    agent uac(ctx, kind);
    if (uas_also_tcp)
        BOOST_TEST_REQUIRE(uas.layer.listen(st::transport_kind::tcp, net::ip::make_address("127.0.0.1"), uas.port).has_value());
    st::transport_kind arrived = kind;
    int requests = 0;
    std::vector<unsigned> finals;
    std::string body;
    uas.driver->on_tu([&](st::action const& a) {
        if (auto const* r = std::get_if<st::request_received>(&a)) {
            ++requests;
            arrived = r->from.kind;
            body = std::string(r->request->body());
            auto const text = ok(uas.driver->stack(), *r->request, "uas1");
            BOOST_TEST(uas.driver->call([&](st::core& c) { return c.respond(r->transaction, text); }).has_value());
        }
    });
    uac.driver->on_tu([&](st::action const& a) {
        if (auto const* r = std::get_if<st::response_received>(&a))
            if (r->response->status_code() >= 200)
                finals.push_back(r->response->status_code());
    });
    auto h = uac.driver->call([&](st::core& c) {
        return c.send_request(request_to(c, "MESSAGE", uas.address(kind), text),
                              uas.address(kind));
    });
    BOOST_TEST_REQUIRE(h.has_value());
    BOOST_TEST(run_until(ctx, [&] { return !finals.empty(); }));
    BOOST_TEST(requests == 1);
    BOOST_TEST(body == text);
    BOOST_TEST(finals == std::vector<unsigned>{200}, boost::test_tools::per_element());
    // Timer K / J run out on the shrunk timers: every transaction ends.
    BOOST_TEST(run_until(ctx, [&] {
        return uac.driver->stack().transaction_count() == 0 && uas.driver->stack().transaction_count() == 0;
    }));
    BOOST_TEST(uac.driver->stack().timer_count() == 0u);
    BOOST_TEST(uas.driver->stack().timer_count() == 0u);
    // Stopped timers leave the wheel when their time comes.
    BOOST_TEST(run_until(ctx, [&] { return uac.driver->running_timers() == 0 && uas.driver->running_timers() == 0; }));
    return arrived;
}

} // namespace

BOOST_AUTO_TEST_CASE(message_over_udp_uac_to_uas)
{
    BOOST_TEST((message_round_trip(st::transport_kind::udp) == st::transport_kind::udp));
}

BOOST_AUTO_TEST_CASE(message_over_tcp_uac_to_uas)
{
    BOOST_TEST((message_round_trip(st::transport_kind::tcp) == st::transport_kind::tcp));
}

BOOST_AUTO_TEST_CASE(rfc3261_18_1_1_large_message_goes_over_tcp)
{
    BOOST_TEST((message_round_trip(st::transport_kind::udp, std::string(3000, 'L'), true) == st::transport_kind::tcp));
}

BOOST_AUTO_TEST_CASE(rfc3261_18_1_1_large_message_to_a_udp_only_peer_is_retried_over_udp)
{
    BOOST_TEST((message_round_trip(st::transport_kind::udp, std::string(3000, 'L')) == st::transport_kind::udp));
}

BOOST_AUTO_TEST_CASE(invite_ack_bye_over_udp)
{
    net::io_context ctx;
    agent uas(ctx, transport::transport_kind::udp);
    agent uac(ctx, transport::transport_kind::udp);
    bool acked = false, bye_answered = false;
    int ended = 0;
    uas.driver->on_tu([&](st::action const& a) {
        if (auto const* r = std::get_if<st::request_received>(&a)) {
            std::string text;
            if (r->request->method() == method::invite)
                text = ok(uas.driver->stack(), *r->request, "uas1");
            else {
                response_options o;
                make_response(text, *r->request, 200, "OK", o).finish();
            }
            BOOST_TEST(uas.driver->call([&](st::core& c) { return c.respond(r->transaction, text); }).has_value());
        } else if (std::holds_alternative<st::ack_received>(a)) {
            acked = true;
        } else if (std::holds_alternative<st::dialog_ended>(a)) {
            ++ended;
        }
    });
    uac.driver->on_tu([&](st::action const& a) {
        if (auto const* r = std::get_if<st::response_received>(&a)) {
            if (r->response->cseq().method == method::invite && r->response->status_code() == 200) {
                st::dialog_handle const d = r->dialog;
                BOOST_TEST(
                    uac.driver->call([&](st::core& c) { return c.send_in_dialog(d, method::bye, {}); }).has_value());
            } else if (r->response->cseq().method == method::bye) {
                bye_answered = r->response->status_code() == 200;
            }
        } else if (std::holds_alternative<st::dialog_ended>(a)) {
            ++ended;
        }
    });
    auto h = uac.driver->call([&](st::core& c) {
        return c.send_request(request_to(c, "INVITE", uas.address(st::transport_kind::udp)), uas.address(st::transport_kind::udp));
    });
    BOOST_TEST_REQUIRE(h.has_value());
    BOOST_TEST(run_until(ctx, [&] { return bye_answered && ended == 2; }));
    BOOST_TEST(uac.driver->stack().dialog_count() == 0u);
    BOOST_TEST(uas.driver->stack().dialog_count() == 0u);
    (void)acked; // the BYE may overtake the ACK on the wire; the dialog ends either way
}

BOOST_AUTO_TEST_CASE(no_answer_is_408_after_timer_f)
{
    net::io_context ctx;
    agent uac(ctx, transport::transport_kind::udp);
    agent silent(ctx, transport::transport_kind::udp); // listens, but no TU answers and no core sees it
    silent.layer.on_message([](transport::inbound) {});
    std::optional<unsigned> failed;
    uac.driver->on_tu([&](st::action const& a) {
        if (auto const* f = std::get_if<st::request_failed>(&a))
            failed = f->status;
    });
    auto h = uac.driver->call([&](st::core& c) {
        return c.send_request(request_to(c, "MESSAGE", silent.address(st::transport_kind::udp), "x"),
                              silent.address(st::transport_kind::udp));
    });
    BOOST_TEST_REQUIRE(h.has_value());
    BOOST_TEST(run_until(ctx, [&] { return failed.has_value(); }));
    BOOST_TEST(failed.value_or(0) == 408u);
}
