#define BOOST_TEST_MODULE sip_framer
#include <boost/test/unit_test.hpp>

#include "sip/error.hpp"
#include "sip/framer.hpp"
#include "sip/message.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace cpm::sip;

namespace {

std::string const invite =
    "INVITE sip:bob@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/TCP pc33.example.com;branch=z9hG4bK776asdhds\r\n"
    "Max-Forwards: 70\r\n"
    "To: Bob <sip:bob@example.com>\r\n"
    "From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
    "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
    "CSeq: 314159 INVITE\r\n"
    "Subject: folded\r\n"
    "  across two lines\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length:\r\n 14\r\n" // a fold inside SWS before the value
    "\r\n"
    "v=0\r\n"
    "\r\n"        // CRLFCRLF inside the body must not end anything
    "s=-\r\n\r\n";

std::string const ok =
    "SIP/2.0 200 OK\r\n"
    "v: SIP/2.0/TCP pc33.example.com;branch=z9hG4bK776asdhds\r\n"
    "t: Bob <sip:bob@example.com>;tag=a6c85cf\r\n"
    "f: Alice <sip:alice@example.com>;tag=1928301774\r\n"
    "i: a84b4c76e66710@pc33.example.com\r\n"
    "CSeq: 314159 INVITE\r\n"
    "l: 0\r\n"
    "\r\n";

std::string const message_cpim =
    "MESSAGE sip:bob@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/TLS alice.example.com;branch=z9hG4bKm1\r\n"
    "Max-Forwards: 70\r\n"
    "To: <sip:bob@example.com>\r\n"
    "From: <sip:alice@example.com>;tag=49583\r\n"
    "Call-ID: m1@alice.example.com\r\n"
    "CSeq: 1 MESSAGE\r\n"
    "Content-Type: message/cpim\r\n"
    "content-length  :   64  \r\n"
    "\r\n"
    "From: <im:alice@example.com>\r\n"
    "\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "Hi\r\n";

/// What a caller observes, independent of how the bytes were split.
struct event {
    frame_status status;
    std::string text;  // the message, for message_ready
    std::string error; // the sentence, for error
    std::size_t offset = 0;
    boost::system::error_code code;
    bool operator==(event const&) const = default;
};

/// For failure messages.
std::string dump(std::vector<event> const& events)
{
    std::string s;
    for (auto const& e : events)
        s += "{" + std::to_string(static_cast<int>(e.status)) + " " + std::to_string(e.text.size()) + "B " +
             e.error + " @" + std::to_string(e.offset) + "} ";
    return s;
}

/// Feeds @p chunks in order the way a transport loop does.
std::vector<event> frame(std::vector<std::string_view> const& chunks, limits const& lim = {})
{
    framer f(lim);
    std::vector<event> out;
    for (auto const chunk : chunks) {
        std::span<char const> rest(chunk.data(), chunk.size());
        while (true) {
            auto const r = f.feed(rest);
            BOOST_TEST_REQUIRE(r.consumed <= rest.size());
            rest = rest.subspan(r.consumed);
            if (r.status == frame_status::need_more) {
                BOOST_TEST_REQUIRE(rest.empty());
                break;
            }
            event e{r.status, {}, {}, 0, {}};
            if (r.status == frame_status::message_ready)
                e.text = std::string(f.release().view());
            if (r.status == frame_status::error) {
                e.error = f.error().message;
                e.offset = f.error().offset;
                e.code = f.error().code;
                out.push_back(e);
                // The failure is sticky.
                BOOST_TEST((f.feed(rest).status == frame_status::error));
                return out;
            }
            out.push_back(e);
        }
    }
    return out;
}

std::vector<std::string_view> split_at(std::string_view s, std::vector<std::size_t> cuts)
{
    std::vector<std::string_view> out;
    std::size_t from = 0;
    for (auto const c : cuts) {
        out.push_back(s.substr(from, c - from));
        from = c;
    }
    out.push_back(s.substr(from));
    return out;
}

/// Beast's "parsegrind": every split of @p input must give the events of
/// the whole buffer. Returns those events.
std::vector<event> grind(std::string_view input, limits const& lim = {})
{
    auto const whole = frame({input}, lim);
    for (std::size_t cut = 0; cut <= input.size(); ++cut) {
        auto const got = frame(split_at(input, {cut}), lim);
        BOOST_TEST_REQUIRE((got == whole), "split at " << cut << ": " << dump(got) << "vs " << dump(whole));
    }
    std::vector<std::string_view> bytes;
    for (std::size_t i = 0; i < input.size(); ++i)
        bytes.push_back(input.substr(i, 1));
    BOOST_TEST_REQUIRE((frame(bytes, lim) == whole), "one byte at a time");
    std::mt19937 rng(20240611);
    for (int round = 0; round < 200 && input.size() > 2; ++round) {
        std::uniform_int_distribution<std::size_t> pick(0, input.size());
        std::vector<std::size_t> cuts{pick(rng), pick(rng), pick(rng), pick(rng)};
        std::sort(cuts.begin(), cuts.end());
        BOOST_TEST_REQUIRE((frame(split_at(input, cuts), lim) == whole), "random split round " << round);
    }
    return whole;
}

event ready(std::string const& text) { return {frame_status::message_ready, text, {}, 0, {}}; }
event ping() { return {frame_status::keepalive, {}, {}, 0, {}}; }

} // namespace

