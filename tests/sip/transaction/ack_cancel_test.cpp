// ACK for a non-2xx final response (RFC 3261 17.1.1.3) and CANCEL (RFC 3261 9.1).
#define BOOST_TEST_MODULE sip_transaction_ack_cancel
#include <boost/test/unit_test.hpp>

#include "fake_clock.hpp"

#include "sip/transaction/ack_cancel.hpp"

using namespace cpm::sip;
using namespace cpm::sip::transaction;
using namespace cpm::sip::transaction::test;

namespace {

std::vector<std::string_view> values(message const& m, header_id id)
{
    std::vector<std::string_view> out;
    for (auto const& h : m.headers())
        if (h.id == id)
            out.push_back(h.value);
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(ack_copies_what_17_1_1_3_lists)
{
    auto const invite = parse(invite_text);
    auto const response = parse(response_text(486));
    std::string out = "prefix";
    build_ack(out, invite, response);
    BOOST_TEST(out.substr(0, 6) == "prefix"); // appends
    auto const ack = parse(out.substr(6));
    BOOST_TEST(ack.method_text() == "ACK");
    BOOST_TEST(ack.request_uri() == "sip:bob@biloxi.example.com");
    BOOST_TEST(ack.call_id() == "a84b4c76e66710@pc33.atlanta.example.com");
    BOOST_TEST(values(ack, header_id::from) ==
                   std::vector<std::string_view>{"Alice <sip:alice@atlanta.example.com>;tag=1928301774"},
               boost::test_tools::per_element());
    // To of the response, with its tag.
    BOOST_TEST(values(ack, header_id::to) == std::vector<std::string_view>{"Bob <sip:bob@biloxi.example.com>;tag=a6c85cf"},
               boost::test_tools::per_element());
    // A single Via: the INVITE's top via-parm only (its field held two).
    BOOST_TEST(values(ack, header_id::via) ==
                   std::vector<std::string_view>{"SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds"},
               boost::test_tools::per_element());
    BOOST_TEST(ack.cseq().number == 314159u);
    BOOST_TEST(ack.cseq().method_text == "ACK");
    BOOST_TEST(values(ack, header_id::route) ==
                   (std::vector<std::string_view>{"<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"}),
               boost::test_tools::per_element());
    BOOST_TEST(ack.max_forwards().value_or(0) == 70u);
    BOOST_TEST(ack.find(header_id::contact) == nullptr);
    BOOST_TEST(ack.find(header_id::timestamp) == nullptr);
    BOOST_TEST(ack.body().empty());
    BOOST_TEST(ack.content_length().value_or(1) == 0u);
}

BOOST_AUTO_TEST_CASE(cancel_copies_what_9_1_lists)
{
    auto const invite = parse(invite_text);
    std::string out;
    build_cancel(out, invite);
    auto const cancel = parse(out);
    BOOST_TEST(cancel.method_text() == "CANCEL");
    BOOST_TEST(cancel.request_uri() == "sip:bob@biloxi.example.com");
    BOOST_TEST(cancel.call_id() == invite.call_id());
    // To as in the INVITE (no tag added), From with its tag.
    BOOST_TEST(values(cancel, header_id::to) == std::vector<std::string_view>{"Bob <sip:bob@biloxi.example.com>"},
               boost::test_tools::per_element());
    BOOST_TEST(cancel.from().tag == "1928301774");
    BOOST_TEST(values(cancel, header_id::via) ==
                   std::vector<std::string_view>{"SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds"},
               boost::test_tools::per_element());
    BOOST_TEST(cancel.cseq().number == 314159u);
    BOOST_TEST(cancel.cseq().method_text == "CANCEL");
    BOOST_TEST(values(cancel, header_id::route).size() == 2u);
    BOOST_TEST(cancel.find(header_id::require) == nullptr);
    BOOST_TEST(cancel.find(header_id::proxy_require) == nullptr);
}

BOOST_AUTO_TEST_CASE(cancel_keeps_a_to_tag_of_a_reinvite)
{
    auto const reinvite = parse(request_text("INVITE", "z9hG4bKre", "dlg42"));
    std::string out;
    build_cancel(out, reinvite);
    auto const cancel = parse(out);
    BOOST_TEST(cancel.to().tag == "dlg42");
    BOOST_TEST(cancel.top_via().branch == "z9hG4bKre");
}
