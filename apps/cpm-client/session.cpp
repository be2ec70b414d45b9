#include "session.hpp"

#include "cpm/client/uuid.hpp"

#include <boost/asio/ip/host_name.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <random>
#include <thread>

namespace cpm::apps::client {

namespace net = boost::asio;
namespace st = sip::stack;
namespace tr = sip::transport;
using namespace std::chrono_literals;
using cpm::client::registration_state;

namespace {

/// Longest wait for one transaction: Timer F (64*T1 = 32 s) and a retry.
constexpr std::chrono::milliseconds transaction_limit = 40s;

std::string host_text(net::ip::address const& a)
{
    return a.is_v6() ? "[" + a.to_string() + "]" : a.to_string();
}

/// The local address toward @p server: the loopback for a loopback server,
/// else the source address the kernel picks for it.
net::ip::address local_address(net::io_context& ctx, tr::endpoint const& server)
{
    if (server.address.is_loopback())
        return server.address;
    boost::system::error_code ec;
    net::ip::udp::socket probe(ctx);
    probe.open(server.address.is_v6() ? net::ip::udp::v6() : net::ip::udp::v4(), ec);
    if (!ec)
        probe.connect(net::ip::udp::endpoint(server.address, server.port), ec);
    if (!ec) {
        auto const local = probe.local_endpoint(ec);
        if (!ec)
            return local.address();
    }
    return server.address.is_v6() ? net::ip::address(net::ip::address_v6::loopback())
                                   : net::ip::address(net::ip::address_v4::loopback());
}

/// One line per message: trailing line breaks dropped, the ones inside
/// the text shown as \n.
std::string one_line(std::string_view text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.remove_suffix(1);
    std::string out;
    for (char ch : text) {
        if (ch == '\n')
            out += "\\n";
        else if (ch == '\r')
            out += "\\r";
        else
            out += ch;
    }
    return out;
}

void print(std::string const& line)
{
    std::fputs(line.c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

} // namespace

session::session(options o) : options_(std::move(o)), signals_(ctx_, SIGINT, SIGTERM) {}

session::~session()
{
    close();
}

void session::log(log_level level, std::string const& line) const
{
    if (level < options_.log)
        return;
    std::fprintf(stderr, "cpm-client: %s\n", line.c_str());
}

bool session::open()
{
    layer_ = std::make_unique<tr::layer>(ctx_.get_executor(), tr::config{});
    tr::endpoint local = options_.local.value_or(tr::endpoint{options_.server.kind, {}, 0});
    if (!options_.local)
        local.address = local_address(ctx_, options_.server);
    auto bound = layer_->listen(local.kind, local.address, local.port);
    if (!bound) {
        std::fprintf(stderr, "cpm-client: cannot listen on %s: %s\n", tr::to_string(local).c_str(),
                     bound.error().message().c_str());
        return false;
    }
    local.port = *bound;
    bool const tcp = local.kind == tr::transport_kind::tcp;
    sip::transport_kind const protocol = tcp ? sip::transport_kind::tcp : sip::transport_kind::udp;

    st::config c;
    c.sent_by = host_text(local.address) + ":" + std::to_string(local.port);
    // RFC 3261 19.1.1: the Contact names the transport the core must use to reach us.
    c.contact = "sip:" + options_.user + "@" + c.sent_by + (tcp ? ";transport=tcp" : "");
    c.seed = (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
    driver_ = std::make_unique<st::asio::driver>(*layer_, std::move(c));

    cpm::client::account a;
    a.user = options_.user;
    a.domain = options_.domain;
    a.password = options_.password;
    a.display_name = options_.display_name;
    a.server = st::peer{options_.server.address.to_string(), options_.server.port, protocol};
    // Draft 7.1 step 3, RFC 5626 4.1: the same instance on every run of this
    // user on this host.
    a.instance = options_.instance.empty()
                     ? cpm::client::instance_for(options_.user + "@" + options_.domain + " " + net::ip::host_name())
                     : options_.instance;
    a.expires = options_.expires;
    a.require_gruu = options_.require_gruu;
    ua_ = std::make_unique<cpm::client::user_agent>(std::move(a));

    ua_->registration().on_event([this](cpm::client::registration_event const& e) {
        registration_ = e;
        auto const& r = ua_->registration();
        if (e.state == registration_state::registered)
            log(log_level::info, std::string(e.refresh ? "registration refreshed: " : "registered: ") +
                                     std::to_string(e.status) + ", " + std::to_string(r.granted()) + " s");
        else if (e.state == registration_state::unregistered)
            log(log_level::info, "unregistered: " + std::to_string(e.status));
        else
            log(log_level::error, std::string(e.refresh ? "registration refresh failed: " : "registration failed: ") +
                                      std::to_string(e.status) + " " + e.reason);
    });
    ua_->pager().on_sent([this](cpm::client::message_outcome const& o) {
        outcomes_.push_back(o);
        if (o.status >= 300)
            log(log_level::error, "MESSAGE failed: " + std::to_string(o.status) + " " + o.reason);
        if (options_.mode == mode::interactive)
            print("sent " + std::to_string(o.status));
    });
    ua_->pager().on_received([this](cpm::client::received_message const& m) {
        ++received_;
        print("message from " + m.sender() + ": " + one_line(m.text));
    });
    driver_->on_tu([this](st::action const& a) { on_tu(a); });
    signals_.async_wait([this](boost::system::error_code ec, int) {
        if (!ec)
            interrupted_ = true;
    });
    log(log_level::debug, "local " + tr::to_string(local));
    return true;
}

void session::on_tu(st::action const& a)
{
    if (options_.log == log_level::debug) {
        if (auto const* r = std::get_if<st::request_received>(&a))
            log(log_level::debug, "<- " + std::string(r->request->start_line()));
        else if (auto const* s = std::get_if<st::response_received>(&a))
            log(log_level::debug, "<- " + std::string(s->response->start_line()));
        else if (auto const* f = std::get_if<st::request_failed>(&a))
            log(log_level::debug, "request failed: " + std::to_string(f->status));
    }
    driver_->call([&](st::core& c) { ua_->handle(c, a); });
}

bool session::wait(std::function<bool()> const& done, std::chrono::milliseconds limit)
{
    auto const end = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (interrupted_ || quit_ || std::chrono::steady_clock::now() >= end)
            return false;
        if (ctx_.stopped())
            ctx_.restart();
        ctx_.run_for(20ms);
    }
    return true;
}

bool session::register_now()
{
    registration_.reset();
    auto started = driver_->call([&](st::core& c) { return ua_->registration().start(c); });
    if (!started) {
        log(log_level::error, "REGISTER not sent: " + started.error().message());
        return false;
    }
    if (!wait([&] { return registration_.has_value(); }, transaction_limit)) {
        log(log_level::error, interrupted_ ? "interrupted while registering" : "no answer to REGISTER");
        return false;
    }
    auto const& r = ua_->registration();
    if (r.state() != registration_state::registered)
        return false;
    print("registered " + std::to_string(registration_->status) + " expires " + std::to_string(r.granted()));
    if (!r.pub_gruu().empty())
        print("pub-gruu " + r.pub_gruu());
    if (!r.temp_gruu().empty())
        print("temp-gruu " + r.temp_gruu());
    return true;
}

void session::deregister()
{
    registration_.reset();
    auto stopped = driver_->call([&](st::core& c) { return ua_->registration().stop(c); });
    if (stopped.error() == make_error_code(cpm::client::errc::not_registered))
        return;
    if (!stopped) {
        log(log_level::error, "de-registration not sent: " + stopped.error().message());
        return;
    }
    // A second signal must not cut the de-registration short: wait on our own.
    bool const was = interrupted_;
    interrupted_ = false;
    quit_ = false;
    if (!wait([&] { return registration_.has_value(); }, 5s))
        log(log_level::warn, "no answer to the de-registration");
    interrupted_ = was;
}

bool session::send_text(std::string_view to, std::string_view text)
{
    std::string const target = cpm::client::expand_target(to, options_.domain);
    auto id = driver_->call([&](st::core& c) { return ua_->pager().send(c, target, text); });
    if (!id) {
        log(log_level::error, "send: " + id.error().message());
        return false;
    }
    log(log_level::debug, "-> MESSAGE " + target);
    return true;
}

int session::run()
{
    switch (options_.mode) {
    case mode::register_once: return run_register();
    case mode::send: return run_send();
    case mode::listen: return run_listen();
    case mode::interactive: return run_interactive();
    }
    return 2;
}

int session::run_register()
{
    // A one-shot registration: the binding stays until it expires.
    return register_now() ? 0 : 1;
}

int session::run_send()
{
    if (!send_text(options_.to, options_.text))
        return 1;
    if (!wait([&] { return !outcomes_.empty(); }, transaction_limit)) {
        log(log_level::error, interrupted_ ? "interrupted" : "no answer to MESSAGE");
        return 1;
    }
    unsigned const status = outcomes_.front().status;
    print("sent " + std::to_string(status));
    return status >= 200 && status < 300 ? 0 : 1;
}

int session::run_listen()
{
    if (!register_now())
        return 1;
    auto const limit = options_.timeout ? std::chrono::milliseconds(std::chrono::seconds(*options_.timeout))
                                        : std::chrono::milliseconds(std::chrono::hours(24 * 365));
    bool const counted = wait([&] { return options_.count && received_ >= *options_.count; }, limit);
    if (!counted && !interrupted_)
        log(log_level::error, "timeout after " + std::to_string(options_.timeout.value_or(0)) + " s: " +
                                  std::to_string(received_) + " message(s)");
    // Let the last 200 leave before the de-registration.
    wait([] { return false; }, 200ms);
    deregister();
    if (counted)
        return 0;
    return interrupted_ && !options_.count ? 0 : 1;
}

int session::run_interactive()
{
    register_now();
    print("ready (help for commands)");
    // stdin is read on a thread of its own (it may be a file, a pipe or a
    // terminal); each line is handed to the loop. The thread is left
    // blocked in its read when the session ends.
    std::thread([this] {
        std::string line;
        while (std::getline(std::cin, line))
            net::post(ctx_, [this, line] { command(line); });
        net::post(ctx_, [this] { quit_ = true; });
    }).detach();
    wait([] { return false; }, std::chrono::hours(24 * 365));
    // Answers still on their way (a send just typed) get a moment.
    quit_ = false;
    interrupted_ = false;
    wait([&] { return ua_->pager().in_flight() == 0; }, 5s);
    deregister();
    return 0;
}

void session::command(std::string const& line)
{
    std::string_view rest = line;
    auto word = [&rest] {
        auto const start = rest.find_first_not_of(" \t");
        if (start == std::string_view::npos) {
            rest = {};
            return std::string_view{};
        }
        rest.remove_prefix(start);
        auto const end = rest.find_first_of(" \t");
        auto const w = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        return w;
    };
    std::string_view const verb = word();
    if (verb.empty())
        return;
    if (verb == "send") {
        std::string_view const to = word();
        if (to.empty() || rest.empty()) {
            log(log_level::error, "usage: send <uri> <text>");
            return;
        }
        send_text(to, rest);
    } else if (verb == "register") {
        registration_.reset();
        auto started = driver_->call([&](st::core& c) { return ua_->registration().start(c); });
        if (!started)
            log(log_level::error, "register: " + started.error().message());
    } else if (verb == "unregister") {
        auto stopped = driver_->call([&](st::core& c) { return ua_->registration().stop(c); });
        if (!stopped)
            log(log_level::error, "unregister: " + stopped.error().message());
    } else if (verb == "status") {
        auto const& r = ua_->registration();
        print("registration " + std::string(cpm::client::to_string(r.state())) + " expires " +
              std::to_string(r.granted()) + (r.pub_gruu().empty() ? "" : " pub-gruu " + r.pub_gruu()));
    } else if (verb == "help") {
        print("commands: send <uri> <text> | register | unregister | status | help | quit");
    } else if (verb == "quit" || verb == "exit") {
        quit_ = true;
    } else {
        log(log_level::error, "unknown command '" + std::string(verb) + "' (help lists them)");
    }
}

void session::close()
{
    if (closed_)
        return;
    closed_ = true;
    signals_.cancel();
    if (driver_)
        driver_->shutdown();
    if (layer_)
        layer_->shutdown();
    // Pending sends and timers finish their cancellation.
    ctx_.restart();
    ctx_.run_for(50ms);
}

} // namespace cpm::apps::client
