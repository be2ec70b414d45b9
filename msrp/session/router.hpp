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
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace cpm::msrp {

/// Routes one connection's traffic; sessions are attached, not owned.
class router {
public:
    /// @p write_budget bounds the bytes one prepare() gathers; SEND chunks
    /// whose body is below @p coalesce_below are copied into one buffer
    /// with the answers (many small chunks per system call), larger bodies
    /// are written from where they are (one chunk per write).
    explicit router(msrp::limits const& lim = {}, std::size_t write_budget = 64 * 1024,
                    std::size_t coalesce_below = 8 * 1024)
        : framer_(lim), budget_(write_budget), coalesce_below_(coalesce_below)
    {
    }

    /// @p s receives the requests its To-Path names until detach(); it
    /// must outlive its attachment. It binds @p s to this router (see
    /// set_directory); the caller decides, so an earlier binding is replaced.
    void attach(session& s);
    /// Stops routing to @p s.
    void detach(session& s) noexcept;

    /// Finds a session of this endpoint for a request that no attached
    /// session takes; nullptr when there is none.
    using directory = std::function<session*(head const& request)>;
    /// The passive end of RFC 4975 5.4 learns which session a connection
    /// serves from the requests arriving on it: with a directory, a request
    /// for a session not bound to any connection binds it here (attach(),
    /// then @p bound is called, so a driver can listen to it); a request
    /// for a session bound to another connection is answered 506 and not
    /// processed (RFC 4975 10). Without a directory such requests get 481.
    void set_directory(directory find, std::function<void(session&)> bound = {});
    /// Sessions attached.
    std::size_t sessions() const noexcept { return sessions_.size(); }

    /// Frames @p bytes and dispatches them; an error when the stream cannot
    /// be resynchronised (the connection must close).
    boost::system::error_code feed(std::span<char const> bytes, session_clock::time_point now);
    /// Timeouts of every session.
    void on_timer(session_clock::time_point now);
    /// The connection ended: every session's pending work fails.
    void on_closed();

    /// Fills @p pieces with the next write: waiting responses and REPORTs,
    /// then SEND chunks, sessions taking turns, up to the write budget. The
    /// pieces stay valid until written(). False when nothing may be written now.
    bool prepare(std::vector<std::span<char const>>& pieces);
    /// The pieces of the last prepare() were written, their last byte at
    /// @p now: the transaction timeouts of the SEND chunks among them start
    /// (RFC 4975 7.1.1), not while a chunk waits on the socket.
    void written(session_clock::time_point now) noexcept;
    /// Bytes of responses and REPORTs waiting; a driver stops reading beyond a bound.
    std::size_t backlog() const noexcept;
    /// Nothing to write and no SEND awaiting its response.
    bool idle() const noexcept;

private:
    void answer(head const& request, std::uint16_t code);
    session* bind(head const& request, bool& elsewhere);

    framer framer_;
    directory directory_;
    std::function<void(session&)> bound_;
    std::vector<session*> sessions_;
    std::size_t turn_ = 0;
    session* current_ = nullptr;       // the session receiving the current request
    std::size_t budget_;
    std::size_t coalesce_below_;
    std::string control_; // the router's own answers (481, 400)
    std::string out_;     // answers and small chunks being written
};

} // namespace cpm::msrp
