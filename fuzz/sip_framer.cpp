// Fuzz target: cpm::sip::framer, the stream framer, fed one byte stream in
// different splits.
//
// Input layout: byte 0 picks the limits (bit 0: 512-byte messages, bit 1:
// 80-byte lines, bit 2: 8 header fields; default limits otherwise), bytes
// 1-4 seed the random split, the rest is the stream. Short inputs are
// padded with zero control bytes.
//
// Properties checked on every input:
// - feeding the stream whole, in random chunks (empty ones included) and
//   one byte at a time gives the same events: the same statuses in the
//   same order, the same message bytes, the same error (code, sentence,
//   offset, line, column);
// - each feed consumes at most what it was given, need_more means it took
//   everything, and after an error every feed answers error and takes nothing;
// - every released message parses in stream mode ({.datagram = false})
//   without a framing complaint (the framer checked completeness, the
//   Content-Length and the limits), and when it parses it is exactly its
//   buffer, its body has Content-Length bytes, and its views pass the shared
//   checks of sip_checks.hpp.

#include "sip/error.hpp"
#include "sip/framer.hpp"
#include "sip/message.hpp"
#include "sip_checks.hpp"
#include "split_stream.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {

using cpm::fuzz::require;
using cpm::sip::frame_status;

/// What a transport observes, independent of how the bytes were split.
struct event {
    frame_status status = frame_status::need_more;
    std::string text; // the message, for message_ready
    std::string error;
    std::size_t offset = 0;
    std::size_t line = 0;
    std::size_t column = 0;
    boost::system::error_code code;
    bool operator==(event const&) const = default;
};

/// Feeds @p chunks in order the way a transport loop does.
std::vector<event> frame(std::vector<std::string_view> const& chunks, cpm::sip::limits const& limits)
{
    cpm::sip::framer f(limits);
    std::vector<event> out;
    for (auto const chunk : chunks) {
        std::span<char const> rest(chunk.data(), chunk.size());
        while (true) {
            auto const r = f.feed(rest);
            require(r.consumed <= rest.size(), "feed() consumes at most what it was given");
            rest = rest.subspan(r.consumed);
            if (r.status == frame_status::need_more) {
                require(rest.empty(), "need_more means every byte was consumed");
                break;
            }
            event e;
            e.status = r.status;
            if (r.status == frame_status::message_ready) {
                auto const released = f.release();
                require(!released.empty(), "a released message has bytes");
                e.text = std::string(released.view());
                require(f.release().empty(), "release() hands the message out once");
            }
            if (r.status == frame_status::error) {
                auto const& error = f.error();
                e.error = error.message;
                e.offset = error.offset;
                e.line = error.line;
                e.column = error.column;
                e.code = error.code;
                require(!e.error.empty() && static_cast<bool>(e.code), "a framing error has a code and a sentence");
                out.push_back(std::move(e));
                auto const again = f.feed(rest);
                require(again.status == frame_status::error && again.consumed == 0, "a framing error is sticky");
                return out;
            }
            out.push_back(std::move(e));
        }
    }
    return out;
}

void check_message(std::string const& text, cpm::sip::limits const& limits)
{
    cpm::sip::parse_options options;
    options.limits = limits;
    options.datagram = false;
    auto m = cpm::sip::message::parse(cpm::sip::abnf::text_buffer(text), options);
    if (!m) {
        auto const& e = m.error();
        cpm::fuzz::check_error(e, text.size());
        using cpm::sip::errc;
        for (auto const framed : {errc::incomplete, errc::missing_header, errc::message_size_limit,
                                  errc::line_length_limit, errc::header_count_limit})
            require(e.code != cpm::sip::make_error_code(framed), "a framed message has no framing error");
        return;
    }
    require(m->text() == m->buffer().view(), "a framed message is all message");
    require(m->content_length() && *m->content_length() == m->body().size(),
            "a framed message's body has Content-Length bytes");
    cpm::fuzz::check_message(*m);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    cpm::fuzz::split_input const in(data, size);
    std::string_view const stream = in.stream;

    cpm::sip::limits limits;
    if (in.limits & 1)
        limits.max_message_size = 512;
    if (in.limits & 2)
        limits.max_line_length = 80;
    if (in.limits & 4)
        limits.max_header_count = 8;

    auto const whole = frame({stream}, limits);
    require(frame(cpm::fuzz::random_chunks(stream, in.seed), limits) == whole,
            "random chunks give the events of the whole");
    require(frame(cpm::fuzz::single_bytes(stream), limits) == whole, "single bytes give the events of the whole");
    for (auto const& e : whole)
        if (e.status == frame_status::message_ready)
            check_message(e.text, limits);
    return 0;
}