BOOST_AUTO_TEST_CASE(single_messages_in_every_split)
{
    for (auto const* m : {&invite, &ok, &message_cpim}) {
        auto const events = grind(*m);
        BOOST_TEST_REQUIRE(events.size() == 1u);
        BOOST_TEST((events[0] == ready(*m)));
    }
}

BOOST_AUTO_TEST_CASE(framed_messages_parse_as_stream_messages)
{
    auto const events = frame({invite + message_cpim});
    BOOST_TEST_REQUIRE(events.size() == 2u);
    auto a = message::parse(abnf::text_buffer(events[0].text), {.datagram = false});
    BOOST_TEST_REQUIRE(a.has_value(), (a ? "" : a.error().message));
    BOOST_TEST(a->body() == "v=0\r\n\r\ns=-\r\n\r\n");
    BOOST_TEST(*a->content_length() == 14u);
    auto b = message::parse(abnf::text_buffer(events[1].text), {.datagram = false});
    BOOST_TEST_REQUIRE(b.has_value(), (b ? "" : b.error().message));
    BOOST_TEST(b->body().size() == 64u);
    BOOST_TEST(b->body().substr(b->body().size() - 4) == "Hi\r\n");
}

BOOST_AUTO_TEST_CASE(stream_with_keepalives_in_every_split)
{
    // RFC 5626 3.5.1: CRLFCRLF is a ping (reported), a lone CRLF a pong
    // (ignored). Here: ping, message, pong, message, ping, message, two pings.
    std::string const stream =
        "\r\n\r\n" + invite + "\r\n" + ok + "\r\n\r\n" + message_cpim + "\r\n\r\n\r\n\r\n";
    auto const events = grind(stream);
    std::vector<event> const expected{ping(), ready(invite), ready(ok), ping(), ready(message_cpim), ping(), ping()};
    BOOST_TEST((events == expected));
}

BOOST_AUTO_TEST_CASE(consumes_only_the_current_message)
{
    framer f;
    std::string const two = ok + invite.substr(0, 20);
    auto r = f.feed(two);
    BOOST_TEST(r.consumed == ok.size());
    BOOST_TEST((r.status == frame_status::message_ready));
    BOOST_TEST(f.release().view() == ok);
    r = f.feed(std::span<char const>(two).subspan(ok.size()));
    BOOST_TEST(r.consumed == 20u);
    BOOST_TEST((r.status == frame_status::need_more));
    r = f.feed(std::span<char const>(invite).subspan(20));
    BOOST_TEST(r.consumed == invite.size() - 20);
    BOOST_TEST((r.status == frame_status::message_ready));
    auto buf = f.release();
    BOOST_TEST(buf.view() == invite);
    BOOST_TEST(buf.size() == invite.size()); // exact-size buffer
}

BOOST_AUTO_TEST_CASE(keepalive_consumes_four_bytes)
{
    framer f;
    std::string const s = "\r\n\r\nOPTIONS";
    auto const r = f.feed(s);
    BOOST_TEST(r.consumed == 4u);
    BOOST_TEST((r.status == frame_status::keepalive));
    BOOST_TEST((f.feed(std::span<char const>(s).subspan(4)).status == frame_status::need_more));
}

namespace {

event failure(errc code, std::size_t offset, std::string sentence)
{
    return {frame_status::error, {}, std::move(sentence), offset, make_error_code(code)};
}

std::string const head = "OPTIONS sip:a@example.com SIP/2.0\r\n";

} // namespace

