#define BOOST_TEST_MODULE cpm_docs_reginfo
#include <boost/test/unit_test.hpp>

#include "cpm/docs/error.hpp"
#include "expect_error.hpp"
#include "cpm/docs/reginfo.hpp"
#include "cpm/docs/reginfo_builder.hpp"

#include <fstream>
#include <iterator>
#include <ostream>
#include <string>

using namespace cpm::docs;
using cpm::sip::abnf::text_buffer;

namespace cpm::imdn::xml {
std::ostream& boost_test_print_type(std::ostream& o, text_value const& v) { return o << v.view(); }
} // namespace cpm::imdn::xml

namespace {

std::string example(std::string const& name)
{
    std::ifstream in(std::string(CPM_TEST_DATA_DIR) + "/../../examples/reginfo/" + name, std::ios::binary);
    BOOST_TEST_REQUIRE(static_cast<bool>(in), "cannot read " << name);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

cpm::sip::abnf::result<reginfo_document> parse(std::string_view text)
{
    return reginfo_document::parse(text_buffer(text));
}

std::string doc(std::string_view inside, std::string_view attributes = "version=\"3\" state=\"full\"")
{
    return "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" xmlns:gr=\"urn:ietf:params:xml:ns:gruuinfo\" "
           "xmlns:x=\"urn:x\" " +
           std::string(attributes) + ">" + std::string(inside) + "</reginfo>";
}

std::string contact_doc(std::string_view contact_attributes, std::string_view inside)
{
    return doc("<registration aor=\"sip:a@x\" id=\"r\" state=\"active\"><contact " + std::string(contact_attributes) +
               ">" + std::string(inside) + "</contact></registration>");
}

testing::error_expectation const expect_error{&parse};

} // namespace

BOOST_AUTO_TEST_CASE(full_example_with_gruus)
{
    auto r = parse(example("registered-with-gruu.xml"));
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message);
    auto const& info = r->info();
    BOOST_TEST(info.version == 0u);
    BOOST_TEST((info.state == reginfo_state::full));
    BOOST_TEST_REQUIRE(info.registrations.size() == 1u);
    auto const& reg = info.registrations[0];
    BOOST_TEST(reg.aor == "sip:alice@example.com");
    BOOST_TEST(reg.id == "a7");
    BOOST_TEST((reg.state == registration_state::active));
    BOOST_TEST_REQUIRE(reg.contacts.size() == 2u);
    auto const& c = reg.contacts[0];
    BOOST_TEST(c.id == "76");
    BOOST_TEST((c.state == contact_state::active));
    BOOST_TEST((c.event == contact_event::registered));
    BOOST_TEST(*c.duration_registered == 7322u);
    BOOST_TEST(*c.expires == 3600u);
    BOOST_TEST(!c.retry_after.has_value());
    BOOST_TEST(*c.q == "0.8");
    BOOST_TEST(*c.call_id == "843817637684230@998sdasdh09");
    BOOST_TEST(*c.cseq == 1826u);
    BOOST_TEST(c.uri == "sip:alice@pc887.example.com;transport=tcp");
    BOOST_TEST(c.name.present);
    BOOST_TEST(c.name.text == "Alice's laptop");
    BOOST_TEST(c.name.lang == "en");
    BOOST_TEST_REQUIRE(c.params.size() == 2u);
    BOOST_TEST(c.params[0].name == "+sip.instance");
    BOOST_TEST(c.params[0].value == "\"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>\"");
    BOOST_TEST(c.params[1].name == "+g.oma.sip-im");
    BOOST_TEST(c.params[1].value == "");
    BOOST_TEST(*c.pub_gruu == "sip:alice@example.com;gr=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    BOOST_TEST_REQUIRE(c.temp.has_value());
    BOOST_TEST(c.temp->uri == "sip:tgruu.7hs==jd7vnzga5w7fajsc7-ajd6fabz0f8g5@example.com;gr");
    BOOST_TEST(c.temp->first_cseq == 1826u);
    auto const& gone = reg.contacts[1];
    BOOST_TEST((gone.state == contact_state::terminated));
    BOOST_TEST((gone.event == contact_event::expired));
    BOOST_TEST(!gone.name.present);
    BOOST_TEST(!gone.pub_gruu.has_value());
}

BOOST_AUTO_TEST_CASE(partial_example)
{
    auto r = parse(example("partial-deactivated.xml"));
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message);
    auto const& info = r->info();
    BOOST_TEST(info.version == 1u);
    BOOST_TEST((info.state == reginfo_state::partial));
    BOOST_TEST((info.registrations[0].state == registration_state::terminated));
    auto const& c = info.registrations[0].contacts[0];
    BOOST_TEST((c.event == contact_event::deactivated));
    BOOST_TEST(*c.retry_after == 60u);
}

