#define BOOST_TEST_MODULE imdn_intermediary
#include <boost/test/unit_test.hpp>

#include "imdn/error.hpp"
#include "imdn/headers.hpp"
#include "imdn/intermediary.hpp"
#include "imdn/report.hpp"

#include <string>
#include <string_view>

using namespace cpm::imdn;
using cpm::sip::abnf::text_buffer;

namespace {

cpm::cpim::message cpim(std::string_view text)
{
    auto m = cpm::cpim::message::parse(text_buffer(text));
    BOOST_REQUIRE_MESSAGE(m.has_value(), "CPIM: " << (m ? "" : m.error().message));
    return std::move(*m);
}

std::string im(std::string_view ns, std::string_view extra_headers)
{
    return "From: Alice <im:alice@example.com>\r\n"
           "To: Bob <im:bob@example.com>\r\n" +
           std::string(ns) +
           "DateTime: 2006-04-04T12:16:49-05:00\r\n" + std::string(extra_headers) +
           "\r\n"
           "Content-Type: text/plain\r\n"
           "\r\n"
           "Hello World\n";
}

} // namespace

BOOST_AUTO_TEST_CASE(two_intermediaries_there_and_back)
{
    auto const sent = cpim(im("NS: i <urn:ietf:params:imdn>\r\n",
                              "i.Message-ID: 34jk324j\r\ni.Disposition-Notification: positive-delivery\r\n"));
    // The exploder nearest the sender records first; the next one goes on top.
    auto first = add_record_route(sent, "sip:exploder1@example.com");
    BOOST_REQUIRE_MESSAGE(first, (first ? "" : first.error().message));
    auto second = add_record_route(*first, "sip:exploder2@example.net");
    BOOST_REQUIRE_MESSAGE(second, (second ? "" : second.error().message));
    auto const h = read_headers(*second);
    BOOST_REQUIRE(h);
    BOOST_REQUIRE(h->record_route.size() == 2u);
    BOOST_TEST(h->record_route[0].uri == "sip:exploder2@example.net");
    BOOST_TEST(h->record_route[1].uri == "sip:exploder1@example.com");
    // The IM's own prefix is used, the rest is untouched.
    BOOST_TEST(second->text().find("i.IMDN-Record-Route: <sip:exploder2@example.net>\r\n"
                                   "i.IMDN-Record-Route: <sip:exploder1@example.com>\r\n\r\n") !=
               std::string_view::npos);
    BOOST_TEST(second->body() == "Hello World\n");
    BOOST_TEST(h->message_id == "34jk324j");

    // The recipient's IMDN goes to the nearest intermediary first.
    report r;
    r.message_id = "dd1b6a3e";
    r.date_time = *cpm::cpim::parse_date_time("2006-04-04T12:16:52-05:00");
    auto const back = make_report(*second, r);
    BOOST_REQUIRE_MESSAGE(back, (back ? "" : back.error().message));
    BOOST_TEST(back->next_hop == "sip:exploder2@example.net");

    auto at2 = relay_imdn(back->message, "sip:exploder2@example.net");
    BOOST_REQUIRE_MESSAGE(at2, (at2 ? "" : at2.error().message));
    BOOST_TEST(at2->next_hop == "sip:exploder1@example.com");
    auto const h2 = read_headers(at2->message);
    BOOST_REQUIRE(h2);
    BOOST_REQUIRE(h2->route.size() == 1u);
    BOOST_TEST(at2->message.body() == back->message.body());

    auto at1 = relay_imdn(at2->message, "sip:exploder1@example.com");
    BOOST_REQUIRE_MESSAGE(at1, (at1 ? "" : at1.error().message));
    BOOST_TEST(at1->next_hop == "im:alice@example.com"); // the IM Sender, the IMDN's To
    BOOST_TEST(read_headers(at1->message)->route.empty());

    // Not (or no longer) on the route: refused.
    auto again = relay_imdn(at1->message, "sip:exploder1@example.com");
    BOOST_REQUIRE(!again);
    BOOST_TEST(again.error().code == make_error_code(errc::not_on_route));
    auto wrong = relay_imdn(back->message, "sip:exploder1@example.com");
    BOOST_REQUIRE(!wrong);
    BOOST_TEST(wrong.error().message == "IMDN: the IMDN's first IMDN-Route is not sip:exploder1@example.com");
}

BOOST_AUTO_TEST_CASE(namespace_declared_when_missing)
{
    auto const plain = cpim(im("", ""));
    auto const out = add_record_route(plain, "sip:store@example.com");
    BOOST_REQUIRE_MESSAGE(out, (out ? "" : out.error().message));
    BOOST_TEST(out->text().find("NS: imdn <urn:ietf:params:imdn>\r\nimdn.IMDN-Record-Route: <sip:store@example.com>\r\n") !=
               std::string_view::npos);
    auto const h = read_headers(*out);
    BOOST_REQUIRE(h);
    BOOST_REQUIRE(h->record_route.size() == 1u);
    BOOST_TEST(h->record_route[0].uri == "sip:store@example.com");

    for (auto bad : {"not a uri", "sip:a@x>\r\nTo: <sip:evil@x", ""}) {
        auto refused = add_record_route(plain, bad);
        BOOST_REQUIRE(!refused);
        BOOST_TEST(refused.error().code == make_error_code(errc::bad_address));
    }
}
