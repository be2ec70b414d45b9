// Via stamping (RFC 3261 18.2.1, RFC 3581 4) and the transport's answers
// to malformed requests (400, 513; RFC 3261 8.2.6, RFC 4475 3.1.2), on
// datagrams and streams, without sockets.
#define BOOST_TEST_MODULE sip_transport_inbound
#include <boost/test/unit_test.hpp>

#include "loopback.hpp"

#include "sip/transport/inbound.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cpm::sip;
using namespace cpm::sip::transport;
using namespace cpm::sip::transport::test;

namespace {

std::string with_bad_max_forwards(std::string text)
{
    text.replace(text.find("Max-Forwards: 70"), 16, "Max-Forwards: lots");
    return text;
}

std::string rfc4475(std::string const& name)
{
    std::ifstream in(std::filesystem::path(CPM_TEST_DATA_DIR) / "sip" / "rfc4475" / name, std::ios::binary);
    std::ostringstream all;
    all << in.rdbuf();
    return all.str();
}

// The value of the first field named @p name in @p text (as written).
std::string field(std::string_view text, std::string_view name)
{
    std::string const key = "\r\n" + std::string(name) + ": ";
    auto const at = text.find(key);
    if (at == std::string_view::npos)
        return "(absent)";
    auto const begin = at + key.size();
    return std::string(text.substr(begin, text.find("\r\n", begin) - begin));
}

peer from(std::string_view address, std::uint16_t port)
{
    return peer{asio::ip::make_address(address), port, transport_kind::udp};
}

message stamped(std::string const& text, peer const& source)
{
    auto out = prepare_datagram(text, source, {}, "cpm");
    BOOST_TEST_REQUIRE(std::holds_alternative<message>(out));
    return std::move(std::get<message>(out));
}

} // namespace

BOOST_AUTO_TEST_CASE(same_address_without_rport_is_not_copied)
{
    abnf::text_buffer text(request("192.0.2.1:5060"));
    char const* const bytes = text.data();
    auto m = stamp_via(*message::parse(std::move(text)), from("192.0.2.1", 5060), {});
    BOOST_TEST_REQUIRE(m.has_value());
    BOOST_TEST(static_cast<void const*>(m->buffer().data()) == static_cast<void const*>(bytes));
    BOOST_TEST(m->top_via().received.empty());
}

BOOST_AUTO_TEST_CASE(different_address_gets_received)
{
    auto m = stamped(request("192.0.2.1:5060"), from("198.51.100.7", 5060));
    BOOST_TEST(m.top_via().received == "198.51.100.7");
    BOOST_TEST(!m.top_via().has_rport);
    BOOST_TEST(m.top_via().branch == "z9hG4bK776asdhds");
    BOOST_TEST(m.body() == "hello");
}

BOOST_AUTO_TEST_CASE(domain_sent_by_gets_received)
{
    auto m = stamped(request("pc33.example.com"), from("192.0.2.1", 5060));
    BOOST_TEST(m.top_via().received == "192.0.2.1");
    BOOST_TEST(m.top_via().host == "pc33.example.com");
}

BOOST_AUTO_TEST_CASE(rport_is_filled_and_received_added_even_when_identical)
{
    // RFC 3581 4: "even if it is identical to the value of the sent-by".
    auto m = stamped(request("192.0.2.1:5060", ";rport"), from("192.0.2.1", 41000));
    BOOST_TEST(m.top_via().received == "192.0.2.1");
    BOOST_TEST_REQUIRE(m.top_via().rport.has_value());
    BOOST_TEST(*m.top_via().rport == 41000);
    BOOST_TEST(m.find(header_id::via)->value
               == "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=41000");
}

BOOST_AUTO_TEST_CASE(existing_received_and_rport_are_replaced)
{
    auto m = stamped(request("192.0.2.1", " ; rport ;received=10.0.0.1;x=1"), from("203.0.113.5", 7000));
    BOOST_TEST(m.find(header_id::via)->value
               == "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK776asdhds;x=1;received=203.0.113.5;rport=7000");
}

