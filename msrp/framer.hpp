#pragma once
/// @file
/// Incremental, sans-I/O framing of MSRP messages on a stream (TCP, TLS,
/// WebSocket): bytes go in in any split; the head comes out as views, the
/// body as spans while it streams in, then the end-line's flag.
///
/// The framer never touches a socket and never buffers a body: it keeps at
/// most the head of the current message (limits::max_head_size) and a tail
/// of at most 44 bytes, a possible end-line split across two reads. An
/// engine reads into its own buffer and loops:
///
/// @code
///   std::span<char const> rest = bytes_read;
///   for (;;) {
///       auto [used, event] = f.feed(rest);
///       rest = rest.subspan(used);
///       if (event == frame_event::need_more) break;              // read again
///       if (event == frame_event::head) start(f.current_head());  // views valid until the next head
///       if (event == frame_event::body) sink(f.body());           // valid until the next feed()
///       if (event == frame_event::end) finish(f.flag());          // $ complete, + more chunks, # aborted
///       if (event == frame_event::bad_message) answer_400(f.error(), f.salvaged());
///       if (event == frame_event::error) { close(f.error()); break; }
///   }
/// @endcode
///
/// The end-line "-------<transaction id>" followed by $, + or # and CRLF ends
/// the body only when it carries the current transaction id and starts a
/// line (RFC 4975 5.1); anything else, end-lines of other transactions
/// included, is body. need_more always means every byte given was consumed.

#include "msrp/limits.hpp"
#include "msrp/message.hpp"
#include "sip/abnf/parse_error.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace cpm::msrp {

enum class frame_event : std::uint8_t {
    need_more,   ///< every byte was consumed; feed more
    head,        ///< current_head() is the head of a new message
    body,        ///< body() holds the next bytes of the body
    end,         ///< the end-line arrived; flag() tells which
    bad_message, ///< a malformed head whose message can be skipped: a request is answered 400 (error(),
                 ///< salvaged(); RFC 4975 7.3), a response dropped; the
                 ///< framer drops the rest of that message and reports end when its end-line has passed
    error,       ///< error() says why; the stream cannot be resynchronised
};

struct frame_result {
    std::size_t consumed = 0; ///< bytes of the input taken by this call
    frame_event event = frame_event::need_more;
};

/// Frames MSRP messages out of a byte stream; see the file comment.
class framer {
public:
    explicit framer(msrp::limits const& lim = {}) : limits_(lim) {}

    /// Takes bytes from @p bytes and reports at most one event. After an
    /// error every call returns {0, error}.
    frame_result feed(std::span<char const> bytes);

    /// The head announced by frame_event::head; its views stay valid until
    /// the first byte of the next message is fed.
    msrp::head const& current_head() const noexcept { return head_; }
    /// The body bytes announced by frame_event::body (a view into the input
    /// or into the framer); valid until the next feed().
    std::span<char const> body() const noexcept { return chunk_; }
    /// Body bytes handed out so far for the current message.
    std::uint64_t body_size() const noexcept { return body_size_; }
    /// The continuation flag announced by frame_event::end.
    continuation flag() const noexcept { return flag_; }
    /// Why the head was refused (bad_message) or the stream failed (error);
    /// offsets, lines and columns are relative to the start of the message.
    sip::abnf::parse_error const& error() const noexcept { return error_; }
    /// What a 400 needs, after bad_message (views valid as current_head's).
    msrp::salvage const& salvaged() const noexcept { return salvage_; }

private:
    enum class state : std::uint8_t { head, end_pending, body, skip, failed };

    frame_result read_head(std::span<char const> bytes);
    frame_result complete_head(std::size_t consumed);
    frame_result read_body(std::span<char const> bytes);
    frame_result ended(std::size_t consumed, char flag);
    frame_result fail(std::size_t consumed, sip::abnf::parse_error e);
    bool expect(std::size_t k, char c) const noexcept;
    std::size_t end_line_size() const noexcept { return 12 + tid_.size(); }
    void start_body() noexcept;

    msrp::limits limits_;
    state state_ = state::head;

    bool new_message_ = true;     // the next byte starts a message
    std::vector<char> head_buf_;  // the head being read, then the head handed out
    std::size_t line_start_ = 0;  // start of the line being read in head_buf_
    msrp::head head_;
    msrp::path_memo paths_;       // paths checked already (parse_head)
    msrp::salvage salvage_;
    std::string_view tid_;        // of the current message (into head_buf_)

    // Body: "\r\n-------" tid flag "\r\n" is matched across feeds; tail_
    // holds the matched bytes, of which the first virtual_ were never input
    // (the CRLF of the blank line stands for the data CRLF of an empty body).
    std::array<char, 2 + 7 + 32 + 1 + 2> tail_{};
    std::size_t matched_ = 0;
    std::size_t virtual_ = 0;
    std::span<char const> chunk_;
    std::uint64_t body_size_ = 0;
    continuation flag_ = continuation::complete;

    sip::abnf::parse_error error_;
};

} // namespace cpm::msrp
