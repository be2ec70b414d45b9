#define BOOST_TEST_MODULE imdn_notification
#include <boost/test/unit_test.hpp>

#include "imdn/error.hpp"
#include "imdn/notification.hpp"
#include "imdn/xml/escape.hpp"

#include <string>
#include <string_view>

using namespace cpm::imdn;

namespace {

std::string doc(std::string_view fields, std::string_view report)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">\n" +
           std::string(fields) + std::string(report) + "</imdn>\n";
}

constexpr std::string_view ids = "<message-id>34jk324j</message-id>\n<datetime>2008-04-04T12:16:49-05:00</datetime>\n";

} // namespace

BOOST_AUTO_TEST_CASE(rfc5438_delivered)
{
    std::string const text = doc(std::string(ids) +
                                     "<recipient-uri>im:bob@example.com</recipient-uri>\n"
                                     "<original-recipient-uri>im:bob@example.com</original-recipient-uri>\n"
                                     "<subject>Weekend Plans</subject>\n",
                                 "<delivery-notification>\n<status>\n<delivered/>\n</status>\n</delivery-notification>\n");
    auto const n = parse_notification(text);
    BOOST_REQUIRE_MESSAGE(n, (n ? "" : n.error().message));
    BOOST_TEST(n->message_id.view() == "34jk324j");
    BOOST_TEST(n->datetime.view() == "2008-04-04T12:16:49-05:00");
    BOOST_TEST(n->date_time().offset_minutes == -300);
    BOOST_REQUIRE(n->recipient_uri);
    BOOST_TEST(n->recipient_uri->view() == "im:bob@example.com");
    BOOST_TEST(n->original_recipient_uri->view() == "im:bob@example.com");
    BOOST_TEST(n->subject->view() == "Weekend Plans");
    BOOST_TEST((n->kind == notification_kind::delivery));
    BOOST_TEST((n->status == notification_status::delivered));
    BOOST_TEST(!n->message_id.decoded()); // a view into the text
}

BOOST_AUTO_TEST_CASE(every_status_of_every_notification)
{
    struct row {
        std::string_view element;
        std::string_view status;
        notification_kind kind;
        notification_status st;
    };
    using k = notification_kind;
    using s = notification_status;
    for (auto const& r : {row{"delivery-notification", "delivered", k::delivery, s::delivered},
                          row{"delivery-notification", "failed", k::delivery, s::failed},
                          row{"delivery-notification", "forbidden", k::delivery, s::forbidden},
                          row{"delivery-notification", "error", k::delivery, s::error},
                          row{"display-notification", "displayed", k::display, s::displayed},
                          row{"display-notification", "forbidden", k::display, s::forbidden},
                          row{"display-notification", "error", k::display, s::error},
                          row{"processing-notification", "processed", k::processing, s::processed},
                          row{"processing-notification", "stored", k::processing, s::stored},
                          row{"processing-notification", "forbidden", k::processing, s::forbidden},
                          row{"processing-notification", "error", k::processing, s::error}}) {
        std::string const text = doc(ids, "<" + std::string(r.element) + "><status><" + std::string(r.status) +
                                              "/></status></" + std::string(r.element) + ">");
        auto const n = parse_notification(text);
        BOOST_TEST_CONTEXT(r.element << " " << r.status)
        {
            BOOST_REQUIRE(n);
            BOOST_TEST((n->kind == r.kind));
            BOOST_TEST((n->status == r.st));
            BOOST_TEST(allowed(r.kind, r.st));
            // build gives back what parse reads
            auto const built = build_notification({"34jk324j", "2008-04-04T12:16:49-05:00", "", "", "", r.kind, r.st});
            BOOST_REQUIRE(built);
            auto const again = parse_notification(*built);
            BOOST_REQUIRE(again);
            BOOST_TEST((again->kind == r.kind && again->status == r.st));
        }
    }
}

BOOST_AUTO_TEST_CASE(extensions_and_decoding)
{
    // GSMA-style extension elements in another namespace are skipped;
    // references and CDATA are decoded on request; values are trimmed.
    std::string const text =
        "<imdn xmlns='urn:ietf:params:xml:ns:imdn' xmlns:x='urn:example:ext'>"
        "<message-id> id&#45;1 </message-id><datetime>2026-11-25T18:04:00.000Z</datetime>"
        "<x:extra>anything <b/></x:extra>"
        "<subject>Re: &lt;draft&gt; <![CDATA[& co]]></subject>"
        "<display-notification><status><displayed/><x:reason code='1'/></status><x:more/></display-notification>"
        "</imdn>";
    auto const n = parse_notification(text);
    BOOST_REQUIRE_MESSAGE(n, (n ? "" : n.error().message));
    BOOST_TEST(n->message_id.view() == "id-1");
    BOOST_TEST(n->message_id.decoded());
    BOOST_TEST(n->subject->view() == "Re: <draft> & co");
    BOOST_TEST((n->status == notification_status::displayed));
    BOOST_TEST(!n->recipient_uri);
}

