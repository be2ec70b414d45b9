#define BOOST_TEST_MODULE msrp_framer
#include <boost/test/unit_test.hpp>

#include "msrp/error.hpp"
#include "msrp/framer.hpp"
#include "msrp/message.hpp"

#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

using namespace cpm::msrp;

namespace {

std::string const send =
    "MSRP a786hjs2 SEND\r\n"
    "To-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp\r\n"
    "From-Path: msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n"
    "Message-ID: 87652491\r\n"
    "Byte-Range: 1-23/23\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "Hey Bob, are you there?\r\n"
    "-------a786hjs2$\r\n";

std::string const ok =
    "MSRP a786hjs2 200 OK\r\n"
    "To-Path: msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n"
    "From-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp\r\n"
    "-------a786hjs2$\r\n";

// A body full of look-alikes: end-lines of other transactions, this
// transaction's end-line not at a line start, with a bad flag or a longer
// id, CRs and LFs alone, and a partial end-line at the very end of the body.
std::string const tricky_body =
    "\r\n-------a786hjs$\r\n"
    "-------b786hjs2$\r\n"
    "x-------a786hjs2$\r\n"
    "\r\n-------a786hjs2X\r\n"
    "\r\n-------a786hjs20$\r\n"
    "\r\n-------a786hjs2$\r\r\n"
    "\r\r\n\n-------\r\n-------a786hjs2"
    "\r\n-------a786hjs2+";

std::string const chunked =
    "MSRP d93kswow SEND\r\n"
    "To-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r\n"
    "From-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r\n"
    "Message-ID: 12339sdqwer\r\n"
    "Byte-Range: 1-*/*\r\n"
    "Content-Type: application/octet-stream\r\n"
    "\r\n" +
    tricky_body +
    "\r\n-------d93kswow+\r\n";

std::string const report =
    "MSRP dkei38sd REPORT\r\n"
    "To-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r\n"
    "From-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r\n"
    "Message-ID: 12339sdqwer\r\n"
    "Byte-Range: 1-106/106\r\n"
    "Status: 000 200 OK\r\n"
    "-------dkei38sd$\r\n";

// What a transport observes, independent of the split: consecutive body
// chunks are joined.
struct event {
    frame_event kind = frame_event::need_more;
    std::string text; // head: tid + first field + field count; body: bytes; end: flag; errors: sentence
    bool operator==(event const&) const = default;
};

std::ostream& operator<<(std::ostream& os, event const& e)
{
    return os << static_cast<int>(e.kind) << ":" << e.text;
}

std::vector<event> run(std::vector<std::string_view> const& chunks, limits const& lim = {})
{
    framer f(lim);
    std::vector<event> out;
    for (auto const chunk : chunks) {
        std::span<char const> rest(chunk.data(), chunk.size());
        while (true) {
            auto const r = f.feed(rest);
            BOOST_REQUIRE(r.consumed <= rest.size());
            rest = rest.subspan(r.consumed);
            if (r.event == frame_event::need_more) {
                BOOST_REQUIRE(rest.empty());
                break;
            }
            event e{r.event, {}};
            switch (r.event) {
            case frame_event::head: {
                auto const& h = f.current_head();
                e.text = std::string(h.transaction_id) + "|" + std::string(h.fields[0].value) + "|" +
                         std::to_string(h.fields.size()) + "|" + std::to_string(h.has_body);
                break;
            }
            case frame_event::body: {
                auto const b = f.body();
                BOOST_REQUIRE(!b.empty());
                // Zero copy, bounded memory: a span into the input, or at
                // most an end-line's worth of held-back bytes.
                bool const in_input = b.data() >= chunk.data() && b.data() + b.size() <= chunk.data() + chunk.size();
                BOOST_REQUIRE(in_input || b.size() <= 44);
                if (!out.empty() && out.back().kind == frame_event::body) {
                    out.back().text.append(b.data(), b.size());
                    continue;
                }
                e.text.assign(b.data(), b.size());
                break;
            }
            case frame_event::end: e.text = std::string(1, static_cast<char>(f.flag())); break;
            case frame_event::bad_message:
                e.text = f.error().message + "|" + std::string(f.salvaged().transaction_id);
                break;
            case frame_event::error: {
                e.text = f.error().message;
                out.push_back(e);
                auto const again = f.feed(rest);
                BOOST_REQUIRE(again.consumed == 0 && again.event == frame_event::error);
                return out;
            }
            case frame_event::need_more: break;
            }
            out.push_back(e);
        }
    }
    return out;
}

// Every way to cut the stream in two, then in three around each cut, one
// byte at a time and random chunks: always the events of the whole.
void check_splits(std::string const& stream, std::vector<event> const& expected, limits const& lim = {})
{
    std::string_view const s = stream;
    BOOST_TEST_REQUIRE(run({s}, lim) == expected, boost::test_tools::per_element());
    for (std::size_t i = 0; i <= s.size(); ++i) {
        auto const two = run({s.substr(0, i), s.substr(i)}, lim);
        BOOST_TEST_REQUIRE((two == expected), "split at " << i);
        // Three pieces too (an end-line cut twice), on the shorter streams
        // to keep the debug build quick.
        for (std::size_t j = i; s.size() <= 420 && j <= s.size() && j < i + 50; ++j) {
            auto const three = run({s.substr(0, i), s.substr(i, j - i), s.substr(j)}, lim);
            BOOST_TEST_REQUIRE((three == expected), "split at " << i << " and " << j);
        }
    }
    std::vector<std::string_view> bytes;
    for (std::size_t i = 0; i < s.size(); ++i)
        bytes.push_back(s.substr(i, 1));
    BOOST_TEST_REQUIRE((run(bytes, lim) == expected), "one byte at a time");
    std::mt19937 rng(42);
    for (int round = 0; round < 200; ++round) {
        std::vector<std::string_view> chunks;
        for (std::size_t at = 0; at < s.size();) {
            std::size_t const n = std::min<std::size_t>(rng() % 70, s.size() - at);
            chunks.push_back(s.substr(at, n));
            at += n;
        }
        BOOST_TEST_REQUIRE((run(chunks, lim) == expected), "random round " << round);
    }
}

std::string head_text(std::string_view tid, std::string_view to, std::size_t fields, bool body)
{
    return std::string(tid) + "|" + std::string(to) + "|" + std::to_string(fields) + "|" + std::to_string(body);
}

} // namespace

