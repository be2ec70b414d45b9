#include "msrp/session/setup.hpp"

#include "msrp/session/error.hpp"
#include "msrp/uri.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace cpm::msrp {

namespace asio = boost::asio;
using asio::ip::tcp;

std::optional<setup_role> connection_role(std::optional<std::string_view> negotiated_setup, bool offerer) noexcept
{
    if (!negotiated_setup)
        return offerer ? setup_role::active : setup_role::passive;
    if (*negotiated_setup == "active")
        return setup_role::active;
    if (*negotiated_setup == "passive")
        return setup_role::passive;
    return std::nullopt;
}

boost::system::result<next_hop> hop_of(std::string_view remote_path)
{
    auto const u = parse_uri(remote_path.substr(0, remote_path.find(' ')));
    if (!u || !u->port)
        return session_errc::bad_path;
    std::string_view host = u->host;
    if (host.size() >= 2 && host.front() == '[')
        host = host.substr(1, host.size() - 2);
    return next_hop{std::string(host), *u->port, u->secure};
}

asio::awaitable<boost::system::result<tcp::socket>> connect(asio::any_io_executor ex, next_hop hop)
{
    tcp::resolver resolver(ex);
    auto [rec, endpoints] =
        co_await resolver.async_resolve(hop.host, std::to_string(hop.port), asio::as_tuple(asio::use_awaitable));
    if (rec)
        co_return rec;
    tcp::socket socket(ex);
    auto [cec, ep] = co_await asio::async_connect(socket, endpoints, asio::as_tuple(asio::use_awaitable));
    if (cec)
        co_return cec;
    // Chunks are written whole; waiting for more data only adds latency.
    socket.set_option(tcp::no_delay(true), cec);
    co_return std::move(socket);
}

asio::awaitable<boost::system::error_code> handshake(asio::ssl::stream<tcp::socket>& stream, setup_role role)
{
    auto const type = role == setup_role::active ? asio::ssl::stream_base::client : asio::ssl::stream_base::server;
    auto [ec] = co_await stream.async_handshake(type, asio::as_tuple(asio::use_awaitable));
    co_return ec;
}

} // namespace cpm::msrp