BOOST_AUTO_TEST_CASE(every_event_and_extensions)
{
    for (auto e : {"registered", "created", "refreshed", "shortened", "expired", "deactivated", "probation",
                   "unregistered", "rejected"}) {
        std::string const text = contact_doc("id=\"1\" state=\"active\" event=\"" + std::string(e) + "\"",
                                             "<uri>sip:c@x</uri><x:ext/>");
        auto r = parse(text);
        BOOST_TEST_REQUIRE(r.has_value(), r.error().message);
        BOOST_TEST(to_string(r->info().registrations[0].contacts[0].event) == e);
    }
    // Extensions after the known elements, at every level.
    std::string const ext = doc("<registration aor=\"sip:a@x\" id=\"r\" state=\"init\" x:a=\"1\"><x:e/></registration>"
                                "<x:more/>");
    auto r = parse(ext);
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message);
    BOOST_TEST(r->info().registrations[0].contacts.empty());
    BOOST_TEST((r->info().registrations[0].state == registration_state::init));
}

BOOST_AUTO_TEST_CASE(errors_name_the_element)
{
    expect_error("<reginfo version=\"0\" state=\"full\"/>",
                 "reginfo: the document element must be <reginfo> in urn:ietf:params:xml:ns:reginfo", "<reginfo",
                 errc::bad_root);
    std::string const no_version = doc("", "state=\"full\"");
    expect_error(no_version, "reginfo: <reginfo> needs a version attribute", "<reginfo", errc::missing_attribute);
    std::string const bad_version = doc("", "version=\"x\" state=\"full\"");
    expect_error(bad_version, "reginfo: <reginfo> version must be an unsigned 32-bit integer", "version=",
                 errc::bad_attribute_value);
    std::string const deleted = doc("", "version=\"1\" state=\"deleted\"");
    expect_error(deleted, "reginfo: <reginfo> state must be full or partial", "state=", errc::bad_attribute_value);
    std::string const reg_state = doc("<registration aor=\"sip:a@x\" id=\"r\" state=\"up\"/>");
    expect_error(reg_state, "reginfo: <registration> state must be init, active or terminated", "state=\"up\"",
                 errc::bad_attribute_value);
    std::string const no_aor = doc("<registration id=\"r\" state=\"init\"/>");
    expect_error(no_aor, "reginfo: <registration> needs a aor attribute", "<registration",
                 errc::missing_attribute);
    std::string const event = contact_doc("id=\"1\" state=\"active\" event=\"born\"", "<uri>sip:c@x</uri>");
    expect_error(event,
                 "reginfo: <contact> event must be registered, created, refreshed, shortened, expired, deactivated, "
                 "probation, unregistered or rejected",
                 "event=", errc::bad_attribute_value);
    std::string const expires = contact_doc("id=\"1\" state=\"active\" event=\"created\" expires=\"18446744073709551616\"",
                                            "<uri>sip:c@x</uri>");
    expect_error(expires, "reginfo: <contact> expires must be an unsigned 64-bit integer", "expires=",
                 errc::bad_attribute_value);
    std::string const no_uri = contact_doc("id=\"1\" state=\"active\" event=\"created\"", "<display-name>a</display-name>");
    expect_error(no_uri, "reginfo: <contact> needs a <uri> element", "<contact", errc::missing_element);
    std::string const order = contact_doc("id=\"1\" state=\"active\" event=\"created\"",
                                          "<display-name>a</display-name><uri>sip:c@x</uri>");
    expect_error(order, "reginfo: <uri> is out of order or repeated in <contact>", "<uri>", errc::unexpected_element);
    std::string const param = contact_doc("id=\"1\" state=\"active\" event=\"created\"",
                                          "<uri>sip:c@x</uri><unknown-param>v</unknown-param>");
    expect_error(param, "reginfo: <unknown-param> needs a name attribute", "<unknown-param>",
                 errc::missing_attribute);
    std::string const gruu = contact_doc("id=\"1\" state=\"active\" event=\"created\"",
                                         "<uri>sip:c@x</uri><gr:temp-gruu uri=\"sip:t@x;gr\"/>");
    expect_error(gruu, "reginfo: <temp-gruu> needs a first-cseq attribute", "<gr:temp-gruu",
                 errc::missing_attribute);
    std::string const twice = contact_doc("id=\"1\" state=\"active\" event=\"created\"",
                                          "<uri>sip:c@x</uri><gr:pub-gruu uri=\"sip:a\"/><gr:pub-gruu uri=\"sip:b\"/>");
    expect_error(twice, "reginfo: <gr:pub-gruu> appears twice in <contact>", "<gr:pub-gruu uri=\"sip:b",
                 errc::unexpected_element);
    std::string const other = contact_doc("id=\"1\" state=\"active\" event=\"created\"",
                                          "<uri>sip:c@x</uri><gr:gruu uri=\"sip:b\"/>");
    expect_error(other, "reginfo: <gr:gruu> is not a GRUU element of RFC 5628", "<gr:gruu",
                 errc::unexpected_element);
}

