// bench-transport-udp: SIP datagrams received per second through the
// transport layer (receive, copy, parse, Via stamping, handler) against a
// raw Asio UDP receive loop (receive and count), in the same run.
//
//   bench-transport-udp [--rounds N] [--ms MS]
//
// A sender thread writes one MESSAGE request to the receiver's port as fast
// as it can for MS milliseconds; the receiver, on the calling thread,
// counts what it got. Rows, each the median over N interleaved rounds:
//   raw-asio       async_receive_from into one buffer, count
//   layer          the transport layer, a counting handler; the request's
//                  sent-by is the sender's address and port, so no stamp
//   layer+rport    the same with ";rport" in the Via: every request is
//                  stamped (copied and parsed again, RFC 3581)
// A line "ratio layer/raw-asio x" is the layer's rate over the raw loop's
// (above 1 the layer is faster). Datagrams the kernel drops because the
// receiver is slower are not counted: the figure is what the receiver
// handled.

#include "sip/transport/transport.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
using namespace cpm::sip::transport;
using clock_type = std::chrono::steady_clock;

std::string request(std::uint16_t sender_port, bool rport)
{
    std::string s = "MESSAGE sip:bob@127.0.0.1 SIP/2.0\r\n";
    s += "Via: SIP/2.0/UDP 127.0.0.1:" + std::to_string(sender_port) + ";branch=z9hG4bK776asdhds";
    s += rport ? ";rport\r\n" : "\r\n";
    s += "Max-Forwards: 70\r\n"
         "From: <sip:alice@127.0.0.1>;tag=1928301774\r\n"
         "To: <sip:bob@127.0.0.1>\r\n"
         "Call-ID: a84b4c76e66710@127.0.0.1\r\n"
         "CSeq: 1 MESSAGE\r\n"
         "Content-Type: text/plain\r\n"
         "Content-Length: 5\r\n\r\nhello";
    return s;
}

// Sends @p text to @p port from @p socket until @p stop.
void blast(asio::ip::udp::socket& socket, std::string const& text, std::uint16_t port, std::atomic<bool>& stop)
{
    asio::ip::udp::endpoint const to(asio::ip::make_address("127.0.0.1"), port);
    boost::system::error_code ec;
    while (!stop.load(std::memory_order_relaxed))
        socket.send_to(asio::buffer(text), to, 0, ec); // a full socket buffer is not an error worth stopping for
}

// Runs @p ctx for @p ms while a sender thread blasts; returns messages/s.
double measure(asio::io_context& ctx, std::uint16_t port, bool rport, int ms, std::uint64_t const& counter)
{
    asio::io_context sender_ctx;
    asio::ip::udp::socket sender(sender_ctx, asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    std::string const text = request(sender.local_endpoint().port(), rport);
    std::atomic<bool> stop{false};
    std::thread thread([&] { blast(sender, text, port, stop); });
    // Warm up, then time a window.
    ctx.run_for(std::chrono::milliseconds(50));
    std::uint64_t const before = counter;
    auto const start = clock_type::now();
    ctx.run_for(std::chrono::milliseconds(ms));
    auto const seconds = std::chrono::duration<double>(clock_type::now() - start).count();
    std::uint64_t const got = counter - before;
    stop = true;
    thread.join();
    ctx.run_for(std::chrono::milliseconds(20)); // drain
    return static_cast<double>(got) / seconds;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    int rounds = 5;
    int ms = 300;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--rounds") == 0)
            rounds = std::max(1, std::atoi(argv[i + 1]));
        else if (std::strcmp(argv[i], "--ms") == 0)
            ms = std::max(10, std::atoi(argv[i + 1]));
    }

    asio::io_context ctx(1);

    // The raw loop: the floor any UDP receiver on Asio pays.
    std::uint64_t raw_count = 0;
    asio::ip::udp::socket raw(ctx, asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    auto const raw_port = raw.local_endpoint().port();
    asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
        std::vector<char> buffer(65536);
        asio::ip::udp::endpoint from;
        for (;;) {
            auto [ec, n] = co_await raw.async_receive_from(asio::buffer(buffer), from, asio::as_tuple(asio::use_awaitable));
            if (ec == asio::error::operation_aborted)
                co_return;
            if (!ec && n > 0)
                ++raw_count;
        }
    }, asio::detached);

    std::uint64_t layer_count = 0;
    layer transport(ctx.get_executor(), config{});
    transport.on_message([&](inbound in) { layer_count += in.message.call_id().empty() ? 0 : 1; });
    auto const layer_port = transport.listen(transport_kind::udp, asio::ip::make_address("127.0.0.1"), 0).value();

    std::vector<double> raw_rates, layer_rates, rport_rates;
    for (int r = 0; r < rounds; ++r) {
        raw_rates.push_back(measure(ctx, raw_port, false, ms, raw_count));
        layer_rates.push_back(measure(ctx, layer_port, false, ms, layer_count));
        rport_rates.push_back(measure(ctx, layer_port, true, ms, layer_count));
    }
    double const raw_rate = median(raw_rates), layer_rate = median(layer_rates), rport_rate = median(rport_rates);
    std::printf("%-14s %12.0f messages/s\n", "raw-asio", raw_rate);
    std::printf("%-14s %12.0f messages/s\n", "layer", layer_rate);
    std::printf("%-14s %12.0f messages/s\n", "layer+rport", rport_rate);
    std::printf("ratio layer/raw-asio %.2f x\n", layer_rate / raw_rate);
    std::printf("ratio layer+rport/raw-asio %.2f x\n", rport_rate / raw_rate);
    std::printf("dropped by the layer as malformed: %llu\n",
                static_cast<unsigned long long>(transport.stats().datagrams_dropped));
    transport.shutdown();
    raw.close();
    return 0;
}
