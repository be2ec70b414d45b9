#include "options.hpp"

#include <charconv>
#include <string_view>

namespace cpm::apps::client {

namespace {

std::optional<std::uint32_t> number(std::string_view s)
{
    std::uint32_t v = 0;
    auto const r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

} // namespace

char const* usage() noexcept
{
    return "usage: cpm-client [register|send|listen] --server <udp|tcp>:<ip>:<port> --domain D --user U --password P\n"
           "                  [--local <udp|tcp>:<ip>:<port>] [--expires S] [--display-name N] [--instance URN]\n"
           "                  [--no-require-gruu] [--log-level debug|info|warn|error]\n"
           "  send:   --to <uri> --text <text>     prints \"sent <status>\", exit 0 on 2xx\n"
           "  listen: [--count N] [--timeout S]    prints \"message from <uri>: <text>\" per MESSAGE\n"
           "  no subcommand: interactive (send <uri> <text> | register | unregister | status | help | quit)\n";
}

std::variant<options, std::string> parse_options(int argc, char** argv)
{
    options o;
    bool have_server = false;
    int i = 1;
    if (i < argc && argv[i][0] != '-') {
        std::string_view const sub = argv[i++];
        if (sub == "register")
            o.mode = mode::register_once;
        else if (sub == "send")
            o.mode = mode::send;
        else if (sub == "listen")
            o.mode = mode::listen;
        else
            return "unknown subcommand '" + std::string(sub) + "' (register, send or listen)";
    }
    for (; i < argc; ++i) {
        std::string_view const name = argv[i];
        if (name == "--no-require-gruu") {
            o.require_gruu = false;
            continue;
        }
        if (name == "--help" || name == "-h")
            return std::string();
        if (i + 1 >= argc)
            return std::string(name) + ": a value is missing";
        std::string_view const value = argv[++i];
        auto endpoint = [&](sip::transport::endpoint& out) -> std::optional<std::string> {
            auto e = sip::transport::parse_endpoint(value);
            if (auto const* why = std::get_if<std::string>(&e))
                return std::string(name) + ": " + *why;
            out = std::get<sip::transport::endpoint>(e);
            if (out.kind == sip::transport::transport_kind::tls)
                return std::string(name) + ": tls is not supported by cpm-client yet (udp or tcp)";
            return std::nullopt;
        };
        auto count = [&](std::optional<unsigned>& out) -> std::optional<std::string> {
            auto n = number(value);
            if (!n)
                return std::string(name) + ": must be a whole number";
            out = *n;
            return std::nullopt;
        };
        std::optional<std::string> error;
        if (name == "--server") {
            error = endpoint(o.server);
            have_server = true;
        } else if (name == "--local") {
            sip::transport::endpoint e;
            error = endpoint(e);
            o.local = e;
        } else if (name == "--domain") {
            o.domain = value;
        } else if (name == "--user") {
            o.user = value;
        } else if (name == "--password") {
            o.password = value;
        } else if (name == "--display-name") {
            o.display_name = value;
        } else if (name == "--instance") {
            o.instance = value;
        } else if (name == "--expires") {
            std::optional<unsigned> n;
            error = count(n);
            if (n)
                o.expires = *n;
        } else if (name == "--log-level") {
            if (value == "debug")
                o.log = log_level::debug;
            else if (value == "info")
                o.log = log_level::info;
            else if (value == "warn")
                o.log = log_level::warn;
            else if (value == "error")
                o.log = log_level::error;
            else
                error = "--log-level: debug, info, warn or error";
        } else if (name == "--to") {
            o.to = value;
        } else if (name == "--text") {
            o.text = value;
        } else if (name == "--count") {
            error = count(o.count);
        } else if (name == "--timeout") {
            error = count(o.timeout);
        } else {
            return "unknown option " + std::string(name);
        }
        if (error)
            return *error;
    }
    if (!have_server)
        return "--server is required";
    if (o.domain.empty())
        return "--domain is required";
    if (o.user.empty())
        return "--user is required";
    if (o.mode == mode::send && (o.to.empty() || o.text.empty()))
        return "send needs --to and --text";
    if (o.mode != mode::send && (!o.to.empty() || !o.text.empty()))
        return "--to and --text belong to send";
    if (o.mode != mode::listen && (o.count || o.timeout))
        return "--count and --timeout belong to listen";
    if (o.local && o.local->kind != o.server.kind)
        return "--local must use the transport of --server";
    return o;
}

} // namespace cpm::apps::client
