// Nonce-count replay table: fresh, replayed and forgotten nonces, the bound.
#define BOOST_TEST_MODULE sip_auth_nonce_count_table
#include <boost/test/unit_test.hpp>

#include "auth_fixture.hpp"

#include "sip/auth/nonce_count_table.hpp"

using namespace cpm::sip::auth;
using namespace cpm::sip::auth::test;
using v = nonce_count_table::verdict;

BOOST_AUTO_TEST_CASE(increasing_counts_are_fresh)
{
    nonce_count_table t(8, 300s);
    BOOST_TEST((t.record("n1", t0, 1, t0) == v::fresh));
    BOOST_TEST((t.record("n1", t0, 2, t0) == v::fresh));
    BOOST_TEST((t.record("n1", t0, 5, t0) == v::fresh)); // gaps are fine (lost requests)
    BOOST_TEST(t.size() == 1u);
}

BOOST_AUTO_TEST_CASE(equal_or_lower_count_is_a_replay)
{
    nonce_count_table t(8, 300s);
    BOOST_TEST((t.record("n1", t0, 3, t0) == v::fresh));
    BOOST_TEST((t.record("n1", t0, 3, t0) == v::replay));
    BOOST_TEST((t.record("n1", t0, 2, t0) == v::replay));
    BOOST_TEST((t.record("n1", t0, 4, t0) == v::fresh));
}

BOOST_AUTO_TEST_CASE(nonces_are_counted_apart)
{
    nonce_count_table t(8, 300s);
    BOOST_TEST((t.record("n1", t0, 1, t0) == v::fresh));
    BOOST_TEST((t.record("n2", t0, 1, t0) == v::fresh));
    BOOST_TEST((t.record("n2", t0, 1, t0) == v::replay));
    BOOST_TEST(t.size() == 2u);
}

BOOST_AUTO_TEST_CASE(full_table_evicts_the_oldest_and_refuses_what_it_forgot)
{
    nonce_count_table t(2, 300s);
    BOOST_TEST((t.record("old", t0, 1, t0) == v::fresh));
    BOOST_TEST((t.record("mid", t0 + 1s, 1, t0 + 1s) == v::fresh));
    BOOST_TEST((t.record("new", t0 + 2s, 1, t0 + 2s) == v::fresh)); // evicts "old"
    BOOST_TEST(t.size() == 2u);
    // "old" may have been used with any nc: it cannot be trusted again.
    BOOST_TEST((t.record("old", t0, 9, t0 + 3s) == v::forgotten));
    // Nor can an unseen nonce issued as early.
    BOOST_TEST((t.record("other-old", t0, 1, t0 + 3s) == v::forgotten));
    BOOST_TEST((t.record("mid", t0 + 1s, 1, t0 + 3s) == v::replay));
    BOOST_TEST((t.record("newer", t0 + 3s, 1, t0 + 3s) == v::fresh));
}

BOOST_AUTO_TEST_CASE(expired_entries_go_without_forgetting_fresh_nonces)
{
    nonce_count_table t(2, 300s);
    BOOST_TEST((t.record("a", t0, 1, t0) == v::fresh));
    BOOST_TEST((t.record("b", t0 + 400s, 1, t0 + 400s) == v::fresh)); // drops "a" (expired)
    BOOST_TEST(t.size() == 1u);
    BOOST_TEST((t.record("c", t0 + 399s, 1, t0 + 401s) == v::fresh)); // issued after a: not forgotten
    BOOST_TEST(t.size() == 2u);
}
