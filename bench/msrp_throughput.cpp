// bench-msrp-throughput: the MSRP session engine against plain TCP, in the
// same run, on loopback.
//
//   bench-msrp-throughput [--bytes N] [--runs R] [--messages M] [--write W]
//
// (--write W: only that write size instead of 64 KiB then 2 KiB, e.g. to profile one row.)
// For each write size (64 KiB, then 2 KiB) and each of R runs:
//   raw-tcp  a sender writes N bytes with write() calls of that size into a
//            TCP socket; the receiver read()s them (256 KiB buffer) until
//            EOF, then closes; the sender's clock stops at that close.
//   msrp     one MSRP session sends one N-byte message in chunks of that
//            size (Failure-Report yes: every chunk is answered 200) to
//            another, whose receiver streams it into a null_sink; the
//            sender's clock stops when the last 200 arrived. Chunks with
//            bodies below 8 KiB are gathered into writes of up to 64 KiB
//            (connection_options), so for 2 KiB a second row, msrp-1,
//            forbids that: one chunk per write, the raw-tcp write pattern.
// Sender and receiver are two forked processes per measurement, so the peak
// resident memory (VmHWM) of each side is its own. Printed: the medians of
// the R runs in MB/s (10^6 bytes per second), "ratio msrp/raw-tcp <x.xx>"
// (the median of the per-run ratios: each pair ran back to back under the
// same load), each side's largest VmHWM, and the load average before and
// after. Then M 100-byte SENDs with Success-Report: yes on one session:
// messages per second until every success REPORT came back (median of R).

#include "msrp/session/connection.hpp"
#include "msrp/session/session.hpp"
#include "msrp/session/setup.hpp"
#include "msrp/session/sink.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace asio = boost::asio;
using asio::ip::tcp;
using cpm::msrp::connection;
using cpm::msrp::event_kind;
using cpm::msrp::session;
using cpm::msrp::session_config;
using cpm::msrp::session_event;
using clock_type = std::chrono::steady_clock;

namespace {

// What a child process reports through its pipe.
struct report {
    double seconds = 0;
    std::uint64_t bytes = 0;
    std::uint64_t messages = 0;
    long hwm_kib = 0;
    double cpu_seconds = 0; // user + system of the process
    int ok = 0;
};

long vm_hwm_kib()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stol(line.substr(6));
    return -1;
}

std::string load_average()
{
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

// Runs @p f in a child; its report comes back through read_report().
template <class F>
pid_t spawn(int& fd, F f)
{
    int p[2];
    if (::pipe(p) != 0)
        std::exit(2);
    pid_t const pid = ::fork();
    if (pid == 0) {
        ::close(p[0]);
        f(p[1]);
        ::_exit(0);
    }
    ::close(p[1]);
    fd = p[0];
    return pid;
}

void put(int fd, void const* data, std::size_t n)
{
    if (::write(fd, data, n) != static_cast<ssize_t>(n))
        ::_exit(3);
}

template <class T>
T get(int fd)
{
    T v{};
    std::size_t got = 0;
    while (got < sizeof v) {
        ssize_t const n = ::read(fd, reinterpret_cast<char*>(&v) + got, sizeof v - got);
        if (n <= 0)
            break;
        got += static_cast<std::size_t>(n);
    }
    return v;
}

void send_report(int fd, report r)
{
    r.hwm_kib = vm_hwm_kib();
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    r.cpu_seconds = static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
                    static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
    put(fd, &r, sizeof r);
}

// ---- plain TCP ---------------------------------------------------------------

int listen_loopback(std::uint16_t& port)
{
    int const s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(s, 1) != 0 ||
        ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) != 0)
        ::_exit(4);
    port = ntohs(a.sin_port);
    return s;
}

