// Offer/answer for m=message (RFC 3264, RFC 4975 section 8, RFC 4145,
// RFC 6135, RFC 6714, RFC 5547): the pure rules, then a whole exchange
// from offer text to answer text.
#define BOOST_TEST_MODULE sdp_offer_answer
#include <boost/test/unit_test.hpp>

#include "sdp/build.hpp"
#include "sdp/serialize.hpp"

#include <string>
#include <vector>

using namespace cpm::sdp;

namespace {

std::vector<media_range> types(std::string_view text)
{
    auto r = parse_accept_types(text);
    BOOST_REQUIRE(r);
    return *r;
}

std::string show(std::vector<media_range> const& r)
{
    return format_accept_types(r);
}

} // namespace

BOOST_AUTO_TEST_CASE(direction_rules)
{
    using enum direction;
    struct row {
        direction offered, wanted, answered;
    };
    row const rows[] = {
        {sendrecv, sendrecv, sendrecv}, {sendrecv, sendonly, sendonly}, {sendrecv, recvonly, recvonly},
        {sendrecv, inactive, inactive}, {sendonly, sendrecv, recvonly}, {sendonly, sendonly, inactive},
        {sendonly, recvonly, recvonly}, {recvonly, sendrecv, sendonly}, {recvonly, recvonly, inactive},
        {recvonly, sendonly, sendonly}, {inactive, sendrecv, inactive}, {inactive, recvonly, inactive},
    };
    for (auto const& r : rows) {
        BOOST_TEST_CONTEXT(to_string(r.offered) << " wanted " << to_string(r.wanted))
        {
            BOOST_TEST(to_string(answer_direction(r.offered, r.wanted)) == to_string(r.answered));
        }
    }
}

BOOST_AUTO_TEST_CASE(setup_rules)
{
    using enum setup_role;
    BOOST_TEST((answer_setup(active, active) == passive));
    BOOST_TEST((answer_setup(passive, passive) == active));
    BOOST_TEST((answer_setup(actpass, active) == active));
    BOOST_TEST((answer_setup(actpass, passive) == passive));
    BOOST_TEST((answer_setup(actpass, holdconn) == active));
    BOOST_TEST((answer_setup(holdconn, active) == holdconn));
    // No a=setup: RFC 4975, the offerer connects.
    BOOST_TEST((answer_setup(std::nullopt, active) == passive));
    BOOST_TEST(answerer_connects(active));
    BOOST_TEST(!answerer_connects(passive));
    BOOST_TEST(!answerer_connects(std::nullopt));
}

BOOST_AUTO_TEST_CASE(accept_types_intersection)
{
    BOOST_TEST(show(intersect_types(types("*"), types("message/cpim text/plain"))) == "message/cpim text/plain");
    BOOST_TEST(show(intersect_types(types("message/cpim text/plain"), types("*"))) == "message/cpim text/plain");
    BOOST_TEST(show(intersect_types(types("*"), types("*"))) == "*");
    BOOST_TEST(show(intersect_types(types("text/*"), types("text/plain text/html image/png"))) == "text/plain text/html");
    BOOST_TEST(show(intersect_types(types("text/plain image/png"), types("TEXT/*"))) == "text/plain");
    BOOST_TEST(show(intersect_types(types("message/cpim"), types("text/plain"))) == "");
    BOOST_TEST(show(intersect_types(types("text/plain text/PLAIN"), types("text/plain"))) == "text/plain");
    BOOST_TEST(show(intersect_types(types("image/* text/plain"), types("image/* image/png"))) == "image/* image/png");
}

