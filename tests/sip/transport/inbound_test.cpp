// Via stamping (RFC 3261 18.2.1, RFC 3581 4) and the transport's answer
// to malformed stream requests, without sockets.
#define BOOST_TEST_MODULE sip_transport_inbound
#include <boost/test/unit_test.hpp>

#include "loopback.hpp"

#include "sip/transport/inbound.hpp"

using namespace cpm::sip;
using namespace cpm::sip::transport;
using namespace cpm::sip::transport::test;

namespace {

peer from(std::string_view address, std::uint16_t port)
{
    return peer{asio::ip::make_address(address), port, transport_kind::udp};
}

message stamped(std::string const& text, peer const& source)
{
    auto out = prepare(abnf::text_buffer(text), source, true, {}, "cpm");
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
    auto out = prepare(abnf::text_buffer(response()), from("198.51.100.7", 1), true, {}, "cpm");
    BOOST_TEST_REQUIRE(std::holds_alternative<message>(out));
    BOOST_TEST(std::get<message>(out).top_via().received.empty());
}

BOOST_AUTO_TEST_CASE(malformed_stream_request_gets_400_with_warning)
{
    std::string text = request("192.0.2.1:5060", "", "hi", "TCP");
    text.replace(text.find("Max-Forwards: 70"), 16, "Max-Forwards: lots");
    auto out = prepare(abnf::text_buffer(text), from("192.0.2.1", 5060), false, {}, "proxy.example.com");
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
    auto again = prepare(abnf::text_buffer(text), from("192.0.2.1", 5060), false, {}, "proxy.example.com");
    BOOST_TEST(std::get<rejected>(again).response == r.response);
}

BOOST_AUTO_TEST_CASE(malformed_request_without_call_id_is_not_answered)
{
    std::string text = request("192.0.2.1:5060", "", "", "TCP");
    text.erase(text.find("Call-ID"), text.find("CSeq") - text.find("Call-ID"));
    text.replace(text.find("Max-Forwards: 70"), 16, "Max-Forwards: lots");
    auto out = prepare(abnf::text_buffer(text), from("192.0.2.1", 5060), false, {}, "cpm");
    BOOST_TEST_REQUIRE(std::holds_alternative<rejected>(out));
    BOOST_TEST(std::get<rejected>(out).response.empty());
}

BOOST_AUTO_TEST_CASE(malformed_datagram_is_rejected_without_answer)
{
    std::string text = request();
    text.replace(text.find("Max-Forwards: 70"), 16, "Max-Forwards: lots");
    auto out = prepare(abnf::text_buffer(text), from("192.0.2.1", 5060), true, {}, "cpm");
    BOOST_TEST_REQUIRE(std::holds_alternative<rejected>(out));
    BOOST_TEST(std::get<rejected>(out).response.empty());
}