void raw_receiver(int fd)
{
    std::uint16_t port = 0;
    int const l = listen_loopback(port);
    put(fd, &port, sizeof port);
    int const s = ::accept(l, nullptr, nullptr);
    std::vector<char> buf(256 * 1024);
    report r;
    for (;;) {
        ssize_t const n = ::read(s, buf.data(), buf.size());
        if (n <= 0)
            break;
        r.bytes += static_cast<std::uint64_t>(n);
    }
    ::close(s);
    r.ok = 1;
    send_report(fd, r);
}

void raw_sender(int fd, std::uint16_t port, std::uint64_t bytes, std::size_t write_size)
{
    int const s = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    if (::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
        ::_exit(5);
    // The same bytes the MSRP sender sends: a pattern_source body.
    cpm::msrp::pattern_source body(bytes);
    auto const t0 = clock_type::now();
    for (;;) {
        cpm::msrp::source_chunk c;
        body.read(write_size, c);
        std::size_t done = 0;
        while (done < c.bytes.size()) {
            ssize_t const n = ::write(s, c.bytes.data() + done, c.bytes.size() - done);
            if (n <= 0)
                ::_exit(6);
            done += static_cast<std::size_t>(n);
        }
        if (c.last)
            break;
    }
    ::shutdown(s, SHUT_WR);
    char x;
    while (::read(s, &x, 1) > 0) {
    }
    report r;
    r.seconds = std::chrono::duration<double>(clock_type::now() - t0).count();
    r.bytes = bytes;
    r.ok = 1;
    ::close(s);
    send_report(fd, r);
}

// ---- MSRP --------------------------------------------------------------------

std::string const tx_uri = "msrp://127.0.0.1:1/benchtx1;tcp";

std::string rx_uri(std::uint16_t port)
{
    return "msrp://127.0.0.1:" + std::to_string(port) + "/benchrx1;tcp";
}

void msrp_receiver(int fd)
{
    asio::io_context ioc;
    tcp::acceptor acceptor(ioc, {asio::ip::address_v4::loopback(), 0});
    std::uint16_t const port = acceptor.local_endpoint().port();
    put(fd, &port, sizeof port);
    session_config cfg;
    cfg.local_uri = rx_uri(port);
    cfg.remote_path = tx_uri;
    report r;
    auto s = session::create(
        cfg,
        [&](session_event const& e) {
            if (e.kind == event_kind::message_received) {
                ++r.messages;
                r.bytes += *e.range.total;
            }
        },
        [](cpm::msrp::incoming_message const&) { return std::make_unique<cpm::msrp::null_sink>(); });
    asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
        auto socket = co_await acceptor.async_accept(asio::use_awaitable);
        socket.set_option(tcp::no_delay(true));
        auto c = std::make_shared<connection<tcp::socket>>(std::move(socket));
        c->attach(**s);
        co_await c->run(); // until the sender closes
    }, asio::detached);
    ioc.run();
    r.ok = 1;
    send_report(fd, r);
}

