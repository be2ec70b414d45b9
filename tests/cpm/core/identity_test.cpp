// RFC 3325 asserted identity and RFC 3323 privacy as the proxy applies them.
#define BOOST_TEST_MODULE cpm_core_identity
#include <boost/test/unit_test.hpp>

#include "cpm/core/identity.hpp"

#include <algorithm>
#include <string>

using namespace cpm::core;
namespace sip = cpm::sip;
using sip::header_id;

namespace {

sip::message request(std::string_view extra)
{
    std::string s = "MESSAGE sip:bob@example.com SIP/2.0\r\n"
                    "Via: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bKu\r\n"
                    "From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\n"
                    "Call-ID: c\r\nCSeq: 1 MESSAGE\r\n";
    s.append(extra).append("Content-Length: 0\r\n\r\n");
    auto m = sip::message::parse(sip::abnf::text_buffer(s));
    BOOST_TEST_REQUIRE(m.has_value());
    return std::move(*m);
}

bool removes(identity_edits const& e, header_id id)
{
    return std::find(e.remove.begin(), e.remove.end(), id) != e.remove.end();
}

asserted_user const alice{"sip:alice@example.com", "Alice \"Al\" L"};

} // namespace

BOOST_AUTO_TEST_CASE(value_quotes_the_display_name)
{
    BOOST_TEST(asserted_identity_value(alice) == "\"Alice \\\"Al\\\" L\" <sip:alice@example.com>");
    BOOST_TEST(asserted_identity_value({"sip:bob@example.com", ""}) == "<sip:bob@example.com>");
}

BOOST_AUTO_TEST_CASE(untrusted_identity_is_replaced_by_ours)
{
    auto const m = request("P-Asserted-Identity: <sip:mallory@example.com>\r\n"
                           "P-Preferred-Identity: \"Ally\" <sip:alice@example.com>\r\n");
    auto const e = plan_identity(m, {.trusted_source = false, .trusted_recipient = false, .user = alice});
    BOOST_TEST(removes(e, header_id::p_asserted_identity));
    BOOST_TEST(removes(e, header_id::p_preferred_identity));
    // REQ-6.2-P1: the preferred identity's display name is used.
    BOOST_TEST(e.extra_headers == "P-Asserted-Identity: \"Ally\" <sip:alice@example.com>\r\n");
    BOOST_TEST(!e.privacy_unavailable);
}

BOOST_AUTO_TEST_CASE(preferred_identity_of_someone_else_is_ignored)
{
    auto const m = request("P-Preferred-Identity: \"Boss\" <sip:ceo@example.com>\r\n");
    auto const e = plan_identity(m, {.trusted_source = false, .trusted_recipient = false, .user = alice});
    BOOST_TEST(e.extra_headers == "P-Asserted-Identity: \"Alice \\\"Al\\\" L\" <sip:alice@example.com>\r\n");
}

BOOST_AUTO_TEST_CASE(trusted_identity_is_kept_and_none_added)
{
    auto const m = request("P-Asserted-Identity: <sip:dave@other.org>\r\n");
    auto const e = plan_identity(m, {.trusted_source = true, .trusted_recipient = false, .user = std::nullopt});
    BOOST_TEST(e.remove.empty());
    BOOST_TEST(e.extra_headers.empty());
    // Without a user nothing is asserted; an untrusted PAI still goes.
    auto const u = plan_identity(m, {.trusted_source = false, .trusted_recipient = false, .user = std::nullopt});
    BOOST_TEST(removes(u, header_id::p_asserted_identity));
    BOOST_TEST(u.extra_headers.empty());
}

BOOST_AUTO_TEST_CASE(privacy_id_only_toward_untrusted_recipients)
{
    auto const m = request("P-Asserted-Identity: <sip:dave@other.org>\r\nPrivacy: id\r\n");
    auto const out = plan_identity(m, {.trusted_source = true, .trusted_recipient = false, .user = std::nullopt});
    BOOST_TEST(removes(out, header_id::p_asserted_identity));
    auto const in = plan_identity(m, {.trusted_source = true, .trusted_recipient = true, .user = std::nullopt});
    BOOST_TEST(in.remove.empty());
    auto const ours = plan_identity(request("Privacy: ID\r\n"), {.trusted_source = false, .trusted_recipient = false, .user = alice});
    BOOST_TEST(ours.extra_headers.empty()); // case-insensitive priv-value
}

BOOST_AUTO_TEST_CASE(user_privacy_withholds_revealing_fields)
{
    auto const m = request("Privacy: user\r\nSubject: s\r\nOrganization: o\r\nUser-Agent: ua/1\r\n"
                           "Call-Info: <http://x.example/p.png>;purpose=icon\r\n");
    auto const e = plan_identity(m, {.trusted_source = false, .trusted_recipient = false, .user = alice});
    BOOST_TEST(removes(e, header_id::subject));
    BOOST_TEST(removes(e, header_id::organization));
    BOOST_TEST(removes(e, header_id::user_agent));
    BOOST_TEST(removes(e, header_id::call_info));
    BOOST_TEST(!removes(e, header_id::reply_to)); // absent: nothing to remove
    BOOST_TEST(!e.extra_headers.empty());       // "user" alone does not hide the identity
    auto const trusted = plan_identity(m, {.trusted_source = false, .trusted_recipient = true, .user = alice});
    BOOST_TEST(!removes(trusted, header_id::subject));
}

BOOST_AUTO_TEST_CASE(critical_privacy_not_given_is_refused)
{
    auto const m = request("Privacy: header; critical\r\n");
    BOOST_TEST(plan_identity(m, {.trusted_source = false, .trusted_recipient = false, .user = alice}).privacy_unavailable);
    BOOST_TEST(!plan_identity(request("Privacy: id;critical\r\n"), {.trusted_source = false, .trusted_recipient = false, .user = alice})
                    .privacy_unavailable);
    BOOST_TEST(!plan_identity(request("Privacy: session\r\n"), {.trusted_source = false, .trusted_recipient = false, .user = alice})
                    .privacy_unavailable);
}
