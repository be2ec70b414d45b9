#pragma once
// One cpm-client run: the transport layer, the stack core's Asio driver
// and the CPM user agent on one io_context, with the subcommands on top.

#include "options.hpp"

#include "cpm/client/user_agent.hpp"
#include "sip/stack/asio/driver.hpp"
#include "sip/transport/transport.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::apps::client {

class session {
public:
    explicit session(options o);
    ~session();
    session(session const&) = delete;
    session& operator=(session const&) = delete;

    /// Binds the local transport and wires the stack; prints the error and
    /// returns false when it cannot.
    bool open();
    /// Runs the subcommand; returns the exit code.
    int run();

private:
    int run_register();
    int run_send();
    int run_listen();
    int run_interactive();

    /// Registers and waits for the outcome; true when registered.
    bool register_now();
    /// De-registers when registered (REQ-7.1-P3) and waits for the answer.
    void deregister();
    /// Sends @p text to @p to; false (with the error printed) when refused.
    bool send_text(std::string_view to, std::string_view text);
    /// Runs the loop until @p done, an interruption, or @p limit.
    bool wait(std::function<bool()> const& done, std::chrono::milliseconds limit);
    void on_tu(sip::stack::action const& a);
    void command(std::string const& line);
    void log(log_level level, std::string const& line) const;
    void close();

    options options_;
    boost::asio::io_context ctx_;
    std::unique_ptr<sip::transport::layer> layer_;
    std::unique_ptr<sip::stack::asio::driver> driver_;
    std::unique_ptr<cpm::client::user_agent> ua_;
    boost::asio::signal_set signals_;
    bool interrupted_ = false;
    bool quit_ = false;
    bool closed_ = false;
    std::optional<cpm::client::registration_event> registration_;
    std::vector<cpm::client::message_outcome> outcomes_;
    unsigned received_ = 0;
};

} // namespace cpm::apps::client
