// The in-memory location service (RFC 3261 10.2/10.3 bindings read by the
// proxy in 16.5): packing round trip, q-then-recency order, expiry, the
// RFC 5627 temp-gruu index, atomic updates, readers and writers on several
// threads, and 100,000 registrations (issue 6 section 4).
#define BOOST_TEST_MODULE cpm_core_location
#include <boost/test/unit_test.hpp>

#include "cpm/core/gruu.hpp"
#include "cpm/core/memory_location.hpp"

#include <atomic>
#include <thread>

using namespace cpm::core;
using namespace std::chrono_literals;
namespace stack = cpm::sip::stack;

namespace {

wall_clock::time_point const t0 = wall_clock::time_point(std::chrono::seconds(1795564800));

binding make(std::string contact, std::uint16_t q = 1000, wall_clock::time_point registered = t0,
             std::chrono::seconds life = 3600s)
{
    binding b;
    b.contact = std::move(contact);
    b.q = q;
    b.registered = registered;
    b.expires = registered + life;
    b.call_id = "call-1";
    b.cseq = 1;
    return b;
}

std::vector<std::string> contacts_of(std::vector<binding> const& bs)
{
    std::vector<std::string> out;
    for (auto const& b : bs)
        out.push_back(b.contact);
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(every_field_survives_packing)
{
    memory_location loc;
    binding b = make("sip:alice@192.0.2.1:5062;transport=tcp", 700);
    b.instance = "<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>";
    b.reg_id = 2;
    b.call_id = "a84b4c76e66710@pc33.example.com";
    b.cseq = 4711;
    b.path = {"<sip:edge1.example.com;lr;ob>", "<sip:edge2.example.com;lr>"};
    b.feature_params = ";+g.oma.sip-im;+sip.instance=\"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>\"";
    b.temp_gruu = "0123456789abcdef01234567.1";
    b.received = stack::peer{"192.0.2.1", 5062, stack::transport_kind::tcp};
    loc.store("sip:alice@example.com", {b});

    auto got = loc.lookup("sip:alice@example.com", t0);
    BOOST_TEST_REQUIRE(got.size() == 1u);
    auto const& g = got.front();
    BOOST_TEST(g.contact == b.contact);
    BOOST_TEST(g.instance == b.instance);
    BOOST_TEST(g.reg_id == 2u);
    BOOST_TEST(g.q == 700);
    BOOST_TEST((g.expires == b.expires));
    BOOST_TEST((g.registered == b.registered));
    BOOST_TEST(g.call_id == b.call_id);
    BOOST_TEST(g.cseq == 4711u);
    BOOST_TEST(g.path == b.path, boost::test_tools::per_element());
    BOOST_TEST(g.feature_params == b.feature_params);
    BOOST_TEST(g.temp_gruu == b.temp_gruu);
    BOOST_TEST((g.received == b.received));

    // Empty strings and no Path stay empty.
    loc.store("sip:bob@example.com", {make("sip:bob@192.0.2.2")});
    auto bob = loc.lookup("sip:bob@example.com", t0);
    BOOST_TEST_REQUIRE(bob.size() == 1u);
    BOOST_TEST(bob.front().path.empty());
    BOOST_TEST(bob.front().instance.empty());
    BOOST_TEST(loc.lookup("sip:carol@example.com", t0).empty());
    BOOST_TEST(loc.lookup("sip:Alice@example.com", t0).empty()); // AORs compare exactly (canonical form)
}

BOOST_AUTO_TEST_CASE(lookup_orders_by_q_then_most_recent)
{
    memory_location loc;
    loc.store("sip:alice@example.com", {make("sip:a@old", 500, t0), make("sip:b@top", 1000, t0),
                                        make("sip:c@new", 500, t0 + 10s), make("sip:d@low", 100, t0 + 20s)});
    std::vector<std::string> const expected{"sip:b@top", "sip:c@new", "sip:a@old", "sip:d@low"};
    BOOST_TEST(contacts_of(loc.lookup("sip:alice@example.com", t0 + 30s)) == expected,
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(expired_bindings_are_hidden_then_purged)
{
    memory_location loc;
    loc.store("sip:alice@example.com", {make("sip:a@short", 1000, t0, 60s), make("sip:a@long", 1000, t0, 600s)});
    loc.store("sip:bob@example.com", {make("sip:b@short", 1000, t0, 60s)});
    BOOST_TEST(loc.lookup("sip:alice@example.com", t0 + 59s).size() == 2u);
    BOOST_TEST(contacts_of(loc.lookup("sip:alice@example.com", t0 + 60s)) == std::vector<std::string>{"sip:a@long"},
               boost::test_tools::per_element());
    BOOST_TEST(loc.lookup("sip:bob@example.com", t0 + 61s).empty());
    BOOST_TEST(loc.binding_count() == 3u); // hidden, not yet removed
    BOOST_TEST(loc.purge(t0 + 61s) == 2u);
    BOOST_TEST(loc.binding_count() == 1u);
    BOOST_TEST(loc.aor_count() == 1u);
    BOOST_TEST(loc.purge(t0 + 601s) == 1u);
    BOOST_TEST(loc.aor_count() == 0u);
}

BOOST_AUTO_TEST_CASE(storing_nothing_removes_the_aor)
{
    memory_location loc;
    loc.store("sip:alice@example.com", {make("sip:a@1"), make("sip:a@2")});
    BOOST_TEST(loc.aor_count() == 1u);
    BOOST_TEST(loc.binding_count() == 2u);
    loc.store("sip:alice@example.com", {make("sip:a@3")});
    BOOST_TEST(loc.binding_count() == 1u);
    loc.store("sip:alice@example.com", {});
    BOOST_TEST(loc.aor_count() == 0u);
    BOOST_TEST(loc.binding_count() == 0u);
    loc.store("sip:nobody@example.com", {});
    BOOST_TEST(loc.aor_count() == 0u);
}

BOOST_AUTO_TEST_CASE(temp_gruu_index_rfc5627)
{
    memory_location loc;
    temp_gruu_issuer issuer("location test secret, 32 bytes!");
    auto const first = issuer.issue("sip:alice@example.com", "<urn:uuid:1>", "call-1");
    auto const refresh = issuer.issue("sip:alice@example.com", "<urn:uuid:1>", "call-1");
    BOOST_TEST(first != refresh);                                   // 5.1.2: a new one each time
    BOOST_TEST(temp_gruu_key(first) == temp_gruu_key(refresh));     // same registration
    BOOST_TEST(temp_gruu_key(first).size() == 24u);

    binding b = make("sip:alice@192.0.2.1");
    b.instance = "<urn:uuid:1>";
    b.temp_gruu = refresh;
    loc.store("sip:alice@example.com", {b, make("sip:alice@192.0.2.9")});

    for (auto const& user : {first, refresh}) {
        auto found = loc.find_temp_gruu(user, t0);
        BOOST_TEST_REQUIRE(found.has_value());
        BOOST_TEST(found->first == "sip:alice@example.com");
        BOOST_TEST(found->second.contact == "sip:alice@192.0.2.1");
    }
    BOOST_TEST(!loc.find_temp_gruu("0123456789abcdef01234567.1", t0).has_value());
    BOOST_TEST(!loc.find_temp_gruu(refresh, t0 + 3600s).has_value()); // expired

    // 5.1.2: a new Call-ID (a rebooted UA) makes the old temp-gruus unknown.
    b.temp_gruu = issuer.issue("sip:alice@example.com", "<urn:uuid:1>", "call-2");
    BOOST_TEST(temp_gruu_key(b.temp_gruu) != temp_gruu_key(first));
    loc.store("sip:alice@example.com", {b});
    BOOST_TEST(!loc.find_temp_gruu(first, t0).has_value());
    BOOST_TEST(loc.find_temp_gruu(b.temp_gruu, t0).has_value());
    loc.store("sip:alice@example.com", {});
    BOOST_TEST(!loc.find_temp_gruu(b.temp_gruu, t0).has_value());
}

BOOST_AUTO_TEST_CASE(gruu_uris)
{
    BOOST_TEST(public_gruu("sip:alice@example.com", "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6") ==
               "sip:alice@example.com;gr=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    BOOST_TEST(temp_gruu_uri("abc.1", "example.com") == "sip:abc.1@example.com;gr");
    BOOST_TEST(temp_gruu_uri("abc.1", "example.com", true) == "sips:abc.1@example.com;gr");
    BOOST_TEST(temp_gruu_key("abc.def.12") == "abc.def");
    BOOST_TEST(temp_gruu_key("nodot") == "nodot");
    // Another secret gives another key: the keys are not guessable from the AOR.
    temp_gruu_issuer a("secret one, at least 16 bytes"), b("secret two, at least 16 bytes");
    BOOST_TEST(temp_gruu_key(a.issue("sip:x@example.com", "<urn:uuid:1>", "c")) !=
               temp_gruu_key(b.issue("sip:x@example.com", "<urn:uuid:1>", "c")));
}

BOOST_AUTO_TEST_CASE(update_is_all_or_nothing)
{
    memory_location loc;
    loc.store("sip:alice@example.com", {make("sip:a@1")});
    bool const aborted = loc.update("sip:alice@example.com", t0, [](std::vector<binding>& bs) {
        bs.clear();
        return false;
    });
    BOOST_TEST(!aborted);
    BOOST_TEST(loc.binding_count() == 1u);
    bool const done = loc.update("sip:alice@example.com", t0, [](std::vector<binding>& bs) {
        BOOST_TEST(bs.size() == 1u);
        bs.push_back(make("sip:a@2", 900));
        return true;
    });
    BOOST_TEST(done);
    BOOST_TEST(contacts_of(loc.lookup("sip:alice@example.com", t0)) == (std::vector<std::string>{"sip:a@1", "sip:a@2"}),
               boost::test_tools::per_element());
    // The change sees only live bindings; expired ones are dropped on write.
    loc.update("sip:alice@example.com", t0 + 7200s, [](std::vector<binding>& bs) {
        BOOST_TEST(bs.empty());
        return true;
    });
    BOOST_TEST(loc.aor_count() == 0u);
}

BOOST_AUTO_TEST_CASE(readers_and_writers_on_several_threads)
{
    memory_location loc;
    std::atomic<bool> stop{false};
    std::atomic<std::size_t> reads{0};
    std::vector<std::thread> readers;
    for (int r = 0; r < 3; ++r)
        readers.emplace_back([&] {
            while (!stop.load()) {
                auto bs = loc.lookup("sip:user7@example.com", t0);
                // Never a torn binding: each store writes one whole list.
                for (auto const& b : bs)
                    if (b.contact.rfind("sip:user7@", 0) != 0)
                        throw std::runtime_error("torn binding");
                ++reads;
            }
        });
    for (int round = 0; round < 200; ++round)
        for (int u = 0; u < 20; ++u) {
            std::string const aor = "sip:user" + std::to_string(u) + "@example.com";
            loc.update(aor, t0, [&](std::vector<binding>& bs) {
                bs.assign(1 + round % 3, make("sip:user" + std::to_string(u) + "@192.0.2." + std::to_string(round)));
                return true;
            });
        }
    stop = true;
    for (auto& t : readers)
        t.join();
    BOOST_TEST(reads.load() > 0u);
    BOOST_TEST(loc.aor_count() == 20u);
    BOOST_TEST(loc.binding_count() == 20u * (1 + 199 % 3));
}

BOOST_AUTO_TEST_CASE(one_hundred_thousand_registrations)
{
    // Issue 6: 100,000 registrations (the memory figure is bench-registrations').
    memory_location loc;
    temp_gruu_issuer issuer("bench secret, 32 bytes long.....");
    constexpr int n = 100000;
    for (int i = 0; i < n; ++i) {
        std::string const user = "user" + std::to_string(i);
        std::string const aor = "sip:" + user + "@example.com";
        binding b = make("sip:" + user + "@192.0.2.1:" + std::to_string(10000 + i % 50000) + ";transport=tcp");
        b.instance = "<urn:uuid:00000000-0000-0000-0000-" + std::to_string(100000000000 + i) + ">";
        b.reg_id = 1;
        b.feature_params = ";+g.oma.sip-im;+sip.instance=\"" + b.instance + "\"";
        b.temp_gruu = issuer.issue(aor, b.instance, b.call_id);
        b.received = stack::peer{"192.0.2.1", static_cast<std::uint16_t>(10000 + i % 50000), stack::transport_kind::tcp};
        loc.store(aor, {std::move(b)});
    }
    BOOST_TEST(loc.aor_count() == std::size_t(n));
    BOOST_TEST(loc.binding_count() == std::size_t(n));
    auto some = loc.lookup("sip:user77777@example.com", t0);
    BOOST_TEST_REQUIRE(some.size() == 1u);
    BOOST_TEST(some.front().contact == "sip:user77777@192.0.2.1:37777;transport=tcp");
    auto via_gruu = loc.find_temp_gruu(some.front().temp_gruu, t0);
    BOOST_TEST_REQUIRE(via_gruu.has_value());
    BOOST_TEST(via_gruu->first == "sip:user77777@example.com");
    BOOST_TEST(loc.purge(t0 + 3601s) == std::size_t(n));
    BOOST_TEST(loc.binding_count() == 0u);
}
