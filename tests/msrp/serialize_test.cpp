#define BOOST_TEST_MODULE msrp_serialize
#include <boost/test/unit_test.hpp>

#include "msrp/framer.hpp"
#include "msrp/headers.hpp"
#include "msrp/message.hpp"
#include "msrp/serialize.hpp"

#include <string>
#include <string_view>

using namespace cpm::msrp;

namespace {

std::string const send =
    "MSRP a786hjs2 SEND\r\n"
    "To-Path: msrp://relay.example.com:2855/r1;tcp msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp\r\n"
    "From-Path: msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n"
    "Message-ID: 87652491\r\n"
    "Success-Report: yes\r\n"
    "Byte-Range: 1-23/23\r\n"
    "X-Extension: kept as written\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "Hey Bob, are you there?\r\n"
    "-------a786hjs2$\r\n";

} // namespace

BOOST_AUTO_TEST_CASE(round_trip_is_identity)
{
    for (std::string const& text : {
             send,
             std::string("MSRP a786hjs2 200 OK\r\n"
                         "To-Path: msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n"
                         "From-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp\r\n"
                         "-------a786hjs2$\r\n"),
             std::string("MSRP dkei38sd REPORT\r\n"
                         "To-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r\n"
                         "From-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r\n"
                         "Message-ID: 12339sdqwer\r\n"
                         "Byte-Range: 1-106/106\r\n"
                         "Status: 000 200 OK\r\n"
                         "-------dkei38sd$\r\n"),
             std::string("MSRP abcd1234 481\r\n"
                         "To-Path: msrp://a.example.com/s;tcp\r\n"
                         "From-Path: msrp://b.example.com/s;tcp\r\n"
                         "-------abcd1234$\r\n"),
         }) {
        auto m = parse_message(text);
        BOOST_TEST_REQUIRE(m.has_value(), text);
        std::string out;
        BOOST_TEST_REQUIRE(serialize(to_outgoing(m->head),
                                     m->head.has_body ? std::optional<std::string_view>(m->body) : std::nullopt,
                                     m->flag, out));
        BOOST_TEST(out == text);
        // parse(serialize(parse(x))) == parse(x)
        auto again = parse_message(out);
        BOOST_TEST_REQUIRE(again.has_value());
        BOOST_TEST((to_outgoing(again->head) == to_outgoing(m->head)));
        BOOST_TEST(again->body == m->body);
    }
}

BOOST_AUTO_TEST_CASE(streamed_chunk_equals_whole)
{
    outgoing m;
    m.transaction_id = "t0000001";
    m.method = "SEND";
    m.to_path = "msrp://b.example.com:2855/s;tcp";
    m.from_path = "msrp://a.example.com:2855/s;tcp";
    m.fields = {{"Message-ID", "m0000001"}, {"Byte-Range", to_string(byte_range{1, std::nullopt, std::nullopt})},
                {"Content-Type", "application/octet-stream"}};
    std::string whole;
    BOOST_TEST_REQUIRE(serialize(m, std::string_view("abc\r\ndef"), continuation::more, whole));
    std::string pieces;
    write_head(m, true, pieces);
    pieces += "abc\r\n";
    pieces += "def";
    write_end(m.transaction_id, continuation::more, true, pieces);
    BOOST_TEST(pieces == whole);
    BOOST_TEST(whole ==
               "MSRP t0000001 SEND\r\nTo-Path: msrp://b.example.com:2855/s;tcp\r\n"
               "From-Path: msrp://a.example.com:2855/s;tcp\r\nMessage-ID: m0000001\r\nByte-Range: 1-*/*\r\n"
               "Content-Type: application/octet-stream\r\n\r\nabc\r\ndef\r\n-------t0000001+\r\n");
    // And the framer reads back what was written.
    framer f;
    std::span<char const> rest(whole.data(), whole.size());
    std::string body;
    int ends = 0;
    while (!rest.empty()) {
        auto const r = f.feed(rest);
        rest = rest.subspan(r.consumed);
        if (r.event == frame_event::body)
            body.append(f.body().data(), f.body().size());
        ends += r.event == frame_event::end ? 1 : 0;
        BOOST_TEST_REQUIRE((r.event != frame_event::error && r.event != frame_event::bad_message));
    }
    BOOST_TEST(body == "abc\r\ndef");
    BOOST_TEST(ends == 1);
    BOOST_TEST((f.flag() == continuation::more));
}

