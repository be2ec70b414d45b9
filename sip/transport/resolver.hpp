#pragma once
/// @file
/// Host name resolution behind an interface: the system resolver by
/// default, a fake in tests, RFC 3263 NAPTR/SRV later.

#include "sip/transport/error.hpp"
#include "sip/transport/peer.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <string>
#include <vector>

namespace cpm::sip::transport {

/// Resolves a host name to addresses, asynchronously.
class resolver {
public:
    virtual ~resolver() = default;

    /// Addresses of @p host (a domain name, never an IP literal: the layer
    /// handles those itself) for reaching it over @p kind, best first. An
    /// empty list is an error (errc::host_not_found).
    virtual boost::asio::awaitable<result<std::vector<boost::asio::ip::address>>>
    resolve(std::string host, transport_kind kind) = 0;
};

/// The system resolver (getaddrinfo through asio::ip::tcp::resolver,
/// which Asio runs off the calling thread).
class system_resolver final : public resolver {
public:
    explicit system_resolver(boost::asio::any_io_executor executor) : resolver_(std::move(executor)) {}

    boost::asio::awaitable<result<std::vector<boost::asio::ip::address>>>
    resolve(std::string host, transport_kind kind) override;

private:
    boost::asio::ip::tcp::resolver resolver_;
};

/// An IP literal as written in a Via or URI host ("192.0.2.1", "[::1]"),
/// or nullopt for a domain name.
std::optional<boost::asio::ip::address> parse_ip_literal(std::string_view host);

} // namespace cpm::sip::transport
