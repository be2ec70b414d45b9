// decode_msrp: the MSRP view of an m=message line, session-level defaults,
// mandatory attributes, errors placed in the whole description.
#define BOOST_TEST_MODULE sdp_msrp_media
#include <boost/test/unit_test.hpp>

#include "sdp/error.hpp"
#include "sdp/msrp_media.hpp"

#include <string>

using namespace cpm::sdp;

namespace {

std::string const head = "v=0\r\no=- 1 1 IN IP4 a.example\r\ns=-\r\nc=IN IP4 a.example\r\nt=0 0\r\n";

abnf::result<msrp_media> decode_text(std::string const& text, std::size_t media = 0)
{
    auto d = parse(text);
    BOOST_REQUIRE_MESSAGE(d, (d ? "" : d.error().message));
    BOOST_REQUIRE(d->media.size() > media);
    return decode_msrp(*d, d->media[media], text);
}

} // namespace

BOOST_AUTO_TEST_CASE(chat_line)
{
    std::string const text = head +
                             "m=message 7394 TCP/TLS/MSRP *\r\n"
                             "a=accept-types:message/cpim text/plain\r\n"
                             "a=accept-wrapped-types:*\r\n"
                             "a=max-size:4096\r\n"
                             "a=path:msrp://relay.example:2855/r1;tcp msrp://a.example:7394/s1;tcp\r\n"
                             "a=setup:actpass\r\n"
                             "a=connection:new\r\n"
                             "a=msrp-cema\r\n"
                             "a=recvonly\r\n"
                             "a=unknown-ext:kept as is\r\n";
    auto const m = decode_text(text);
    BOOST_REQUIRE(m);
    BOOST_REQUIRE(m->accept_types.size() == 2u);
    BOOST_TEST(m->accept_types[1].subtype == "plain");
    BOOST_REQUIRE(m->accept_wrapped_types.size() == 1u);
    BOOST_TEST(m->accept_wrapped_types[0].is_any());
    BOOST_TEST(m->max_size.value() == 4096u);
    BOOST_REQUIRE(m->path.size() == 2u);
    BOOST_TEST(m->path[1] == "msrp://a.example:7394/s1;tcp");
    BOOST_TEST((m->setup == setup_role::actpass));
    BOOST_TEST((m->connection == connection_value::fresh));
    BOOST_TEST(m->cema);
    BOOST_TEST((m->direction == direction::recvonly));
    BOOST_TEST(!m->file);
}

BOOST_AUTO_TEST_CASE(session_direction_is_the_default)
{
    std::string const text = "v=0\r\no=- 1 1 IN IP4 a.example\r\ns=-\r\nc=IN IP4 a.example\r\nt=0 0\r\na=sendonly\r\n"
                             "m=message 1 TCP/MSRP *\r\na=accept-types:*\r\na=path:msrp://a/s;tcp\r\n"
                             "m=message 2 TCP/MSRP *\r\na=accept-types:*\r\na=path:msrp://a/t;tcp\r\na=inactive\r\n";
    auto const first = decode_text(text, 0);
    BOOST_REQUIRE(first);
    BOOST_TEST((first->direction == direction::sendonly));
    BOOST_TEST(!first->setup);
    auto const second = decode_text(text, 1);
    BOOST_REQUIRE(second);
    BOOST_TEST((second->direction == direction::inactive));
}

