#define BOOST_TEST_MODULE msrp_session_connection
#include "harness.hpp"

#include "msrp/session/connection.hpp"
#include "msrp/session/error.hpp"
#include "msrp/session/setup.hpp"

#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/_experimental/test/stream.hpp>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <chrono>
#include <fstream>
#include <limits>

using namespace cpm::msrp;
using namespace cpm::msrp::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

std::string uri_at(std::uint16_t port, std::string const& id, bool secure = false)
{
    return std::string(secure ? "msrps" : "msrp") + "://127.0.0.1:" + std::to_string(port) + "/" + id + ";tcp";
}

/// Runs @p ioc until @p done or a generous bound (a hang fails the test).
void run_until(asio::io_context& ioc, bool const& done)
{
    auto const deadline = std::chrono::steady_clock::now() + 60s;
    while (!done && std::chrono::steady_clock::now() < deadline && !ioc.stopped())
        ioc.run_for(50ms);
    BOOST_REQUIRE_MESSAGE(done, "the scenario did not finish");
}

/// The outcome of one connection's run().
struct outcome {
    bool done = false;
    boost::system::error_code ec;
};

template <class Stream>
asio::awaitable<void> drive(std::shared_ptr<connection<Stream>> c, outcome& out)
{
    out.ec = co_await c->run();
    out.done = true;
}

/// A stream wrapper for fault injection: every read waits @p delay first,
/// every write @p write_delay (a socket slow to take bytes); bytes
/// [drop_at, drop_at + drop_len) of the stream vanish; once cut_at bytes
/// were read the connection drops.
template <class Inner>
class faulty_stream {
public:
    using executor_type = typename Inner::executor_type;
    struct faults {
        std::chrono::milliseconds delay{0};
        std::chrono::milliseconds write_delay{0};
        std::uint64_t drop_at = std::numeric_limits<std::uint64_t>::max();
        std::size_t drop_len = 0;
        std::uint64_t cut_at = std::numeric_limits<std::uint64_t>::max();
    };
    faulty_stream(Inner inner, faults f)
        : inner_(std::move(inner)), timer_(inner_.get_executor()), write_timer_(inner_.get_executor()), f_(f)
    {
    }
    executor_type get_executor() { return inner_.get_executor(); }
    void close() { inner_.close(); }

    template <class Buffers, class Token>
    auto async_write_some(Buffers const& b, Token&& token)
    {
        // Its own timer: a read waiting meanwhile must not cancel the delay.
        return asio::async_compose<Token, void(boost::system::error_code, std::size_t)>(
            [this, b, step = 0](auto& self, boost::system::error_code ec = {}, std::size_t n = 0) mutable {
                if (step == 0 && f_.write_delay > std::chrono::milliseconds(0)) {
                    step = 1;
                    write_timer_.expires_after(f_.write_delay);
                    write_timer_.async_wait(std::move(self));
                    return;
                }
                if (step < 2) {
                    step = 2;
                    inner_.async_write_some(b, std::move(self));
                    return;
                }
                self.complete(ec, n);
            },
            token, write_timer_);
    }

    template <class Buffers, class Token>
    auto async_read_some(Buffers const& b, Token&& token)
    {
        return asio::async_compose<Token, void(boost::system::error_code, std::size_t)>(
            [this, b, step = 0](auto& self, boost::system::error_code ec = {}, std::size_t n = 0) mutable {
                if (step == 0) {
                    step = 1;
                    timer_.expires_after(f_.delay);
                    timer_.async_wait(std::move(self));
                    return;
                }
                if (step == 1) {
                    step = 2;
                    inner_.async_read_some(b, std::move(self));
                    return;
                }
                if (!ec)
                    n = mangle(*asio::buffer_sequence_begin(b), n, ec);
                self.complete(ec, n);
            },
            token, timer_);
    }

private:
    std::size_t mangle(asio::mutable_buffer buf, std::size_t n, boost::system::error_code& ec)
    {
        char* const p = static_cast<char*>(buf.data());
        std::uint64_t const from = read_;
        read_ += n;
        if (read_ >= f_.cut_at) {
            inner_.close();
            ec = asio::error::connection_reset;
            return 0;
        }
        // Remove the part of [drop_at, drop_at + drop_len) inside this read.
        std::uint64_t const lo = std::max(from, f_.drop_at);
        std::uint64_t const hi = std::min(from + n, f_.drop_at + f_.drop_len);
        if (lo >= hi)
            return n;
        std::memmove(p + (lo - from), p + (hi - from), static_cast<std::size_t>(from + n - hi));
        return n - static_cast<std::size_t>(hi - lo);
    }

