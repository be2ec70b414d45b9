// The full decode of the header values of usual CPM traffic allocates
// nothing: list values keep their usual element count inline (the list
// types of sip/decode.hpp), the rest are views. Allocations are counted
// through a replaced global operator new (this test executable only).
#define BOOST_TEST_MODULE sip_decode_allocations
#include <boost/test/unit_test.hpp>

#include "sip/decode.hpp"

#include <cstddef>
#include <cstdlib>
#include <new>
#include <string_view>
#include <variant>

namespace {
std::size_t allocations = 0;
} // namespace

void* operator new(std::size_t size)
{
    ++allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc();
}

void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace cpm::sip;

namespace {

struct sample {
    header_id id;
    std::string_view value;
};

// Values as the bench corpus (bench/corpus/*.sip) and IMS deployments write
// them, each list at the largest element count its type keeps inline.
constexpr sample usual[] = {
    {header_id::via, "SIP/2.0/TCP 192.0.2.10:50600;received=203.0.113.7;rport=41234;branch=z9hG4bK-524287-1-7a1c3e"},
    {header_id::via, "SIP/2.0/TCP pcscf.example.net;branch=z9hG4bK1.1, SIP/2.0/TCP 192.0.2.10:50600;branch=z9hG4bK2"},
    {header_id::route, "<sip:pcscf.ims.example.net:5060;lr>, <sip:orig@scscf.ims.example.net;lr>"},
    {header_id::record_route, "<sip:scscf.ims.example.net:6060;transport=tcp;lr>"},
    {header_id::p_asserted_identity, "<sip:+15551230002@ims.example.net>, <tel:+15551230002>"},
    {header_id::contact,
     "<sip:+15551230001@192.0.2.10:50600;transport=tcp>;+sip.instance=\"<urn:gsma:imei:35209900-176148-1>\";"
     "+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg,urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm."
     "session\";reg-id=1;expires=600"},
    {header_id::contact, "<sip:a@192.0.2.10:50600;transport=tcp>;expires=600, <sip:a@192.0.2.11;transport=tcp>;q=0.5"},
    {header_id::accept_contact, "*;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session\""},
    {header_id::authorization,
     "Digest username=\"+15551230001@ims.example.net\", realm=\"ims.example.net\", "
     "nonce=\"5e1b8c0d9a2f4e3b7c6d5a4f3e2d1c0b\", uri=\"sip:ims.example.net\", "
     "response=\"0f1e2d3c4b5a69788796a5b4c3d2e1f0\", algorithm=MD5, cnonce=\"a1b2c3d4\", opaque=\"5ccc069c\", "
     "qop=auth, nc=00000001"},
    {header_id::www_authenticate,
     "Digest realm=\"ims.example.net\", nonce=\"5e1b8c0d9a2f\", algorithm=MD5, qop=\"auth\", opaque=\"5ccc069c\""},
    {header_id::authentication_info, "nextnonce=\"47364c23\", qop=auth, rspauth=\"6629fae4\", cnonce=\"0a4f\", nc=00000001"},
    {header_id::user_agent, "CPM-client/OMA1.0 (build 7) libcpm/0.1"},
    {header_id::accept, "application/sdp, message/cpim, multipart/mixed, application/im-iscomposing+xml"},
    {header_id::accept_language, "en, fr;q=0.5"},
    {header_id::reason, "SIP;cause=200;text=\"Call completed elsewhere\", Q.850;cause=16"},
    {header_id::warning, "399 pcscf.ims.example.net \"Incompatible media\""},
    {header_id::call_info, "<http://www.example.com/alice/photo.jpg>;purpose=icon"},
    {header_id::from, "\"Alice\" <sip:+15551230001@ims.example.net>;tag=5f1b9a0c"},
    {header_id::supported, "path, gruu, outbound"},
    {header_id::session_expires, "1800;refresher=uac"},
    {header_id::subscription_state, "active;expires=3600"},
};

} // namespace

BOOST_AUTO_TEST_CASE(usual_values_decode_without_allocating)
{
    for (auto const& s : usual) {
        std::size_t const before = allocations;
        bool decoded = false;
        {
            auto const v = decode(s.id, s.value);
            decoded = v.has_value() && !std::holds_alternative<std::monostate>(*v);
        }
        std::size_t const used = allocations - before;
        BOOST_TEST(decoded, canonical_name(s.id) << ": " << s.value);
        BOOST_TEST(used == 0u, canonical_name(s.id) << ": " << used << " allocation(s) decoding " << s.value);
    }
}

BOOST_AUTO_TEST_CASE(lists_longer_than_inline_keep_every_element)
{
    auto const v = decode(header_id::route, "<sip:p1;lr>, <sip:p2;lr>, <sip:p3;lr>, <sip:p4;lr>, <sip:p5;lr>");
    BOOST_TEST_REQUIRE(v.has_value());
    auto const& routes = std::get<name_addr_list>(*v);
    BOOST_TEST_REQUIRE(routes.size() == 5u);
    BOOST_TEST(routes.front().uri == "sip:p1;lr");
    BOOST_TEST(routes.back().uri == "sip:p5;lr");

    auto const vias = decode(header_id::via, "SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b, SIP/2.0/TCP c:5061");
    BOOST_TEST_REQUIRE(vias.has_value());
    auto const& list = std::get<via_list>(*vias);
    BOOST_TEST_REQUIRE(list.size() == 3u);
    BOOST_TEST(list[0].branch == "z9hG4bK1");
    BOOST_TEST(list[2].host == "c");
    BOOST_TEST(list[2].port.value_or(0) == 5061);
}
