// Typed MSRP attributes: path, accept-types, max-size, setup, connection,
// direction (RFC 4975 8, RFC 4145, RFC 8866 6.7).
#define BOOST_TEST_MODULE sdp_msrp_attributes
#include <boost/test/unit_test.hpp>

#include "sdp/error.hpp"
#include "sdp/msrp_attributes.hpp"

using namespace cpm::sdp;

BOOST_AUTO_TEST_CASE(accept_types_entries)
{
    std::string_view const v = "message/cpim text/* * application/im-iscomposing+xml";
    auto const r = parse_accept_types(v);
    BOOST_REQUIRE(r);
    BOOST_REQUIRE(r->size() == 4u);
    BOOST_TEST((*r)[0].type == "message");
    BOOST_TEST((*r)[0].subtype == "cpim");
    BOOST_TEST((*r)[1].type == "text");
    BOOST_TEST((*r)[1].subtype == "*");
    BOOST_TEST((*r)[2].is_any());
    BOOST_TEST((*r)[3].subtype == "im-iscomposing+xml");
    BOOST_TEST(((*r)[3].subtype.data() == v.data() + v.find("im-iscomposing")));
}

BOOST_AUTO_TEST_CASE(accept_types_errors)
{
    struct row {
        std::string_view value;
        std::size_t offset;
        std::string_view message;
    };
    row const rows[] = {
        {"", 0, "accept-types: expected type/subtype, type/* or *"},
        {"text", 4, "accept-types: expected type/subtype, type/* or *"},
        {"text/", 5, "accept-types: expected a subtype after '/'"},
        {"text/plain  message/cpim", 11, "accept-types: expected type/subtype, type/* or *"},
        {"text/plain,message/cpim", 10, "accept-types: entries are separated by one space"},
        {"*/*", 1, "accept-types: entries are separated by one space"},
        {"  text/plain", 1, "accept-types: expected type/subtype, type/* or *"},
    };
    for (auto const& r : rows) {
        BOOST_TEST_CONTEXT(r.value)
        {
            auto const e = parse_accept_types(r.value);
            BOOST_REQUIRE(!e);
            BOOST_TEST(e.error().offset == r.offset);
            BOOST_TEST(e.error().message == r.message);
            BOOST_TEST(e.error().code == make_error_code(errc::bad_attribute_value));
        }
    }
    auto const w = parse_accept_types("x", "accept-wrapped-types");
    BOOST_REQUIRE(!w);
    BOOST_TEST(w.error().message == "accept-wrapped-types: expected type/subtype, type/* or *");
}

BOOST_AUTO_TEST_CASE(accept_types_after_one_space)
{
    // The CPM draft writes "a=accept-types: message/cpim" (one space after the colon).
    std::string_view const v = " message/cpim text/plain";
    auto const r = parse_accept_types(v);
    BOOST_REQUIRE(r);
    BOOST_REQUIRE(r->size() == 2u);
    BOOST_TEST((*r)[0].type == "message");
    BOOST_TEST((*r)[0].subtype == "cpim");
    BOOST_TEST((*r)[1].subtype == "plain");
    auto const p = parse_path(" msrp://a.example:7394/s1;tcp");
    BOOST_REQUIRE(p);
    BOOST_REQUIRE(p->size() == 1u);
    BOOST_TEST(p->front() == "msrp://a.example:7394/s1;tcp");
}

BOOST_AUTO_TEST_CASE(media_range_relations)
{
    media_range const any{"*", "*"}, text_any{"text", "*"}, plain{"text", "plain"}, PLAIN{"TEXT", "Plain"},
        cpim{"message", "cpim"};
    BOOST_TEST(plain.within(text_any));
    BOOST_TEST(plain.within(any));
    BOOST_TEST(!text_any.within(plain));
    BOOST_TEST(PLAIN.within(plain));
    BOOST_TEST(!cpim.within(text_any));
    BOOST_TEST(text_any.overlaps(plain));
    BOOST_TEST(!cpim.overlaps(plain));
    BOOST_TEST(any.overlaps(cpim));
    BOOST_TEST(text_any.admits("Text", "html"));
    BOOST_TEST(!text_any.admits("image", "png"));
    BOOST_TEST(any.admits("image", "png"));
}

BOOST_AUTO_TEST_CASE(path_is_split_on_spaces)
{
    std::string_view const v = "msrp://relay.example.net:2855/kjfjan;tcp msrp://bob.example.com:8888/9di4ea;tcp";
    auto const p = parse_path(v);
    BOOST_REQUIRE(p);
    BOOST_REQUIRE(p->size() == 2u);
    BOOST_TEST((*p)[0] == "msrp://relay.example.net:2855/kjfjan;tcp");
    BOOST_TEST((*p)[1] == "msrp://bob.example.com:8888/9di4ea;tcp");
    BOOST_TEST(((*p)[1].data() == v.data() + v.find("msrp://bob")));
    auto const bad = parse_path("msrp://a/x;tcp  msrp://b/y;tcp");
    BOOST_REQUIRE(!bad);
    BOOST_TEST(bad.error().offset == 15u);
    BOOST_TEST(bad.error().message == "path: expected MSRP URIs separated by one space");
    BOOST_TEST(!parse_path(""));
}

BOOST_AUTO_TEST_CASE(max_size_setup_connection_direction)
{
    BOOST_TEST(parse_max_size("2048").value() == 2048u);
    BOOST_TEST(parse_max_size("18446744073709551615").value() == UINT64_MAX);
    BOOST_TEST(!parse_max_size("18446744073709551616"));
    BOOST_TEST(!parse_max_size("12k"));
    BOOST_TEST(parse_max_size("-1").error().message == "max-size: expected a number of octets");

    BOOST_TEST((parse_setup("actpass").value() == setup_role::actpass));
    BOOST_TEST((parse_setup("active").value() == setup_role::active));
    BOOST_TEST((parse_setup("passive").value() == setup_role::passive));
    BOOST_TEST((parse_setup("holdconn").value() == setup_role::holdconn));
    BOOST_TEST(parse_setup("both").error().message == "setup: expected active, passive, actpass or holdconn");
    BOOST_TEST(to_string(setup_role::actpass) == "actpass");

    BOOST_TEST((parse_connection_value("new").value() == connection_value::fresh));
    BOOST_TEST((parse_connection_value("existing").value() == connection_value::existing));
    BOOST_TEST(!parse_connection_value("old"));
    BOOST_TEST(to_string(connection_value::fresh) == "new");

    BOOST_TEST((direction_from_name("sendonly") == direction::sendonly));
    BOOST_TEST((direction_from_name("recvonly") == direction::recvonly));
    BOOST_TEST((direction_from_name("inactive") == direction::inactive));
    BOOST_TEST((direction_from_name("sendrecv") == direction::sendrecv));
    BOOST_TEST(!direction_from_name("SendOnly"));
    BOOST_TEST(to_string(direction::recvonly) == "recvonly");
}