namespace {

constexpr std::string_view offer_text =
    "v=0\r\n"
    "o=alice 2890844526 2890844526 IN IP4 alice.example.com\r\n"
    "s=-\r\n"
    "c=IN IP4 alice.example.com\r\n"
    "t=0 0\r\n"
    "m=message 7394 TCP/MSRP *\r\n"
    "a=accept-types:message/cpim text/plain application/im-iscomposing+xml\r\n"
    "a=accept-wrapped-types:text/plain image/*\r\n"
    "a=path:msrp://alice.example.com:7394/2s93i93idj;tcp\r\n"
    "a=setup:actpass\r\n"
    "a=msrp-cema\r\n"
    "m=audio 49170 RTP/AVP 0\r\n"
    "m=message 0 TCP/MSRP *\r\n";

msrp_answer_policy bob()
{
    msrp_answer_policy p;
    p.path = {"msrp://bob.example.com:8888/9di4ea;tcp"};
    p.accept_types = types("message/cpim text/*");
    p.accept_wrapped_types = types("*");
    p.max_size = 65536;
    p.cema = true;
    return p;
}

} // namespace

BOOST_AUTO_TEST_CASE(chat_exchange_end_to_end)
{
    auto const offer = parse(offer_text);
    BOOST_REQUIRE(offer);
    auto const offered = decode_msrp(*offer, offer->media[0], offer_text);
    BOOST_REQUIRE(offered);
    auto const policy = bob();
    auto const a = answer_msrp(offer->media[0], *offered, policy);
    BOOST_REQUIRE(a.accepted());
    BOOST_TEST(show(a.media.accept_types) == "message/cpim text/plain");
    BOOST_TEST(show(a.media.accept_wrapped_types) == "text/plain image/*");
    BOOST_TEST((a.media.setup == setup_role::active));
    BOOST_TEST(a.media.cema);

    // Answer lines for every offered stream, in offer order (RFC 3264 6).
    text_store store;
    session_description answer;
    answer.origin = {"bob", "2890844527", "2890844527", "IN", "IP4", "bob.example.com"};
    answer.name = "-";
    answer.connection = connection{"IN", "IP4", "bob.example.com", {}, {}};
    answer.times.emplace_back();
    for (auto const& m : offer->media) {
        msrp_answer this_one;
        if (is_msrp(m) && m.port != 0) {
            auto const o = decode_msrp(*offer, m, offer_text);
            BOOST_REQUIRE(o);
            this_one = answer_msrp(m, *o, policy);
        } else {
            this_one = answer_msrp(m, msrp_media{}, policy);
        }
        answer.media.push_back(answer_media_line(m, this_one, 8888, store));
    }
    std::string const text = to_string(answer);
    BOOST_TEST(text ==
               "v=0\r\n"
               "o=bob 2890844527 2890844527 IN IP4 bob.example.com\r\n"
               "s=-\r\n"
               "c=IN IP4 bob.example.com\r\n"
               "t=0 0\r\n"
               "m=message 8888 TCP/MSRP *\r\n"
               "a=accept-types:message/cpim text/plain\r\n"
               "a=accept-wrapped-types:text/plain image/*\r\n"
               "a=max-size:65536\r\n"
               "a=path:msrp://bob.example.com:8888/9di4ea;tcp\r\n"
               "a=setup:active\r\n"
               "a=msrp-cema\r\n"
               "m=audio 0 RTP/AVP 0\r\n"
               "m=message 0 TCP/MSRP *\r\n");

    // The answer parses and decodes back to the negotiated values.
    auto const back = parse(text);
    BOOST_REQUIRE(back);
    auto const decoded = decode_msrp(*back, back->media[0], text);
    BOOST_REQUIRE(decoded);
    BOOST_TEST((decoded->accept_types == a.media.accept_types));
    BOOST_TEST((decoded->setup == setup_role::active));
    BOOST_TEST(decoded->max_size.value() == 65536u);
}

