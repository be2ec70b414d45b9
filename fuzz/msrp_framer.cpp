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

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {

using cpm::fuzz::msrp_checks::require;
namespace msrp = cpm::msrp;

constexpr std::size_t control_bytes = 5;

struct event {
    msrp::frame_event kind = msrp::frame_event::need_more;
    std::string text;
    std::size_t offset = 0;
    std::size_t line = 0;
    std::size_t column = 0;
    boost::system::error_code code;
    bool operator==(event const&) const = default;
};

/// splitmix64: a small deterministic generator for the chunk sizes.
class split_rng {
public:
    explicit split_rng(std::uint64_t seed) noexcept : state_(seed) {}
    std::uint64_t next() noexcept
    {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15u);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        return z ^ (z >> 31);
    }

private:
    std::uint64_t state_;
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

std::vector<std::string_view> random_chunks(std::string_view stream, std::uint64_t seed)
{
    split_rng rng(seed);
    std::vector<std::string_view> chunks;
    std::size_t at = 0;
    while (at < stream.size()) {
        auto const r = rng.next();
        std::size_t const scale = std::size_t{1} << (r % 11); // 1 to 1024
        std::size_t const length = r % 16 == 0 ? 0 : 1 + (r >> 8) % scale;
        chunks.push_back(stream.substr(at, length));
        at += std::min(length, stream.size() - at);
    }
    return chunks;
}

std::vector<std::string_view> single_bytes(std::string_view stream)
{
    std::vector<std::string_view> chunks;
    for (std::size_t i = 0; i < stream.size(); ++i)
        chunks.push_back(stream.substr(i, 1));
    return chunks;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::uint8_t control[control_bytes] = {};
    std::copy(data, data + std::min(size, control_bytes), control);
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    std::string_view const stream = input.substr(std::min(size, control_bytes));

    msrp::limits limits;
    if (control[0] & 1)
        limits.max_head_size = 256;
    if (control[0] & 2)
        limits.max_header_count = 4;
    std::uint64_t const seed = std::uint64_t{control[1]} | std::uint64_t{control[2]} << 8 |
                               std::uint64_t{control[3]} << 16 | std::uint64_t{control[4]} << 24;

    auto const whole = frame({stream}, limits);
    require(frame(random_chunks(stream, seed), limits) == whole, "random chunks give the events of the whole");
    require(frame(single_bytes(stream), limits) == whole, "single bytes give the events of the whole");
    return 0;
}
