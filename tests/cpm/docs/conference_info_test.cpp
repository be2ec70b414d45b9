#define BOOST_TEST_MODULE cpm_docs_conference_info
#include <boost/test/unit_test.hpp>

#include "cpm/docs/conference_info.hpp"
#include "cpm/docs/conference_info_builder.hpp"
#include "cpm/docs/error.hpp"
#include "expect_error.hpp"

#include <fstream>
#include <iterator>
#include <ostream>
#include <string>

using namespace cpm::docs;
using cpm::sip::abnf::text_buffer;

namespace cpm::imdn::xml {
std::ostream& boost_test_print_type(std::ostream& o, text_value const& v) { return o << v.view(); }
} // namespace cpm::imdn::xml

namespace cpm::docs {
std::ostream& boost_test_print_type(std::ostream& o, element_state s) { return o << to_string(s); }
} // namespace cpm::docs

namespace {

std::string example(std::string const& name)
{
    std::ifstream in(std::string(CPM_TEST_DATA_DIR) + "/../../examples/conference-info/" + name, std::ios::binary);
    BOOST_TEST_REQUIRE(static_cast<bool>(in), "cannot read " << name);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

cpm::sip::abnf::result<conference_document> parse(std::string_view text)
{
    return conference_document::parse(text_buffer(text));
}

std::string doc(std::string_view inside, std::string_view attributes = "entity=\"sip:c@x\"")
{
    return "<conference-info xmlns=\"urn:ietf:params:xml:ns:conference-info\" xmlns:x=\"urn:x\" " +
           std::string(attributes) + ">" + std::string(inside) + "</conference-info>";
}

testing::error_expectation const expect_error{&parse};

} // namespace

BOOST_AUTO_TEST_CASE(full_state_example_decodes_every_element)
{
    auto r = parse(example("full-state.xml"));
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message);
    auto const& c = r->info();
    BOOST_TEST(c.entity == "sip:conf233@example.com");
    BOOST_TEST(c.state == element_state::full);
    BOOST_TEST_REQUIRE(c.version.has_value());
    BOOST_TEST(*c.version == 1u);

    BOOST_TEST_REQUIRE(c.description.has_value());
    auto const& d = *c.description;
    BOOST_TEST(*d.display_text == "Weekly sync");
    BOOST_TEST(*d.subject == "Release planning");
    BOOST_TEST(!d.free_text.has_value());
    BOOST_TEST(*d.keywords == "release planning");
    BOOST_TEST_REQUIRE(d.conf_uris.has_value());
    BOOST_TEST_REQUIRE(d.conf_uris->entries.size() == 1u);
    BOOST_TEST(d.conf_uris->entries[0].uri == "sip:conf233@example.com;transport=tcp");
    BOOST_TEST(*d.conf_uris->entries[0].purpose == "participation");
    BOOST_TEST(d.service_uris->entries[0].uri == "http://example.com/conf233/");
    BOOST_TEST(*d.maximum_user_count == 100u);
    BOOST_TEST_REQUIRE(d.media->entries.size() == 1u);
    BOOST_TEST(d.media->entries[0].label == "10234");
    BOOST_TEST(d.media->entries[0].type == "message");
    BOOST_TEST((*d.media->entries[0].status == media_status::sendrecv));

    BOOST_TEST(*c.host->web_page == "http://example.com/focus/");
    BOOST_TEST(c.host->uris->entries[0].uri == "sip:focus@example.com");
    BOOST_TEST(*c.conference->user_count == 2u);
    BOOST_TEST(*c.conference->active == true);
    BOOST_TEST(*c.conference->locked == false);

