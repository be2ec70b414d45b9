#define BOOST_TEST_MODULE imdn_xml_document
#include <boost/test/unit_test.hpp>

#include "imdn/xml/document.hpp"
#include "imdn/xml/error.hpp"

#include <string>
#include <string_view>
#include <vector>

using namespace cpm::imdn::xml;

namespace {

document parse_ok(std::string_view text, limits const& lim = {})
{
    auto doc = document::parse(text, lim);
    BOOST_REQUIRE_MESSAGE(doc.has_value(), "parse failed: " << (doc ? "" : doc.error().message));
    return std::move(*doc);
}

bool inside(std::string_view whole, std::string_view part)
{
    return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

constexpr std::string_view imdn_ns = "urn:ietf:params:xml:ns:imdn";

} // namespace

BOOST_AUTO_TEST_CASE(rfc5438_delivery_notification)
{
    std::string const text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                             "<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">\r\n"
                             "  <message-id>34jk324j</message-id>\r\n"
                             "  <datetime>2008-04-04T12:16:49-05:00</datetime>\r\n"
                             "  <recipient-uri>im:bob@example.com</recipient-uri>\r\n"
                             "  <delivery-notification>\r\n"
                             "    <status><delivered/></status>\r\n"
                             "  </delivery-notification>\r\n"
                             "</imdn>\r\n";
    auto const doc = parse_ok(text);
    auto const& root = doc.root();
    BOOST_TEST(root.is(imdn_ns, "imdn"));
    BOOST_TEST(root.depth == 1u);
    BOOST_TEST(root.parent == none);
    BOOST_TEST(doc.elements().size() == 7u);

    std::vector<std::string_view> names;
    for (auto const& c : doc.children(root))
        names.push_back(c.local());
    BOOST_TEST((names == std::vector<std::string_view>{"message-id", "datetime", "recipient-uri",
                                                        "delivery-notification"}));

    auto const* id = doc.child(root, imdn_ns, "message-id");
    BOOST_REQUIRE(id);
    auto const id_text = doc.text(*id);
    BOOST_TEST(id_text.view() == "34jk324j");
    BOOST_TEST(!id_text.decoded());
    BOOST_TEST(inside(text, id_text.view())); // zero-copy
    BOOST_TEST(id->ns == imdn_ns);
    BOOST_TEST(inside(text, id->ns)); // the namespace name is a view of the xmlns value

    auto const* dn = doc.child(root, imdn_ns, "delivery-notification");
    BOOST_REQUIRE(dn);
    auto const* status = doc.child(*dn, imdn_ns, "status");
    BOOST_REQUIRE(status);
    BOOST_TEST(status->depth == 3u);
    BOOST_TEST(doc.at(status->parent).local() == "delivery-notification");
    auto const* delivered = doc.child(*status, imdn_ns, "delivered");
    BOOST_REQUIRE(delivered);
    BOOST_TEST(delivered->content.empty());
    BOOST_TEST(text.substr(delivered->begin, delivered->end - delivered->begin) == "<delivered/>");
    BOOST_TEST(text.substr(status->begin, status->end - status->begin) == "<status><delivered/></status>");
    BOOST_TEST(doc.child(root, "", "message-id") == nullptr); // wrong namespace
    BOOST_TEST(doc.count_children(root, imdn_ns, "datetime") == 1u);
    // The element text of an element with children is its own character data.
    BOOST_TEST(doc.text(*dn).view() == "\n    \n  ");
}

BOOST_AUTO_TEST_CASE(owned_buffer_keeps_views_alive)
{
    auto doc = document::parse(cpm::sip::abnf::text_buffer(std::string_view("<a x='1'>hello</a>")));
    BOOST_REQUIRE(doc);
    auto moved = std::move(*doc);
    BOOST_TEST(moved.text(moved.root()).view() == "hello");
    BOOST_TEST(document::value(moved.attributes(moved.root())[0]).view() == "1");
}

BOOST_AUTO_TEST_CASE(namespaces_prefixes_defaults_and_scopes)
{
    auto const doc = parse_ok("<r xmlns='urn:d' xmlns:p='urn:p'>"
                              "<p:a p:x='1' x='2'/>"
                              "<b xmlns=''><c/></b>"
                              "<p:d xmlns:p='urn:q'><e xml:lang='en'/></p:d>"
                              "<f/>"
                              "</r>");
    auto const& r = doc.root();
    BOOST_TEST(r.ns == "urn:d");
    std::vector<element const*> kids;
    for (auto const& c : doc.children(r))
        kids.push_back(&c);
    BOOST_REQUIRE(kids.size() == 4u);
    BOOST_TEST(kids[0]->ns == "urn:p");
    BOOST_TEST(kids[0]->prefix() == "p");
    BOOST_TEST(kids[0]->local() == "a");
    BOOST_TEST(kids[0]->name == "p:a");
    auto const attrs = doc.attributes(*kids[0]);
    BOOST_REQUIRE(attrs.size() == 2u);
    BOOST_TEST(attrs[0].ns == "urn:p");
    BOOST_TEST(attrs[1].ns == ""); // unprefixed attributes are in no namespace
    BOOST_TEST(doc.find_attribute(*kids[0], "urn:p", "x")->raw_value == "1");
    BOOST_TEST(doc.find_attribute(*kids[0], "", "x")->raw_value == "2");
    BOOST_TEST(doc.find_attribute(*kids[0], "urn:d", "x") == nullptr);

    BOOST_TEST(kids[1]->ns == ""); // xmlns='' undeclares the default namespace
    BOOST_TEST(doc.at(kids[1]->first_child).ns == "");
    BOOST_TEST(kids[2]->ns == "urn:q"); // redeclared prefix, inner scope
    auto const& e = doc.at(kids[2]->first_child);
    BOOST_TEST(e.ns == "urn:d");
    BOOST_TEST(doc.find_attribute(e, xml_namespace, "lang")->raw_value == "en");
    BOOST_TEST(kids[3]->ns == "urn:d"); // scopes closed again

    auto const rattrs = doc.attributes(r);
    BOOST_REQUIRE(rattrs.size() == 2u);
    BOOST_TEST(rattrs[0].is_namespace_declaration());
    BOOST_TEST(rattrs[1].is_namespace_declaration());
    BOOST_TEST(doc.find_attribute(r, xmlns_namespace, "p") == nullptr); // declarations are not looked up
}

BOOST_AUTO_TEST_CASE(references_cdata_comments_and_line_ends)
{
    auto const doc = parse_ok("<a>x &lt;&gt;&amp;&apos;&quot; &#65;&#x42;&#x20AC;<!-- c --><?pi data?>"
                              "<![CDATA[<raw> & ]]]]>\r\nend\rz</a>");
    auto const t = doc.text(doc.root());
    BOOST_TEST(t.decoded());
    BOOST_TEST(t.view() == "x <>&'\" AB\xE2\x82\xAC<raw> & ]]\nend\nz");
    BOOST_TEST(!doc.root().plain_text);
}

BOOST_AUTO_TEST_CASE(comment_text_starts_after_its_opening)
{
    // Found by fuzz xml: "<!--->" is not a whole comment ("-->" overlapping
    // "<!--"), so text() must not resume inside it.
    auto const doc = parse_ok("<a>x<!---></a>- y \xF0\x9F\x98\x80-->z<!-- -><?p ?>?>--><?q <?q?>w</a>");
    BOOST_TEST(doc.text(doc.root()).view() == "xzw");
}

BOOST_AUTO_TEST_CASE(text_skips_child_elements)
{
    auto const doc = parse_ok("<a>one<b>two</b>three<c/>four</a>");
    BOOST_TEST(doc.text(doc.root()).view() == "onethreefour");
    auto const doc2 = parse_ok("<a>&amp;<b>two</b>&lt;</a>");
    BOOST_TEST(doc2.text(doc2.root()).view() == "&<");
}

BOOST_AUTO_TEST_CASE(attribute_value_normalisation)
{
    auto const doc = parse_ok("<a v=\"x\ty\r\nz\nw&#10;&#x9;&lt;&amp;'\" w='say \"hi\"' e=''/>");
    auto const attrs = doc.attributes(doc.root());
    BOOST_REQUIRE(attrs.size() == 3u);
    BOOST_TEST(!attrs[0].plain);
    BOOST_TEST(document::value(attrs[0]).view() == "x y z w\n\t<&'");
    BOOST_TEST(attrs[1].plain);
    BOOST_TEST(document::value(attrs[1]).view() == "say \"hi\"");
    BOOST_TEST(document::value(attrs[2]).view() == "");
}

BOOST_AUTO_TEST_CASE(namespace_name_with_a_reference_is_decoded)
{
    auto const doc = parse_ok("<a xmlns='urn:x&amp;y'><b/></a>");
    BOOST_TEST(doc.root().ns == "urn:x&y");
    BOOST_TEST(doc.at(doc.root().first_child).ns == "urn:x&y");
}

BOOST_AUTO_TEST_CASE(prolog_and_epilog)
{
    parse_ok("\xEF\xBB\xBF<?xml version='1.0'?><a/>");
    parse_ok("<?xml version=\"1.1\" encoding='utf-8' standalone='yes' ?>\n<!-- c -->\n<?style x?>\n<a/>\n<!-- e -->\n");
    parse_ok("<?xml version='1.0' encoding='US-ASCII'?><a/>");
    parse_ok("<?xml-stylesheet href='x'?><a/>");
    parse_ok("<a/>");
    parse_ok("<!----><a/>");
}

BOOST_AUTO_TEST_CASE(unicode_names_and_text)
{
    // NameStartChar U+00E9, NameChar U+00B7 (middle dot) and U+0300.
    auto const doc = parse_ok("<\xC3\xA9l\xC2\xB7\xCC\x80 a\xC3\xA9='\xF0\x9F\x98\x80'>\xE6\x97\xA5</\xC3\xA9l\xC2\xB7\xCC\x80>");
    BOOST_TEST(doc.root().local() == "\xC3\xA9l\xC2\xB7\xCC\x80");
    BOOST_TEST(doc.text(doc.root()).view() == "\xE6\x97\xA5");
    BOOST_TEST(doc.attributes(doc.root())[0].raw_value == "\xF0\x9F\x98\x80");
}

BOOST_AUTO_TEST_CASE(limits_are_explicit)
{
    std::string deep;
    for (int i = 0; i < 5; ++i)
        deep += "<a>";
    for (int i = 0; i < 5; ++i)
        deep += "</a>";
    limits lim;
    lim.max_depth = 5;
    BOOST_TEST(document::parse(deep, lim).has_value());
    lim.max_depth = 4;
    auto const too_deep = document::parse(deep, lim);
    BOOST_REQUIRE(!too_deep);
    BOOST_TEST(too_deep.error().code == make_error_code(errc::depth_limit));
    BOOST_TEST(too_deep.error().offset == 12u);

    limits attrs;
    attrs.max_attributes = 2;
    BOOST_TEST(document::parse("<a x='1' y='2'/>", attrs).has_value());
    auto const too_many = document::parse("<a x='1' y='2' z='3'/>", attrs);
    BOOST_REQUIRE(!too_many);
    BOOST_TEST(too_many.error().code == make_error_code(errc::attribute_limit));
    BOOST_TEST(too_many.error().column == 16u);

    limits size;
    size.max_size = 8;
    BOOST_TEST(document::parse("<a></a>", size).has_value());
    auto const too_big = document::parse("<a>x</a>!", size);
    BOOST_REQUIRE(!too_big);
    BOOST_TEST(too_big.error().code == make_error_code(errc::size_limit));

    limits count;
    count.max_elements = 3;
    BOOST_TEST(document::parse("<a><b/><c/></a>", count).has_value());
    auto const too_many_elements = document::parse("<a><b/><c/><d/></a>", count);
    BOOST_REQUIRE(!too_many_elements);
    BOOST_TEST(too_many_elements.error().code == make_error_code(errc::element_limit));

    // A deep document under the default limit fails cleanly, not by stack overflow.
    std::string very_deep(200000, '<');
    for (std::size_t i = 0; i < very_deep.size(); i += 3)
        very_deep.replace(i, 3, "<a>");
    auto const r = document::parse(very_deep);
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == make_error_code(errc::depth_limit));
}
