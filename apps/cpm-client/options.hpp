#pragma once
// The command line of cpm-client:
//
//   cpm-client [register|send|listen] --server udp:127.0.0.1:5060 --domain example.com
//              --user alice --password secret [--local udp:127.0.0.1:0] [--expires 600]
//              [--display-name NAME] [--instance urn:uuid:...] [--no-require-gruu]
//              [--log-level debug|info|warn|error]
//   send:   --to sip:bob@example.com --text "hello"
//   listen: [--count N] [--timeout S]
//   no subcommand: interactive mode.

#include "sip/transport/endpoint.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace cpm::apps::client {

enum class mode : std::uint8_t { interactive, register_once, send, listen };
enum class log_level : std::uint8_t { debug, info, warn, error };

struct options {
    client::mode mode = mode::interactive;
    sip::transport::endpoint server;
    std::optional<sip::transport::endpoint> local; ///< empty: the server's transport, the address toward it, port 0
    std::string domain;
    std::string user;
    std::string password;
    std::string display_name;
    std::string instance; ///< empty: derived from user, domain and host name
    std::uint32_t expires = 600;
    bool require_gruu = true;
    client::log_level log = log_level::info;
    std::string to;   ///< send
    std::string text; ///< send
    std::optional<unsigned> count;   ///< listen
    std::optional<unsigned> timeout; ///< listen, seconds
};

/// The options of @p argv, or a sentence naming what is wrong.
std::variant<options, std::string> parse_options(int argc, char** argv);

/// The usage text.
char const* usage() noexcept;

} // namespace cpm::apps::client