BOOST_AUTO_TEST_CASE(header_field_too_long)
{
    limits lim;
    lim.max_line_length = 64;
    std::string const m = head + "Subject: " + std::string(80, 'x') + "\r\nContent-Length: 0\r\n\r\n";
    auto const events = grind(m, lim);
    BOOST_TEST_REQUIRE(events.size() == 1u);
    BOOST_TEST((events[0] == failure(errc::line_length_limit, head.size(),
                                     "stream: header field exceeds the line length limit of 64 bytes")));
    // A fold counts towards its field.
    std::string const folded = head + "Subject: " + std::string(40, 'x') + "\r\n " + std::string(40, 'y') +
                               "\r\nContent-Length: 0\r\n\r\n";
    BOOST_TEST((grind(folded, lim) == events));
    // Exactly at the limit is fine.
    std::string const fits = head + "Subject: " + std::string(55, 'x') + "\r\nContent-Length: 0\r\n\r\n";
    BOOST_TEST((grind(fits, lim) == std::vector<event>{ready(fits)}));
}

BOOST_AUTO_TEST_CASE(start_line_too_long)
{
    limits lim;
    lim.max_line_length = 32;
    std::string const m = "OPTIONS sip:" + std::string(40, 'a') + "@example.com SIP/2.0\r\nl: 0\r\n\r\n";
    BOOST_TEST((grind(m, lim) == std::vector<event>{failure(
                    errc::line_length_limit, 0, "stream: start line exceeds the line length limit of 32 bytes")}));
}

BOOST_AUTO_TEST_CASE(too_many_header_fields)
{
    limits lim;
    lim.max_header_count = 3;
    std::string m = head;
    for (int i = 0; i < 3; ++i)
        m += "X-" + std::to_string(i) + ": v\r\n";
    std::size_t const fourth_at = m.size();
    BOOST_TEST((grind(m + "Content-Length: 0\r\n\r\n", lim) ==
                std::vector<event>{failure(errc::header_count_limit, fourth_at, "stream: more than 3 header fields")}));
    std::string const three = head + "X-0: v\r\nX-1: v\r\nl: 0\r\n\r\n";
    BOOST_TEST((grind(three, lim) == std::vector<event>{ready(three)}));
}

BOOST_AUTO_TEST_CASE(message_too_big)
{
    limits lim;
    lim.max_message_size = 200;
    // Content-Length announces more than fits: refused before any body byte.
    std::string const big = head + "Content-Length: 500\r\n\r\n";
    auto const cl_at = head.size() + std::string_view("Content-Length: ").size();
    BOOST_TEST((grind(big + std::string(500, 'b'), lim) ==
                std::vector<event>{failure(errc::message_size_limit, cl_at,
                                           "stream: Content-Length makes the message exceed the message size "
                                           "limit of 200 bytes")}));
    // A header section that never ends within the limit.
    std::string many = head;
    while (many.size() < 300)
        many += "X-Filler: abcdefgh\r\n";
    BOOST_TEST((grind(many, lim) ==
                std::vector<event>{failure(errc::message_size_limit, 200,
                                           "stream: header section exceeds the message size limit of 200 bytes")}));
    // Exactly the limit is accepted.
    std::string const header = head + "l: 155\r\n\r\n";
    std::string const exact = header + std::string(200 - header.size(), 'b');
    BOOST_TEST_REQUIRE(exact.size() == 200u);
    BOOST_TEST((grind(exact, lim) == std::vector<event>{ready(exact)}));
}

BOOST_AUTO_TEST_CASE(content_length_is_mandatory_and_checked)
{
    std::string const missing = head + "Subject: x\r\n\r\n";
    BOOST_TEST((grind(missing) ==
                std::vector<event>{failure(errc::missing_header, missing.size(),
                                           "stream: Content-Length is required on stream transports (RFC 3261 18.3)")}));
    std::string const bad = head + "Content-Length: 1x\r\n\r\n";
    BOOST_TEST((grind(bad) == std::vector<event>{failure(errc::bad_content_length, head.size() + 17,
                                                         "stream: Content-Length: expected digits only")}));
    std::string const conflict = head + "Content-Length: 1\r\nl: 2\r\n\r\nab";
    BOOST_TEST((grind(conflict) == std::vector<event>{failure(errc::bad_content_length, head.size() + 22,
                                                              "stream: Content-Length: conflicting values")}));
    // The same value twice frames; message::parse flags the duplicate.
    std::string const twice = head + "Content-Length: 2\r\nl: 2\r\n\r\nab";
    BOOST_TEST((grind(twice) == std::vector<event>{ready(twice)}));
}

