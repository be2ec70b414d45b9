#define BOOST_TEST_MODULE msrp_message
#include <boost/test/unit_test.hpp>

#include "msrp/error.hpp"
#include "msrp/message.hpp"

#include <string>
#include <string_view>

using namespace cpm::msrp;

namespace {

// RFC 4975 section 11.1 (Byte-Range made to match the body).
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

struct expected_error {
    std::string text;
    errc code;
    std::size_t line;
    std::size_t column;
    std::string sentence;
};

void check_error(expected_error const& e)
{
    auto m = parse_message(e.text);
    BOOST_TEST_REQUIRE(!m.has_value(), e.sentence);
    BOOST_TEST(m.error().message == e.sentence);
    BOOST_TEST((m.error().code == make_error_code(e.code)), e.sentence);
    BOOST_TEST(m.error().line == e.line, e.sentence);
    BOOST_TEST(m.error().column == e.column, e.sentence);
}

std::string replace(std::string s, std::string_view from, std::string_view to)
{
    auto const at = s.find(from);
    BOOST_TEST_REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

} // namespace

BOOST_AUTO_TEST_CASE(send_with_body)
{
    std::string const two = send + "MSRP next";
    auto m = parse_message(two);
    BOOST_TEST_REQUIRE(m.has_value());
    auto const& h = m->head;
    BOOST_TEST(h.is_request());
    BOOST_TEST((h.method == method::send));
    BOOST_TEST(h.method_text == "SEND");
    BOOST_TEST(h.transaction_id == "a786hjs2");
    BOOST_TEST(h.has_body);
    BOOST_TEST(h.fields.size() == 5u);
    BOOST_TEST(h.to_path() == "msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp");
    BOOST_TEST(h.from_path() == "msrp://atlanta.example.com:7654/jshA7weztas;tcp");
    BOOST_TEST_REQUIRE(h.find(header_id::message_id) != nullptr);
    BOOST_TEST(h.find(header_id::message_id)->value == "87652491");
    BOOST_TEST(h.find("content-type")->value == "text/plain");
    BOOST_TEST(h.find(header_id::status) == nullptr);
    BOOST_TEST(h.fields[3].line == "Byte-Range: 1-23/23\r\n");
    BOOST_TEST(m->body == "Hey Bob, are you there?");
    BOOST_TEST((m->flag == continuation::complete));
    BOOST_TEST(m->text == send);
    BOOST_TEST(h.size == send.find("Hey"));
}

BOOST_AUTO_TEST_CASE(response_without_body)
{
    auto m = parse_message(ok);
    BOOST_TEST_REQUIRE(m.has_value());
    BOOST_TEST(!m->head.is_request());
    BOOST_TEST(m->head.status_code == 200);
    BOOST_TEST(m->head.comment == "OK");
    BOOST_TEST(!m->head.has_body);
    BOOST_TEST(m->body.empty());
    BOOST_TEST(m->text == ok);
    std::string const bare_text = replace(ok, "200 OK", "481");
    auto bare = parse_message(bare_text);
    BOOST_TEST_REQUIRE(bare.has_value());
    BOOST_TEST(bare->head.status_code == 481);
    BOOST_TEST(bare->head.comment.empty());
}

BOOST_AUTO_TEST_CASE(report_and_flags)
{
    // RFC 4975 section 11.5.
    std::string const report =
        "MSRP dkei38sd REPORT\r\n"
        "To-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r\n"
        "From-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r\n"
        "Message-ID: 12339sdqwer\r\n"
        "Byte-Range: 1-106/106\r\n"
        "Status: 000 200 OK\r\n"
        "-------dkei38sd$\r\n";
    auto m = parse_message(report);
    BOOST_TEST_REQUIRE(m.has_value());
    BOOST_TEST((m->head.method == method::report));
    BOOST_TEST(m->head.find(header_id::status)->value == "000 200 OK");
    for (char const flag : {'+', '#'}) {
        std::string const chunk_text = replace(send, "a786hjs2$", std::string("a786hjs2") + flag);
        auto chunk = parse_message(chunk_text);
        BOOST_TEST_REQUIRE(chunk.has_value());
        BOOST_TEST(static_cast<char>(chunk->flag) == flag);
    }
    std::string const other_text = replace(send, "SEND", "NICKNAME");
    auto other = parse_message(other_text);
    BOOST_TEST_REQUIRE(other.has_value());
    BOOST_TEST((other->head.method == method::other));
    std::string const auth_text = replace(ok, "200 OK", "AUTH");
    auto auth = parse_message(auth_text);
    BOOST_TEST_REQUIRE(auth.has_value());
    BOOST_TEST((auth->head.method == method::auth));
}

BOOST_AUTO_TEST_CASE(body_look_alikes)
{
    // End-lines of other transactions, an end-line of this one that does not
    // start a line, one with a bad flag: all data.
    std::string const body =
        "-------a786hjs2$\r\n"          // at the very start: see empty_body for this one
        "x-------a786hjs2$\r\n"
        "-------a786hjs2X\r\n"
        "-------a786hjs20$\r\n"
        "-------a786hjs$\r\n"
        "-------b786hjs2$\r\n"
        "-------a786hjs2$ \r\n"
        "-------a786hjs2";
    std::string const text = replace(send, "Hey Bob, are you there?", "z" + body);
    auto m = parse_message(text);
    BOOST_TEST_REQUIRE(m.has_value());
    BOOST_TEST(m->body == "z" + body);
    BOOST_TEST(m->text.size() == text.size());
}

BOOST_AUTO_TEST_CASE(empty_body)
{
    auto with_crlf = parse_message(replace(send, "Hey Bob, are you there?\r\n", "\r\n"));
    BOOST_TEST_REQUIRE(with_crlf.has_value());
    BOOST_TEST(with_crlf->body.empty());
    // Leniency: the end-line right after the blank line.
    auto without = parse_message(replace(send, "Hey Bob, are you there?\r\n", ""));
    BOOST_TEST_REQUIRE(without.has_value());
    BOOST_TEST(without->body.empty());
}

BOOST_AUTO_TEST_CASE(header_names_and_extensions)
{
    BOOST_TEST((header_from_name("byte-range") == header_id::byte_range));
    BOOST_TEST((header_from_name("WWW-AUTHENTICATE") == header_id::www_authenticate));
    BOOST_TEST((header_from_name("X-Foo") == header_id::extension));
    BOOST_TEST(header_name(header_id::use_path) == "Use-Path");
    std::string const text = replace(send, "Content-Type", "X-Extra: a \xc3\xa9 b\r\nX-Extra: 2\r\nContent-Type");
    auto m = parse_message(text);
    BOOST_TEST_REQUIRE(m.has_value());
    BOOST_TEST(m->head.find("x-extra")->value == "a \xc3\xa9 b");
    BOOST_TEST(m->head.count(header_id::extension) == 2u);
}

BOOST_AUTO_TEST_CASE(errors)
{
    check_error({replace(send, "MSRP a786hjs2", "MSRQ a786hjs2"), errc::bad_start_line, 1, 1,
                 "MSRP start line: expected MSRP <transaction id> <method or status>"});
    check_error({replace(send, "a786hjs2 SEND", "a78 SEND"), errc::bad_transaction_id, 1, 6,
                 "MSRP start line: transaction id must be ALPHANUM then 3 to 31 of ALPHANUM . - + % ="});
    check_error({replace(send, "SEND", "Send"), errc::bad_method, 1, 16,
                 "MSRP start line: method must be upper-case letters"});
    check_error({replace(ok, "200 OK", "20 OK"), errc::bad_status_code, 1, 15,
                 "MSRP start line: status code must be 3 digits"});
    check_error({replace(send, "From-Path", "Message-ID: 1234\r\nFrom-Path"), errc::missing_header, 3, 1,
                 "MSRP From-Path: must be the second header field"});
    check_error({replace(send, "Message-ID", "To-Path: msrp://x.example.com/s;tcp\r\nMessage-ID"), errc::bad_header_line, 4,
                 1, "MSRP To-Path: appears more than once"});
    check_error({replace(send, "To-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp\r\n", ""),
                 errc::missing_header, 2, 1, "MSRP To-Path: must be the first header field"});
    check_error({replace(send, "12763", "127630"), errc::bad_uri, 2, 36,
                 "MSRP To-Path: MSRP URI: port must be 1 to 5 digits, at most 65535"});
    check_error({replace(send, "Message-ID: ", "Message-ID:"), errc::bad_header_line, 4, 12,
                 "MSRP Message-ID: expected \": \" after the name"});
    check_error({replace(send, "Message-ID", "9essage-ID"), errc::bad_header_name, 4, 1,
                 "MSRP header field: name must be a letter followed by token characters"});
    check_error({replace(send, "Content-Type: text/plain\r\n", ""), errc::missing_header, 6, 1,
                 "MSRP Content-Type: required before a body"});
    check_error({replace(send, "87652491\r\n", "87652491\n"), errc::bad_header_line, 4, 21,
                 "MSRP head: lines must end in CRLF"});
    check_error({replace(send, "87652491", "8765\x01" "2491"), errc::bad_header_value, 4, 17,
                 "MSRP Message-ID: value must be UTF-8 text"});
    // UTF8-NONASCII: a lead byte without its continuation byte.
    check_error({replace(send, "Content-Type", "X-Note: caf\xc3" "e\r\nContent-Type"), errc::bad_header_value, 6, 12,
                 "MSRP X-Note: value must be UTF-8 text"});
    check_error({replace(ok, "-------a786hjs2$", "-------a786hjs3$"), errc::bad_end_line, 4, 1,
                 "MSRP end-line: expected -------a786hjs2 followed by $, + or #"});
    check_error({replace(ok, "-------a786hjs2$\r\n", "\r\nbody\r\n-------a786hjs2$\r\n"), errc::bad_end_line, 4, 1,
                 "MSRP response: a response has no body (expected the end-line)"});
    check_error({replace(send, "-------a786hjs2$", "-------a786hjs3$"), errc::incomplete, 10, 1,
                 "MSRP end-line: -------a786hjs2 not found after the body"});
    check_error({send.substr(0, 30), errc::incomplete, 2, 11, "MSRP head: the input ends inside the head"});
}

BOOST_AUTO_TEST_CASE(limits_are_errors)
{
    limits small;
    small.max_header_count = 4;
    auto many = parse_head(send, small);
    BOOST_TEST_REQUIRE(!many.has_value());
    BOOST_TEST((many.error().code == make_error_code(errc::header_count_limit)));
    BOOST_TEST(many.error().line == 6u);
    limits tiny;
    tiny.max_head_size = 64;
    auto big = parse_head(send, tiny);
    BOOST_TEST_REQUIRE(!big.has_value());
    BOOST_TEST((big.error().code == make_error_code(errc::header_size_limit)));
    BOOST_TEST(big.error().offset == 64u);
}

BOOST_AUTO_TEST_CASE(path_memo_checks_new_values_only)
{
    path_memo memo;
    BOOST_TEST_REQUIRE(parse_head(send, {}, memo).has_value());
    BOOST_TEST(memo.to_path[1] == "msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp");
    BOOST_TEST(memo.from_path[1] == "msrp://atlanta.example.com:7654/jshA7weztas;tcp");
    BOOST_TEST(memo.to_path[0].empty()); // responses have their own slot
    BOOST_TEST_REQUIRE(parse_head(send, {}, memo).has_value());
    // A changed value is checked again: a bad port is still an error.
    auto const bad = parse_head(replace(send, "7654", "x"), {}, memo);
    BOOST_TEST_REQUIRE(!bad.has_value());
    BOOST_TEST(bad.error().offset == parse_head(replace(send, "7654", "x")).error().offset);
    BOOST_TEST(memo.from_path[1] == "msrp://atlanta.example.com:7654/jshA7weztas;tcp");
}

BOOST_AUTO_TEST_CASE(path_memo_empty_slot_does_not_admit_an_empty_path)
{
    // Found by the msrp_framer fuzz target: an empty From-Path equalled the
    // memo's empty (nothing remembered) slot and skipped the check.
    path_memo memo;
    auto const empty_from = parse_head(replace(send, "msrp://atlanta.example.com:7654/jshA7weztas;tcp", ""), {}, memo);
    BOOST_TEST(!empty_from.has_value());
    auto const empty_to = parse_head(replace(send, "msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp", ""), {}, memo);
    BOOST_TEST(!empty_to.has_value());
}

BOOST_AUTO_TEST_CASE(salvage_for_400)
{
    std::string const bad = replace(send, "Byte-Range: 1-23/23", "Byte Range: 1");
    auto s = salvage_head(bad);
    BOOST_TEST_REQUIRE(s.has_value());
    BOOST_TEST(s->transaction_id == "a786hjs2");
    BOOST_TEST(s->request);
    BOOST_TEST(s->to_path == "msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp");
    BOOST_TEST(s->from_path == "msrp://atlanta.example.com:7654/jshA7weztas;tcp");
    std::string const bad_port = replace(send, "7654", "x");
    auto bad_from = salvage_head(bad_port);
    BOOST_TEST_REQUIRE(bad_from.has_value());
    BOOST_TEST(!bad_from->to_path.empty());
    BOOST_TEST(bad_from->from_path.empty());
    BOOST_TEST(!salvage_head("MSRP x SEND\r\n").has_value());
    BOOST_TEST(!salvage_head("GET / HTTP/1.1\r\n").has_value());
}
