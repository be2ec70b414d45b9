#pragma once
// Shared by the sip/auth tests: requests with optional credential fields,
// parsing into messages, a fixed clock origin.

#include "sip/auth/auth_kind.hpp"
#include "sip/auth/nonce.hpp"
#include "sip/builder.hpp"
#include "sip/message.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cpm::sip::auth::test {

using namespace std::chrono_literals;

/// A fixed "now" far from the epoch (2026-11-25T00:00:00Z).
inline clock::time_point const t0 = clock::time_point(std::chrono::seconds(1795564800));

inline sip::message parse(std::string_view text)
{
    auto m = sip::message::parse(abnf::text_buffer(text));
    BOOST_REQUIRE_MESSAGE(m.has_value(), (m ? std::string() : m.error().message));
    return std::move(*m);
}

using fields = std::vector<std::pair<header_id, std::string>>;

/// A REGISTER/MESSAGE/INVITE to @p uri carrying @p extra fields.
inline std::string request_text(std::string_view method = "REGISTER", std::string_view uri = "sip:biloxi.example.com",
                                fields const& extra = {}, std::uint32_t cseq = 1)
{
    std::string out;
    message_builder b(out);
    b.request_line(method, uri)
        .header(header_id::via, "SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7")
        .header(header_id::max_forwards, "70")
        .header(header_id::to, "Bob <sip:bob@biloxi.example.com>")
        .tagged(header_id::from, "Bob <sip:bob@biloxi.example.com>", "456248")
        .header(header_id::call_id, "843817637684230@998sdasdh09")
        .header(header_id::cseq, std::to_string(cseq) + " " + std::string(method));
    for (auto const& [id, value] : extra)
        b.header(id, value);
    b.finish();
    return out;
}

inline sip::message request(std::string_view method = "REGISTER", std::string_view uri = "sip:biloxi.example.com",
                            fields const& extra = {}, std::uint32_t cseq = 1)
{
    return parse(request_text(method, uri, extra, cseq));
}

} // namespace cpm::sip::auth::test
