#include "options.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <optional>
#include <string_view>

namespace cpm::server {

namespace {

std::optional<std::size_t> number(std::string_view text, std::size_t low, std::size_t high)
{
    std::size_t value = 0;
    auto const r = std::from_chars(text.data(), text.data() + text.size(), value);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size() || value < low || value > high)
        return std::nullopt;
    return value;
}

} // namespace

char const* usage() noexcept
{
    return "usage: cpm-server --listen <udp|tcp|tls>:<address>[:<port>] [--listen ...]\n"
           "                  --domain <domain> --users <file> [options]\n"
           "  --listen T:A:P        listen on transport T, IP address A, port P (0: any free); repeatable\n"
           "  --domain D            the domain served (registrar, Digest realm, proxy)\n"
           "  --users FILE          users: '<user> plain:<password>|md5:<HA1>|sha256:<HA1> [display name]'\n"
           "  --trust ADDRESS       requests from this peer are not challenged; repeatable\n"
           "  --workers N           worker threads (default 1)\n"
           "  --min-expires S       shorter registrations get 423 (default 60)\n"
           "  --max-expires S       longer ones are shortened (default 3600)\n"
           "  --t1 MS --t2 MS --t4 MS   RFC 3261 timer bases (default 500, 4000, 5000)\n"
           "  --max-connections N   stream connections per worker (default 1024)\n"
           "  --max-transactions N  live transactions per worker (default 262144)\n"
           "  --max-message-size N  bytes (default 65536)\n"
           "  --tls-certificate PEM --tls-key PEM   for tls listeners\n"
           "  --log-level L         debug (a line per transaction), info, warn, error (default info)\n"
           "Prints 'listening <transport> <address>:<port>' per listener, serves until SIGINT or SIGTERM.\n";
}

std::variant<options, show_help, std::string> parse_options(int argc, char const* const* argv)
{
    options out;
    for (int i = 1; i < argc; ++i) {
        std::string_view const flag = argv[i];
        if (flag == "--help" || flag == "-h")
            return show_help{};
        if (i + 1 >= argc)
            return std::string(flag) + ": missing value (or unknown flag; see --help)";
        std::string_view const value = argv[++i];
        auto const bad = [&](std::string_view what) { return std::string(flag) + ": " + std::string(what); };
        if (flag == "--listen") {
            auto e = sip::transport::parse_endpoint(value);
            if (auto const* sentence = std::get_if<std::string>(&e))
                return bad(*sentence);
            out.listen.push_back(std::get<sip::transport::endpoint>(e));
        } else if (flag == "--domain") {
            out.domain = value;
        } else if (flag == "--users") {
            out.users_file = value;
        } else if (flag == "--trust") {
            boost::system::error_code ec;
            auto const address = boost::asio::ip::make_address(std::string(value), ec);
            if (ec)
                return bad("'" + std::string(value) + "' is not an IP address");
            out.trusted.push_back(address);
        } else if (flag == "--log-level") {
            if (!core::parse_log_level(value, out.level))
                return bad("expected debug, info, warn or error");
        } else if (flag == "--tls-certificate") {
            out.tls_certificate = value;
        } else if (flag == "--tls-key") {
            out.tls_key = value;
        } else {
            using std::chrono::milliseconds;
            using std::chrono::seconds;
            struct numeric {
                std::string_view name;
                std::size_t low, high;
                std::function<void(std::size_t)> set;
            };
            numeric const table[] = {
                {"--workers", 1, 64, [&](std::size_t n) { out.workers = n; }},
                {"--min-expires", 1, 86400, [&](std::size_t n) { out.min_expires = seconds(n); }},
                {"--max-expires", 1, 604800, [&](std::size_t n) { out.max_expires = seconds(n); }},
                {"--t1", 1, 60000, [&](std::size_t n) { out.t1 = milliseconds(n); }},
                {"--t2", 1, 600000, [&](std::size_t n) { out.t2 = milliseconds(n); }},
                {"--t4", 1, 600000, [&](std::size_t n) { out.t4 = milliseconds(n); }},
                {"--max-connections", 1, 1000000, [&](std::size_t n) { out.max_connections = n; }},
                {"--max-transactions", 1, 10000000, [&](std::size_t n) { out.max_transactions = n; }},
                {"--max-message-size", 1024, 16 * 1024 * 1024, [&](std::size_t n) { out.max_message_size = n; }},
            };
            auto const* row = std::find_if(std::begin(table), std::end(table),
                                           [&](numeric const& n) { return n.name == flag; });
            if (row == std::end(table))
                return std::string("unknown flag '") + std::string(flag) + "' (see --help)";
            auto const n = number(value, row->low, row->high);
            if (!n)
                return bad("expected a number from " + std::to_string(row->low) + " to " + std::to_string(row->high));
            row->set(*n);
        }
    }
    if (out.listen.empty())
        return std::string("--listen: at least one is required");
    if (out.domain.empty())
        return std::string("--domain: required");
    if (out.users_file.empty())
        return std::string("--users: required");
    if (out.min_expires > out.max_expires)
        return std::string("--min-expires: greater than --max-expires");
    bool const tls = std::any_of(out.listen.begin(), out.listen.end(), [](auto const& e) {
        return e.kind == sip::transport::transport_kind::tls;
    });
    if (tls && (out.tls_certificate.empty() || out.tls_key.empty()))
        return std::string("--listen tls: needs --tls-certificate and --tls-key");
    return out;
}

} // namespace cpm::server
