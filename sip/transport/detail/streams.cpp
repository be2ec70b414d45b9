// The two stream kinds under detail::connection: plain TCP and TLS over TCP.
#include "sip/transport/detail/connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <openssl/ssl.h>

namespace cpm::sip::transport::detail {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

class tcp_connection final : public connection {
public:
    tcp_connection(layer& owner, connection_id id, peer remote, asio::ip::tcp::socket socket)
        : connection(owner, id, remote), socket_(std::move(socket))
    {
    }

private:
    asio::ip::tcp::socket& socket() noexcept override { return socket_; }

    asio::awaitable<error_code> handshake(bool, std::string const&) override { co_return error_code(); }

    asio::awaitable<std::tuple<error_code, std::size_t>> read_some(std::span<char> buffer) override
    {
        co_return co_await socket_.async_read_some(asio::buffer(buffer.data(), buffer.size()), tuple_awaitable);
    }

    asio::awaitable<error_code> write_all(std::string const& bytes) override
    {
        auto [ec, n] = co_await asio::async_write(socket_, asio::buffer(bytes), tuple_awaitable);
        co_return ec;
    }

    void end_sending() override
    {
        error_code ignored;
        socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    }

    asio::ip::tcp::socket socket_;
};

class tls_connection final : public connection {
public:
    tls_connection(layer& owner, connection_id id, peer remote, asio::ip::tcp::socket socket,
                   asio::ssl::context& context)
        : connection(owner, id, remote), stream_(std::move(socket), context)
    {
    }

private:
    asio::ip::tcp::socket& socket() noexcept override { return stream_.next_layer(); }

    asio::awaitable<error_code> handshake(bool server, std::string const& server_name) override
    {
        if (!server && !server_name.empty()) {
            // RFC 5922 7.2 (via RFC 3261 26.3.1): the client names the
            // domain it wants (SNI) and checks the certificate against it
            // when the context asks for peer verification.
            SSL_set_tlsext_host_name(stream_.native_handle(), server_name.c_str());
            stream_.set_verify_callback(asio::ssl::host_name_verification(server_name));
        }
        auto [ec] = co_await stream_.async_handshake(server ? asio::ssl::stream_base::server
                                                            : asio::ssl::stream_base::client,
                                                     tuple_awaitable);
        co_return ec;
    }

    asio::awaitable<std::tuple<error_code, std::size_t>> read_some(std::span<char> buffer) override
    {
        co_return co_await stream_.async_read_some(asio::buffer(buffer.data(), buffer.size()), tuple_awaitable);
    }

    asio::awaitable<error_code> write_all(std::string const& bytes) override
    {
        auto [ec, n] = co_await asio::async_write(stream_, asio::buffer(bytes), tuple_awaitable);
        co_return ec;
    }

    void end_sending() override
    {
        // RFC 8446 6.1: close_notify before our side ends, so the peer can
        // tell the end of the stream from a truncation. The shutdown then
        // waits for the peer's close_notify, taking turns with the read
        // loop (which drains and sees the end); close() ends the wait.
        stream_.async_shutdown([self = shared_from_this()](error_code) {});
    }

    asio::ssl::stream<asio::ip::tcp::socket> stream_;
};

} // namespace

std::shared_ptr<connection> make_tcp_connection(layer& owner, connection_id id, peer remote,
                                                asio::ip::tcp::socket socket)
{
    return std::make_shared<tcp_connection>(owner, id, remote, std::move(socket));
}

std::shared_ptr<connection> make_tls_connection(layer& owner, connection_id id, peer remote,
                                                asio::ip::tcp::socket socket, asio::ssl::context& context)
{
    return std::make_shared<tls_connection>(owner, id, remote, std::move(socket), context);
}

} // namespace cpm::sip::transport::detail