BOOST_AUTO_TEST_CASE(rejections)
{
    auto const offer = parse(offer_text);
    BOOST_REQUIRE(offer);
    auto const policy = bob();
    // Port 0 in the offer: answered with port 0.
    auto const disabled = answer_msrp(offer->media[2], msrp_media{}, policy);
    BOOST_TEST((disabled.rejection == rejection::disabled));
    // Not MSRP.
    auto const audio = answer_msrp(offer->media[1], msrp_media{}, policy);
    BOOST_TEST((audio.rejection == rejection::not_msrp));
    BOOST_TEST(to_string(audio.rejection) == "not an MSRP media line (message over TCP/MSRP or TCP/TLS/MSRP)");
    // Nothing in common.
    auto const offered = decode_msrp(*offer, offer->media[0], offer_text);
    BOOST_REQUIRE(offered);
    auto images_only = policy;
    images_only.accept_types = types("image/*");
    auto const none = answer_msrp(offer->media[0], *offered, images_only);
    BOOST_TEST((none.rejection == rejection::no_common_type));
    text_store store;
    auto const line = answer_media_line(offer->media[0], none, 8888, store);
    BOOST_TEST(line.port == 0u);
    BOOST_TEST(line.proto == "TCP/MSRP");
    BOOST_TEST(line.attributes.empty());
}

BOOST_AUTO_TEST_CASE(setup_absent_and_cema_unsupported)
{
    std::string const text = "v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nc=IN IP4 a\r\nt=0 0\r\n"
                             "m=message 1 TCP/TLS/MSRP *\r\na=accept-types:*\r\na=path:msrps://a:1/x;tcp\r\na=msrp-cema\r\n";
    auto const offer = parse(text);
    BOOST_REQUIRE(offer);
    auto const offered = decode_msrp(*offer, offer->media[0], text);
    BOOST_REQUIRE(offered);
    auto policy = bob();
    policy.cema = false;
    auto const a = answer_msrp(offer->media[0], *offered, policy);
    BOOST_REQUIRE(a.accepted());
    BOOST_TEST(!a.media.setup);
    BOOST_TEST(!a.media.cema);
    BOOST_TEST(show(a.media.accept_types) == "message/cpim text/*");
    text_store store;
    auto const line = answer_media_line(offer->media[0], a, 2855, store);
    BOOST_TEST(line.proto == "TCP/TLS/MSRP");
    BOOST_TEST(line.find("setup") == nullptr);
    BOOST_TEST(line.find("msrp-cema") == nullptr);
}

BOOST_AUTO_TEST_CASE(file_transfer_offer_is_echoed)
{
    std::string const text = "v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nc=IN IP4 a\r\nt=0 0\r\n"
                             "m=message 7654 TCP/MSRP *\r\na=sendonly\r\na=accept-types:message/cpim\r\n"
                             "a=path:msrp://a:7654/jsh;tcp\r\n"
                             "a=file-selector:name:\"My%20pic.jpg\" type:image/jpeg size:32349\r\n"
                             "a=file-transfer-id:vBnG916\r\na=file-disposition:attachment\r\na=file-range:1-32349\r\n";
    auto const offer = parse(text);
    BOOST_REQUIRE(offer);
    auto const offered = decode_msrp(*offer, offer->media[0], text);
    BOOST_REQUIRE(offered);
    auto const a = answer_msrp(offer->media[0], *offered, bob());
    BOOST_REQUIRE(a.accepted());
    BOOST_TEST((a.media.direction == direction::recvonly));
    BOOST_REQUIRE(a.media.file);
    BOOST_TEST(a.media.file->transfer_id == "vBnG916");
    BOOST_TEST(a.media.file->disposition.empty());
    text_store store;
    std::string out;
    serialize(answer_media_line(offer->media[0], a, 9999, store), out);
    BOOST_TEST(out == "m=message 9999 TCP/MSRP *\r\n"
                      "a=recvonly\r\n"
                      "a=accept-types:message/cpim\r\n"
                      "a=max-size:65536\r\n"
                      "a=path:msrp://bob.example.com:8888/9di4ea;tcp\r\n"
                      "a=file-selector:name:\"My%20pic.jpg\" type:image/jpeg size:32349\r\n"
                      "a=file-transfer-id:vBnG916\r\n"
                      "a=file-range:1-32349\r\n");
}
