#pragma once
/// @file
/// Incremental, sans-I/O framing of SIP messages on a stream transport
/// (TCP, TLS): bytes go in in any split, whole messages come out.
///
/// The framer never touches a socket. The transport reads into its own
/// buffer and loops:
///
/// @code
///   std::span<char const> rest = bytes_read;
///   for (;;) {
///       auto [used, status] = f.feed(rest);
///       rest = rest.subspan(used);
///       if (status == frame_status::need_more) break;        // read again
///       if (status == frame_status::keepalive) send("\r\n");  // RFC 5626 pong
///       if (status == frame_status::message_ready)
///           handle(message::parse(f.release(), {.datagram = false}));
///       if (status == frame_status::error) { answer_or_close(f.error()); break; }
///   }
/// @endcode
///
/// The framer consumes only the bytes of the message it is framing; the
/// bytes of the next message stay with the caller (@c consumed tells how
/// many were taken). need_more always means every byte given was consumed.

#include "sip/abnf/parse_error.hpp"
#include "sip/abnf/text_buffer.hpp"
#include "sip/error.hpp"
#include "sip/limits.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cpm::sip {

enum class frame_status : std::uint8_t {
    need_more,     ///< every byte was consumed; feed more
    message_ready, ///< release() hands out the message
    keepalive,     ///< a CRLFCRLF ping arrived: answer with one CRLF (RFC 5626 3.5.1)
    error,         ///< error() says why; the stream cannot be resynchronised
};

struct frame_result {
    std::size_t consumed = 0; ///< bytes of the input taken by this call
    frame_status status = frame_status::need_more;
};

/// Frames SIP messages out of a byte stream (RFC 3261 18.3: on a stream,
/// Content-Length is mandatory and says where the body ends).
///
/// Memory is bounded: the framer's buffers never exceed
/// limits::max_message_size bytes each. The end of the header section is searched incrementally (the
/// scan resumes where the previous feed stopped), and each message is
/// copied once into an exact-size heap buffer that becomes the message's
/// text_buffer; only a header section that arrives in pieces is staged
/// first, so its bytes are copied twice.
class framer {
public:
    explicit framer(sip::limits const& limits = {}) : limits_(limits) {}

    /// Takes bytes from @p bytes. Returns how many it consumed and what
    /// happened; see frame_status. After an error every call returns
    /// {0, error}.
    frame_result feed(std::span<char const> bytes);

    /// The message announced by message_ready: exactly its bytes, start
    /// line to the end of the body. Call it before the next feed(), which
    /// otherwise drops the message.
    abnf::text_buffer release() noexcept { return std::exchange(ready_, abnf::text_buffer()); }

    /// Why the stream failed (valid after frame_status::error). Offsets,
    /// lines and columns are relative to the start of the failing message.
    abnf::parse_error const& error() const noexcept { return error_; }

    /// The bytes of the failing message the framer had seen when it gave
    /// up (start line first; at most limits::max_message_size), so that
    /// the transport can still answer a request whose head arrived (RFC
    /// 3261 21.5.13 513, or 400). Valid after frame_status::error, until
    /// the framer is destroyed; empty when it failed between messages.
    std::string_view failed_text() const noexcept { return {staged_.data(), staged_.size()}; }

private:
    enum class state : std::uint8_t { idle, headers, body, failed };

    frame_result idle(std::span<char const> bytes);
    frame_result headers(std::span<char const> bytes);
    frame_result body(std::span<char const> bytes, std::size_t consumed);
    // Scans text[scan_, size) for the end of the header section; returns
    // its offset (just past the empty line) once found.
    std::optional<std::size_t> scan(std::span<char const> text);
    bool line_fits(std::span<char const> text, std::size_t content_end);
    bool field_complete(std::span<char const> text, std::size_t end);
    bool start_body(std::span<char const> head);
    void restart() noexcept;
    frame_result fail(std::span<char const> text, std::size_t at, errc code, std::string message);

    sip::limits limits_;
    state state_ = state::idle;
    std::uint8_t crlfs_ = 0; // idle: bytes of a CRLFCRLF ping seen so far

    // Header scan, offsets from the start of the message.
    std::vector<char> staged_;     // a header section that arrived in pieces
    std::size_t scan_ = 0;         // next byte to look at
    std::size_t line_start_ = 0;   // start of the current physical line
    std::size_t field_start_ = 0;  // start of the current field (folds included)
    std::size_t fields_ = 0;       // header fields completed (start line excluded)
    std::optional<std::uint32_t> content_length_;
    std::size_t content_length_at_ = 0; // offset of its value, for errors

    // Body: the exact-size buffer of the message being completed.
    std::unique_ptr<char[]> message_;
    std::size_t size_ = 0;
    std::size_t filled_ = 0;

    abnf::text_buffer ready_;
    abnf::parse_error error_;
};

} // namespace cpm::sip
