#define BOOST_TEST_MODULE cpm_docs_conference_tracker
#include <boost/test/unit_test.hpp>

#include "cpm/docs/conference_info.hpp"
#include "cpm/docs/conference_tracker.hpp"
#include "cpm/docs/error.hpp"

#include <fstream>
#include <iterator>
#include <ostream>
#include <optional>
#include <string>

using namespace cpm::docs;
using cpm::sip::abnf::text_buffer;

namespace cpm::imdn::xml {
std::ostream& boost_test_print_type(std::ostream& o, text_value const& v) { return o << v.view(); }
} // namespace cpm::imdn::xml

namespace cpm::docs {
std::ostream& boost_test_print_type(std::ostream& o, element_state s) { return o << to_string(s); }
} // namespace cpm::docs

namespace {

std::string example(std::string const& name)
{
    std::ifstream in(std::string(CPM_TEST_DATA_DIR) + "/../../examples/conference-info/" + name, std::ios::binary);
    BOOST_TEST_REQUIRE(static_cast<bool>(in), "cannot read " << name);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string notification(std::string_view attributes, std::string_view inside)
{
    return "<conference-info xmlns=\"urn:ietf:params:xml:ns:conference-info\" entity=\"sip:conf233@example.com\" " +
           std::string(attributes) + ">" + std::string(inside) + "</conference-info>";
}

/// Parses @p text in its own scope and applies it, so the tracker cannot
/// keep views into the notification.
cpm::sip::abnf::result<apply_outcome> feed(conference_tracker& t, std::string const& text)
{
    auto d = conference_document::parse(text_buffer(text));
    BOOST_TEST_REQUIRE(d.has_value(), d.error().message);
    return t.apply(d->info());
}

apply_outcome applied(conference_tracker& t, std::string const& text)
{
    auto r = feed(t, text);
    BOOST_TEST_REQUIRE(r.has_value(), r.error().message);
    return *r;
}

user const* find_user(conference_tracker const& t, std::string_view entity)
{
    if (!t.state().users)
        return nullptr;
    for (auto const& u : t.state().users->entries)
        if (u.entity == entity)
            return &u;
    return nullptr;
}

} // namespace

BOOST_AUTO_TEST_CASE(full_then_partial_merges_by_key)
{
    conference_tracker t;
    BOOST_TEST(!t.has_state());
    BOOST_TEST((applied(t, example("full-state.xml")) == apply_outcome::applied));
    BOOST_TEST(*t.version() == 1u);
    BOOST_TEST_REQUIRE(t.state().users->entries.size() == 2u);

    BOOST_TEST((applied(t, example("partial-join.xml")) == apply_outcome::applied));
    BOOST_TEST(*t.version() == 2u);
    BOOST_TEST(*t.state().version == 2u);
    BOOST_TEST(t.state().state == element_state::full);
    // Bob deleted, Carol added, Alice merged.
    BOOST_TEST(find_user(t, "sip:bob@example.com") == nullptr);
    auto const* carol = find_user(t, "sip:carol@example.com");
    BOOST_TEST_REQUIRE(carol != nullptr);
    BOOST_TEST(*carol->display_text == "Carol");
    BOOST_TEST((*carol->endpoints[0].status == endpoint_status::connected));
    auto const* alice = find_user(t, "sip:alice@example.com");
    BOOST_TEST_REQUIRE(alice != nullptr);
    // What the partial user did not mention is kept.
    BOOST_TEST(*alice->display_text == "Alice");
    BOOST_TEST(alice->roles->size() == 2u);
    BOOST_TEST_REQUIRE(alice->endpoints.size() == 1u);
    auto const& ep = alice->endpoints[0];
    BOOST_TEST(ep.state == element_state::full);
    BOOST_TEST((*ep.status == endpoint_status::on_hold));
    BOOST_TEST((*ep.joining == joining_method::dialed_in));
    BOOST_TEST(*ep.referred->reason == "invited");
    BOOST_TEST(ep.call_info->to_tag == "314159");
    // media has no 'state': the one with the same id is replaced whole.
    BOOST_TEST_REQUIRE(ep.media.size() == 1u);
    BOOST_TEST((*ep.media[0].status == media_status::inactive));
    BOOST_TEST(!ep.media[0].label.has_value());
    // Elements without a key: the notified fields replace ours, the rest stays.
    BOOST_TEST(*t.state().conference->user_count == 2u);
    BOOST_TEST(*t.state().conference->active == true);
    BOOST_TEST(*t.state().description->subject == "Release planning");
    // The state owns its text: the documents are gone.
    BOOST_TEST(carol->display_text->decoded());
    BOOST_TEST(t.state().entity.decoded());
}

BOOST_AUTO_TEST_CASE(versions_order_notifications)
{
    conference_tracker t;
    // Partial state before any full state cannot apply.
    BOOST_TEST((applied(t, notification("state=\"partial\" version=\"3\"", "")) == apply_outcome::resync));
    BOOST_TEST(t.needs_resync());
    BOOST_TEST(!t.has_state());
    BOOST_TEST((applied(t, notification("version=\"5\"", "<users><user entity=\"sip:a@x\"/></users>")) ==
                apply_outcome::applied));
    BOOST_TEST(!t.needs_resync());
    // A retransmission, or one overtaken by a later one: discarded.
    BOOST_TEST((applied(t, notification("version=\"5\"", "")) == apply_outcome::stale));
    BOOST_TEST((applied(t, notification("state=\"partial\" version=\"4\"", "")) == apply_outcome::stale));
    BOOST_TEST(find_user(t, "sip:a@x") != nullptr);
    BOOST_TEST((applied(t, notification("state=\"partial\" version=\"6\"",
                                        "<users state=\"partial\"><user entity=\"sip:b@x\"/></users>")) ==
                apply_outcome::applied));
    BOOST_TEST(t.state().users->entries.size() == 2u);
    // Version 7 was lost: 8 cannot apply, nor can 9 after it.
    BOOST_TEST((applied(t, notification("state=\"partial\" version=\"8\"",
                                        "<users state=\"partial\"><user entity=\"sip:c@x\"/></users>")) ==
                apply_outcome::resync));
    BOOST_TEST(t.needs_resync());
    BOOST_TEST((applied(t, notification("state=\"partial\" version=\"9\"", "")) == apply_outcome::resync));
    BOOST_TEST(find_user(t, "sip:c@x") == nullptr);
    BOOST_TEST(*t.version() == 6u);
    // Full state after the refresh repairs it, whatever the gap.
    BOOST_TEST((applied(t, notification("version=\"12\"", "<users><user entity=\"sip:d@x\"/></users>")) ==
                apply_outcome::applied));
    BOOST_TEST(!t.needs_resync());
    BOOST_TEST(*t.version() == 12u);
    BOOST_TEST_REQUIRE(t.state().users->entries.size() == 1u);
    BOOST_TEST(t.state().users->entries[0].entity == "sip:d@x");
    // A new subscription starts again.
    t.reset();
    BOOST_TEST(!t.has_state());
    BOOST_TEST((applied(t, notification("version=\"1\"", "")) == apply_outcome::applied));
}

BOOST_AUTO_TEST_CASE(containers_full_partial_deleted)
{
    conference_tracker t;
    applied(t, notification("version=\"1\"",
                            "<conference-description><conf-uris><entry><uri>sip:a@x</uri></entry>"
                            "<entry><uri>sip:b@x</uri></entry></conf-uris></conference-description>"
                            "<users><user entity=\"sip:u@x\"><endpoint entity=\"sip:u1@x\"><media id=\"1\"/>"
                            "<media id=\"2\"/></endpoint><endpoint entity=\"sip:u2@x\"/></user></users>"));
    // Partial URI list: same key replaced, new key added.
    applied(t, notification("state=\"partial\" version=\"2\"",
                            "<conference-description><conf-uris state=\"partial\"><entry><uri>sip:b@x</uri>"
                            "<purpose>p</purpose></entry><entry><uri>sip:c@x</uri></entry></conf-uris>"
                            "</conference-description>"));
    auto const& uris = t.state().description->conf_uris->entries;
    BOOST_TEST_REQUIRE(uris.size() == 3u);
    BOOST_TEST(*uris[1].purpose == "p");
    BOOST_TEST(uris[2].uri == "sip:c@x");
    // Full list replaces.
    applied(t, notification("state=\"partial\" version=\"3\"",
                            "<conference-description><conf-uris><entry><uri>sip:z@x</uri></entry></conf-uris>"
                            "</conference-description>"));
    BOOST_TEST_REQUIRE(t.state().description->conf_uris->entries.size() == 1u);
    BOOST_TEST(t.state().description->conf_uris->entries[0].uri == "sip:z@x");
    // Endpoint deleted inside a partial user; media merged by id.
    applied(t, notification("state=\"partial\" version=\"4\"",
                            "<users state=\"partial\"><user entity=\"sip:u@x\" state=\"partial\">"
                            "<endpoint entity=\"sip:u2@x\" state=\"deleted\"/>"
                            "<endpoint entity=\"sip:u1@x\" state=\"partial\"><media id=\"3\"/></endpoint>"
                            "</user></users>"));
    auto const* u = find_user(t, "sip:u@x");
    BOOST_TEST_REQUIRE(u != nullptr);
    BOOST_TEST_REQUIRE(u->endpoints.size() == 1u);
    BOOST_TEST(u->endpoints[0].media.size() == 3u);
    // A full endpoint replaces everything it had.
    applied(t, notification("state=\"partial\" version=\"5\"",
                            "<users state=\"partial\"><user entity=\"sip:u@x\" state=\"partial\">"
                            "<endpoint entity=\"sip:u1@x\"><status>alerting</status></endpoint></user></users>"));
    u = find_user(t, "sip:u@x");
    BOOST_TEST(u->endpoints[0].media.empty());
    BOOST_TEST((*u->endpoints[0].status == endpoint_status::alerting));
    // A partial user we did not know is added, keeping only what it says
    // (its deleted endpoint is dropped).
    applied(t, notification("state=\"partial\" version=\"6\"",
                            "<users state=\"partial\"><user entity=\"sip:new@x\" state=\"partial\">"
                            "<endpoint entity=\"sip:gone@x\" state=\"deleted\"/>"
                            "<endpoint entity=\"sip:here@x\" state=\"partial\"/></user></users>"));
    auto const* fresh = find_user(t, "sip:new@x");
    BOOST_TEST_REQUIRE(fresh != nullptr);
    BOOST_TEST(fresh->state == element_state::full);
    BOOST_TEST_REQUIRE(fresh->endpoints.size() == 1u);
    BOOST_TEST(fresh->endpoints[0].entity == "sip:here@x");
    BOOST_TEST(fresh->endpoints[0].state == element_state::full);
    // A deleted container goes.
    applied(t, notification("state=\"partial\" version=\"7\"", "<users state=\"deleted\"/>"));
    BOOST_TEST(!t.state().users.has_value());
    // Sidebars by value merge like conferences.
    applied(t, notification("state=\"partial\" version=\"8\"",
                            "<sidebars-by-val state=\"partial\"><entry entity=\"sip:s@x\" state=\"partial\">"
                            "<users state=\"partial\"><user entity=\"sip:a@x\"/></users></entry></sidebars-by-val>"));
    BOOST_TEST_REQUIRE(t.state().sidebars_by_val->entries.size() == 1u);
    BOOST_TEST(t.state().sidebars_by_val->entries[0].state == element_state::full);
    BOOST_TEST(t.state().sidebars_by_val->entries[0].users->entries[0].entity == "sip:a@x");
}

BOOST_AUTO_TEST_CASE(refusals_leave_the_state_unchanged)
{
    conference_tracker t;
    auto missing = feed(t, "<conference-info xmlns=\"urn:ietf:params:xml:ns:conference-info\" entity=\"sip:c@x\"/>");
    BOOST_TEST_REQUIRE(!missing.has_value());
    BOOST_TEST(missing.error().code == make_error_code(errc::missing_version));
    BOOST_TEST(missing.error().message ==
               "conference-info: a notification needs a version attribute (RFC 4575 section 4.6)");

    applied(t, notification("version=\"1\"", "<users><user entity=\"sip:a@x\"/></users>"));
    auto other = feed(t, "<conference-info xmlns=\"urn:ietf:params:xml:ns:conference-info\" "
                         "entity=\"sip:other@x\" state=\"partial\" version=\"2\"><users state=\"deleted\"/>"
                         "</conference-info>");
    BOOST_TEST_REQUIRE(!other.has_value());
    BOOST_TEST(other.error().code == make_error_code(errc::entity_mismatch));
    BOOST_TEST(other.error().message ==
               "conference-info: partial state for sip:other@x does not apply to sip:conf233@example.com");
    BOOST_TEST(t.state().users.has_value());
    BOOST_TEST(*t.version() == 1u);

    conference_limits lim;
    lim.max_users = 2;
    conference_tracker small(lim);
    applied(small, notification("version=\"1\"", "<users><user entity=\"sip:a@x\"/><user entity=\"sip:b@x\"/>"
                                                  "</users>"));
    auto over = feed(small, notification("state=\"partial\" version=\"2\"",
                                         "<users state=\"partial\"><user entity=\"sip:c@x\"/></users>"));
    BOOST_TEST_REQUIRE(!over.has_value());
    BOOST_TEST(over.error().code == make_error_code(errc::state_limit));
    BOOST_TEST(small.state().users->entries.size() == 2u);
    BOOST_TEST(*small.version() == 1u);
    // Replacing a user keeps the count: allowed.
    BOOST_TEST((applied(small, notification("state=\"partial\" version=\"2\"",
                                            "<users state=\"partial\"><user entity=\"sip:b@x\">"
                                            "<display-text>B</display-text></user></users>")) ==
                apply_outcome::applied));
    auto too_big = feed(small, notification("version=\"3\"", "<users><user entity=\"sip:a@x\"/><user entity=\"sip:b@x\"/>"
                                                             "<user entity=\"sip:c@x\"/></users>"));
    BOOST_TEST(!too_big.has_value());
    BOOST_TEST(*small.version() == 2u);
}

BOOST_AUTO_TEST_CASE(deleted_conference)
{
    conference_tracker t;
    applied(t, notification("version=\"1\"", "<users><user entity=\"sip:a@x\"/></users>"));
    BOOST_TEST((applied(t, notification("state=\"deleted\" version=\"2\"", "")) == apply_outcome::applied));
    BOOST_TEST(t.state().state == element_state::deleted);
    BOOST_TEST(!t.state().users.has_value());
    BOOST_TEST(to_string(apply_outcome::resync) == "resync");
}
