#pragma once
/// @file
/// cpm-server's command line.

#include "cpm/core/log.hpp"
#include "sip/transport/endpoint.hpp"

#include <boost/asio/ip/address.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace cpm::server {

struct options {
    std::vector<sip::transport::endpoint> listen;
    std::string domain;
    std::string users_file;
    /// Peers whose requests are not challenged (RFC 3325 trust domain).
    std::vector<boost::asio::ip::address> trusted;
    std::size_t workers = 1;
    std::chrono::seconds min_expires{60};
    std::chrono::seconds max_expires{3600};
    core::log_level level = core::log_level::info;
    /// RFC 3261 T1 and T2 (timers A to K follow from them and T4).
    std::chrono::milliseconds t1{500};
    std::chrono::milliseconds t2{4000};
    std::chrono::milliseconds t4{5000};
    std::size_t max_connections = 1024;
    /// Live transactions per worker. A UDP proxy keeps each non-INVITE server
    /// transaction 64*T1 (Timer J, 32 s) after its answer: 4,000 MESSAGE/s
    /// hold about 150,000.
    std::size_t max_transactions = 262144;
    std::size_t max_message_size = 64 * 1024;
    std::string tls_certificate; ///< PEM chain for tls: listeners
    std::string tls_key;         ///< PEM private key for tls: listeners
};

/// What main() does after reading the command line.
struct show_help {};

/// Reads @p argv; a problem comes back as a sentence naming the flag.
std::variant<options, show_help, std::string> parse_options(int argc, char const* const* argv);

/// The text printed by --help.
char const* usage() noexcept;

} // namespace cpm::server
