#define BOOST_TEST_MODULE imdn_xml_errors
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "imdn/xml/document.hpp"
#include "imdn/xml/error.hpp"

#include <string>
#include <vector>

using namespace cpm::imdn::xml;
namespace bdata = boost::unit_test::data;

namespace {

struct bad_case {
    std::string text;
    errc code;
    unsigned line;
    unsigned column;
    std::string words; ///< a part of the sentence
};

// Each well-formedness rule (XML 1.0 fifth edition) and namespace constraint
// (Namespaces in XML 1.0), with where the error must point.
std::vector<bad_case> const bad{
    // document structure
    {"", errc::no_root_element, 1, 1, "no root element"},
    {"  \n ", errc::no_root_element, 2, 2, "no root element"},
    {"hello<a/>", errc::content_outside_root, 1, 1, "text before the root"},
    {"<a/>x", errc::content_outside_root, 1, 5, "text after the root"},
    {"<a/><b/>", errc::content_outside_root, 1, 5, "second root"},
    {"<a>", errc::incomplete, 1, 4, "ends inside <a>"},
    {"<a><b></b>", errc::incomplete, 1, 11, "ends inside <a>"},
    {"<a", errc::incomplete, 1, 1, "start tag <a not closed"},
    {"<", errc::incomplete, 1, 2, "element name"},
    // names and tags
    {"<1a/>", errc::bad_name, 1, 2, "expected an element name"},
    {"< a/>", errc::bad_name, 1, 2, "expected an element name"},
    {"<a></b>", errc::mismatched_end_tag, 1, 4, "</b> does not match the open element <a>"},
    {"<a>\n<b>\n</a>", errc::mismatched_end_tag, 3, 1, "</a> does not match the open element <b>"},
    {"<a></a >x", errc::content_outside_root, 1, 9, "after the root"},
    {"<a></a x>", errc::bad_end_tag, 1, 8, "expected '>'"},
    {"<a></>", errc::bad_name, 1, 6, "element name after '</'"},
    {"<a/ >", errc::bad_start_tag, 1, 3, "expected '>' after '/'"},
    {"<a b='1'c='2'/>", errc::bad_start_tag, 1, 9, "white space before an attribute"},
    // attributes
    {"<a b/>", errc::bad_attribute, 1, 5, "expected '='"},
    {"<a b=1/>", errc::bad_attribute, 1, 6, "must be quoted"},
    {"<a b='1/>", errc::incomplete, 1, 6, "value not closed"},
    {"<a b='1' b='2'/>", errc::duplicate_attribute, 1, 10, "appears twice"},
    {"<a b='<'/>", errc::lt_in_attribute_value, 1, 7, "&lt;"},
    {"<a b='&'/>", errc::bad_reference, 1, 7, "reference"},
    {"<a b='&nbsp;'/>", errc::undefined_entity, 1, 7, "&nbsp;"},
    // references
    {"<a>&</a>", errc::bad_reference, 1, 4, "must start a reference"},
    {"<a>&amp</a>", errc::bad_reference, 1, 4, "reference"},
    {"<a>&#;</a>", errc::bad_reference, 1, 4, "reference"},
    {"<a>&#x;</a>", errc::bad_reference, 1, 4, "reference"},
    {"<a>&#12a;</a>", errc::bad_reference, 1, 4, "reference"},
    {"<a>&#0;</a>", errc::bad_reference, 1, 4, "not allowed in XML"},
    {"<a>&#xD800;</a>", errc::bad_reference, 1, 4, "not allowed in XML"},
    {"<a>&#x110000;</a>", errc::bad_reference, 1, 4, "not allowed in XML"},
    {"<a>&#99999999999999999999;</a>", errc::bad_reference, 1, 4, "not allowed in XML"},
    {"<a>&foo;</a>", errc::undefined_entity, 1, 4, "undefined entity &foo;"},
    {"<a>&1;</a>", errc::bad_reference, 1, 4, "reference"},
    // character data
    {"<a>x]]>y</a>", errc::cdata_end_in_text, 1, 5, "']]>'"},
    {"<a>\x01</a>", errc::bad_character, 1, 4, "control character 1"},
    {"<a>\xC3</a>", errc::bad_character, 1, 4, "malformed UTF-8"},
    {"<a>\xC0\x80</a>", errc::bad_character, 1, 4, "malformed UTF-8"},          // overlong
    {"<a>\xED\xA0\x80</a>", errc::bad_character, 1, 4, "malformed UTF-8"},      // surrogate
    {"<a>\xEF\xBF\xBE</a>", errc::bad_character, 1, 4, "not allowed in XML"},   // U+FFFE
    {"<a b='\x1f'/>", errc::bad_character, 1, 7, "control character 31"},
    {"<a\xC3\x97/>", errc::bad_start_tag, 1, 3, "white space"},                // U+00D7 is not a NameChar
    // comments, PIs, CDATA
    {"<a><!-- x -- y --></a>", errc::bad_comment, 1, 11, "'--'"},
    {"<a><!-- x ---></a>", errc::bad_comment, 1, 11, "'--'"},
    {"<a><!-- x </a>", errc::incomplete, 1, 4, "comment not closed"},
    {"<a><!-- \x02 --></a>", errc::bad_character, 1, 9, "control character 2"},
    {"<a><?xml version='1.0'?></a>", errc::bad_processing_instruction, 1, 4, "only allowed at the very start"},
    {" <?xml version='1.0'?><a/>", errc::bad_processing_instruction, 1, 2, "only allowed at the very start"},
    {"<a><?pi</a>", errc::incomplete, 1, 4, "not closed"},
    {"<a><?pi-x?></a><?p:i?>", errc::bad_processing_instruction, 1, 18, "contains ':'"},
    {"<a><?pix.?></a><?pi\x01?>", errc::bad_processing_instruction, 1, 20, "white space after the target"},
    {"<a><![CDATA[x</a>", errc::incomplete, 1, 4, "CDATA section not closed"},
    {"<a><!x></a>", errc::bad_cdata, 1, 4, "'<!'"},
    {"<![CDATA[x]]><a/>", errc::content_outside_root, 1, 1, "CDATA section outside"},
    // XML declaration
    {"<?xml?><a/>", errc::bad_processing_instruction, 1, 1, "only allowed"},
    {"<?xml encoding='UTF-8'?><a/>", errc::bad_xml_declaration, 1, 6, "version"},
    {"<?xml version='2.0'?><a/>", errc::bad_xml_declaration, 1, 16, "version must be 1.x"},
    {"<?xml version='1.'?><a/>", errc::bad_xml_declaration, 1, 16, "version must be 1.x"},
    {"<?xml version='1.0' encoding='ISO-8859-1'?><a/>", errc::unsupported_encoding, 1, 31, "UTF-8 only"},
    {"<?xml version='1.0' standalone='maybe'?><a/>", errc::bad_xml_declaration, 1, 33, "standalone"},
    {"<?xml version='1.0' standalone='yes' encoding='UTF-8'?><a/>", errc::bad_xml_declaration, 1, 38, "'?>'"},
    // DOCTYPE: no DTD, so no XXE and no entity expansion
    {"<!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><a>&x;</a>", errc::doctype_not_allowed, 1, 1,
     "no external entities"},
    {"<?xml version='1.0'?>\n<!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;'>]>\n<lolz>&lol2;</lolz>",
     errc::doctype_not_allowed, 2, 1, "<!DOCTYPE"},
    {"<a/><!DOCTYPE a>", errc::doctype_not_allowed, 1, 5, "after the root"},
    {"<a><!DOCTYPE a></a>", errc::doctype_not_allowed, 1, 4, "<!DOCTYPE"},
    // namespaces
    {"<p:a/>", errc::undeclared_prefix, 1, 2, "prefix p is not declared"},
    {"<a p:b='1'/>", errc::undeclared_prefix, 1, 4, "prefix p is not declared"},
    {"<a><b xmlns:p='urn:p'/><p:c/></a>", errc::undeclared_prefix, 1, 25, "not declared"},
    {"<a:b:c xmlns:a='urn:a'/>", errc::bad_name, 1, 2, "not a QName"},
    {"<:a/>", errc::bad_name, 1, 2, "not a QName"},
    {"<a:1 xmlns:a='urn:a'/>", errc::bad_name, 1, 2, "not a QName"},
    {"<a xmlns:a='urn:a' a:-b='1'/>", errc::bad_name, 1, 20, "not a QName"},
    {"<a b:='1'/>", errc::bad_name, 1, 4, "not a QName"},
    {"<a xmlns:p=''/>", errc::bad_namespace_declaration, 1, 13, "cannot be undeclared"},
    {"<a xmlns:xmlns='urn:x'/>", errc::bad_namespace_declaration, 1, 17, "must not be declared"},
    {"<a xmlns:xml='urn:x'/>", errc::bad_namespace_declaration, 1, 15, "prefix xml must be bound"},
    {"<a xmlns:p='http://www.w3.org/XML/1998/namespace'/>", errc::bad_namespace_declaration, 1, 13, "may not be bound"},
    {"<a xmlns='http://www.w3.org/2000/xmlns/'/>", errc::bad_namespace_declaration, 1, 11, "default namespace"},
    {"<xmlns:a xmlns:xmlns='x'/>", errc::bad_namespace_declaration, 1, 23, "must not be declared"},
    {"<a xmlns:p='urn:x' xmlns:q='urn:x' p:b='1' q:b='2'/>", errc::duplicate_attribute, 1, 44, "same expanded name"},
    {"<a xmlns='urn:x' xmlns='urn:y'/>", errc::duplicate_attribute, 1, 18, "appears twice"},
};

} // namespace