    BOOST_TEST_REQUIRE(c.users->entries.size() == 2u);
    auto const& alice = c.users->entries[0];
    BOOST_TEST(alice.entity == "sip:alice@example.com");
    BOOST_TEST(alice.associated_aors->entries[0].uri == "tel:+15551234567");
    BOOST_TEST_REQUIRE(alice.roles->size() == 2u);
    BOOST_TEST((*alice.roles)[0] == "chairman");
    BOOST_TEST((*alice.roles)[1] == "participant");
    BOOST_TEST(*alice.languages == "en fr");
    BOOST_TEST_REQUIRE(alice.endpoints.size() == 1u);
    auto const& ep = alice.endpoints[0];
    BOOST_TEST(ep.entity == "sip:alice@pc33.example.com");
    BOOST_TEST(*ep.display_text == "Alice's laptop");
    BOOST_TEST(*ep.referred->when == "2026-11-26T02:00:00Z");
    BOOST_TEST(*ep.referred->reason == "invited");
    BOOST_TEST(*ep.referred->by == "sip:bob@example.com");
    BOOST_TEST((*ep.status == endpoint_status::connected));
    BOOST_TEST((*ep.joining == joining_method::dialed_in));
    BOOST_TEST(*ep.joining_info->when == "2026-11-26T02:00:05Z");
    BOOST_TEST_REQUIRE(ep.media.size() == 1u);
    BOOST_TEST(ep.media[0].id == "1");
    BOOST_TEST(*ep.media[0].label == "10234");
    BOOST_TEST((*ep.media[0].status == media_status::sendrecv));
    BOOST_TEST(ep.call_info->call_id == "a84b4c76e66710@pc33.example.com");
    BOOST_TEST(ep.call_info->from_tag == "1928301774");
    BOOST_TEST(ep.call_info->to_tag == "314159");

    auto const& bob = c.users->entries[1];
    BOOST_TEST(*bob.display_text == "Bob & Co");
    BOOST_TEST(bob.display_text->decoded());
    BOOST_TEST((*bob.endpoints[0].status == endpoint_status::disconnected));
    BOOST_TEST((*bob.endpoints[0].disconnection == disconnection_method::departed));
    BOOST_TEST(*bob.endpoints[0].disconnection_info->reason == "BYE");

    BOOST_TEST(c.sidebars_by_ref->entries[0].uri == "sip:conf233-side1@example.com");
    BOOST_TEST_REQUIRE(c.sidebars_by_val->entries.size() == 1u);
    BOOST_TEST(c.sidebars_by_val->entries[0].entity == "sip:conf233-side1@example.com");
    BOOST_TEST(c.sidebars_by_val->entries[0].users->entries[0].entity == "sip:alice@example.com");
}

BOOST_AUTO_TEST_CASE(partial_state_example_keeps_states)
{
    auto r = parse(example("partial-join.xml"));
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message);
    auto const& c = r->info();
    BOOST_TEST(c.state == element_state::partial);
    BOOST_TEST(c.users->state == element_state::partial);
    BOOST_TEST(c.users->entries[0].state == element_state::full);
    BOOST_TEST(c.users->entries[1].state == element_state::deleted);
    BOOST_TEST(c.users->entries[2].state == element_state::partial);
    BOOST_TEST(c.users->entries[2].endpoints[0].state == element_state::partial);
    BOOST_TEST((*c.users->entries[2].endpoints[0].status == endpoint_status::on_hold));
}

BOOST_AUTO_TEST_CASE(values_are_views_unless_decoded)
{
    std::string const text = doc("<users><user entity=\" sip:a@x \"><display-text>A</display-text></user></users>");
    auto r = parse(text);
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message);
    auto const& u = r->info().users->entries[0];
    // anyURI collapses white space; the view still points into the text.
    BOOST_TEST(u.entity == "sip:a@x");
    BOOST_TEST(!u.entity.decoded());
    auto const t = r->document().text();
    BOOST_TEST((u.entity.view().data() >= t.data() && u.entity.view().data() < t.data() + t.size()));
}

BOOST_AUTO_TEST_CASE(extensions_pass_and_unknown_elements_do_not)
{
    // <xs:any namespace="##other"> after the known elements, qualified
    // attributes anywhere.
    std::string const ok = doc("<conference-state x:a=\"1\"><active>1</active><x:extra/></conference-state>"
                               "<x:mine>text</x:mine>");
    auto r = parse(ok);
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message);
    BOOST_TEST(*r->info().conference->active == true);

    std::string const unknown = doc("<conference-state><open>1</open></conference-state>");
    expect_error(unknown, "conference-info: <open> is not allowed in <conference-state>", "<open>",
                 errc::unexpected_element);
    std::string const after = doc("<conference-state><x:extra/><active>1</active></conference-state>");
    expect_error(after, "conference-info: <active> is out of order or repeated in <conference-state>", "<active>",
                 errc::unexpected_element);
    std::string const order = doc("<users/><host-info/>");
    expect_error(order, "conference-info: <host-info> is out of order or repeated in <conference-info>",
                 "<host-info/>", errc::unexpected_element);
    std::string const twice = doc("<host-info/><host-info/>");
    expect_error(twice, "conference-info: <host-info> is out of order or repeated in <conference-info>",
                 "<host-info/></conference-info>", errc::unexpected_element);
    // execution-type has no extension point.
    std::string const exec = doc("<users><user entity=\"sip:a@x\"><endpoint entity=\"sip:e@x\"><referred>"
                                 "<x:why/></referred></endpoint></user></users>");
    expect_error(exec, "conference-info: <x:why> is not allowed in <referred>", "<x:why/>",
                 errc::unexpected_element);
    std::string const no_ns = doc("<users xmlns=\"\"/>");
    expect_error(no_ns, "conference-info: <users> is not allowed in <conference-info>", "<users",
                 errc::unexpected_element);
}

