#pragma once
// Shared by the sip/auth tests: requests with optional credential fields,
// parsing into messages, a fixed clock origin.

#include "sip/auth/auth_kind.hpp"
#include "sip/auth/client_credentials.hpp"
#include "sip/auth/nonce.hpp"
#include "sip/builder.hpp"
#include "sip/message.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cpm::sip::auth::test {

using namespace std::chrono_literals;

/// A fixed "now" far from the epoch (2026-11-25T00:00:00Z).
inline wall_clock::time_point const t0 = wall_clock::time_point(std::chrono::seconds(1795564800));

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

namespace cpm::sip::auth::test {

/// A credential source that counts how often it is asked, answering from a
/// queue (the last answer repeats; an empty username means "give up").
class counting_source final : public credential_source {
public:
    explicit counting_source(std::vector<client_secret> answers) : answers_(std::move(answers)) {}

    std::optional<client_secret> credentials(std::string_view realm) override
    {
        realms.emplace_back(realm);
        client_secret const& s = answers_[std::min(asked, answers_.size() - 1)];
        ++asked;
        if (s.username.empty())
            return std::nullopt;
        return s;
    }

    std::size_t asked = 0;
    std::vector<std::string> realms;

private:
    std::vector<client_secret> answers_;
};

/// A @p code response to @p req carrying @p challenges under the kind's header.
inline sip::message challenge_response(sip::message const& req, unsigned code, std::vector<std::string> const& challenges)
{
    std::string out;
    auto b = make_response(out, req, code, code == 401 ? "Unauthorized" : "Proxy Authentication Required",
                           {.to_tag = "a6c85cf"});
    for (auto const& c : challenges)
        b.header(code == 401 ? header_id::www_authenticate : header_id::proxy_authenticate, c);
    b.finish();
    return parse(out);
}

/// @p req with @p auth added (a retried or pre-authorized request).
inline sip::message with_authorization(std::string_view method, std::string_view uri,
                                       std::vector<authorization> const& auth, std::uint32_t cseq)
{
    fields extra;
    for (auto const& a : auth)
        extra.emplace_back(a.header, a.value);
    return request(method, uri, extra, cseq);
}

} // namespace cpm::sip::auth::test
