#define BOOST_TEST_MODULE imdn_report
#include <boost/test/unit_test.hpp>

#include "imdn/error.hpp"
#include "imdn/headers.hpp"
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

std::string im(std::string_view extra_headers)
{
    return "From: Alice <im:alice@example.com>\r\n"
           "To: Bob <im:bob@example.com>\r\n"
           "Subject: Weekend \\\"plans\\\"\r\n"
           "NS: imdn <urn:ietf:params:imdn>\r\n"
           "imdn.Message-ID: 34jk324j\r\n"
           "DateTime: 2006-04-04T12:16:49-05:00\r\n" +
           std::string(extra_headers) +
           "\r\n"
           "Content-Type: text/plain\r\n"
           "\r\n"
           "Hello World\n";
}

report delivered()
{
    report r;
    r.message_id = "dd1b6a3e";
    r.date_time = *cpm::cpim::parse_date_time("2006-04-04T12:16:52-05:00");
    return r;
}

} // namespace

BOOST_AUTO_TEST_CASE(positive_delivery_back_to_the_sender)
{
    auto const m = cpim(im("imdn.Disposition-Notification: positive-delivery, negative-delivery\r\n"));
    auto const out = make_report(m, delivered());
    BOOST_REQUIRE_MESSAGE(out, (out ? "" : out.error().message));
    auto const& n = out->message;
    BOOST_TEST(out->next_hop == "im:alice@example.com");
    BOOST_REQUIRE(n.from());
    BOOST_TEST(n.from()->uri == "im:bob@example.com");
    BOOST_REQUIRE(n.to().size() == 1u);
    BOOST_TEST(n.to()[0].uri == "im:alice@example.com");
    auto const h = read_headers(n);
    BOOST_REQUIRE(h);
    BOOST_TEST(h->message_id == "dd1b6a3e");
    BOOST_TEST(h->date_time->raw == "2006-04-04T12:16:52-05:00");
    BOOST_TEST(h->requested.items.empty()); // an IMDN asks for no IMDN
    BOOST_TEST(h->route.empty());
    BOOST_REQUIRE(n.content_type());
    BOOST_TEST(n.content_type()->is("message", "imdn+xml"));
    BOOST_REQUIRE(n.content_disposition());
    BOOST_TEST(n.content_disposition()->type == "notification");

    auto const doc = parse_notification(n.body());
    BOOST_REQUIRE_MESSAGE(doc, (doc ? "" : doc.error().message));
    BOOST_TEST(doc->message_id.view() == "34jk324j");               // the IM's Message-ID
    BOOST_TEST(doc->datetime.view() == "2006-04-04T12:16:49-05:00"); // the IM's DateTime
    BOOST_TEST(doc->recipient_uri->view() == "im:bob@example.com");
    BOOST_TEST(!doc->original_recipient_uri);
    BOOST_TEST(!doc->subject); // not copied unless asked
    BOOST_TEST((doc->kind == notification_kind::delivery && doc->status == notification_status::delivered));
}

BOOST_AUTO_TEST_CASE(record_route_becomes_route_in_order)
{
    auto const m = cpim(im("imdn.Original-To: <im:friends@example.com>\r\n"
                           "imdn.IMDN-Record-Route: <sip:exploder2@example.com>\r\n"
                           "imdn.IMDN-Record-Route: Exploder One <sip:exploder1@example.com>\r\n"
                           "imdn.Disposition-Notification: display\r\n"));
    report r = delivered();
    r.kind = notification_kind::display;
    r.status = notification_status::displayed;
    r.recipient_uri = "sip:bob@phone.example.com";
    r.include_subject = true;
    auto const out = make_report(m, r);
    BOOST_REQUIRE_MESSAGE(out, (out ? "" : out.error().message));
    BOOST_TEST(out->next_hop == "sip:exploder2@example.com");
    auto const h = read_headers(out->message);
    BOOST_REQUIRE(h);
    BOOST_REQUIRE(h->route.size() == 2u);
    BOOST_TEST(h->route[0].uri == "sip:exploder2@example.com");
    BOOST_TEST(h->route[1].uri == "sip:exploder1@example.com");
    BOOST_TEST(h->route[1].display_name == "Exploder One");
    BOOST_TEST(h->record_route.empty());
    BOOST_TEST(out->message.to()[0].uri == "im:alice@example.com"); // CPIM To stays the IM Sender
    BOOST_TEST(out->message.from()->uri == "sip:bob@phone.example.com");

    auto const doc = parse_notification(out->message.body());
    BOOST_REQUIRE(doc);
    BOOST_TEST(doc->recipient_uri->view() == "sip:bob@phone.example.com");
    BOOST_TEST(doc->original_recipient_uri->view() == "im:friends@example.com");
    BOOST_TEST(doc->subject->view() == "Weekend \"plans\""); // the Subject, unescaped
    BOOST_TEST((doc->status == notification_status::displayed));
}

BOOST_AUTO_TEST_CASE(only_what_was_asked)
{
    struct row {
        std::string_view asked;
        notification_kind kind;
        notification_status status;
        bool ok;
    };
    using k = notification_kind;
    using s = notification_status;
    for (auto const& r : {row{"positive-delivery", k::delivery, s::delivered, true},
                          row{"positive-delivery", k::delivery, s::failed, false},
                          row{"negative-delivery", k::delivery, s::failed, true},
                          row{"negative-delivery", k::delivery, s::forbidden, true},
                          row{"negative-delivery", k::delivery, s::delivered, false},
                          row{"display", k::display, s::displayed, true},
                          row{"display", k::processing, s::processed, false},
                          row{"processing", k::processing, s::stored, true},
                          row{"processing", k::display, s::displayed, false}}) {
        auto const m = cpim(im("imdn.Disposition-Notification: " + std::string(r.asked) + "\r\n"));
        report rep = delivered();
        rep.kind = r.kind;
        rep.status = r.status;
        auto const out = make_report(m, rep);
        BOOST_TEST_CONTEXT(r.asked << " -> " << element_name(r.status))
        {
            BOOST_TEST(out.has_value() == r.ok);
            if (!r.ok) {
                BOOST_TEST(out.error().code == make_error_code(errc::not_requested));
                BOOST_TEST(out.error().message.find("did not ask") != std::string::npos);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(refusals_name_what_is_missing)
{
    auto const no_id = cpim("From: <im:alice@example.com>\r\nTo: <im:bob@example.com>\r\n"
                            "NS: imdn <urn:ietf:params:imdn>\r\nDateTime: 2006-04-04T12:16:49Z\r\n"
                            "imdn.Disposition-Notification: positive-delivery\r\n\r\nContent-Type: text/plain\r\n\r\n");
    auto r = make_report(no_id, delivered());
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == make_error_code(errc::missing_header));
    BOOST_TEST(r.error().message.find("imdn.Message-ID") != std::string::npos);

    auto const no_date = cpim("From: <im:alice@example.com>\r\nTo: <im:bob@example.com>\r\n"
                              "NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: x\r\n"
                              "imdn.Disposition-Notification: positive-delivery\r\n\r\nContent-Type: text/plain\r\n\r\n");
    r = make_report(no_date, delivered());
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().message.find("DateTime") != std::string::npos);

    auto const m = cpim(im("imdn.Disposition-Notification: display\r\n"));
    report bad = delivered();
    bad.kind = notification_kind::display;
    bad.status = notification_status::stored;
    r = make_report(m, bad);
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == make_error_code(errc::unknown_status));
    bad.status = notification_status::displayed;
    bad.message_id = "not a token";
    r = make_report(m, bad);
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == make_error_code(errc::bad_message_id));
}
