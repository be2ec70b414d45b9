// Building media lines from typed values: offers for chat, Large Message
// Mode and file transfer, in canonical attribute order.
#define BOOST_TEST_MODULE sdp_build
#include <boost/test/unit_test.hpp>

#include "sdp/build.hpp"
#include "sdp/serialize.hpp"

#include <fstream>
#include <iterator>
#include <string>

using namespace cpm::sdp;

BOOST_AUTO_TEST_CASE(large_message_mode_offer)
{
    // DECISIONS.md: the sender of a Large Message is sendonly, accept-types message/cpim.
    msrp_media m;
    m.direction = direction::sendonly;
    m.accept_types = {{"message", "cpim"}};
    m.max_size = 1048576;
    m.path = {"msrp://alice.example.com:7394/2s93i93idj;tcp"};
    m.setup = setup_role::actpass;
    text_store store;
    std::string out;
    serialize(msrp_media_line(m, 7394, "TCP/MSRP", store), out);
    BOOST_TEST(out == "m=message 7394 TCP/MSRP *\r\n"
                      "a=sendonly\r\n"
                      "a=accept-types:message/cpim\r\n"
                      "a=max-size:1048576\r\n"
                      "a=path:msrp://alice.example.com:7394/2s93i93idj;tcp\r\n"
                      "a=setup:actpass\r\n");
}

BOOST_AUTO_TEST_CASE(formatters)
{
    std::vector<media_range> const types{{"*", "*"}, {"text", "*"}, {"message", "cpim"}};
    BOOST_TEST(format_accept_types(types) == "* text/* message/cpim");
    BOOST_TEST(format_accept_types({}) == "");

    file_selector s;
    s.type = "text";
    s.subtype = "plain";
    s.type_params = ";charset=\"utf-8\"";
    s.hash_algorithm = "sha-1";
    s.hash_value = "AB:CD";
    BOOST_TEST(format_file_selector(s) == "type:text/plain;charset=\"utf-8\" hash:sha-1:AB:CD");
    BOOST_TEST(format_file_selector({}) == "");

    file_date d;
    d.modification = "Mon, 15 May 2006 15:01:31 +0300";
    d.read = "Tue, 16 May 2006 15:01:31 +0300";
    BOOST_TEST(format_file_date(d) ==
               "modification:\"Mon, 15 May 2006 15:01:31 +0300\" read:\"Tue, 16 May 2006 15:01:31 +0300\"");
    BOOST_TEST(format_file_range({5, std::nullopt}) == "5-*");
    BOOST_TEST(format_file_range({1, 100}) == "1-100");
}

BOOST_AUTO_TEST_CASE(file_transfer_offer_rebuilt_from_its_decoded_values)
{
    // examples/sdp/file-transfer-offer.sdp is written in the builder's order,
    // so rebuilding its media line from the decoded values gives it back.
    std::ifstream in(std::string(CPM_TEST_DATA_DIR) + "/../../examples/sdp/file-transfer-offer.sdp", std::ios::binary);
    BOOST_REQUIRE(in);
    std::string const text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto const d = parse(text);
    BOOST_REQUIRE(d);
    auto const& line = d->media.at(0);
    auto const m = decode_msrp(*d, line, text);
    BOOST_REQUIRE(m);
    text_store store;
    media_description built = msrp_media_line(*m, line.port, line.proto, store);
    built.information = line.information;
    session_description copy = *d;
    copy.media = {built};
    BOOST_TEST(to_string(copy) == text);
}

BOOST_AUTO_TEST_CASE(store_keeps_views_valid)
{
    text_store store;
    std::vector<std::string_view> views;
    for (int i = 0; i < 100; ++i)
        views.push_back(store.keep(std::to_string(i)));
    BOOST_TEST(views[0] == "0");
    BOOST_TEST(views[99] == "99");
}