BOOST_AUTO_TEST_CASE(ten_megabyte_header_is_refused_early)
{
    // A peer streams one endless header line: the framer gives up at the
    // line length limit, long before the 10 MB arrive.
    std::string const huge = head + "X-Big: " + std::string(10 * 1024 * 1024, 'a');
    framer f;
    std::size_t offered = 0;
    frame_result r;
    for (std::size_t at = 0; at < huge.size(); at += 65536) {
        auto const chunk = std::span<char const>(huge).subspan(at, std::min<std::size_t>(65536, huge.size() - at));
        offered += chunk.size();
        r = f.feed(chunk);
        if (r.status == frame_status::error)
            break;
        BOOST_TEST_REQUIRE((r.status == frame_status::need_more));
    }
    BOOST_TEST((r.status == frame_status::error));
    BOOST_TEST(offered <= 2u * 65536u);
    BOOST_TEST((f.error().code == errc::line_length_limit));
    BOOST_TEST(f.error().offset == head.size());
    // Fed in one call, the framer looks at no more than the size limit.
    framer g;
    BOOST_TEST((g.feed(huge).status == frame_status::error));
    BOOST_TEST((g.error().code == errc::line_length_limit));
    // With a huge line limit, the message size limit stops it instead.
    limits lim;
    lim.max_line_length = 64 * 1024 * 1024;
    framer h(lim);
    BOOST_TEST((h.feed(huge).status == frame_status::error));
    BOOST_TEST((h.error().code == errc::message_size_limit));
    BOOST_TEST(h.error().offset == lim.max_message_size);
}

BOOST_AUTO_TEST_CASE(garbage_is_refused)
{
    // A TLS ClientHello sent to a plain TCP port.
    std::string const tls("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
    BOOST_TEST((grind(tls) == std::vector<event>{failure(errc::bad_start_line, 0, "stream: expected a SIP start line")}));
    BOOST_TEST((grind("\r\r\n") == std::vector<event>{
                    failure(errc::bad_start_line, 0, "stream: CR not followed by LF between messages")}));
    BOOST_TEST((grind("\r\n\r") == std::vector<event>{})); // a partial ping just waits
    BOOST_TEST((grind("\r\n\rX") == std::vector<event>{
                    failure(errc::bad_start_line, 0, "stream: CR not followed by LF between messages")}));
    BOOST_TEST((grind("\n") == std::vector<event>{failure(errc::bad_start_line, 0, "stream: expected a SIP start line")}));
    // Garbage after a good message: the message is still delivered.
    BOOST_TEST((grind(ok + "\x01") ==
                std::vector<event>{ready(ok), failure(errc::bad_start_line, 0, "stream: expected a SIP start line")}));
    // Printable noise without line ends runs into the line length limit.
    limits lim;
    lim.max_line_length = 100;
    std::string noise;
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> printable('!', '~');
    for (int i = 0; i < 400; ++i)
        noise += static_cast<char>(printable(rng));
    noise[0] = 'A';
    BOOST_TEST((grind(noise, lim) == std::vector<event>{failure(
                    errc::line_length_limit, 0, "stream: start line exceeds the line length limit of 100 bytes")}));
}

BOOST_AUTO_TEST_CASE(unreleased_message_is_dropped_by_the_next_feed)
{
    framer f;
    BOOST_TEST((f.feed(ok).status == frame_status::message_ready));
    BOOST_TEST((f.feed(std::span<char const>()).status == frame_status::need_more));
    BOOST_TEST(f.release().empty());
}

BOOST_AUTO_TEST_CASE(torture_messages_frame_as_they_parse)
{
    // RFC 4475 / RFC 5118: whatever parses as a stream message frames to
    // exactly its text, in every split.
    std::size_t framed = 0;
    for (auto const* folder : {"rfc4475", "rfc5118"}) {
        for (auto const& entry :
             std::filesystem::directory_iterator(std::filesystem::path(CPM_TEST_DATA_DIR) / "sip" / folder)) {
            if (entry.path().extension() != ".sip")
                continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::string const text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
            auto const m = message::parse(abnf::text_buffer(text), {.datagram = false});
            if (!m)
                continue;
            BOOST_TEST_CONTEXT(entry.path().filename().string())
            {
                auto const events = grind(text);
                BOOST_TEST_REQUIRE(!events.empty());
                if (entry.path().filename() == "mcl01.sip") {
                    // RFC 4475 3.3.9: two Content-Length values; on a stream
                    // the framing cannot be recovered.
                    BOOST_TEST(events.front().error == "stream: Content-Length: conflicting values");
                } else {
                    BOOST_TEST((events.front() == ready(std::string(m->text()))));
                }
            }
            ++framed;
        }
    }
    BOOST_TEST(framed >= 20u);
}

BOOST_AUTO_TEST_CASE(release_hands_out_the_message_once)
{
    framer f;
    BOOST_TEST((f.feed(ok).status == frame_status::message_ready));
    auto const first = f.release();
    BOOST_TEST(first.view() == ok);
    auto const second = f.release();
    BOOST_TEST(second.empty());
    BOOST_TEST(second.data() == nullptr);
}
