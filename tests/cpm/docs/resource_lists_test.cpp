#define BOOST_TEST_MODULE cpm_docs_resource_lists
#include <boost/test/unit_test.hpp>

#include "cpm/docs/error.hpp"
#include "expect_error.hpp"
#include "cpm/docs/resource_lists.hpp"
#include "cpm/docs/resource_lists_builder.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

using namespace cpm::docs;
using cpm::sip::abnf::text_buffer;

namespace {

template <class R>
std::string error_of(R const& r)
{
    return r ? std::string() : r.error().message;
}

cpm::sip::abnf::result<resource_lists> parse(std::string_view text)
{
    return resource_lists::parse(text_buffer(text));
}

testing::error_expectation const expect_error{&parse};

std::string doc(std::string_view lists)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\""
           " xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\">" +
           std::string(lists) + "</resource-lists>";
}

// RFC 5365 section 4.1 style: one list, every copy control combination.
constexpr std::string_view rfc5365_list =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"\n"
    "    xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\">\n"
    "  <list>\n"
    "    <entry uri=\"sip:bill@example.com\" cp:copyControl=\"to\" />\n"
    "    <entry uri=\"sip:randy@example.net\" cp:copyControl=\"to\" cp:anonymize=\"true\"/>\n"
    "    <entry uri=\"sip:joe@example.org\" cp:copyControl=\"cc\" />\n"
    "    <entry uri=\"sip:carol@example.net\" cp:copyControl=\"cc\" cp:anonymize=\"1\"/>\n"
    "    <entry uri=\"sip:ted@example.net\" cp:copyControl=\"bcc\" />\n"
    "    <entry uri=\"sip:anonymous@anonymous.invalid\" cp:copyControl=\"to\" cp:count=\"2\"/>\n"
    "    <entry uri=\"sip:plain@example.com\"/>\n"
    "  </list>\n"
    "</resource-lists>\n";

entry_options copy(copy_control c, std::optional<bool> anonymize = {}, std::optional<std::uint32_t> count = {})
{
    entry_options o;
    o.copy.copy = c;
    o.copy.anonymize = anonymize;
    o.copy.count = count;
    return o;
}

entry_options named(std::string_view display_name, std::string_view lang = {})
{
    entry_options o;
    o.display_name = display_name;
    o.lang = lang;
    return o;
}

} // namespace

BOOST_AUTO_TEST_CASE(copy_control_attributes_decode)
{
    auto rl = parse(rfc5365_list);
    BOOST_TEST_REQUIRE(rl.has_value(), error_of(rl));
    BOOST_TEST_REQUIRE(rl->top_level().size() == 1u);
    auto const entries = rl->entries();
    BOOST_TEST_REQUIRE(entries.size() == 7u);
    BOOST_TEST((entries[0]->uri == "sip:bill@example.com"));
    BOOST_TEST((entries[0]->copy.copy == copy_control::to));
    BOOST_TEST(!entries[0]->copy.anonymize.has_value());
    BOOST_TEST(entries[1]->copy.anonymized());
    BOOST_TEST((entries[2]->copy.effective() == copy_control::cc));
    BOOST_TEST(entries[3]->copy.anonymized());
    BOOST_TEST((entries[4]->copy.effective() == copy_control::bcc));
    BOOST_TEST((entries[5]->copy.count == 2u));
    BOOST_TEST(!entries[6]->copy.copy.has_value());
    BOOST_TEST((entries[6]->copy.effective() == copy_control::to));
    BOOST_TEST(entries[6]->copy.empty());
    // Views into the document, not copies.
    BOOST_TEST(!entries[0]->uri.decoded());
    BOOST_TEST(entries[0]->offset == rfc5365_list.find("<entry uri=\"sip:bill"));
}