BOOST_AUTO_TEST_CASE(errors_name_the_element)
{
    struct bad {
        std::string text;
        errc code;
        std::string_view words;
    };
    std::string const report = "<delivery-notification><status><delivered/></status></delivery-notification>";
    for (auto const& b : {
             bad{"<imdn xmlns='urn:other'/>", errc::not_an_imdn, "root element must be <imdn>"},
             bad{"<imdn/>", errc::not_an_imdn, "in no namespace"},
             bad{doc("<datetime>2008-04-04T12:16:49Z</datetime>", report), errc::missing_element, "no <message-id>"},
             bad{doc("<message-id>a</message-id>", report), errc::missing_element, "no <datetime>"},
             bad{doc(ids, ""), errc::missing_element, "no delivery-notification"},
             bad{doc(std::string(ids) + "<message-id>b</message-id>", report), errc::duplicate_element,
                 "<message-id> appears twice"},
             bad{doc(ids, report + report), errc::duplicate_element, "one notification per document"},
             bad{doc(std::string(ids) + "<recipient>x</recipient>", report), errc::unexpected_element,
                 "<recipient> is not an IMDN element"},
             bad{doc(ids, "<delivery-notification><status><displayed/></status></delivery-notification>"),
                 errc::unknown_status, "delivery-notification status must be delivered, failed, forbidden or error, not <displayed>"},
             bad{doc(ids, "<display-notification><status><read/></status></display-notification>"),
                 errc::unknown_status, "not <read>"},
             bad{doc(ids, "<processing-notification><status><delivered/></status></processing-notification>"),
                 errc::unknown_status, "processed, stored, forbidden or error"},
             bad{doc(ids, "<delivery-notification><status/></delivery-notification>"), errc::missing_element,
                 "<status> is empty"},
             bad{doc(ids, "<delivery-notification/>"), errc::missing_element, "has no <status>"},
             bad{doc(ids, "<delivery-notification><status><delivered/><failed/></status></delivery-notification>"),
                 errc::duplicate_element, "more than one status"},
             bad{doc(ids, "<delivery-notification><state/></delivery-notification>"), errc::unexpected_element,
                 "<state> is not allowed"},
             bad{doc("<message-id>a b</message-id><datetime>2008-04-04T12:16:49Z</datetime>", report),
                 errc::bad_message_id, "Token"},
             bad{doc("<message-id>a</message-id><datetime>2020-07-07T14:32:00+0000</datetime>", report),
                 errc::bad_datetime, "RFC 3339"},
             bad{doc("<message-id><x/></message-id><datetime>2008-04-04T12:16:49Z</datetime>", report),
                 errc::unexpected_element, "holds text, not elements"},
         }) {
        auto const n = parse_notification(b.text);
        BOOST_TEST_CONTEXT(b.text)
        {
            BOOST_REQUIRE(!n);
            BOOST_TEST(n.error().code == make_error_code(b.code), n.error().code.message());
            BOOST_TEST(n.error().message.find(b.words) != std::string::npos, n.error().message);
        }
    }
    // The position of an IMDN error is that of the element.
    auto const n = parse_notification(doc(ids, "<delivery-notification><status>\n  <displayed/></status></delivery-notification>"));
    BOOST_REQUIRE(!n);
    BOOST_TEST(n.error().line == 6u);
    BOOST_TEST(n.error().column == 3u);
    // Reader errors come through unchanged.
    auto const x = parse_notification("<imdn xmlns='urn:ietf:params:xml:ns:imdn'><message-id>a</message-id>");
    BOOST_REQUIRE(!x);
    BOOST_TEST(x.error().message.rfind("XML: ", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(build_is_canonical_and_escapes)
{
    auto const built = build_notification({"34jk324j", "2008-04-04T12:16:49-05:00", "im:bob@example.com",
                                           "im:list@example.com", "a <b> & \"c\"", notification_kind::display,
                                           notification_status::displayed});
    BOOST_REQUIRE(built);
    BOOST_TEST(*built == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">\n"
                         "  <message-id>34jk324j</message-id>\n"
                         "  <datetime>2008-04-04T12:16:49-05:00</datetime>\n"
                         "  <recipient-uri>im:bob@example.com</recipient-uri>\n"
                         "  <original-recipient-uri>im:list@example.com</original-recipient-uri>\n"
                         "  <subject>a &lt;b&gt; &amp; \"c\"</subject>\n"
                         "  <display-notification>\n"
                         "    <status>\n"
                         "      <displayed/>\n"
                         "    </status>\n"
                         "  </display-notification>\n"
                         "</imdn>\n");
    auto const n = parse_notification(*built);
    BOOST_REQUIRE(n);
    BOOST_TEST(n->subject->view() == "a <b> & \"c\"");

    auto r = build_notification({"id", "2008-04-04T12:16:49Z", "", "", "", notification_kind::display,
                                 notification_status::delivered});
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == make_error_code(errc::unknown_status));
    r = build_notification({"", "2008-04-04T12:16:49Z", "", "", "", notification_kind::delivery, notification_status::delivered});
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == make_error_code(errc::bad_message_id));
    r = build_notification({"id", "yesterday", "", "", "", notification_kind::delivery, notification_status::delivered});
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == make_error_code(errc::bad_datetime));
    r = build_notification({"id", "2008-04-04T12:16:49Z", "", "", std::string_view("bell\x07", 5), notification_kind::delivery, notification_status::delivered});
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == make_error_code(errc::bad_value));
}

BOOST_AUTO_TEST_CASE(escaping_round_trips_through_the_reader)
{
    std::string const text = "tab\tcr\rlf\n<&>\"']]>\xC3\xA9";
    std::string out = "<a v=\"";
    BOOST_REQUIRE(xml::append_attribute_value(out, text));
    out += "\">";
    BOOST_REQUIRE(xml::append_text(out, text));
    out += "</a>";
    auto const d = xml::document::parse(out);
    BOOST_REQUIRE_MESSAGE(d, (d ? "" : d.error().message));
    BOOST_TEST(d->text(d->root()).view() == text);
    BOOST_TEST(xml::document::value(d->attributes(d->root())[0]).view() == text);
    std::string rejected = "keep";
    BOOST_TEST(!xml::append_text(rejected, std::string_view("\0", 1)));
    BOOST_TEST(!xml::append_text(rejected, "\xC3"));
    BOOST_TEST(rejected == "keep");
}