BOOST_AUTO_TEST_CASE(errors_name_the_element)
{
    expect_error("<conference-info entity=\"sip:c@x\"/>",
                 "conference-info: the document element must be <conference-info> in "
                 "urn:ietf:params:xml:ns:conference-info",
                 "<conference-info", errc::bad_root);
    std::string const no_entity = doc("", "state=\"full\"");
    expect_error(no_entity, "conference-info: <conference-info> needs a entity attribute", "<conference-info",
                 errc::missing_attribute);
    std::string const bad_state = doc("", "entity=\"sip:c@x\" state=\"some\"");
    expect_error(bad_state, "conference-info: <conference-info> state must be full, partial or deleted",
                 "state=", errc::bad_attribute_value);
    std::string const bad_version = doc("", "entity=\"sip:c@x\" version=\"-1\"");
    expect_error(bad_version, "conference-info: <conference-info> version must be an unsigned 32-bit integer",
                 "version=", errc::bad_attribute_value);
    std::string const big_version = doc("", "entity=\"sip:c@x\" version=\"4294967296\"");
    expect_error(big_version, "conference-info: <conference-info> version must be an unsigned 32-bit integer",
                 "version=", errc::bad_attribute_value);
    std::string const attr = doc("", "entity=\"sip:c@x\" color=\"red\"");
    expect_error(attr, "conference-info: <conference-info> has no attribute 'color'", "color=",
                 errc::unexpected_attribute);
    std::string const status = doc("<users><user entity=\"sip:a@x\"><endpoint entity=\"sip:e@x\">"
                                   "<status>talking</status></endpoint></user></users>");
    expect_error(status,
                 "conference-info: <status> must be pending, dialing-out, dialing-in, alerting, on-hold, "
                 "connected, muted-via-focus, disconnecting or disconnected",
                 "<status>", errc::bad_value);
    std::string const joining = doc("<users><user entity=\"sip:a@x\"><endpoint entity=\"sip:e@x\">"
                                    "<joining-method>walked-in</joining-method></endpoint></user></users>");
    expect_error(joining, "conference-info: <joining-method> must be dialed-in, dialed-out or focus-owner",
                 "<joining-method>", errc::bad_value);
    std::string const leaving = doc("<users><user entity=\"sip:a@x\"><endpoint entity=\"sip:e@x\">"
                                    "<disconnection-method>fled</disconnection-method></endpoint></user></users>");
    expect_error(leaving, "conference-info: <disconnection-method> must be departed, booted, failed or busy",
                 "<disconnection-method>", errc::bad_value);
    std::string const media = doc("<users><user entity=\"sip:a@x\"><endpoint entity=\"sip:e@x\">"
                                  "<media><type>audio</type></media></endpoint></user></users>");
    expect_error(media, "conference-info: <media> needs a id attribute", "<media>", errc::missing_attribute);
    std::string const uri = doc("<sidebars-by-ref><entry><display-text>a</display-text></entry></sidebars-by-ref>");
    expect_error(uri, "conference-info: <entry> needs a <uri> element", "<entry>", errc::missing_element);
    std::string const type = doc("<conference-description><available-media><entry label=\"1\">"
                                 "<display-text>a</display-text></entry></available-media></conference-description>");
    expect_error(type, "conference-info: <entry> needs a <type> element", "<entry", errc::missing_element);
    std::string const sip = doc("<users><user entity=\"sip:a@x\"><endpoint entity=\"sip:e@x\"><call-info><sip>"
                                "<call-id>c</call-id><to-tag>t</to-tag></sip></call-info></endpoint></user></users>");
    expect_error(sip, "conference-info: <sip> needs a <from-tag> element", "<sip>", errc::missing_element);
    std::string const count = doc("<conference-state><user-count>many</user-count></conference-state>");
    expect_error(count, "conference-info: <user-count> must be an unsigned 32-bit integer", "<user-count>",
                 errc::bad_value);
    std::string const active = doc("<conference-state><active>yes</active></conference-state>");
    expect_error(active, "conference-info: <active> must be true, false, 1 or 0", "<active>", errc::bad_value);
    std::string const nested = doc("<host-info><display-text>a<x:b/></display-text></host-info>");
    expect_error(nested, "conference-info: <display-text> holds text only", "<x:b/>", errc::unexpected_element);
    std::string const text = doc("<users>people</users>");
    expect_error(text, "conference-info: <users> may hold elements only, not text", "<users>",
                 errc::unexpected_text);
}