BOOST_AUTO_TEST_CASE(file_transfer_line)
{
    std::string const text = head +
                             "m=message 7654 TCP/MSRP *\r\n"
                             "a=sendonly\r\n"
                             "a=accept-types:message/cpim\r\n"
                             "a=path:msrp://a.example:7654/jshA7weztas;tcp\r\n"
                             "a=file-selector:name:\"picture.jpg\" type:image/jpeg size:32349\r\n"
                             "a=file-transfer-id:vBnG916bdberum2fFEABR1FR3ExZMUrd\r\n"
                             "a=file-disposition:render\r\n"
                             "a=file-date:modification:\"Mon, 15 May 2006 15:01:31 +0300\"\r\n"
                             "a=file-icon:cid:id2@a.example\r\n"
                             "a=file-range:1-*\r\n";
    auto const m = decode_text(text);
    BOOST_REQUIRE(m);
    BOOST_REQUIRE(m->file);
    auto const& f = *m->file;
    BOOST_REQUIRE(f.selector);
    BOOST_TEST(f.selector->name == "picture.jpg");
    BOOST_TEST(f.selector->size.value() == 32349u);
    BOOST_TEST(f.transfer_id == "vBnG916bdberum2fFEABR1FR3ExZMUrd");
    BOOST_TEST(f.disposition == "render");
    BOOST_REQUIRE(f.date);
    BOOST_TEST(f.date->modification == "Mon, 15 May 2006 15:01:31 +0300");
    BOOST_TEST(f.icon == "cid:id2@a.example");
    BOOST_REQUIRE(f.range);
    BOOST_TEST(!f.range->stop);
}

BOOST_AUTO_TEST_CASE(errors_are_placed_in_the_description)
{
    std::string const bad_types = head + "m=message 1 TCP/MSRP *\r\na=accept-types:text/plain  x/y\r\na=path:p\r\n";
    auto e = decode_text(bad_types);
    BOOST_REQUIRE(!e);
    BOOST_TEST(e.error().message == "SDP line 7: a=accept-types: expected type/subtype, type/* or *");
    BOOST_TEST(e.error().line == 7u);
    BOOST_TEST(e.error().column == 27u);
    BOOST_TEST(e.error().code == make_error_code(errc::bad_attribute_value));

    std::string const no_path = head + "m=message 1 TCP/MSRP *\r\na=accept-types:*\r\n";
    e = decode_text(no_path);
    BOOST_REQUIRE(!e);
    BOOST_TEST(e.error().message == "SDP line 6: m=message needs a=path (RFC 4975 section 8)");
    BOOST_TEST(e.error().line == 6u);
    BOOST_TEST(e.error().column == 1u);

    std::string const two_dirs = head + "m=message 1 TCP/MSRP *\r\na=sendonly\r\na=recvonly\r\n";
    e = decode_text(two_dirs);
    BOOST_REQUIRE(!e);
    BOOST_TEST(e.error().message == "SDP line 8: a=recvonly: a second direction attribute");
    BOOST_TEST(e.error().line == 8u);
    BOOST_TEST(e.error().column == 3u);

    std::string const valued_property = head + "m=message 1 TCP/MSRP *\r\na=msrp-cema:yes\r\n";
    e = decode_text(valued_property);
    BOOST_REQUIRE(!e);
    BOOST_TEST(e.error().message == "SDP line 7: a=msrp-cema: a property attribute takes no value");
    BOOST_TEST(e.error().column == 13u);

    std::string const no_value = head + "m=message 1 TCP/MSRP *\r\na=max-size\r\n";
    e = decode_text(no_value);
    BOOST_REQUIRE(!e);
    BOOST_TEST(e.error().message == "SDP line 7: a=max-size: expected a value after ':'");

    std::string const bad_range = head + "m=message 1 TCP/MSRP *\r\na=file-range:5-1\r\n";
    e = decode_text(bad_range);
    BOOST_REQUIRE(!e);
    BOOST_TEST(e.error().message == "SDP line 7: a=file-range: the stop offset is before the start offset");
    BOOST_TEST(e.error().column == 16u);

    // A disabled stream (port 0) needs neither path nor accept-types.
    std::string const disabled = head + "m=message 0 TCP/MSRP *\r\n";
    BOOST_TEST(decode_text(disabled).has_value());
}

BOOST_AUTO_TEST_CASE(is_msrp_line)
{
    media_description m;
    m.media = "message";
    m.proto = "TCP/TLS/MSRP";
    BOOST_TEST(is_msrp(m));
    m.proto = "TCP/MSRP";
    BOOST_TEST(is_msrp(m));
    m.proto = "TCP/WS/MSRP";
    BOOST_TEST(!is_msrp(m));
    m.proto = "TCP/MSRP";
    m.media = "audio";
    BOOST_TEST(!is_msrp(m));
}