BOOST_AUTO_TEST_CASE(one_message_every_split)
{
    check_splits(send, {
        {frame_event::head, head_text("a786hjs2", "msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp", 5, true)},
        {frame_event::body, "Hey Bob, are you there?"},
        {frame_event::end, "$"},
    });
}

BOOST_AUTO_TEST_CASE(stream_of_messages_every_split)
{
    // A SEND, its 200, a chunk whose body is all look-alikes, a REPORT.
    check_splits(send + ok + chunked + report, {
        {frame_event::head, head_text("a786hjs2", "msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp", 5, true)},
        {frame_event::body, "Hey Bob, are you there?"},
        {frame_event::end, "$"},
        {frame_event::head, head_text("a786hjs2", "msrp://atlanta.example.com:7654/jshA7weztas;tcp", 2, false)},
        {frame_event::end, "$"},
        {frame_event::head, head_text("d93kswow", "msrp://bob.example.com:8888/9di4eae923wzd;tcp", 5, true)},
        {frame_event::body, tricky_body},
        {frame_event::end, "+"},
        {frame_event::head, head_text("dkei38sd", "msrp://alicepc.example.com:7777/iau39soe2843z;tcp", 5, false)},
        {frame_event::end, "$"},
    });
}

BOOST_AUTO_TEST_CASE(look_alikes_cut_in_three)
{
    BOOST_TEST_REQUIRE(chunked.size() <= 420u); // cut in three by check_splits
    check_splits(chunked, {
        {frame_event::head, head_text("d93kswow", "msrp://bob.example.com:8888/9di4eae923wzd;tcp", 5, true)},
        {frame_event::body, tricky_body},
        {frame_event::end, "+"},
    });
}

