#pragma once
/// @file
/// What one MSRP connection does between its socket and its sessions,
/// sans-I/O: frames incoming bytes (framer.hpp), routes each request to
/// the session its To-Path names (RFC 4975 7.3; several sessions may share
/// a connection, 5.4), answers what no session can (481, 400), routes
/// responses by transaction id, and gathers the next write.

#include "msrp/framer.hpp"
#include "msrp/limits.hpp"
#include "msrp/session/session.hpp"

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <deque>
#include <span>
#include <string>
#include <vector>

namespace cpm::msrp {

/// Routes one connection's traffic; sessions are attached, not owned.
class router {
public:
    explicit router(msrp::limits const& lim = {}) : framer_(lim) {}

    /// @p s receives the requests its To-Path names until detach(); it
    /// must outlive its attachment.
    void attach(session& s);
    void detach(session& s) noexcept;
    std::size_t sessions() const noexcept { return sessions_.size(); }

    /// Frames @p bytes and dispatches them; an error when the stream cannot
    /// be resynchronised (the connection must close).
    boost::system::error_code feed(std::span<char const> bytes, session_clock::time_point now);
    /// Timeouts of every session.
    void on_timer(session_clock::time_point now);
    /// The connection ended: every session's pending work fails.
    void on_closed();

    /// Fills @p pieces with the next write: waiting responses and REPORTs,
    /// then at most one SEND chunk (sessions take turns). The pieces stay
    /// valid until written(). False when nothing may be written now.
    bool prepare(std::vector<std::span<char const>>& pieces, session_clock::time_point now);
    /// The pieces of the last prepare() were written.
    void written() noexcept;
    /// Responses and REPORTs waiting; a driver stops reading beyond a bound.
    std::size_t backlog() const noexcept;
    /// Nothing to write and no SEND awaiting its response.
    bool idle() const noexcept;

private:
    void answer(head const& request, std::uint16_t code);

    framer framer_;
    std::vector<session*> sessions_;
    std::size_t turn_ = 0;
    session* current_ = nullptr;       // the session receiving the current request
    std::deque<std::string> control_;  // the router's own answers (481, 400)
    std::vector<std::string> batch_;   // control messages being written
};

} // namespace cpm::msrp
