#include "sip/transport/resolver.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace cpm::sip::transport {

namespace asio = boost::asio;

asio::awaitable<result<std::vector<asio::ip::address>>> system_resolver::resolve(std::string host, transport_kind)
{
    // The port plays no part in which addresses come back: resolve the
    // name only ("0"); the caller keeps the port it chose.
    auto [ec, entries] = co_await resolver_.async_resolve(host, "0", asio::as_tuple(asio::use_awaitable));
    if (ec)
        co_return ec;
    std::vector<asio::ip::address> addresses;
    for (auto const& entry : entries)
        addresses.push_back(entry.endpoint().address());
    if (addresses.empty())
        co_return make_error_code(errc::host_not_found);
    co_return addresses;
}

std::optional<asio::ip::address> parse_ip_literal(std::string_view host)
{
    // RFC 3261 25.1: IPv6reference = "[" IPv6address "]".
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    boost::system::error_code ec;
    auto address = asio::ip::make_address(std::string(host), ec);
    if (ec)
        return std::nullopt;
    return address;
}

} // namespace cpm::sip::transport
