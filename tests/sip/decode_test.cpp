#define BOOST_TEST_MODULE sip_decode
#include <boost/test/unit_test.hpp>

#include "header_checks.hpp"
#include "sip/decode.hpp"
#include "sip/message.hpp"

#include <array>
#include <string>
#include <string_view>

using namespace cpm::sip;
using header_checks::error_of;

namespace {
struct sample {
    header_id id;
    std::string_view value;
};

// One valid value for every header id decode() knows.
constexpr std::array samples{
    sample{header_id::via, "SIP/2.0/TCP pc33.example.com;branch=z9hG4bK776"},
    sample{header_id::from, "<sip:alice@example.com>;tag=1"},
    sample{header_id::to, "Bob <sip:bob@example.com>"},
    sample{header_id::call_id, "a84b4c76e66710@pc33.example.com"},
    sample{header_id::cseq, "1 REGISTER"},
    sample{header_id::max_forwards, "70"},
    sample{header_id::content_length, "0"},
    sample{header_id::content_type, "message/cpim"},
    sample{header_id::contact, "<sip:alice@198.51.100.7>;expires=600"},
    sample{header_id::route, "<sip:pcscf.example.com;lr>"},
    sample{header_id::record_route, "<sip:cf.example.com;lr>"},
    sample{header_id::path, "<sip:pcscf.example.com;lr>"},
    sample{header_id::service_route, "<sip:orig@scscf.example.com;lr>"},
    sample{header_id::expires, "600"},
    sample{header_id::min_expires, "60"},
    sample{header_id::session_expires, "1800;refresher=uac"},
    sample{header_id::min_se, "90"},
    sample{header_id::supported, "gruu, timer"},
    sample{header_id::require, "gruu"},
    sample{header_id::proxy_require, "sec-agree"},
    sample{header_id::unsupported, "foo"},
    sample{header_id::allow, "INVITE, ACK, BYE, MESSAGE"},
    sample{header_id::accept, "message/cpim, application/im-iscomposing+xml"},
    sample{header_id::accept_encoding, "gzip"},
    sample{header_id::accept_language, "en"},
    sample{header_id::accept_contact, "*;+g.oma.sip-im"},
    sample{header_id::reject_contact, "*;video"},
    sample{header_id::request_disposition, "no-fork"},
    sample{header_id::event, "conference"},
    sample{header_id::allow_events, "conference, refer"},
    sample{header_id::subscription_state, "active;expires=3600"},
    sample{header_id::privacy, "id"},
    sample{header_id::p_asserted_identity, "<sip:alice@example.com>"},
    sample{header_id::p_preferred_identity, "<tel:+15551234567>"},
    sample{header_id::p_asserted_service, "urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg"},
    sample{header_id::p_preferred_service, "urn:urn-7:3gpp-service.ims.icsi.oma.cpm.session"},
    sample{header_id::referred_by, "<sip:alice@example.com>"},
    sample{header_id::refer_to, "<sip:bob@example.com>"},
    sample{header_id::reply_to, "<sip:alice-home@example.com>"},
    sample{header_id::user_agent, "CPM-client/OMA1.0"},
    sample{header_id::server, "CPM-serv/OMA1.0"},
    sample{header_id::warning, "399 pf.example.com \"Anonymity not allowed\""},
    sample{header_id::error_info, "<sip:not-in-service@example.com>"},
    sample{header_id::retry_after, "120"},
    sample{header_id::date, "Sat, 13 Nov 2010 23:29:00 GMT"},
    sample{header_id::content_disposition, "render"},
    sample{header_id::content_encoding, "gzip"},
    sample{header_id::content_language, "en"},
    sample{header_id::mime_version, "1.0"},
    sample{header_id::www_authenticate, "Digest realm=\"example.com\", nonce=\"abc\""},
    sample{header_id::proxy_authenticate, "Digest realm=\"example.com\", nonce=\"abc\""},
    sample{header_id::authorization, "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"\""},
    sample{header_id::proxy_authorization, "Bearer abc"},
    sample{header_id::authentication_info, "nextnonce=\"47364c23432d2e131a5fb210812c\""},
    sample{header_id::timestamp, "54"},
    sample{header_id::subject, "Lunch?"},
    sample{header_id::organization, "Boxes by Bob"},
    sample{header_id::priority, "urgent"},
    sample{header_id::call_info, "<http://www.example.com/alice/photo.jpg>;purpose=icon"},
    sample{header_id::alert_info, "<http://www.example.com/sounds/moo.wav>"},
    sample{header_id::in_reply_to, "70710@saturn.bell-tel.com"},
    sample{header_id::rseq, "988789"},
    sample{header_id::rack, "776656 1 INVITE"},
    sample{header_id::reason, "SIP;cause=200"},
    sample{header_id::identity, "a.b.c;info=<https://cert.example.org/c.cer>"},
    sample{header_id::identity_info, "<https://atlanta.example.com/atlanta.cer>;alg=rsa-sha1"},
    sample{header_id::conversation_id, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6"},
    sample{header_id::contribution_id, "abcdef0123"},
    sample{header_id::inreplyto_contribution_id, "abcdef0122"},
    sample{header_id::p_associated_uri, "<sip:alice@example.com>, <tel:+15551234567>"},
    sample{header_id::p_called_party_id, "<sip:alice-work@example.com>"},
    sample{header_id::feature_caps, "*;+g.3gpp.srvcc"},
    sample{header_id::sip_etag, "dx200xyz"},
    sample{header_id::sip_if_match, "dx200xyz"},
    sample{header_id::flow_timer, "120"},
    sample{header_id::refer_sub, "false"},
};
} // namespace

BOOST_AUTO_TEST_CASE(every_known_header_id_decodes_to_a_typed_view)
{
    for (std::size_t i = 1; i < static_cast<std::size_t>(header_id::count_); ++i) {
        auto const id = static_cast<header_id>(i);
        BOOST_TEST_CONTEXT(canonical_name(id))
        {
            sample const* s = nullptr;
            for (auto const& x : samples)
                if (x.id == id)
                    s = &x;
            BOOST_TEST_REQUIRE(s != nullptr, "no sample value for this header id");
            auto v = decode(id, s->value);
            BOOST_TEST_REQUIRE(v.has_value(), error_of(v));
            BOOST_TEST(!std::holds_alternative<std::monostate>(*v));
        }
    }
}

BOOST_AUTO_TEST_CASE(alternatives_follow_the_documented_table)
{
    BOOST_TEST(std::holds_alternative<std::uint32_t>(decode(header_id::max_forwards, "70").value()));
    BOOST_TEST(std::holds_alternative<std::uint32_t>(decode(header_id::flow_timer, "120").value()));
    BOOST_TEST(std::get<std::string_view>(decode(header_id::call_id, "x@y").value()) == "x@y");
    BOOST_TEST(std::holds_alternative<token_list>(decode(header_id::privacy, "id").value()));
    BOOST_TEST(std::get<token_list>(decode(header_id::privacy, "id;user").value()).separator() == ';');
    BOOST_TEST(std::holds_alternative<name_addr_list>(decode(header_id::path, "<sip:p;lr>").value()));
    BOOST_TEST(std::holds_alternative<name_addr>(decode(header_id::p_called_party_id, "<sip:a@b>").value()));
    BOOST_TEST(std::holds_alternative<session_expires>(decode(header_id::min_se, "90").value()));
    BOOST_TEST(std::holds_alternative<caller_preference_list>(decode(header_id::feature_caps, "*;+a").value()));
    BOOST_TEST(std::holds_alternative<challenge>(decode(header_id::proxy_authenticate, "Basic realm=\"x\"").value()));
    BOOST_TEST(std::holds_alternative<credentials>(decode(header_id::proxy_authorization, "Basic YWxhZGRpbg==").value()));
    BOOST_TEST(std::holds_alternative<std::monostate>(decode(header_id::unknown, "anything at all").value()));
}

BOOST_AUTO_TEST_CASE(errors_always_name_the_header)
{
    auto from = decode(header_id::from, "Bob");
    BOOST_TEST_REQUIRE(!from.has_value());
    BOOST_TEST(from.error().message.rfind("From: ", 0) == 0u, from.error().message);
    BOOST_TEST(from.error().message.find("From: ", 1) == std::string::npos); // named once
    auto ct = decode(header_id::content_type, "text");
    BOOST_TEST_REQUIRE(!ct.has_value());
    BOOST_TEST(ct.error().message.rfind("Content-Type: ", 0) == 0);
    auto pai = decode(header_id::p_preferred_identity, "<mailto:a@b>");
    BOOST_TEST_REQUIRE(!pai.has_value());
    BOOST_TEST(pai.error().message.rfind("P-Preferred-Identity: ", 0) == 0);
    BOOST_TEST(pai.error().offset == 1u);
    auto pa = decode(header_id::proxy_authorization, "Digest realm=x");
    BOOST_TEST_REQUIRE(!pa.has_value());
    BOOST_TEST(pa.error().message.rfind("Proxy-Authorization: realm must be", 0) == 0);
    auto via = decode(header_id::via, "SIP/2.0/UDP host;branch=z9hG4bK1,");
    BOOST_TEST(!via.has_value());
}

BOOST_AUTO_TEST_CASE(req_7_1_a_cpm_register_decodes_header_by_header)
{
    // REQ-7.1-A.1 .. A.7 as a whole REGISTER (RFC 3261, RFC 5626, RFC 5627, RFC 3840).
    std::string const text =
        "REGISTER sip:example.com SIP/2.0\r\n"
        "Via: SIP/2.0/TCP 198.51.100.7:5060;branch=z9hG4bKnashds7\r\n"
        "Max-Forwards: 70\r\n"
        "From: <sip:alice@example.com>;tag=a73kszlfl\r\n"
        "To: <sip:alice@example.com>\r\n"
        "Call-ID: 1j9FpLxk3uxtm8tn@198.51.100.7\r\n"
        "CSeq: 1 REGISTER\r\n"
        "Supported: gruu, path, outbound\r\n"
        "Require: gruu\r\n"
        "m: \"Alice\" <sip:alice@198.51.100.7:5060;transport=tcp;ob>\r\n"
        "  ;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg,urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session\"\r\n"
        "  ;+sip.instance=\"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>\";reg-id=1\r\n"
        "Expires: 600\r\n"
        "User-Agent: CPM-client/OMA1.0\r\n"
        "Content-Length: 0\r\n"
        "\r\n";
    auto m = message::parse(abnf::text_buffer(text));
    BOOST_TEST_REQUIRE(m.has_value(), error_of(m));
    std::size_t decoded = 0;
    for (auto const& h : m->headers()) {
        auto v = decode(h.id, h.value);
        BOOST_TEST_REQUIRE(v.has_value(), error_of(v));
        ++decoded;
        if (h.id == header_id::contact) {
            auto const& c = std::get<contact_list>(*v).contacts.at(0);
            BOOST_TEST(c.features().has_icsi("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg")); // REQ-7.1-A.2
            BOOST_TEST(c.instance == "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");      // REQ-7.1-A.3
            BOOST_TEST(c.address.display_name_text() == "Alice");                           // REQ-7.1-A.7
        } else if (h.id == header_id::supported || h.id == header_id::require) {
            BOOST_TEST(std::get<token_list>(*v).contains("gruu")); // REQ-7.1-A.4, A.5
        } else if (h.id == header_id::user_agent) {
            BOOST_TEST(std::get<product_list>(*v).find("CPM-client")->version == "OMA1.0");
        }
    }
    BOOST_TEST(decoded == m->headers().size());
}