BOOST_DATA_TEST_CASE(every_well_formedness_error, bdata::xrange(bad.size()), i)
{
    auto const& c = bad[i];
    auto const r = document::parse(c.text);
    BOOST_TEST_CONTEXT("input " << c.text)
    {
        BOOST_REQUIRE(!r.has_value());
        auto const& e = r.error();
        BOOST_TEST(e.code == make_error_code(c.code), e.code.message() << " vs " << make_error_code(c.code).message());
        BOOST_TEST(e.line == c.line);
        BOOST_TEST(e.column == c.column);
        BOOST_TEST(e.message.rfind("XML: ", 0) == 0u);
        BOOST_TEST(e.message.find(c.words) != std::string::npos, "message: " << e.message);
        BOOST_TEST(e.offset <= c.text.size());
    }
}

BOOST_AUTO_TEST_CASE(scoped_declarations_are_well_formed)
{
    BOOST_TEST(document::parse("<a xmlns:p='urn:p'><p:b/></a>").has_value());
    BOOST_TEST(document::parse("<a xmlns:xml='http://www.w3.org/XML/1998/namespace' xml:lang='en'/>").has_value());
    // Same local name, different namespaces: distinct attributes.
    BOOST_TEST(document::parse("<a xmlns:p='urn:x' xmlns:q='urn:y' p:b='1' q:b='2' b='3'/>").has_value());
    // Unprefixed and prefixed with the default namespace's name: distinct too.
    BOOST_TEST(document::parse("<a xmlns='urn:x' xmlns:p='urn:x' b='1' p:b='2'/>").has_value());
}

BOOST_AUTO_TEST_CASE(no_input_makes_it_past_a_truncation)
{
    // Every prefix of a well-formed document fails cleanly, with an
    // error inside the input.
    std::string const full = "<?xml version='1.0'?><r xmlns='urn:x' a=\"&amp;\"><!--c--><![CDATA[d]]><?p q?>t&#65;</r>";
    for (std::size_t n = 0; n < full.size(); ++n) {
        auto const r = document::parse(std::string_view(full).substr(0, n));
        BOOST_TEST_CONTEXT("prefix " << n)
        {
            BOOST_REQUIRE(!r.has_value());
            BOOST_TEST(r.error().offset <= n);
        }
    }
    BOOST_TEST(document::parse(full).has_value());
}
