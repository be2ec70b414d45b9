// One INVITE, several dialogs (RFC 3261 12.1.2, 13.2.2.3, 13.2.2.4): a
// forking proxy relays 1xx and 2xx from several UASs, one dialog per To tag.
#define BOOST_TEST_MODULE sip_dialog_forks
#include <boost/test/unit_test.hpp>

#include "messages.hpp"

#include "sip/dialog/forks.hpp"
#include "sip/dialog/request.hpp"

using namespace cpm::sip;
using namespace cpm::sip::dialog;
using namespace cpm::sip::dialog::test;
using outcome = invite_forks::outcome;

namespace {

invite_forks make() { return invite_forks(parse(invite_text()), alice_options()); }

invite_forks::result_type feed(invite_forks& f, unsigned code, std::string_view tag,
                               std::string_view contact = "<sip:bob@192.0.2.4>")
{
    return f.on_response(parse(response_text(code, tag, contact)));
}

} // namespace

BOOST_AUTO_TEST_CASE(rfc3261_12_1_2_early_dialogs_one_per_tag)
{
    auto f = make();
    BOOST_TEST((feed(f, 100, "").what == outcome::ignored));
    BOOST_TEST((feed(f, 180, "").what == outcome::ignored)); // no To tag: no dialog
    auto a = feed(f, 180, "fork-a", "<sip:bob@desk.example.com>");
    BOOST_TEST((a.what == outcome::early_created));
    BOOST_TEST(a.dialog->id().remote_tag == "fork-a");
    BOOST_TEST((feed(f, 183, "fork-a").what == outcome::early_updated));
    auto b = feed(f, 180, "fork-b", "<sip:bob@mobile.example.com>");
    BOOST_TEST((b.what == outcome::early_created));
    BOOST_TEST(f.dialogs().size() == 2u);
    BOOST_TEST(f.find("fork-b")->remote_target() == "sip:bob@mobile.example.com");
    BOOST_TEST((f.find("fork-a")->current() == state::early));
}

BOOST_AUTO_TEST_CASE(rfc3261_13_2_2_4_forked_2xx_create_several_confirmed_dialogs)
{
    auto f = make();
    feed(f, 180, "fork-a", "<sip:bob@desk.example.com>");
    auto a = feed(f, 200, "fork-a", "<sip:bob@desk.example.com>");
    BOOST_TEST((a.what == outcome::confirmed));
    BOOST_TEST((a.dialog->current() == state::confirmed));
    // A second fork answers 2xx too: a new dialog, confirmed at once.
    auto b = feed(f, 200, "fork-b", "<sip:bob@mobile.example.com>");
    BOOST_TEST((b.what == outcome::created_confirmed));
    BOOST_TEST(f.dialogs().size() == 2u);
    // A retransmission of fork-a's 2xx: the same ACK again.
    auto again = feed(f, 200, "fork-a", "<sip:bob@desk.example.com>");
    BOOST_TEST((again.what == outcome::retransmitted_2xx));
    BOOST_TEST(again.dialog == a.dialog);

    // 13.2.2.4: each 2xx is acknowledged in its own dialog: same CSeq
    // number, To tags and targets of each fork.
    std::string ack_a, ack_b;
    request_options options;
    options.via = "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKa1";
    build_ack(*f.find("fork-a"), f.invite(), ack_a, options);
    options.via = "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKa2";
    build_ack(*f.find("fork-b"), f.invite(), ack_b, options);
    auto pa = parse(ack_a);
    auto pb = parse(ack_b);
    BOOST_TEST(pa.start_line() == "ACK sip:bob@desk.example.com SIP/2.0");
    BOOST_TEST(pb.start_line() == "ACK sip:bob@mobile.example.com SIP/2.0");
    BOOST_TEST(pa.to().tag == "fork-a");
    BOOST_TEST(pb.to().tag == "fork-b");
    BOOST_TEST(pa.cseq().number == 314159u);
    BOOST_TEST(pb.cseq().number == 314159u);
    // Each dialog then ends on its own (the UAC keeps one, BYEs the other).
    std::string bye;
    options.via = "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKa3";
    build_request(*f.find("fork-b"), method::bye, bye, options);
    BOOST_TEST(first_line(bye) == "BYE sip:bob@mobile.example.com SIP/2.0");
}

BOOST_AUTO_TEST_CASE(rfc3261_13_2_2_3_non_2xx_final_ends_every_early_dialog)
{
    auto f = make();
    feed(f, 180, "fork-a");
    feed(f, 180, "fork-b");
    BOOST_TEST((feed(f, 486, "fork-c").what == outcome::terminated_early));
    for (auto const& d : f.dialogs())
        BOOST_TEST((d.current() == state::terminated));
}

BOOST_AUTO_TEST_CASE(rfc3261_13_2_2_4_2xx_after_other_fork_2xx_keeps_confirmed)
{
    auto f = make();
    feed(f, 180, "fork-a");
    feed(f, 200, "fork-b");
    // fork-a is still early; its 2xx confirms it later.
    BOOST_TEST((f.find("fork-a")->current() == state::early));
    BOOST_TEST((feed(f, 200, "fork-a").what == outcome::confirmed));
    // A 1xx for a confirmed dialog changes nothing.
    BOOST_TEST((feed(f, 180, "fork-a").what == outcome::ignored));
}