    Inner inner_;
    asio::steady_timer timer_;
    asio::steady_timer write_timer_;
    faults f_;
    std::uint64_t read_ = 0;
};

/// A throw-away self-signed certificate for 127.0.0.1 (OpenSSL API, in memory).
struct throwaway_cert {
    throwaway_cert()
    {
        key = EVP_EC_gen("P-256");
        BOOST_REQUIRE(key);
        cert = X509_new();
        X509_set_version(cert, 2);
        ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
        X509_gmtime_adj(X509_getm_notBefore(cert), -60);
        X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
        X509_set_pubkey(cert, key);
        X509_NAME* name = X509_get_subject_name(cert);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<unsigned char const*>("127.0.0.1"), -1, -1, 0);
        X509_set_issuer_name(cert, name);
        BOOST_REQUIRE(X509_sign(cert, key, EVP_sha256()) > 0);
    }
    ~throwaway_cert()
    {
        X509_free(cert);
        EVP_PKEY_free(key);
    }
    throwaway_cert(throwaway_cert const&) = delete;
    throwaway_cert& operator=(throwaway_cert const&) = delete;
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
};

std::uint64_t status_kib(char const* key)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0)
            return std::stoull(line.substr(std::string_view(key).size()));
    return 0;
}

} // namespace

BOOST_AUTO_TEST_CASE(tcp_loopback_active_and_passive)
{
    asio::io_context ioc;
    tcp::acceptor acceptor(ioc, {asio::ip::address_v4::loopback(), 0});
    std::string const bob = uri_at(acceptor.local_endpoint().port(), "bob66");
    std::string const alice = uri_at(1, "alice55");
    endpoint a(alice, bob), b(bob, alice);
    std::string const body(300'000, 'x');
    outcome ra, rb;
    std::shared_ptr<connection<tcp::socket>> active;
    a.on_event = [&](recorded const& e) {
        if (e.kind == event_kind::report_received)
            active->close(); // orderly: all written and answered
    };
    // The passive end (RFC 4975 5.4) binds the connection to its session
    // when the first SEND's To-Path names it: a directory, no attach().
    b.routes.detach(*b.sess); // the harness router never sees this traffic
    asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
        auto socket = co_await acceptor.async_accept(asio::use_awaitable);
        auto c = std::make_shared<connection<tcp::socket>>(std::move(socket));
        c->set_directory([&](head const& request) { return b.sess->addressed(request) ? b.sess.get() : nullptr; });
        BOOST_TEST(b.sess->bound_to() == nullptr);
        co_await drive(c, rb);
    }, asio::detached);
    asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
        auto const role = connection_role(std::nullopt, true);
        BOOST_TEST((role == setup_role::active));
        auto hop = hop_of(a.sess->config().remote_path);
        BOOST_REQUIRE(hop);
        auto socket = co_await connect(ioc.get_executor(), *hop);
        BOOST_REQUIRE(socket);
        active = std::make_shared<connection<tcp::socket>>(std::move(*socket));
        active->attach(*a.sess, *role);
        send_options o;
        o.success_report = report_mode::yes;
        BOOST_REQUIRE(a.sess->send(body, o));
        co_await drive(active, ra);
    }, asio::detached);
    bool const& both = rb.done; // the passive end sees the FIN last
    run_until(ioc, both);
    BOOST_TEST(ra.done);
    BOOST_TEST(!ra.ec); // orderly close
    BOOST_TEST(a.count(event_kind::message_sent) == 2u);
    BOOST_REQUIRE_EQUAL(b.count(event_kind::message_received), 1u);
    BOOST_TEST((b.find(event_kind::message_received)->body == body));
}