BOOST_AUTO_TEST_CASE(build_round_trips_the_examples)
{
    for (auto name : {"full-state.xml", "partial-join.xml"}) {
        auto r = parse(example(name));
        BOOST_TEST_REQUIRE(r.has_value(), r.error().message);
        auto built = build(r->info());
        BOOST_TEST_REQUIRE(built.has_value(), built.error().message);
        auto again = build(built->info());
        BOOST_TEST_REQUIRE(again.has_value(), again.error().message);
        // The built document decodes to the same model.
        BOOST_TEST((built->info() == r->info()));
        // Canonical text: building what was built gives the same bytes.
        BOOST_TEST(again->document().text() == built->document().text());
    }
    auto r = parse(example("full-state.xml"));
    auto built = build(r->info());
    BOOST_TEST_REQUIRE(built.has_value());
    auto const& c = built->info();
    BOOST_TEST(*c.version == 1u);
    BOOST_TEST(*c.users->entries[1].display_text == "Bob & Co");
    BOOST_TEST((*c.users->entries[0].endpoints[0].joining == joining_method::dialed_in));
    BOOST_TEST(c.users->entries[0].endpoints[0].call_info->to_tag == "314159");
    BOOST_TEST(c.sidebars_by_val->entries[0].users->entries[0].entity == "sip:alice@example.com");
    // "full" is the default and is not written.
    BOOST_TEST(built->document().text().find("state=\"full\"") == std::string_view::npos);
    auto partial = parse(example("partial-join.xml"));
    auto built_partial = build(partial->info());
    BOOST_TEST(built_partial->document().text().find("<user entity=\"sip:bob@example.com\" state=\"deleted\">") !=
               std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(build_from_a_model)
{
    conference_info c;
    c.entity = text_value(std::string_view("sip:chat@example.com"));
    c.state = element_state::partial;
    c.version = 7;
    user u;
    u.entity = text_value(std::string_view("sip:dave@example.com"));
    u.display_text = text_value(std::string_view("Dave <the \"boss\">"));
    endpoint ep;
    ep.entity = text_value(std::string_view("sip:dave@host"));
    ep.status = endpoint_status::muted_via_focus;
    ep.disconnection = disconnection_method::booted;
    endpoint_media m;
    m.id = text_value(std::string_view("m1"));
    m.status = media_status::recvonly;
    ep.media.push_back(m);
    u.endpoints.push_back(ep);
    c.users.emplace();
    c.users->entries.push_back(u);
    auto built = build(c);
    BOOST_TEST_REQUIRE(built.has_value(), built.error().message);
    auto const& b = built->info();
    BOOST_TEST(b.entity == "sip:chat@example.com");
    BOOST_TEST(b.state == element_state::partial);
    BOOST_TEST(*b.version == 7u);
    BOOST_TEST(*b.users->entries[0].display_text == "Dave <the \"boss\">");
    BOOST_TEST((*b.users->entries[0].endpoints[0].status == endpoint_status::muted_via_focus));
    BOOST_TEST((*b.users->entries[0].endpoints[0].disconnection == disconnection_method::booted));
    BOOST_TEST((*b.users->entries[0].endpoints[0].media[0].status == media_status::recvonly));

    conference_info control;
    control.entity = text_value(std::string_view("sip:\x01@x"));
    auto refused = build(control);
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().message == "conference-info builder: the entity of <conference-info> is not XML text");
    BOOST_TEST(refused.error().code == make_error_code(errc::bad_value));
    conference_info nul;
    nul.entity = text_value(std::string_view("sip:c@x"));
    nul.description.emplace();
    nul.description->subject = text_value(std::string("a\0b", 3));
    auto bad_text = build(nul);
    BOOST_TEST_REQUIRE(!bad_text.has_value());
    BOOST_TEST(bad_text.error().message == "conference-info builder: <subject> is not XML text");
}
