#define BOOST_TEST_MODULE imdn_headers
#include <boost/test/unit_test.hpp>

#include "imdn/error.hpp"
#include "imdn/headers.hpp"

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

// RFC 5438 section 7.1.1 style IM: positive and negative delivery asked.
constexpr std::string_view im = "From: Alice <im:alice@example.com>\r\n"
                                "To: Bob <im:bob@example.com>\r\n"
                                "NS: imdn <urn:ietf:params:imdn>\r\n"
                                "imdn.Message-ID: 34jk324j\r\n"
                                "DateTime: 2006-04-04T12:16:49-05:00\r\n"
                                "imdn.Disposition-Notification: positive-delivery, negative-delivery\r\n"
                                "\r\n"
                                "Content-type: text/plain\r\n"
                                "Content-length: 12\r\n"
                                "\r\n"
                                "Hello World\n";

} // namespace

BOOST_AUTO_TEST_CASE(disposition_notification_values)
{
    auto r = parse_disposition_notification("positive-delivery, negative-delivery");
    BOOST_REQUIRE(r);
    BOOST_TEST(r->positive_delivery);
    BOOST_TEST(r->negative_delivery);
    BOOST_TEST(!r->display);
    BOOST_TEST(!r->processing);
    BOOST_TEST(r->items.size() == 2u);

    r = parse_disposition_notification("display;x=1 ; y=\"a b\",processing , x-future;z");
    BOOST_REQUIRE(r);
    BOOST_TEST(r->display);
    BOOST_TEST(r->processing);
    BOOST_TEST(!r->positive_delivery);
    BOOST_REQUIRE(r->items.size() == 3u);
    BOOST_TEST(r->items[0].name == "display");
    BOOST_TEST(r->items[0].params == ";x=1 ; y=\"a b\"");
    BOOST_TEST(r->items[2].name == "x-future"); // extension tokens are kept
    BOOST_TEST(r->items[2].params == ";z");

    r = parse_disposition_notification("Display"); // ABNF literals are case-insensitive
    BOOST_REQUIRE(r);
    BOOST_TEST(r->display);

    r = parse_disposition_notification("");
    BOOST_REQUIRE(r);
    BOOST_TEST(!r->any());
}

BOOST_AUTO_TEST_CASE(disposition_notification_errors)
{
    struct bad {
        std::string_view value;
        std::size_t offset;
        std::string_view words;
    };
    for (auto const& b : {bad{"display,", 8, "expected a notify-req"}, bad{"display display", 8, "expected ','"},
                          bad{",display", 0, "expected a notify-req"}, bad{"display;", 8, "parameter name"},
                          bad{"display;a=", 10, "parameter value"}, bad{"display;a=\"x", 12, "unterminated"}}) {
        auto const r = parse_disposition_notification(b.value);
        BOOST_TEST_CONTEXT(b.value)
        {
            BOOST_REQUIRE(!r);
            BOOST_TEST(r.error().code == make_error_code(errc::bad_disposition_notification));
            BOOST_TEST(r.error().offset == b.offset);
            BOOST_TEST(r.error().message.find(b.words) != std::string::npos, r.error().message);
        }
    }
}

BOOST_AUTO_TEST_CASE(message_id_is_a_token)
{
    BOOST_TEST(*parse_message_id("34jk324j") == "34jk324j");
    BOOST_TEST(parse_message_id("a.b-c_d~e").has_value());
    BOOST_TEST(!parse_message_id(""));
    auto const r = parse_message_id("abc def");
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().offset == 3u);
    BOOST_TEST(!parse_message_id("<abc>"));
}

BOOST_AUTO_TEST_CASE(headers_of_an_im)
{
    auto const m = cpim(im);
    auto const h = read_headers(m);
    BOOST_REQUIRE(h);
    BOOST_TEST(h->message_id == "34jk324j");
    BOOST_REQUIRE(h->date_time);
    BOOST_TEST(h->date_time->raw == "2006-04-04T12:16:49-05:00");
    BOOST_TEST(h->requested.positive_delivery);
    BOOST_TEST(h->requested.negative_delivery);
    BOOST_TEST(!h->requested.display);
    BOOST_TEST(!h->original_to);
    BOOST_TEST(h->record_route.empty());
}

BOOST_AUTO_TEST_CASE(routing_headers_any_prefix)
{
    // The prefix is the sender's choice; the namespace is what counts.
    auto const m = cpim("From: <im:alice@example.com>\r\n"
                        "To: <im:list@example.com>\r\n"
                        "NS: x <urn:ietf:params:imdn>\r\n"
                        "x.Message-ID: id1\r\n"
                        "x.Original-To: List <im:list@example.com>\r\n"
                        "x.IMDN-Record-Route: <sip:exploder2@example.com>\r\n"
                        "x.IMDN-Record-Route: Exploder <sip:exploder1@example.com>\r\n"
                        "x.Disposition-Notification: display\r\n"
                        "x.Disposition-Notification: processing\r\n"
                        "\r\n"
                        "Content-Type: text/plain\r\n"
                        "\r\n"
                        "hi");
    auto const h = read_headers(m);
    BOOST_REQUIRE(h);
    BOOST_TEST(h->message_id == "id1");
    BOOST_REQUIRE(h->original_to);
    BOOST_TEST(h->original_to->uri == "im:list@example.com");
    BOOST_TEST(h->original_to->display_name == "List");
    BOOST_REQUIRE(h->record_route.size() == 2u);
    BOOST_TEST(h->record_route[0].uri == "sip:exploder2@example.com");
    BOOST_TEST(h->record_route[1].display_name == "Exploder");
    BOOST_TEST(h->requested.display);
    BOOST_TEST(h->requested.processing); // both headers count
    BOOST_TEST(!h->date_time);
}

BOOST_AUTO_TEST_CASE(header_errors_point_into_the_message)
{
    auto const dup = cpim("From: <im:a@example.com>\r\nNS: imdn <urn:ietf:params:imdn>\r\n"
                          "imdn.Message-ID: a\r\nimdn.Message-ID: b\r\n\r\nContent-Type: text/plain\r\n\r\n");
    auto r = read_headers(dup);
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == make_error_code(errc::duplicate_header));
    BOOST_TEST(r.error().line == 4u);
    BOOST_TEST(r.error().column == 1u);

    auto const bad_dn = cpim("NS: imdn <urn:ietf:params:imdn>\r\n"
                             "imdn.Disposition-Notification: display;\r\n\r\nContent-Type: text/plain\r\n\r\n");
    r = read_headers(bad_dn);
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().line == 2u);
    BOOST_TEST(r.error().column == 40u);

    auto const bad_route = cpim("NS: imdn <urn:ietf:params:imdn>\r\n"
                                "imdn.IMDN-Record-Route: sip:no-brackets@example.com\r\n\r\nContent-Type: text/plain\r\n\r\n");
    r = read_headers(bad_route);
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == make_error_code(errc::bad_address));
    BOOST_TEST(r.error().line == 2u);
    BOOST_TEST(r.error().message.find("imdn.IMDN-Record-Route") != std::string::npos, r.error().message);

    auto const bad_id = cpim("NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: a b\r\n\r\nContent-Type: text/plain\r\n\r\n");
    r = read_headers(bad_id);
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == make_error_code(errc::bad_message_id));
    BOOST_TEST(r.error().column == 19u);

    // Headers of other namespaces are not IMDN headers.
    auto const other = cpim("NS: z <urn:example:other>\r\nz.Message-ID: a b c\r\n\r\nContent-Type: text/plain\r\n\r\n");
    BOOST_TEST(read_headers(other).has_value());
}
