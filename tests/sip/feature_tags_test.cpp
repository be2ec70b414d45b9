#define BOOST_TEST_MODULE sip_feature_tags
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/feature_tags.hpp"

#include <iterator>
#include <string>
#include <string_view>

using namespace cpm::sip;
using header_checks::error_of;
using header_checks::expect_error;

namespace {
// A parameter as a parser would produce it from @p text ("name" or "name=value").
abnf::param param_of(std::string_view text)
{
    abnf::param p;
    auto const eq = text.find('=');
    p.name = text.substr(0, eq);
    if (eq != std::string_view::npos) {
        p.value = text.substr(eq + 1);
        p.has_value = true;
    }
    return p;
}
} // namespace

BOOST_AUTO_TEST_CASE(feature_tag_names_rfc3840_section_9)
{
    BOOST_TEST(is_feature_tag_name("audio"));
    BOOST_TEST(is_feature_tag_name("ISFOCUS"));
    BOOST_TEST(is_feature_tag_name("extensions"));
    BOOST_TEST(is_feature_tag_name("+sip.instance"));
    BOOST_TEST(is_feature_tag_name("+g.3gpp.icsi-ref"));
    BOOST_TEST(is_feature_tag_name("+g.oma.sip-im"));
    BOOST_TEST(is_feature_tag_name("+x'y!z%20"));
    BOOST_TEST(!is_feature_tag_name("expires"));
    BOOST_TEST(!is_feature_tag_name("q"));
    BOOST_TEST(!is_feature_tag_name("+"));
    BOOST_TEST(!is_feature_tag_name("+3gpp"));    // ftag-name starts with ALPHA
    BOOST_TEST(!is_feature_tag_name("+sip_foo")); // '_' is no ftag-name character
}

