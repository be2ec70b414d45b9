#pragma once
// Messages for the dialog tests: an INVITE from Alice to Bob through two
// record-routing proxies, and responses and requests within its dialog.

#include "sip/dialog/dialog.hpp"
#include "sip/message.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

namespace cpm::sip::dialog::test {

inline sip::message parse(std::string_view text)
{
    auto m = sip::message::parse(abnf::text_buffer(text));
    BOOST_TEST_REQUIRE(m.has_value(), (m ? "" : m.error().message) << "\n" << text);
    return std::move(*m);
}

/// Alice's side: the UAC of the INVITE.
inline local_options alice_options(bool tls = false)
{
    local_options o;
    o.contact = "sip:alice@pc33.atlanta.example.com";
    o.tls = tls;
    return o;
}

/// Bob's side: the UAS, To tag a6c85cf, first CSeq @p initial_cseq.
inline local_options bob_options(bool tls = false, std::uint32_t initial_cseq = 7000)
{
    local_options o;
    o.contact = "sip:bob@192.0.2.4";
    o.tls = tls;
    o.local_tag = "a6c85cf";
    o.initial_cseq = initial_cseq;
    return o;
}

/// First line of @p bytes, without CRLF.
inline std::string first_line(std::string_view bytes)
{
    return std::string(bytes.substr(0, bytes.find("\r\n")));
}

/// Every value of the fields named @p id in @p m, in order.
inline std::vector<std::string> values(sip::message const& m, header_id id)
{
    std::vector<std::string> out;
    for (auto const& h : m.headers())
        if (h.id == id)
            out.emplace_back(h.value);
    return out;
}

/// The INVITE Alice's UA sends (as the UAS receives it: two Record-Route
/// fields added by p1 then p2, so p2 is on top).
inline std::string invite_text(std::string_view request_uri = "sip:bob@biloxi.example.com",
                               std::string_view extra = {})
{
    std::string s = "INVITE ";
    s.append(request_uri).append(" SIP/2.0\r\n");
    s.append("Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
             "Max-Forwards: 70\r\n"
             "Record-Route: <sip:p2.example.com;lr>\r\n"
             "Record-Route: <sip:p1.example.com;lr>\r\n"
             "To: Bob <sip:bob@biloxi.example.com>\r\n"
             "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
             "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
             "CSeq: 314159 INVITE\r\n"
             "Contact: <sip:alice@pc33.atlanta.example.com>\r\n");
    s.append(extra);
    s.append("Content-Length: 0\r\n\r\n");
    return s;
}

/// A response @p code to the INVITE (or to @p cseq) from Bob's UA with To
/// tag @p tag, Contact @p contact and the given Record-Route fields.
inline std::string response_text(unsigned code, std::string_view tag = "a6c85cf",
                                 std::string_view contact = "<sip:bob@192.0.2.4>",
                                 std::string_view record_route = "<sip:p2.example.com;lr>, <sip:p1.example.com;lr>",
                                 std::string_view cseq = "314159 INVITE", std::string_view extra = {})
{
    std::string s = "SIP/2.0 " + std::to_string(code) + " Something\r\n";
    s.append("Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n");
    if (!record_route.empty())
        s.append("Record-Route: ").append(record_route).append("\r\n");
    s.append("To: Bob <sip:bob@biloxi.example.com>");
    if (!tag.empty())
        s.append(";tag=").append(tag);
    s.append("\r\nFrom: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
             "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n");
    s.append("CSeq: ").append(cseq).append("\r\n");
    if (!contact.empty())
        s.append("Contact: ").append(contact).append("\r\n");
    s.append(extra);
    s.append("Content-Length: 0\r\n\r\n");
    return s;
}

/// A request from Bob to Alice within the dialog (Bob is the UAS of the INVITE).
inline std::string bob_request_text(std::string_view method, std::uint32_t cseq,
                                    std::string_view contact = {}, std::string_view tag = "a6c85cf")
{
    std::string s(method);
    s.append(" sip:alice@pc33.atlanta.example.com SIP/2.0\r\n"
             "Via: SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKnashds10\r\n"
             "Max-Forwards: 70\r\n"
             "Route: <sip:p1.example.com;lr>\r\n"
             "From: Bob <sip:bob@biloxi.example.com>;tag=");
    s.append(tag).append("\r\n");
    s.append("To: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
             "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n");
    s.append("CSeq: ").append(std::to_string(cseq)).append(" ").append(method).append("\r\n");
    if (!contact.empty())
        s.append("Contact: ").append(contact).append("\r\n");
    s.append("Content-Length: 0\r\n\r\n");
    return s;
}

/// A request from Alice to Bob within the dialog, as Bob's UAS receives it.
inline std::string alice_request_text(std::string_view method, std::uint32_t cseq,
                                      std::string_view contact = {}, std::string_view to_tag = "a6c85cf")
{
    std::string s(method);
    s.append(" sip:bob@192.0.2.4 SIP/2.0\r\n"
             "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8\r\n"
             "Max-Forwards: 70\r\n"
             "Route: <sip:p2.example.com;lr>\r\n"
             "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
             "To: Bob <sip:bob@biloxi.example.com>;tag=");
    s.append(to_tag).append("\r\n");
    s.append("Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n");
    s.append("CSeq: ").append(std::to_string(cseq)).append(" ").append(method).append("\r\n");
    if (!contact.empty())
        s.append("Contact: ").append(contact).append("\r\n");
    s.append("Content-Length: 0\r\n\r\n");
    return s;
}

} // namespace cpm::sip::dialog::test