BOOST_AUTO_TEST_CASE(only_the_top_via_value_is_stamped)
{
    std::string text = request("pc33.example.com;rport, 10.1.1.1:5060;branch=z9hG4bKold");
    auto m = stamped(text, from("192.0.2.9", 6000));
    auto const via = m.find(header_id::via)->value;
    BOOST_TEST(via.find("rport=6000, 10.1.1.1:5060;branch=z9hG4bKold;branch=z9hG4bK776asdhds") != std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(ipv6_source)
{
    auto m = stamped(request("[2001:db8::1]:5060", ";rport"), from("2001:db8::2", 5062));
    BOOST_TEST(m.top_via().received == "2001:db8::2");
    BOOST_TEST(*m.top_via().rport == 5062);
}

BOOST_AUTO_TEST_CASE(responses_are_not_stamped)
{
    auto out = prepare_datagram(response(), from("198.51.100.7", 1), {}, "cpm");
    BOOST_TEST_REQUIRE(std::holds_alternative<message>(out));
    BOOST_TEST(std::get<message>(out).top_via().received.empty());
}

BOOST_AUTO_TEST_CASE(malformed_stream_request_gets_400_with_warning)
{
    std::string text = request("192.0.2.1:5060", "", "hi", "TCP");
    text.replace(text.find("Max-Forwards: 70"), 16, "Max-Forwards: lots");
    auto out = prepare_stream(abnf::text_buffer(text), from("192.0.2.1", 5060), {}, "proxy.example.com");
    BOOST_TEST_REQUIRE(std::holds_alternative<rejected>(out));
    auto const& r = std::get<rejected>(out);
    BOOST_TEST_REQUIRE(!r.response.empty());
    auto answer = message::parse(abnf::text_buffer(r.response));
    BOOST_TEST_REQUIRE(answer.has_value());
    BOOST_TEST(answer->status_code() == 400u);
    BOOST_TEST(answer->top_via().branch == "z9hG4bK776asdhds");
    BOOST_TEST(answer->call_id() == "a84b4c76e66710@127.0.0.1");
    BOOST_TEST(answer->cseq().number == 1u);
    BOOST_TEST(!answer->to().tag.empty());
    auto const* warning = answer->find(header_id::warning);
    BOOST_TEST_REQUIRE(warning);
    BOOST_TEST(warning->value.starts_with("399 proxy.example.com \""));
    BOOST_TEST(warning->value.find(r.error.message) != std::string_view::npos);

    // The same request again gets the same To tag (RFC 3261 8.2.7).
    auto again = prepare_stream(abnf::text_buffer(text), from("192.0.2.1", 5060), {}, "proxy.example.com");
    BOOST_TEST(std::get<rejected>(again).response == r.response);
}

BOOST_AUTO_TEST_CASE(malformed_request_without_call_id_is_not_answered)
{
    std::string text = request("192.0.2.1:5060", "", "", "TCP");
    text.erase(text.find("Call-ID"), text.find("CSeq") - text.find("Call-ID"));
    text.replace(text.find("Max-Forwards: 70"), 16, "Max-Forwards: lots");
    auto out = prepare_stream(abnf::text_buffer(text), from("192.0.2.1", 5060), {}, "cpm");
    BOOST_TEST_REQUIRE(std::holds_alternative<rejected>(out));
    BOOST_TEST(std::get<rejected>(out).response.empty());
}

// --- datagrams: the 400, where it goes, and what bounds it --------------

BOOST_AUTO_TEST_CASE(malformed_datagram_gets_400_at_source_address_and_sent_by_port)
{
    // RFC 3261 18.2.2: "received" (the source address, 18.2.1) at the
    // sent-by port; the sent-by host itself is never used.
    auto out = prepare_datagram(with_bad_max_forwards(request("192.0.2.1:5070")), from("198.51.100.7", 40000), {},
                                "cpm");
    BOOST_TEST_REQUIRE(std::holds_alternative<rejected>(out));
    auto const& r = std::get<rejected>(out);
    BOOST_TEST_REQUIRE(r.response.starts_with("SIP/2.0 400 Bad Request\r\n"));
    BOOST_TEST(r.reply_to.address == asio::ip::make_address("198.51.100.7"));
    BOOST_TEST(r.reply_to.port == 5070u);
    BOOST_TEST((r.reply_to.kind == transport_kind::udp));
    auto answer = message::parse(abnf::text_buffer(r.response));
    BOOST_TEST_REQUIRE(answer.has_value());
    BOOST_TEST(answer->top_via().branch == "z9hG4bK776asdhds");
    BOOST_TEST(answer->find(header_id::warning)->value.find("Max-Forwards") != std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(malformed_datagram_with_rport_is_answered_at_the_source_port)
{
    // RFC 3581 4; maddr is never followed for an answer to a malformed
    // request (it could aim the 400 anywhere), nor a sent-by name.
    auto out = prepare_datagram(with_bad_max_forwards(request("pc33.example.com:5070", ";maddr=203.0.113.9;rport")),
                                from("198.51.100.7", 40000), {}, "cpm");
    auto const& r = std::get<rejected>(out);
    BOOST_TEST_REQUIRE(!r.response.empty());
    BOOST_TEST(r.reply_to.address == asio::ip::make_address("198.51.100.7"));
    BOOST_TEST(r.reply_to.port == 40000u);
}

BOOST_AUTO_TEST_CASE(malformed_datagram_without_sent_by_port_goes_to_5060)
{
    auto out = prepare_datagram(with_bad_max_forwards(request("192.0.2.1")), from("192.0.2.1", 33333), {}, "cpm");
    BOOST_TEST(std::get<rejected>(out).reply_to.port == 5060u);
}

BOOST_AUTO_TEST_CASE(unanswerable_datagrams_are_rejected_without_answer)
{
    // No readable top Via: nowhere to send. A response: discarded (18.1.2).
    // An ACK: never answered.
    std::string no_via = with_bad_max_forwards(request());
    no_via.replace(no_via.find("Via: SIP/2.0/UDP"), 16, "Via: SIP/2.0/UDP@");
    std::string bad_response = response();
    bad_response.replace(bad_response.find("CSeq: 1"), 7, "CSeq: x");
    std::string ack = with_bad_max_forwards(request());
    ack.replace(0, 7, "ACK");
    ack.replace(ack.find("1 MESSAGE"), 9, "1 ACK");
    for (auto const& text : {no_via, bad_response, ack}) {
        auto out = prepare_datagram(text, from("192.0.2.1", 5060), {}, "cpm");
        BOOST_TEST_REQUIRE(std::holds_alternative<rejected>(out));
        BOOST_TEST(std::get<rejected>(out).response.empty(), text);
    }
}

BOOST_AUTO_TEST_CASE(datagram_answer_is_bounded_by_the_request)
{
    // Many tiny compact Via lines ("v:" is 2 bytes, "Via: " 5): the worst
    // ratio of what a 400 copies; still within 2 x request + overhead.
    std::string text = "OPTIONS sip:a SIP/2.0\r\n";
    for (int i = 0; i < 200; ++i)
        text += "v:SIP/2.0/UDP a\r\n";
    text += "f:<sip:a>;tag=1\r\nt:<sip:b>\r\ni:c\r\nCSeq:1 OPTIONS\r\nMax-Forwards: \"" + std::string(300, '"') + "\r\n\r\n";
    std::string const agent = "proxy.example.com";
    auto out = prepare_datagram(text, from("192.0.2.1", 5060), {}, agent);
    auto const& r = std::get<rejected>(out);
    BOOST_TEST_REQUIRE(!r.response.empty());
    BOOST_TEST(r.response.size() <= 2 * text.size() + max_answer_overhead + agent.size());
    // A tiny request: the fixed part alone.
    std::string const tiny = "OPTIONS sip:a SIP/2.0\r\nv:SIP/2.0/UDP a\r\nf:a\r\nt:b\r\ni:c\r\nCSeq:x\r\n\r\n";
    auto small = prepare_datagram(tiny, from("192.0.2.1", 5060), {}, agent);
    BOOST_TEST_REQUIRE(!std::get<rejected>(small).response.empty());
    BOOST_TEST(std::get<rejected>(small).response.size() <= 2 * tiny.size() + max_answer_overhead + agent.size());
}

// --- RFC 4475 3.1.2: the invalid messages RFC 3261 says to answer with 400 -

BOOST_AUTO_TEST_CASE(rfc4475_invalid_requests_get_400_over_udp_and_tcp)
{
    // Over UDP all of them; over TCP those a stream frames (ncl's negative
    // Content-Length stops the framer instead). The lenient ones
    // (ltgtruri, lwsstart, trws, badaspec, baddn) may also parse.
    for (std::string name : {"badinv01", "ncl", "scalar02", "quotbal", "ltgtruri", "lwsruri", "lwsstart", "trws",
                             "badaspec", "baddn"}) {
        BOOST_TEST_CONTEXT(name)
        {
            std::string const text = rfc4475(name + ".sip");
            BOOST_TEST_REQUIRE(!text.empty());
            auto udp = prepare_datagram(text, from("192.0.2.1", 5060), {}, "cpm");
            if (auto const* r = std::get_if<rejected>(&udp)) {
                BOOST_TEST(r->response.starts_with("SIP/2.0 400 Bad Request\r\n"));
                BOOST_TEST(field(r->response, "Call-ID") == field(text, "Call-ID"));
                BOOST_TEST(field(r->response, "Warning").starts_with("399 cpm \""));
            }
            if (name == "ncl")
                continue;
            auto tcp = prepare_stream(abnf::text_buffer(text), from("192.0.2.1", 5060), {}, "cpm");
            if (auto const* r = std::get_if<rejected>(&tcp))
                BOOST_TEST(r->response.starts_with("SIP/2.0 400 Bad Request\r\n"));
        }
    }
}

BOOST_AUTO_TEST_CASE(fields_that_do_not_parse_are_copied_as_received)
{
    // scalar02: CSeq above 2**32-1, copied as is (RFC 3261 8.2.6.2).
    auto scalar = prepare_stream(abnf::text_buffer(rfc4475("scalar02.sip")), from("192.0.2.1", 5060), {}, "cpm");
    auto const& s = std::get<rejected>(scalar);
    BOOST_TEST(field(s.response, "CSeq") == "36893488147419103232 REGISTER");
    BOOST_TEST(field(s.response, "To").starts_with("<sip:user@example.com>;tag="));

    // quotbal: a To with an unterminated quote gets no tag (appending one
    // would land inside the quoted string).
    auto quot = prepare_datagram(rfc4475("quotbal.sip"), from("192.0.2.59", 5050), {}, "cpm");
    auto const& q = std::get<rejected>(quot);
    BOOST_TEST(field(q.response, "To") == "\"Mr. J. User <sip:j.user@example.com>");
    BOOST_TEST(q.reply_to.port == 5050u);

    // badinv01: a top Via whose parameters do not parse still routes
    // (sent-by 192.0.2.15, no port) and is copied as received.
    auto inv = prepare_datagram(rfc4475("badinv01.sip"), from("192.0.2.15", 5060), {}, "cpm");
    auto const& b = std::get<rejected>(inv);
    BOOST_TEST(field(b.response, "Via") == "SIP/2.0/UDP 192.0.2.15;;,;,,");
    BOOST_TEST(b.reply_to.port == 5060u);
    BOOST_TEST(field(b.response, "To").starts_with("sip:j.user@example.com;tag="));
}

BOOST_AUTO_TEST_CASE(unparsable_via_parameters_still_show_rport)
{
    std::string text = with_bad_max_forwards(request("192.0.2.1:5070", ";;rport;"));
    auto out = prepare_datagram(text, from("198.51.100.7", 41000), {}, "cpm");
    auto const& r = std::get<rejected>(out);
    BOOST_TEST_REQUIRE(!r.response.empty());
    BOOST_TEST(r.reply_to.port == 41000u);
}

// --- streams the framer gave up on ------------------------------------------

BOOST_AUTO_TEST_CASE(framer_size_limit_gets_513_when_the_head_is_readable)
{
    // A header that never ends (RFC 3261 21.5.13, 18.3): the framer stops
    // at the line length limit and keeps what it saw.
    cpm::sip::limits small;
    small.max_line_length = 512;
    framer f(small);
    std::string text = request("127.0.0.1:5060", "", "", "TCP");
    text.insert(text.find("Content-Type"), "X-Big: " + std::string(4000, 'a'));
    frame_status status = frame_status::need_more;
    for (std::size_t at = 0; at < text.size() && status == frame_status::need_more; at += 100)
        status = f.feed(std::span<char const>(text).subspan(at, std::min<std::size_t>(100, text.size() - at))).status;
    BOOST_TEST_REQUIRE((status == frame_status::error));
    auto const answer = answer_unframed(f.failed_text(), f.error(), "cpm");
    BOOST_TEST_REQUIRE(answer.starts_with("SIP/2.0 513 Message Too Large\r\n"));
    BOOST_TEST(field(answer, "Via") == "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK776asdhds");
    BOOST_TEST(field(answer, "CSeq") == "1 MESSAGE");
    BOOST_TEST(field(answer, "Warning").find("line length") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(framer_content_length_fault_gets_400)
{
    framer f;
    std::string const text = rfc4475("ncl.sip");
    BOOST_TEST_REQUIRE((f.feed(text).status == frame_status::error));
    auto const answer = answer_unframed(f.failed_text(), f.error(), "cpm");
    BOOST_TEST(answer.starts_with("SIP/2.0 400 Bad Request\r\n"));
    BOOST_TEST(field(answer, "Call-ID") == "ncl.0ha0isndaksdj2193423r542w35");
}

BOOST_AUTO_TEST_CASE(unframed_bytes_without_a_request_head_get_no_answer)
{
    // dblreq's trailing octets; a head cut inside its Via line.
    framer f;
    BOOST_TEST_REQUIRE((f.feed(std::string_view("C\r\n\r\n")).status == frame_status::error));
    BOOST_TEST(answer_unframed(f.failed_text(), f.error(), "cpm").empty());
    std::string const head = request("127.0.0.1:5060", "", "", "TCP");
    BOOST_TEST(answer_unframed(head.substr(0, head.find("branch")), f.error(), "cpm").empty());
}

BOOST_AUTO_TEST_CASE(head_cut_before_from_to_call_id_cseq_still_gets_513)
{
    // The endless header right after Via (tests/server/bad_input.py):
    // the stream closes, the answer still says why, with what arrived.
    cpm::sip::limits small;
    small.max_line_length = 512;
    framer f(small);
    std::string const text = "OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-huge\r\n"
                             "Max-Forwards: 70\r\nX-Big: " + std::string(1000, 'a');
    BOOST_TEST_REQUIRE((f.feed(text).status == frame_status::error));
    auto const answer = answer_unframed(f.failed_text(), f.error(), "cpm");
    BOOST_TEST_REQUIRE(answer.starts_with("SIP/2.0 513 Message Too Large\r\n"));
    BOOST_TEST(field(answer, "Via") == "SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-huge");
    BOOST_TEST(field(answer, "CSeq") == "(absent)");
}
