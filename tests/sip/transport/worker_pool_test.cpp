// Workers share one UDP and one TCP port through SO_REUSEPORT; the
// kernel spreads the traffic and every message reaches some worker.
#define BOOST_TEST_MODULE sip_transport_worker_pool
#include <boost/test/unit_test.hpp>

#include "loopback.hpp"

#include "sip/transport/worker_pool.hpp"

#include <boost/asio/ip/udp.hpp>
#include <boost/asio/write.hpp>

#include <atomic>
#include <future>
#include <thread>

using namespace cpm::sip;
using namespace cpm::sip::transport;
using namespace cpm::sip::transport::test;

BOOST_AUTO_TEST_CASE(traffic_spreads_over_workers_sharing_a_port)
{
    worker_pool pool(2, config{});
    std::atomic<int> per_worker[2] = {0, 0};
    for (std::size_t i = 0; i < pool.size(); ++i)
        pool.layer(i).on_message([&counter = per_worker[i]](inbound) { ++counter; });
    auto const udp_port = pool.listen(transport_kind::udp, loopback(), 0);
    BOOST_TEST_REQUIRE(udp_port.has_value());
    auto const tcp_port = pool.listen(transport_kind::tcp, loopback(), 0);
    BOOST_TEST_REQUIRE(tcp_port.has_value());
    pool.start();

    // 64 senders with distinct source ports: the kernel's hash puts them
    // on both workers (all on one has probability 2^-63).
    asio::io_context client;
    std::vector<asio::ip::udp::socket> senders;
    for (int i = 0; i < 64; ++i) {
        senders.emplace_back(client, asio::ip::udp::endpoint(loopback(), 0));
        senders.back().send_to(asio::buffer(request()), asio::ip::udp::endpoint(loopback(), *udp_port));
    }
    std::vector<asio::ip::tcp::socket> streams;
    for (int i = 0; i < 8; ++i) {
        streams.emplace_back(client);
        streams.back().connect(asio::ip::tcp::endpoint(loopback(), *tcp_port));
        asio::write(streams.back(), asio::buffer(request("127.0.0.1:5060", "", "tcp", "TCP")));
    }
    auto const deadline = std::chrono::steady_clock::now() + 5s;
    while (per_worker[0] + per_worker[1] < 72 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(5ms);
    pool.stop();
    BOOST_TEST(per_worker[0] + per_worker[1] == 72);
    BOOST_TEST(per_worker[0] > 0);
    BOOST_TEST(per_worker[1] > 0);
}

BOOST_AUTO_TEST_CASE(connection_ids_differ_across_workers)
{
    worker_pool pool(2, config{});
    std::atomic<std::uint64_t> ids[2] = {0, 0};
    for (std::size_t i = 0; i < pool.size(); ++i)
        pool.layer(i).on_message([&id = ids[i]](inbound in) { id = static_cast<std::uint64_t>(in.connection); });
    auto const port = pool.listen(transport_kind::tcp, loopback(), 0).value();
    pool.start();
    asio::io_context client;
    std::vector<asio::ip::tcp::socket> streams;
    auto const deadline = std::chrono::steady_clock::now() + 5s;
    // Connect until both workers have accepted one.
    while ((ids[0] == 0 || ids[1] == 0) && std::chrono::steady_clock::now() < deadline) {
        streams.emplace_back(client);
        streams.back().connect(asio::ip::tcp::endpoint(loopback(), port));
        asio::write(streams.back(), asio::buffer(request("127.0.0.1:5060", "", "x", "TCP")));
        std::this_thread::sleep_for(10ms);
    }
    pool.stop();
    BOOST_TEST_REQUIRE(ids[0] != 0u);
    BOOST_TEST_REQUIRE(ids[1] != 0u);
    BOOST_TEST((ids[0] >> 48) == 0u);
    BOOST_TEST((ids[1] >> 48) == 1u);
}

BOOST_AUTO_TEST_CASE(a_worker_sends_over_the_connection_another_worker_accepted)
{
    // RFC 5626 5.3: a proxy reaches a client over the connection the
    // client opened; the worker that sends need not be the one holding it.
    worker_pool pool(2, config{});
    std::atomic<int> seen{0};
    for (std::size_t i = 0; i < pool.size(); ++i)
        pool.layer(i).on_message([&](inbound) { ++seen; });
    auto const port = pool.listen(transport_kind::tcp, loopback(), 0).value();
    pool.start();
    asio::io_context client;
    asio::ip::tcp::socket stream(client);
    stream.connect(asio::ip::tcp::endpoint(loopback(), port));
    asio::write(stream, asio::buffer(request("127.0.0.1:5060", "", "held", "TCP")));
    auto const deadline = std::chrono::steady_clock::now() + 5s;
    while (seen == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(5ms);
    BOOST_TEST_REQUIRE(seen == 1);

    // The layer without the connection sends to the client's address.
    std::size_t const holder = pool.layer(0).connection_count() == 1 ? 0 : 1;
    std::size_t const other = 1 - holder;
    peer const to{loopback(), stream.local_endpoint().port(), transport_kind::tcp};
    std::promise<boost::system::error_code> sent;
    asio::co_spawn(
        pool.layer(other).get_executor(),
        [&]() -> asio::awaitable<void> { sent.set_value(co_await pool.layer(other).send(response(), to)); },
        asio::detached);
    auto result = sent.get_future();
    BOOST_TEST_REQUIRE((result.wait_for(5s) == std::future_status::ready));
    BOOST_TEST(!result.get());

    std::string pending;
    std::string received;
    asio::co_spawn(
        client, [&]() -> asio::awaitable<void> { received = co_await read_message(stream, pending); }, asio::detached);
    client.run_for(5s);
    pool.stop();
    BOOST_TEST(received == response());
    BOOST_TEST(pool.layer(other).connection_count() == 0u); // none opened
    BOOST_TEST(pool.layer(holder).connection_count() == 1u);
}