BOOST_AUTO_TEST_CASE(tls_loopback_with_throwaway_certificate)
{
    throwaway_cert cert;
    asio::ssl::context server(asio::ssl::context::tls_server), client(asio::ssl::context::tls_client);
    BOOST_REQUIRE(SSL_CTX_use_certificate(server.native_handle(), cert.cert) == 1);
    BOOST_REQUIRE(SSL_CTX_use_PrivateKey(server.native_handle(), cert.key) == 1);
    BOOST_REQUIRE(X509_STORE_add_cert(SSL_CTX_get_cert_store(client.native_handle()), cert.cert) == 1);
    client.set_verify_mode(asio::ssl::verify_peer);
    using tls = asio::ssl::stream<tcp::socket>;

    asio::io_context ioc;
    tcp::acceptor acceptor(ioc, {asio::ip::address_v4::loopback(), 0});
    std::string const bob = uri_at(acceptor.local_endpoint().port(), "bob66", true);
    std::string const alice = uri_at(1, "alice55", true);
    endpoint a(alice, bob), b(bob, alice);
    outcome ra, rb;
    std::shared_ptr<connection<tls>> active;
    a.on_event = [&](recorded const& e) {
        if (e.kind == event_kind::message_sent && a.count(event_kind::message_sent) == 2)
            active->close();
    };
    asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
        tls stream(co_await acceptor.async_accept(asio::use_awaitable), server);
        BOOST_REQUIRE(!co_await handshake(stream, setup_role::passive));
        auto c = std::make_shared<connection<tls>>(std::move(stream));
        c->attach(*b.sess);
        co_await drive(c, rb);
    }, asio::detached);
    asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
        auto hop = hop_of(a.sess->config().remote_path);
        BOOST_REQUIRE(hop);
        BOOST_TEST(hop->secure);
        auto socket = co_await connect(ioc.get_executor(), *hop);
        BOOST_REQUIRE(socket);
        tls stream(std::move(*socket), client);
        auto const ec = co_await handshake(stream, setup_role::active);
        BOOST_REQUIRE_MESSAGE(!ec, ec.message());
        active = std::make_shared<connection<tls>>(std::move(stream));
        active->attach(*a.sess, setup_role::active);
        a.sess->send("over TLS", {});
        co_await drive(active, ra);
    }, asio::detached);
    run_until(ioc, rb.done);
    // The active end finishes its TLS shutdown a few steps after the passive
    // end stops (was a flaky check when the run slice ended in between).
    run_until(ioc, ra.done);
    BOOST_REQUIRE_EQUAL(b.count(event_kind::message_received), 1u);
    BOOST_TEST(b.find(event_kind::message_received)->body == "over TLS");
}