BOOST_AUTO_TEST_CASE(nested_lists_external_entry_ref_and_display_names)
{
    // RFC 4826 section 3.3.1 shape.
    std::string const text = doc(
        "<list name=\"friends\">"
        "<display-name xml:lang=\"en\">Friends &amp; family</display-name>"
        "<entry uri=\"sip:bill@example.com\"><display-name>Bill Doe</display-name></entry>"
        "<entry-ref ref=\"resource-lists/users/sip:bill@example.com/index/~~/resource-lists/list%5b@name=%22list1%22%5d/entry%5b@uri=%22sip:petri@example.com%22%5d\"/>"
        "<list name=\"close-friends\">"
        "<display-name>Close Friends</display-name>"
        "<entry uri=\"sip:joe@example.com\"><display-name>Joe Smith</display-name></entry>"
        "<entry uri=\"sip:nancy@example.com\"/>"
        "<external anchor=\"http://xcap.example.org/resource-lists/users/sip:a@example.org/index/~~/resource-lists/list%5b@name=%22mkt%22%5d\"/>"
        "</list>"
        "<entry uri=\"sip:last@example.com\"/>"
        "<x:ext xmlns:x=\"urn:example:ext\">ignored</x:ext>"
        "</list>"
        "<list/>");
    auto rl = parse(text);
    BOOST_TEST_REQUIRE(rl.has_value(), error_of(rl));
    BOOST_TEST_REQUIRE(rl->lists().size() == 3u);
    BOOST_TEST_REQUIRE(rl->top_level().size() == 2u);
    auto const& friends = rl->lists()[rl->top_level()[0]];
    BOOST_TEST(friends.name->view() == "friends");
    BOOST_TEST(friends.display.present);
    BOOST_TEST(friends.display.text.view() == "Friends & family");
    BOOST_TEST(friends.display.text.decoded());
    BOOST_TEST(friends.display.lang.view() == "en");
    BOOST_TEST(!friends.parent.has_value());
    BOOST_TEST_REQUIRE(friends.items.size() == 4u);
    BOOST_TEST((friends.items[0].kind == item_kind::entry));
    BOOST_TEST(friends.items[0].name.text.view() == "Bill Doe");
    BOOST_TEST((friends.items[1].kind == item_kind::entry_ref));
    BOOST_TEST(friends.items[1].uri.view().starts_with("resource-lists/users/sip:bill@example.com"));
    BOOST_TEST((friends.items[2].kind == item_kind::list));
    auto const& close = rl->lists()[friends.items[2].list];
    BOOST_TEST(close.name->view() == "close-friends");
    BOOST_TEST((close.parent == rl->top_level()[0]));
    BOOST_TEST_REQUIRE(close.items.size() == 3u);
    BOOST_TEST((close.items[2].kind == item_kind::external));
    BOOST_TEST(close.items[2].uri.view().starts_with("http://xcap.example.org/"));
    BOOST_TEST(rl->lists()[rl->top_level()[1]].items.empty());
    BOOST_TEST(!rl->lists()[rl->top_level()[1]].name.has_value());

    // Entries flattened depth first, in document order; refs and externals are not entries.
    std::vector<std::string> uris;
    for (auto const* e : rl->entries())
        uris.emplace_back(e->uri.view());
    std::vector<std::string> const want{"sip:bill@example.com", "sip:joe@example.com", "sip:nancy@example.com",
                                        "sip:last@example.com"};
    BOOST_TEST(uris == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(empty_document_and_borrowed_text)
{
    std::string const text = doc("");
    auto rl = resource_lists::parse(std::string_view(text));
    BOOST_TEST_REQUIRE(rl.has_value(), error_of(rl));
    BOOST_TEST(rl->lists().empty());
    BOOST_TEST(rl->entries().empty());
    BOOST_TEST((rl->document().text().data() == text.data())); // addresses, not C strings
}

BOOST_AUTO_TEST_CASE(schema_errors_name_the_element_and_position)
{
    expect_error("<resource-lists><list/></resource-lists>",
                 "resource-lists: the document element must be <resource-lists> in urn:ietf:params:xml:ns:resource-lists",
                 "<resource-lists>", errc::bad_root);
    expect_error("<x xmlns=\"urn:ietf:params:xml:ns:resource-lists\"/>",
                 "resource-lists: the document element must be <resource-lists> in urn:ietf:params:xml:ns:resource-lists",
                 "<x", errc::bad_root);
    std::string const entry_at_top = doc("<entry uri=\"sip:a@x\"/>");
    expect_error(entry_at_top, "resource-lists: <entry> is not allowed in <resource-lists>", "<entry", errc::unexpected_element);
    std::string const no_uri = doc("<list><entry/></list>");
    expect_error(no_uri, "resource-lists: <entry> needs a uri attribute", "<entry", errc::missing_attribute);
    std::string const no_ref = doc("<list><entry-ref/></list>");
    expect_error(no_ref, "resource-lists: <entry-ref> needs a ref attribute", "<entry-ref", errc::missing_attribute);
    std::string const unknown = doc("<list><member uri=\"sip:a@x\"/></list>");
    expect_error(unknown, "resource-lists: <member> is not allowed in <list>", "<member", errc::unexpected_element);
    std::string const late_display = doc("<list><entry uri=\"sip:a@x\"/><display-name>x</display-name></list>");
    expect_error(late_display, "resource-lists: <display-name> must be the first child of <list>, once", "<display-name",
                 errc::unexpected_element);
    std::string const after_ext = doc("<list><x:e xmlns:x=\"urn:x\"/><entry uri=\"sip:a@x\"/></list>");
    expect_error(after_ext, "resource-lists: <entry> after an extension element in <list>", "<entry uri",
                 errc::unexpected_element);
    std::string const no_ns = doc("<list><e xmlns=\"\"/></list>");
    expect_error(no_ns, "resource-lists: <e> has no namespace", "<e ", errc::unexpected_element);
    std::string const entry_child = doc("<list><entry uri=\"sip:a@x\"><entry uri=\"sip:b@x\"/></entry></list>");
    expect_error(entry_child, "resource-lists: <entry> is not allowed in <entry>", "<entry uri=\"sip:b",
                 errc::unexpected_element);
    std::string const two_names = doc(
        "<list><entry uri=\"sip:a@x\"><display-name>a</display-name><display-name>b</display-name></entry></list>");
    expect_error(two_names, "resource-lists: <display-name> is not allowed in <entry> after other elements",
                 "<display-name>b", errc::unexpected_element);
    std::string const nested_in_name = doc("<list><display-name><b xmlns=\"urn:x\"/></display-name></list>");
    expect_error(nested_in_name, "resource-lists: <display-name> holds text only", "<b ", errc::unexpected_element);
    std::string const bad_attr = doc("<list><entry uri=\"sip:a@x\" url=\"y\"/></list>");
    expect_error(bad_attr, "resource-lists: <entry> has no attribute 'url'", "url=", errc::unexpected_attribute);
    std::string const list_attr = doc("<list id=\"1\"/>");
    expect_error(list_attr, "resource-lists: <list> has no attribute 'id'", "id=", errc::unexpected_attribute);
    std::string const text_in_list = doc("<list>stray</list>");
    expect_error(text_in_list, "resource-lists: <list> may hold elements only, not text", "<list>", errc::unexpected_text);
    std::string const bad_copy = doc("<list><entry uri=\"sip:a@x\" cp:copyControl=\"from\"/></list>");
    expect_error(bad_copy, "resource-lists: copyControl must be to, cc or bcc (RFC 5364)", "cp:copyControl",
                 errc::bad_attribute_value);
    std::string const bad_anon = doc("<list><entry uri=\"sip:a@x\" cp:anonymize=\"yes\"/></list>");
    expect_error(bad_anon, "resource-lists: anonymize must be true, false, 1 or 0 (RFC 5364)", "cp:anonymize",
                 errc::bad_attribute_value);
    std::string const bad_count = doc("<list><entry uri=\"sip:a@x\" cp:count=\"-1\"/></list>");
    expect_error(bad_count, "resource-lists: count must be an unsigned 32-bit integer (RFC 5364)", "cp:count",
                 errc::bad_attribute_value);
    std::string const big_count = doc("<list><entry uri=\"sip:a@x\" cp:count=\"4294967296\"/></list>");
    expect_error(big_count, "resource-lists: count must be an unsigned 32-bit integer (RFC 5364)", "cp:count",
                 errc::bad_attribute_value);
    std::string const unknown_cp = doc("<list><entry uri=\"sip:a@x\" cp:priority=\"1\"/></list>");
    expect_error(unknown_cp, "resource-lists: the copycontrol namespace has no attribute 'priority'", "cp:priority",
                 errc::unexpected_attribute);
    // Not well-formed XML: the reader's error comes through.
    auto broken = parse("<resource-lists");
    BOOST_TEST(!broken.has_value());
}

BOOST_AUTO_TEST_CASE(values_are_collapsed_and_references_decoded)
{
    std::string const text = doc(
        "<list><entry uri=\"sip:a@x?subject=a&amp;b\" cp:anonymize=\" false \" cp:count=\" 7 \"/></list>");
    auto rl = parse(text);
    BOOST_TEST_REQUIRE(rl.has_value(), error_of(rl));
    auto const e = rl->entries();
    BOOST_TEST((e[0]->uri == "sip:a@x?subject=a&b"));
    BOOST_TEST(e[0]->uri.decoded());
    BOOST_TEST((e[0]->copy.anonymize == false));
    BOOST_TEST((e[0]->copy.count == 7u));
}

BOOST_AUTO_TEST_CASE(builder_writes_an_rfc5365_list)
{
    entry_options joe = named("Joe <Smith> & Co", "en");
    joe.copy.copy = copy_control::cc;
    auto rl = resource_lists_builder{}
                  .begin_list()
                  .entry("sip:bill@example.com", copy(copy_control::to))
                  .entry("sip:randy@example.net", copy(copy_control::to, true))
                  .entry("sip:joe@example.org", joe)
                  .entry("sip:ted@example.net", copy(copy_control::bcc, std::nullopt, 3))
                  .end_list()
                  .build();
    BOOST_TEST_REQUIRE(rl.has_value(), error_of(rl));
    BOOST_TEST(rl->document().text() ==
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\" "
               "xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\">\n"
               "  <list>\n"
               "    <entry uri=\"sip:bill@example.com\" cp:copyControl=\"to\"/>\n"
               "    <entry uri=\"sip:randy@example.net\" cp:copyControl=\"to\" cp:anonymize=\"true\"/>\n"
               "    <entry uri=\"sip:joe@example.org\" cp:copyControl=\"cc\">\n"
               "      <display-name xml:lang=\"en\">Joe &lt;Smith&gt; &amp; Co</display-name>\n"
               "    </entry>\n"
               "    <entry uri=\"sip:ted@example.net\" cp:copyControl=\"bcc\" cp:count=\"3\"/>\n"
               "  </list>\n"
               "</resource-lists>\n");
    auto const e = rl->entries();
    BOOST_TEST_REQUIRE(e.size() == 4u);
    BOOST_TEST(e[2]->name.text.view() == "Joe <Smith> & Co");
    BOOST_TEST((e[3]->copy.count == 3u));
}

BOOST_AUTO_TEST_CASE(rebuild_keeps_lists_entries_and_attributes)
{
    std::string const text = doc(
        "<list name=\"a&quot;b\"><display-name xml:lang=\"fr\">Amis</display-name>"
        "<list><entry uri=\"sip:x@y\" cp:copyControl=\"cc\" cp:anonymize=\"0\"/></list>"
        "<entry-ref ref=\"r\"><display-name>R</display-name></entry-ref><external/>"
        "<external anchor=\"http://a/b\"/></list><list/>");
    auto rl = parse(text);
    BOOST_TEST_REQUIRE(rl.has_value(), error_of(rl));
    auto again = rebuild(*rl);
    BOOST_TEST_REQUIRE(again.has_value(), error_of(again));
    BOOST_TEST(again->lists().size() == rl->lists().size());
    auto const& l = again->lists()[again->top_level()[0]];
    BOOST_TEST(l.name->view() == "a\"b");
    BOOST_TEST(l.display.text.view() == "Amis");
    BOOST_TEST(l.display.lang.view() == "fr");
    BOOST_TEST_REQUIRE(l.items.size() == 4u);
    auto const& inner = again->lists()[l.items[0].list];
    BOOST_TEST((inner.items[0].copy.copy == copy_control::cc));
    BOOST_TEST((inner.items[0].copy.anonymize == false));
    BOOST_TEST(l.items[1].name.text.view() == "R");
    BOOST_TEST(l.items[2].uri.view().empty());
    BOOST_TEST(l.items[3].uri.view() == "http://a/b");
    auto third = rebuild(*again);
    BOOST_TEST_REQUIRE(third.has_value(), error_of(third));
    BOOST_TEST(third->document().text() == again->document().text());
}

BOOST_AUTO_TEST_CASE(builder_misuse_is_reported)
{
    auto outside = resource_lists_builder{}.entry("sip:a@x").build();
    BOOST_TEST_REQUIRE(!outside.has_value());
    BOOST_TEST(outside.error().message == "resource-lists builder: <entry> outside any list");
    auto unbalanced = resource_lists_builder{}.end_list().build();
    BOOST_TEST(unbalanced.error().message == "resource-lists builder: end_list without an open list");
    auto bad_text = resource_lists_builder{}.begin_list().entry("sip:a@x", named("nul\x01")).build();
    BOOST_TEST(bad_text.error().message == "resource-lists builder: a display name is not XML text");
    auto bad_uri = resource_lists_builder{}.begin_list().entry("\xff").build();
    BOOST_TEST(bad_uri.error().message == "resource-lists builder: a uri is not XML text");
    // Open lists are closed by build().
    auto open = resource_lists_builder{}.begin_list("a").begin_list("b").entry("sip:a@x").build();
    BOOST_TEST_REQUIRE(open.has_value(), error_of(open));
    BOOST_TEST(open->lists().size() == 2u);
    BOOST_TEST(open->entries().size() == 1u);
}