BOOST_AUTO_TEST_CASE(value_forms)
{
    std::string_view const text = "methods=\"INVITE,!BYE,#>=2,#1:5,TRUE\"";
    auto f = parse_feature_param(text, param_of(text), "Contact");
    BOOST_TEST_REQUIRE(f.has_value(), error_of(f));
    BOOST_TEST((f->kind == feature_value_kind::tag_list));
    BOOST_TEST(f->is_base_tag());
    BOOST_TEST(f->value == "INVITE,!BYE,#>=2,#1:5,TRUE");
    auto it = f->values().begin();
    BOOST_TEST(it->text == "INVITE");
    BOOST_TEST(!it->negated);
    ++it;
    BOOST_TEST(it->text == "BYE");
    BOOST_TEST(it->negated);
    ++it;
    BOOST_TEST(it->text == "#>=2");
    BOOST_TEST((it->kind == tag_value::type::numeric));
    ++it;
    BOOST_TEST(it->text == "#1:5");
    ++it;
    BOOST_TEST((it->kind == tag_value::type::boolean));
    ++it;
    BOOST_TEST((it == f->values().end()));

    std::string_view const s = "+sip.instance=\"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>\"";
    auto g = parse_feature_param(s, param_of(s), "Contact");
    BOOST_TEST_REQUIRE(g.has_value(), error_of(g));
    BOOST_TEST((g->kind == feature_value_kind::string));
    BOOST_TEST(g->value == "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    BOOST_TEST(g->tag() == "sip.instance");
    BOOST_TEST(g->values().empty());

    std::string_view const b = "+g.oma.sip-im";
    auto h = parse_feature_param(b, param_of(b), "Contact");
    BOOST_TEST_REQUIRE(h.has_value(), error_of(h));
    BOOST_TEST((h->kind == feature_value_kind::boolean));
}

BOOST_AUTO_TEST_CASE(unquoted_token_is_read_as_a_one_item_list)
{
    std::string_view const text = "audio=TRUE";
    auto f = parse_feature_param(text, param_of(text), "Contact");
    BOOST_TEST_REQUIRE(f.has_value(), error_of(f));
    BOOST_TEST((f->kind == feature_value_kind::tag_list));
    BOOST_TEST(f->values().contains("true"));
}

BOOST_AUTO_TEST_CASE(icsi_ref_urns_decode_without_copying)
{
    std::string_view const text = "+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg,"
                                  "urn%3aurn-7%3a3gpp-service.ims.icsi.oma.cpm.session\"";
    auto f = parse_feature_param(text, param_of(text), "Accept-Contact");
    BOOST_TEST_REQUIRE(f.has_value(), error_of(f));
    auto it = f->values().begin();
    BOOST_TEST(it->decodes_to("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg"));
    BOOST_TEST(!it->decodes_to("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.ms"));
    BOOST_TEST(!it->decodes_to("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msgx"));
    BOOST_TEST(it->decoded() == "urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg");
    ++it;
    BOOST_TEST(it->decoded() == "urn:urn-7:3gpp-service.ims.icsi.oma.cpm.session");
}

BOOST_AUTO_TEST_CASE(a_percent_without_two_hex_digits_stands_for_itself)
{
    // Outside the reference tags '%' is an ordinary token character, so
    // decoded() and decodes_to() must agree on values like these.
    std::string_view const text = "+g.x=\"%41%,%4,%%41\"";
    auto f = parse_feature_param(text, param_of(text), "Contact");
    BOOST_TEST_REQUIRE(f.has_value(), error_of(f));
    std::string_view const expected[] = {"A%", "%4", "%A"};
    auto it = f->values().begin();
    BOOST_TEST(!it->decodes_to("%41%"));
    for (auto const plain : expected) {
        BOOST_TEST(it->decoded() == plain);
        BOOST_TEST(it->decodes_to(plain));
        ++it;
    }
    BOOST_TEST((it == f->values().end()));
}

BOOST_AUTO_TEST_CASE(tag_value_lists_with_and_without_the_hand_scan)
{
    struct good {
        std::string_view text;
        std::size_t items;
    };
    good const cases[] = {
        {"methods=\"INVITE,BYE\"", 2},
        {"methods=\"!INVITE,BYE\"", 2}, // a negation goes to the grammar
        {"priority=\"#>=3,urgent\"", 2},
        {"+g.x=\"a%zz,b\"", 2}, // '%' is a token character outside the reference tags
        {"+g.3gpp.iari-ref=\"urn%3Aa,urn%3ab\"", 2},
    };
    for (auto const& g : cases)
        BOOST_TEST_CONTEXT(g.text)
        {
            auto f = parse_feature_param(g.text, param_of(g.text), "Contact");
            BOOST_TEST_REQUIRE(f.has_value(), error_of(f));
            BOOST_TEST((f->kind == feature_value_kind::tag_list));
            BOOST_TEST(static_cast<std::size_t>(std::distance(f->values().begin(), f->values().end())) == g.items);
        }
}

BOOST_AUTO_TEST_CASE(invalid_feature_params)
{
    struct bad {
        std::string_view text;
        std::string_view fragment;
        std::size_t offset;
    };
    bad const cases[] = {
        {"expires=5", "Contact: expires is not a feature tag", 0},
        {"methods=\"\"", "Contact: feature parameter methods must hold tag-value", 9},
        {"methods=\"A,\"", "Contact: feature parameter methods must hold tag-value", 10},
        {"methods=\"A, B\"", "Contact: feature parameter methods must hold tag-value", 10},
        {"priority=\"#>=x\"", "Contact: feature parameter priority must hold tag-value", 10},
        {"audio=\"!!TRUE\"", "Contact: feature parameter audio must hold tag-value", 7},
        {"text=\"<open\"", "Contact: feature parameter text string value must be <...>", 6},
        {"+g.3gpp.iari-ref=\"urn%3Aurn-7%ZZ\"", "Contact: feature parameter +g.3gpp.iari-ref has a malformed %-escape", 29},
        {"audio=x!y", "Contact: feature parameter audio must be a quoted tag-value list", 7},
        // Lists the hand scan hands to the grammar (or to the %-escape check).
        {"methods=\",A\"", "Contact: feature parameter methods must hold tag-value", 9},
        {"methods=\"A,,B\"", "Contact: feature parameter methods must hold tag-value", 10},
        {"methods=\"A,B!\"", "Contact: feature parameter methods must hold tag-value", 12},
        {"+g.3gpp.icsi-ref=\"urn%3Aa,urn%3\"", "Contact: feature parameter +g.3gpp.icsi-ref has a malformed %-escape", 29},
        {"+g.3gpp.icsi-ref=\"urn%3Aa,b%\"", "Contact: feature parameter +g.3gpp.icsi-ref has a malformed %-escape", 27},
        {"+g.3gpp.ICSI-REF=\"urn%G1\"", "Contact: feature parameter +g.3gpp.ICSI-REF has a malformed %-escape", 21},
    };
    for (auto const& b : cases)
        BOOST_TEST_CONTEXT(b.text)
        {
            expect_error(parse_feature_param(b.text, param_of(b.text), "Contact"), b.fragment, b.offset);
        }
}

BOOST_AUTO_TEST_CASE(feature_params_skip_other_parameters)
{
    // Built over a parameter list as a header parser validates it.
    std::string_view const raw = ";expires=60;audio;q=0.5;+g.oma.sip-im;reg-id=1";
    auto const list = abnf::make_param_list(raw.substr(0, abnf::parse_params(raw, abnf::param_syntax::header)),
                                            abnf::param_syntax::header);
    feature_params const fs(list);
    std::string names;
    for (auto const& f : fs)
        names += std::string(f.name) + " ";
    BOOST_TEST(names == "audio +g.oma.sip-im ");
    BOOST_TEST(fs.contains("+G.OMA.SIP-IM"));
    BOOST_TEST(!fs.contains("expires"));
    BOOST_TEST(fs.icsi_urns().empty());
    BOOST_TEST(feature_params().empty());
}