// Sends @p count messages of @p size bytes (count 1: one big message;
// more: small ones with Success-Report: yes, refilled as reports return).
void msrp_sender(int fd, std::uint16_t port, std::uint64_t size, std::uint64_t count, std::size_t chunk,
                 bool coalesce = true)
{
    asio::io_context ioc;
    session_config cfg;
    cfg.local_uri = tx_uri;
    cfg.remote_path = rx_uri(port);
    cfg.chunk_size = chunk;
    report r;
    std::shared_ptr<connection<tcp::socket>> conn;
    std::unique_ptr<session> s;
    std::uint64_t queued = 0;
    std::string big; // the one message of a throughput run
    bool const small = count > 1;
    cpm::msrp::send_options opts;
    if (small)
        opts.success_report = cpm::msrp::report_mode::yes;
    auto const t0 = clock_type::now();
    auto const enqueue = [&] {
        if (queued >= count)
            return;
        if (auto id = s->send(std::make_unique<cpm::msrp::pattern_source>(size), opts)) {
            ++queued;
            big = std::move(*id);
        }
    };
    auto created = session::create(cfg, [&](session_event const& e) {
        bool const done_one = small ? e.kind == event_kind::report_received : e.kind == event_kind::message_sent;
        if (e.kind == event_kind::message_failed)
            conn->abort();
        if (!done_one || (!small && e.message_id != big))
            return;
        ++r.messages;
        r.bytes += size;
        enqueue();
        if (r.messages == count) {
            r.seconds = std::chrono::duration<double>(clock_type::now() - t0).count();
            r.ok = 1;
            conn->close();
        }
    });
    s = std::move(*created);
    asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
        // A named hop: GCC 12 destroys a braced temporary coroutine argument twice.
        cpm::msrp::next_hop const hop{"127.0.0.1", port, false};
        auto socket = co_await cpm::msrp::connect(ioc.get_executor(), hop);
        if (!socket)
            co_return;
        cpm::msrp::connection_options o;
        if (!coalesce)
            o.coalesce_below = 0; // one chunk per write, like the raw-tcp writes
        conn = std::make_shared<connection<tcp::socket>>(std::move(*socket), o);
        conn->attach(*s, cpm::msrp::setup_role::active); // the bodiless SEND (RFC 4975 5.4) is not counted
        for (int i = 0; i < 512; ++i)
            enqueue();
        co_await conn->run();
    }, asio::detached);
    ioc.run();
    send_report(fd, r);
}

// ---- driver ------------------------------------------------------------------

struct pair_result {
    report tx, rx;
};

template <class Rx, class Tx>
pair_result measure(Rx rx, Tx tx)
{
    int rfd = -1, tfd = -1;
    pid_t const rp = spawn(rfd, rx);
    auto const port = get<std::uint16_t>(rfd);
    pid_t const tp = spawn(tfd, [&](int fd) { tx(fd, port); });
    pair_result out{get<report>(tfd), get<report>(rfd)};
    ::waitpid(tp, nullptr, 0);
    ::waitpid(rp, nullptr, 0);
    ::close(rfd);
    ::close(tfd);
    return out;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

double mbps(report const& r)
{
    return r.seconds > 0 ? static_cast<double>(r.bytes) / r.seconds / 1e6 : 0;
}

} // namespace