BOOST_AUTO_TEST_CASE(two_sessions_share_one_tcp_connection)
{
    asio::io_context ioc;
    tcp::acceptor acceptor(ioc, {asio::ip::address_v4::loopback(), 0});
    std::uint16_t const port = acceptor.local_endpoint().port();
    std::string const bob1 = uri_at(port, "bob11111"), bob2 = uri_at(port, "bob22222");
    std::string const alice1 = uri_at(1, "alice1111"), alice2 = uri_at(1, "alice2222");
    endpoint a1(alice1, bob1), a2(alice2, bob2), b1(bob1, alice1), b2(bob2, alice2);
    outcome ra, rb;
    std::shared_ptr<connection<tcp::socket>> active;
    auto const done = [&](recorded const&) {
        // both bodiless SENDs and both messages answered
        if (a1.count(event_kind::message_sent) == 2 && a2.count(event_kind::message_sent) == 2)
            active->close();
    };
    a1.on_event = done;
    a2.on_event = done;
    asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
        auto c = std::make_shared<connection<tcp::socket>>(co_await acceptor.async_accept(asio::use_awaitable));
        c->attach(*b1.sess); // the passive end expects both sessions here
        c->attach(*b2.sess);
        co_await drive(c, rb);
    }, asio::detached);
    asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
        auto hop = hop_of(bob1);
        auto socket = co_await connect(ioc.get_executor(), *hop);
        BOOST_REQUIRE(socket);
        active = std::make_shared<connection<tcp::socket>>(std::move(*socket));
        active->attach(*a1.sess, setup_role::active);
        active->attach(*a2.sess, setup_role::active); // RFC 4975 5.4: reuse of the connection
        a1.sess->send(std::string(100'000, '1'), {});
        a2.sess->send(std::string(70'000, '2'), {});
        co_await drive(active, ra);
    }, asio::detached);
    run_until(ioc, rb.done);
    BOOST_REQUIRE_EQUAL(b1.count(event_kind::message_received), 1u);
    BOOST_REQUIRE_EQUAL(b2.count(event_kind::message_received), 1u);
    BOOST_TEST((b1.find(event_kind::message_received)->body == std::string(100'000, '1')));
    BOOST_TEST((b2.find(event_kind::message_received)->body == std::string(70'000, '2')));
}

namespace {

using test_stream = boost::beast::test::stream;
using faulty = faulty_stream<test_stream>;

/// Alice and bob over an in-memory pipe; alice's reads suffer @p fa,
/// bob's @p fb; reads return at most 7 and 13 bytes.
struct memory_pair {
    memory_pair(session_config ca, session_config cb, faulty::faults fa, faulty::faults fb)
        : a(alice_uri, bob_uri, ca), b(bob_uri, alice_uri, cb)
    {
        test_stream sa(ioc), sb(ioc);
        sa.connect(sb);
        sa.read_size(7);
        sb.read_size(13);
        ca_ = std::make_shared<connection<faulty>>(faulty(std::move(sa), fa));
        cb_ = std::make_shared<connection<faulty>>(faulty(std::move(sb), fb));
        ca_->attach(*a.sess);
        cb_->attach(*b.sess);
        asio::co_spawn(ioc, drive(ca_, ra), asio::detached);
        asio::co_spawn(ioc, drive(cb_, rb), asio::detached);
    }
    asio::io_context ioc;
    endpoint a, b;
    std::shared_ptr<connection<faulty>> ca_, cb_;
    outcome ra, rb;
};

session_config chunked(std::size_t n)
{
    session_config c;
    c.chunk_size = n;
    return c;
}

} // namespace

BOOST_AUTO_TEST_CASE(memory_transport_splits_and_delays)
{
    faulty::faults slow;
    slow.delay = 1ms;
    memory_pair p(chunked(1000), chunked(333), slow, {});
    std::string const x(5000, 'q'), y(2000, 'r');
    p.a.sess->send(x, {});
    p.b.sess->send(y, {});
    bool finished = false;
    p.a.on_event = [&](recorded const&) {
        if (p.a.count(event_kind::message_sent) == 1 && p.a.count(event_kind::message_received) == 1)
            finished = true;
    };
    run_until(p.ioc, finished);
    BOOST_TEST((p.b.find(event_kind::message_received)->body == x));
    BOOST_TEST((p.a.find(event_kind::message_received)->body == y));
    p.ca_->abort();
    run_until(p.ioc, p.rb.done);
    BOOST_TEST(p.ra.ec == make_error_code(session_errc::aborted));
    BOOST_TEST(p.rb.ec); // the peer saw the connection go
}

BOOST_AUTO_TEST_CASE(memory_transport_dropped_bytes_fail_the_chunk_with_400)
{
    faulty::faults lossy;
    lossy.drop_at = 2000; // inside the body of the first chunk
    lossy.drop_len = 5;
    memory_pair p(chunked(4000), {}, {}, lossy);
    auto const id = p.a.sess->send(std::string(10'000, 'z'), {});
    bool failed = false;
    p.a.on_event = [&](recorded const& e) { failed = failed || e.kind == event_kind::message_failed; };
    run_until(p.ioc, failed);
    auto const* f = p.a.find(event_kind::message_failed);
    BOOST_TEST(f->id == *id);
    BOOST_TEST(f->status == 400); // the chunk came short of its Byte-Range
    BOOST_TEST(p.b.count(event_kind::message_received) == 0u);
    BOOST_TEST(p.b.count(event_kind::receive_failed) == 1u);
    // The connection survived: the next message goes through.
    p.a.sess->send("after", {});
    bool got = false;
    p.b.on_event = [&](recorded const& e) { got = got || e.kind == event_kind::message_received; };
    run_until(p.ioc, got);
    BOOST_TEST(p.b.find(event_kind::message_received)->body == "after");
}

BOOST_AUTO_TEST_CASE(memory_transport_timeout_starts_when_the_chunk_is_written)
{
    // RFC 4975 7.1.1: the transaction timeout is the wait for the response
    // to a request sent. Alice's socket takes 1.5 s to accept each write and
    // her timeout is 1 s: counted from the hand-out (before) it fired while
    // the chunk was still in her socket; from the write, the 200 is in time.
    faulty::faults slow_writes;
    slow_writes.write_delay = 1500ms;
    session_config c;
    c.transaction_timeout = 1000ms;
    memory_pair p(c, {}, slow_writes, {});
    auto const id = p.a.sess->send("through the jam", {});
    bool settled = false;
    p.a.on_event = [&](recorded const&) { settled = true; };
    run_until(p.ioc, settled);
    BOOST_TEST(p.a.count(event_kind::message_failed) == 0u);
    BOOST_REQUIRE_EQUAL(p.a.count(event_kind::message_sent), 1u);
    BOOST_TEST(p.a.find(event_kind::message_sent)->id == *id);
    BOOST_REQUIRE_EQUAL(p.b.count(event_kind::message_received), 1u);
    BOOST_TEST(p.b.find(event_kind::message_received)->body == "through the jam");
}

BOOST_AUTO_TEST_CASE(memory_transport_dropped_connection_fails_pending_work)
{
    faulty::faults cut;
    cut.cut_at = 50'000;
    memory_pair p(chunked(8000), {}, {}, cut);
    p.a.sess->send(std::string(200'000, 'c'), {});
    run_until(p.ioc, p.ra.done);
    run_until(p.ioc, p.rb.done);
    auto const* f = p.a.find(event_kind::message_failed);
    BOOST_REQUIRE(f);
    BOOST_TEST(f->error == make_error_code(session_errc::connection_closed));
    auto const* g = p.b.find(event_kind::receive_failed);
    BOOST_REQUIRE(g);
    BOOST_TEST(g->error == make_error_code(session_errc::connection_closed));
}

BOOST_AUTO_TEST_CASE(large_message_through_a_null_sink_in_bounded_memory)
{
    constexpr std::uint64_t size = 64ull << 20;
    asio::io_context ioc;
    tcp::acceptor acceptor(ioc, {asio::ip::address_v4::loopback(), 0});
    std::string const bob = uri_at(acceptor.local_endpoint().port(), "bob66");
    std::string const alice = uri_at(1, "alice55");
    null_sink* sink = nullptr;
    endpoint a(alice, bob), b(bob, alice, {}, [&](incoming_message const&) {
        auto s = std::make_unique<null_sink>();
        sink = s.get();
        return s;
    });
    std::uint64_t received = 0;
    b.on_event = [&](recorded const& e) {
        if (e.kind == event_kind::message_received)
            received = *e.range.total;
    };
    { std::ofstream("/proc/self/clear_refs") << "5"; } // resets VmHWM to the current RSS
    std::uint64_t const base = status_kib("VmRSS:");
    outcome ra, rb;
    std::shared_ptr<connection<tcp::socket>> active;
    a.on_event = [&](recorded const& e) {
        if (e.kind == event_kind::message_sent && a.count(event_kind::message_sent) == 2)
            active->close(); // the bodiless SEND and the big one
    };
    asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
        auto c = std::make_shared<connection<tcp::socket>>(co_await acceptor.async_accept(asio::use_awaitable));
        c->attach(*b.sess);
        co_await drive(c, rb);
    }, asio::detached);
    asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
        auto socket = co_await connect(ioc.get_executor(), *hop_of(bob));
        active = std::make_shared<connection<tcp::socket>>(std::move(*socket));
        active->attach(*a.sess, setup_role::active);
        a.sess->send(std::make_unique<pattern_source>(size), {});
        co_await drive(active, ra);
    }, asio::detached);
    run_until(ioc, rb.done);
    BOOST_TEST(received == size);
    BOOST_REQUIRE(sink);
    std::uint64_t const peak = status_kib("VmHWM:");
    BOOST_TEST_MESSAGE("RSS " << base << " KiB before, peak " << peak << " KiB");
    BOOST_TEST(peak < base + 48 * 1024); // both ends in this process, 64 MiB moved
}