BOOST_AUTO_TEST_CASE(empty_bodies_and_aborts)
{
    std::string const empty_crlf = "MSRP abcd SEND\r\nTo-Path: msrp://b.com/s;tcp\r\nFrom-Path: msrp://a.com/s;tcp\r\n"
                                   "Content-Type: text/plain\r\n\r\n\r\n-------abcd#\r\n";
    std::string const empty_bare = "MSRP abce SEND\r\nTo-Path: msrp://b.com/s;tcp\r\nFrom-Path: msrp://a.com/s;tcp\r\n"
                                   "Content-Type: text/plain\r\n\r\n-------abce$\r\n";
    std::string const crlf_only = "MSRP abcf SEND\r\nTo-Path: msrp://b.com/s;tcp\r\nFrom-Path: msrp://a.com/s;tcp\r\n"
                                  "Content-Type: text/plain\r\n\r\n\r\n\r\n-------abcf$\r\n";
    check_splits(empty_crlf + empty_bare + crlf_only, {
        {frame_event::head, head_text("abcd", "msrp://b.com/s;tcp", 3, true)},
        {frame_event::end, "#"},
        {frame_event::head, head_text("abce", "msrp://b.com/s;tcp", 3, true)},
        {frame_event::end, "$"},
        {frame_event::head, head_text("abcf", "msrp://b.com/s;tcp", 3, true)},
        {frame_event::body, "\r\n"},
        {frame_event::end, "$"},
    });
}

BOOST_AUTO_TEST_CASE(bad_head_is_skipped_with_its_body)
{
    std::string bad = send;
    bad.replace(bad.find("Byte-Range"), 10, "Byte Range");
    std::string bad_response = ok;
    bad_response.replace(bad_response.find("From-Path"), 9, "From_Path");
    check_splits(bad + bad_response + report, {
        {frame_event::bad_message, "MSRP header field: name must be a letter followed by token characters|a786hjs2"},
        {frame_event::end, "$"},
        {frame_event::bad_message, "MSRP From-Path: must be the second header field|a786hjs2"},
        {frame_event::end, "$"},
        {frame_event::head, head_text("dkei38sd", "msrp://alicepc.example.com:7777/iau39soe2843z;tcp", 5, false)},
        {frame_event::end, "$"},
    });
}