BOOST_AUTO_TEST_CASE(build_round_trips)
{
    for (auto name : {"registered-with-gruu.xml", "partial-deactivated.xml"}) {
        auto r = parse(example(name));
        BOOST_TEST_REQUIRE(r.has_value(), r.error().message);
        auto built = build(r->info());
        BOOST_TEST_REQUIRE(built.has_value(), built.error().message);
        BOOST_TEST((built->info() == r->info()));
        auto again = build(built->info());
        BOOST_TEST_REQUIRE(again.has_value());
        BOOST_TEST(again->document().text() == built->document().text());
    }

    reginfo info;
    info.version = 9;
    info.state = reginfo_state::partial;
    registration reg;
    reg.aor = text_value(std::string_view("sip:bob@example.com"));
    reg.id = text_value(std::string_view("b1"));
    reg.state = registration_state::active;
    contact c;
    c.id = text_value(std::string_view("c1"));
    c.event = contact_event::refreshed;
    c.expires = 600;
    c.uri = text_value(std::string_view("sip:bob@host;ob"));
    c.params.push_back({text_value(std::string_view("+sip.instance")), text_value(std::string_view("\"<urn:x>\""))});
    c.temp = temp_gruu{text_value(std::string_view("sip:t@example.com;gr")), 4};
    reg.contacts.push_back(c);
    info.registrations.push_back(reg);
    auto built = build(info);
    BOOST_TEST_REQUIRE(built.has_value(), built.error().message);
    BOOST_TEST((built->info() == info));
    BOOST_TEST(built->document().text().find("<gr:temp-gruu uri=\"sip:t@example.com;gr\" first-cseq=\"4\"/>") !=
               std::string_view::npos);

    info.registrations[0].contacts[0].uri = text_value(std::string_view("sip:\x02@x"));
    auto refused = build(info);
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().message == "reginfo builder: <uri> is not XML text");
}