int main(int argc, char** argv)
{
    std::uint64_t bytes = 1ull << 30;
    int runs = 3;
    std::uint64_t messages = 20000;
    std::vector<std::size_t> writes{64 * 1024, 2 * 1024};
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string const a = argv[i];
        if (a == "--bytes")
            bytes = std::strtoull(argv[i + 1], nullptr, 10);
        else if (a == "--runs")
            runs = std::max(1, std::atoi(argv[i + 1]));
        else if (a == "--messages")
            messages = std::strtoull(argv[i + 1], nullptr, 10);
        else if (a == "--write")
            writes = {std::max<std::size_t>(1, std::strtoull(argv[i + 1], nullptr, 10))};
        else {
            std::fprintf(stderr, "usage: %s [--bytes N] [--runs R] [--messages M] [--write W]\n", argv[0]);
            return 2;
        }
    }
    std::printf("bench-msrp-throughput: %llu bytes per transfer, %d runs, loopback; load average %s\n",
                static_cast<unsigned long long>(bytes), runs, load_average().c_str());
    bool ok = true;
    // CPU use of a side over the sender's wall time (the receiver keeps no clock).
    auto const pct = [](report const& side, report const& tx) { return tx.seconds > 0 ? 100 * side.cpu_seconds / tx.seconds : 0; };
    for (std::size_t const w : writes) {
        // Below connection_options::coalesce_below the engine gathers chunks
        // into larger writes; the "msrp-1" row forbids it: one chunk per write.
        bool const coalescing = w < cpm::msrp::connection_options{}.coalesce_below;
        std::vector<double> raw, msrp, msrp1, ratio, ratio1;
        long raw_hwm[2] = {0, 0}, msrp_hwm[2] = {0, 0};
        for (int run = 0; run < runs; ++run) {
            auto const r = measure(raw_receiver, [&](int fd, std::uint16_t port) { raw_sender(fd, port, bytes, w); });
            auto const m = measure(msrp_receiver, [&](int fd, std::uint16_t port) { msrp_sender(fd, port, bytes, 1, w); });
            ok = ok && r.tx.ok && r.rx.ok && r.rx.bytes == bytes && m.tx.ok && m.rx.ok && m.rx.bytes == bytes;
            raw.push_back(mbps(r.tx));
            msrp.push_back(mbps(m.tx));
            ratio.push_back(raw.back() > 0 ? msrp.back() / raw.back() : 0);
            raw_hwm[0] = std::max(raw_hwm[0], r.tx.hwm_kib);
            raw_hwm[1] = std::max(raw_hwm[1], r.rx.hwm_kib);
            msrp_hwm[0] = std::max(msrp_hwm[0], m.tx.hwm_kib);
            msrp_hwm[1] = std::max(msrp_hwm[1], m.rx.hwm_kib);
            std::printf("  run %d  %5zu B  raw-tcp %8.1f MB/s (cpu tx %3.0f%% rx %3.0f%%)  msrp %8.1f MB/s (cpu tx %3.0f%% rx "
                        "%3.0f%%)  ratio %.2f\n",
                        run + 1, w, raw.back(), pct(r.tx, r.tx), pct(r.rx, r.tx), msrp.back(), pct(m.tx, m.tx), pct(m.rx, m.tx),
                        ratio.back());
            if (coalescing) {
                auto const m1 = measure(msrp_receiver,
                                        [&](int fd, std::uint16_t port) { msrp_sender(fd, port, bytes, 1, w, false); });
                ok = ok && m1.tx.ok && m1.rx.bytes == bytes;
                msrp1.push_back(mbps(m1.tx));
                ratio1.push_back(raw.back() > 0 ? msrp1.back() / raw.back() : 0);
                std::printf("  run %d  %5zu B  msrp-1 (one chunk per write) %8.1f MB/s (cpu tx %3.0f%% rx %3.0f%%)  ratio %.2f\n",
                            run + 1, w, msrp1.back(), pct(m1.tx, m1.tx), pct(m1.rx, m1.tx), ratio1.back());
            }
        }
        std::printf("write %5zu B  raw-tcp %8.1f MB/s  msrp %8.1f MB/s  ratio msrp/raw-tcp %.2f\n", w, median(raw),
                    median(msrp), median(ratio));
        if (coalescing)
            std::printf("write %5zu B  msrp-1 (one chunk per write) %8.1f MB/s  ratio msrp-1/raw-tcp %.2f\n", w,
                        median(msrp1), median(ratio1));
        std::printf("  peak resident (VmHWM): raw-tcp sender %ld KiB receiver %ld KiB; msrp sender %ld KiB receiver %ld KiB\n",
                    raw_hwm[0], raw_hwm[1], msrp_hwm[0], msrp_hwm[1]);
    }
    std::vector<double> rates;
    long hwm[2] = {0, 0};
    for (int run = 0; run < runs; ++run) {
        auto const m =
            measure(msrp_receiver, [&](int fd, std::uint16_t port) { msrp_sender(fd, port, 100, messages, 64 * 1024); });
        ok = ok && m.tx.ok && m.rx.messages == messages;
        rates.push_back(m.tx.seconds > 0 ? static_cast<double>(m.tx.messages) / m.tx.seconds : 0);
        hwm[0] = std::max(hwm[0], m.tx.hwm_kib);
        hwm[1] = std::max(hwm[1], m.rx.hwm_kib);
    }
    std::printf("small messages: %llu x 100 B SEND with Success-Report, one session: %.0f messages/s "
                "(VmHWM sender %ld KiB receiver %ld KiB)\n",
                static_cast<unsigned long long>(messages), median(rates), hwm[0], hwm[1]);
    std::printf("load average after: %s\n", load_average().c_str());
    if (!ok)
        std::printf("ERROR: a transfer did not complete\n");
    return ok ? 0 : 1;
}