BOOST_AUTO_TEST_CASE(fatal_errors)
{
    check_splits("GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                 {{frame_event::error, "MSRP start line: expected MSRP <transaction id> <method or status>"}});
    // A wrong end-line after the fields: where the message ends is unknown.
    std::string wrong_end = ok;
    wrong_end.replace(wrong_end.find("-------a786hjs2"), 15, "-------zzzzzzzz");
    check_splits(wrong_end, {{frame_event::error, "MSRP end-line: expected -------a786hjs2 followed by $, + or #"}});
    limits small;
    small.max_head_size = 100;
    check_splits(send, {{frame_event::error, "MSRP head: larger than the limit of 100 bytes"}}, small);
    // Never-ending header line: bounded by the limit too.
    std::string const endless = "MSRP abcd SEND\r\nX-Long: " + std::string(300, 'a');
    check_splits(endless, {{frame_event::error, "MSRP head: larger than the limit of 100 bytes"}}, small);
}

BOOST_AUTO_TEST_CASE(large_body_streams_in_bounded_memory)
{
    // 8 MiB of body fed in 64 KiB reads: the body comes out as spans into
    // the reads (or the held-back tail), the framer copies none of it.
    std::string const head = "MSRP big1 SEND\r\nTo-Path: msrp://b.com/s;tcp\r\nFrom-Path: msrp://a.com/s;tcp\r\n"
                             "Byte-Range: 1-8388608/8388608\r\nContent-Type: application/octet-stream\r\n\r\n";
    std::string body(8 * 1024 * 1024, 'x');
    std::string_view const other = "\r\n-------big2$\r\nx-------big1$\r\n"; // other tid, not at a line start
    for (std::size_t i = 1000; i < body.size(); i += 65536)
        body.replace(i, other.size(), other);
    for (std::size_t i = 65536 - 7; i + 14 < body.size(); i += 65536)
        body.replace(i, 14, "\r\n-------big1+"); // this tid's end-line cut by a read, then no CRLF
    std::string const stream = head + body + "\r\n-------big1$\r\n";
    framer f;
    std::uint64_t seen = 0;
    std::uint64_t checksum = 0;
    std::size_t ends = 0;
    for (std::size_t at = 0; at < stream.size(); at += 65536) {
        std::string_view const read = std::string_view(stream).substr(at, 65536);
        std::span<char const> rest(read.data(), read.size());
        while (true) {
            auto const r = f.feed(rest);
            rest = rest.subspan(r.consumed);
            if (r.event == frame_event::need_more)
                break;
            BOOST_REQUIRE(r.event != frame_event::error);
            if (r.event == frame_event::body) {
                auto const b = f.body();
                BOOST_REQUIRE((b.data() >= read.data() && b.data() + b.size() <= read.data() + read.size()) || b.size() <= 44);
                for (char c : b)
                    checksum = checksum * 31 + static_cast<unsigned char>(c);
                seen += b.size();
            }
            if (r.event == frame_event::end)
                ++ends;
        }
    }
    std::uint64_t expected = 0;
    for (char c : body)
        expected = expected * 31 + static_cast<unsigned char>(c);
    BOOST_TEST(ends == 1u);
    BOOST_TEST(seen == body.size());
    BOOST_TEST(f.body_size() == body.size());
    BOOST_TEST(checksum == expected);
}

BOOST_AUTO_TEST_CASE(head_views_live_until_the_next_message)
{
    // The engine reads the head at frame_event::head and may still look at
    // it at frame_event::end (e.g. to answer 200), though the input it came
    // from is long gone.
    framer f;
    std::string stream = send + ok;
    std::vector<std::string> reads;
    for (std::size_t at = 0; at < stream.size(); at += 7)
        reads.push_back(stream.substr(at, 7));
    std::vector<std::string> tids;
    for (auto& read : reads) {
        std::span<char const> rest(read.data(), read.size());
        while (true) {
            auto const r = f.feed(rest);
            rest = rest.subspan(r.consumed);
            if (r.event == frame_event::need_more)
                break;
            if (r.event == frame_event::end) {
                auto const& h = f.current_head();
                tids.push_back(std::string(h.transaction_id) + " " + std::string(h.from_path()) + " " +
                               std::to_string(h.status_code));
            }
        }
        read.assign(read.size(), '\0'); // the transport reuses its buffer
    }
    BOOST_TEST(tids == (std::vector<std::string>{
                           "a786hjs2 msrp://atlanta.example.com:7654/jshA7weztas;tcp 0",
                           "a786hjs2 msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp 200",
                       }),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bad_message_salvage_names_the_paths)
{
    std::string bad = send;
    bad.replace(bad.find("Byte-Range: 1-23/23"), 19, "Byte-Range 1-23/23");
    framer f;
    auto const r = f.feed(std::span<char const>(bad.data(), bad.size()));
    BOOST_TEST_REQUIRE((r.event == frame_event::bad_message));
    BOOST_TEST(f.error().line == 5u);
    BOOST_TEST(f.error().column == 1u);
    BOOST_TEST((f.error().code == make_error_code(errc::bad_header_name)));
    BOOST_TEST(f.salvaged().request);
    BOOST_TEST(f.salvaged().to_path == "msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp");
    BOOST_TEST(f.salvaged().from_path == "msrp://atlanta.example.com:7654/jshA7weztas;tcp");
    auto const rest = std::span<char const>(bad.data() + r.consumed, bad.size() - r.consumed);
    auto const end = f.feed(rest);
    BOOST_TEST((end.event == frame_event::end)); // the body was skipped, not handed out
    BOOST_TEST(end.consumed == rest.size());
}