BOOST_AUTO_TEST_CASE(refuses_a_body_holding_its_end_line)
{
    outgoing m;
    m.transaction_id = "abcd";
    m.method = "SEND";
    m.to_path = "msrp://b.com/s;tcp";
    m.from_path = "msrp://a.com/s;tcp";
    m.fields = {{"Content-Type", "text/plain"}};
    std::string out;
    BOOST_TEST(!serialize(m, std::string_view("x\r\n-------abcd$\r\ny"), continuation::complete, out));
    BOOST_TEST(!serialize(m, std::string_view("x\r\n-------abcd#"), continuation::complete, out)); // + data CRLF
    BOOST_TEST(!serialize(m, std::string_view("-------abcd+\r\n"), continuation::complete, out));
    BOOST_TEST(out.empty());
    BOOST_TEST(serialize(m, std::string_view("x\r\n-------abcde$\r\n-------abc$\r\nx-------abcd$\r\n"),
                         continuation::complete, out));
    BOOST_TEST(!contains_end_line("x\r\n-------abcd$\r", "abcd"));
    BOOST_TEST(contains_end_line("x\r\n-------abcd$", "abcd"));
    BOOST_TEST(!contains_end_line("x\r\n-------abcd$\rx", "abcd"));
}

BOOST_AUTO_TEST_CASE(response_recipe)
{
    auto h = parse_head(send);
    BOOST_TEST_REQUIRE(h.has_value());
    auto const r = make_response(*h, 200, "OK");
    std::string out;
    BOOST_TEST_REQUIRE(serialize(r, std::nullopt, continuation::complete, out));
    // To the previous hop, from this hop (the first URI of the To-Path).
    BOOST_TEST(out ==
               "MSRP a786hjs2 200 OK\r\n"
               "To-Path: msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n"
               "From-Path: msrp://relay.example.com:2855/r1;tcp\r\n"
               "-------a786hjs2$\r\n");
    std::string direct = "prefix";
    write_response(*h, 200, "OK", direct); // the same bytes, appended
    BOOST_TEST(direct == "prefix" + out);
}

BOOST_AUTO_TEST_CASE(report_recipe)
{
    std::string const received =
        "MSRP a786hjs2 SEND\r\n"
        "To-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp\r\n"
        "From-Path: msrp://relay.example.com:2855/r1;tcp msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n"
        "Message-ID: 87652491\r\n"
        "Success-Report: yes\r\n"
        "Byte-Range: 1-23/23\r\n"
        "Content-Type: text/plain\r\n"
        "\r\n";
    auto h = parse_head(received);
    BOOST_TEST_REQUIRE(h.has_value());
    auto const rep = make_report(*h, "dkei38sd", byte_range{1, 23, 23}, status{0, 200, "OK"});
    std::string out;
    BOOST_TEST_REQUIRE(serialize(rep, std::nullopt, continuation::complete, out));
    BOOST_TEST(out ==
               "MSRP dkei38sd REPORT\r\n"
               "To-Path: msrp://relay.example.com:2855/r1;tcp msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n"
               "From-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp\r\n"
               "Message-ID: 87652491\r\n"
               "Byte-Range: 1-23/23\r\n"
               "Status: 000 200 OK\r\n"
               "-------dkei38sd$\r\n");
    auto back = parse_message(out);
    BOOST_TEST_REQUIRE(back.has_value());
    BOOST_TEST(validate(back->head).has_value());
    BOOST_TEST(!back->head.find(header_id::success_report));
    auto const failure = make_report(*h, "f00dcafe", byte_range{1, 10, 23}, status{0, 413, ""});
    BOOST_TEST(failure.fields[2].value == "000 413");
    BOOST_TEST(failure.fields[1].value == "1-10/23");
    BOOST_TEST(to_string(byte_range{5, std::nullopt, 100}) == "5-*/100");
}
