// Fuzz target: cpm::msrp::framer, the MSRP stream framer, fed one byte
// stream in different splits.
//
// Input layout: byte 0 picks the limits (bit 0: 256-byte heads, bit 1: 4
// header fields; default limits otherwise), bytes 1-4 seed the random
// split, the rest is the stream. Short inputs are padded with zero control
// bytes.
//
// Properties checked on every input:
// - feeding the stream whole, in random chunks (empty ones included) and
//   one byte at a time gives the same events: the same heads, the same body
//   bytes (consecutive body events joined), the same flags, the same errors
//   (code, sentence, offset, line, column);
// - each feed consumes at most what it was given, need_more means it took
//   everything, and after an error every feed answers error and takes nothing;
// - the framer copies no body: a body span lies inside the bytes just fed,
//   or is a held-back tail of at most 44 bytes (an end-line's length);
// - every head passes the shared checks of msrp_checks.hpp against the
//   framer's copy, and bad_message always comes with a transaction id.

#include "msrp/framer.hpp"
#include "msrp/message.hpp"
#include "msrp_checks.hpp"
#include "split_stream.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {

using cpm::fuzz::msrp_checks::require;
namespace msrp = cpm::msrp;

struct event {
    msrp::frame_event kind = msrp::frame_event::need_more;
    std::string text;
    std::size_t offset = 0;
    std::size_t line = 0;
    std::size_t column = 0;
    boost::system::error_code code;
    bool operator==(event const&) const = default;
};

std::string head_summary(msrp::head const& h)
{
    std::string s(h.transaction_id);
    s += h.is_request() ? " " + std::string(h.method_text) : " " + std::to_string(h.status_code);
    for (auto const& f : h.fields) {
        s += '\n';
        s += f.line;
    }
    s += h.has_body ? "body" : "no body";
    return s;
}

std::vector<event> frame(std::vector<std::string_view> const& chunks, msrp::limits const& limits)
{
    msrp::framer f(limits);
    std::vector<event> out;
    for (auto const chunk : chunks) {
        std::span<char const> rest(chunk.data(), chunk.size());
        while (true) {
            auto const r = f.feed(rest);
            require(r.consumed <= rest.size(), "feed() consumes at most what it was given");
            rest = rest.subspan(r.consumed);
            if (r.event == msrp::frame_event::need_more) {
                require(rest.empty(), "need_more means every byte was consumed");
                break;
            }
            event e;
            e.kind = r.event;
            switch (r.event) {
            case msrp::frame_event::head:
                cpm::fuzz::msrp_checks::check_head(f.current_head().text, f.current_head());
                e.text = head_summary(f.current_head());
                break;
            case msrp::frame_event::body: {
                auto const b = f.body();
                require(!b.empty(), "a body event has bytes");
                bool const in_chunk =
                    b.data() >= chunk.data() && b.data() + b.size() <= chunk.data() + chunk.size();
                require(in_chunk || b.size() <= 44, "body spans are the input or a short held-back tail");
                if (!out.empty() && out.back().kind == msrp::frame_event::body) {
                    out.back().text.append(b.data(), b.size());
                    continue;
                }
                e.text.assign(b.data(), b.size());
                break;
            }
            case msrp::frame_event::end: e.text = std::string(1, static_cast<char>(f.flag())); break;
            case msrp::frame_event::bad_message:
            case msrp::frame_event::error: {
                auto const& err = f.error();
                cpm::fuzz::msrp_checks::check_error(err, err.offset);
                e.text = err.message;
                e.offset = err.offset;
                e.line = err.line;
                e.column = err.column;
                e.code = err.code;
                if (r.event == msrp::frame_event::bad_message) {
                    require(!f.salvaged().transaction_id.empty(), "bad_message has a transaction id");
                    e.text += " " + std::string(f.salvaged().transaction_id);
                    break;
                }
                out.push_back(std::move(e));
                auto const again = f.feed(rest);
                require(again.event == msrp::frame_event::error && again.consumed == 0, "an error is sticky");
                return out;
            }
            case msrp::frame_event::need_more: break;
            }
            out.push_back(std::move(e));
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    cpm::fuzz::split_input const in(data, size);
    std::string_view const stream = in.stream;

    msrp::limits limits;
    if (in.limits & 1)
        limits.max_head_size = 256;
    if (in.limits & 2)
        limits.max_header_count = 4;

    auto const whole = frame({stream}, limits);
    require(frame(cpm::fuzz::random_chunks(stream, in.seed), limits) == whole,
            "random chunks give the events of the whole");
    require(frame(cpm::fuzz::single_bytes(stream), limits) == whole, "single bytes give the events of the whole");
    return 0;
}
