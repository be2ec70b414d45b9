#pragma once
/// @file
/// Transaction timer values (RFC 3261 17 and table 4 of appendix A, RFC 6026
/// section 8, RFC 4320 section 4.1), one set per stack instance.

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace cpm::sip::transaction {

using duration = std::chrono::milliseconds;

/// Names of the timers a machine starts and stops. The driver keeps at most
/// one instance of each per transaction: starting an armed timer restarts it.
enum class timer_id : std::uint8_t {
    a, ///< INVITE request retransmission (17.1.1.2), unreliable transports only
    b, ///< INVITE transaction timeout (17.1.1.2)
    d, ///< wait time for response retransmissions (17.1.1.2)
    e, ///< non-INVITE request retransmission (17.1.2.2), unreliable transports only
    f, ///< non-INVITE transaction timeout (17.1.2.2)
    g, ///< INVITE response retransmission (17.2.1), unreliable transports only
    h, ///< wait time for ACK receipt (17.2.1)
    i, ///< wait time for ACK retransmissions (17.2.1)
    j, ///< wait time for non-INVITE request retransmissions (17.2.2)
    k, ///< wait time for response retransmissions (17.1.2.2)
    l, ///< wait time for accepted INVITE request retransmissions (RFC 6026 7.1)
    m, ///< wait time for retransmission of 2xx to INVITE or additional 2xx from other branches (RFC 6026 7.2)
    trying, ///< the server transaction sends 100 (Trying) when it fires (17.2.1, RFC 4320 4.1)
};

/// Number of timer_id values.
inline constexpr std::size_t timer_count = 13;

/// Timer values of one stack instance (RFC 3261 appendix A, table 4). The
/// derived values default to the RFC's formulas over the default T1, T2 and
/// T4; scaled() recomputes them all from other base values. Each field may
/// also be set on its own. The transaction machines apply the reliable
/// transport rule themselves: A, E and G are not started and D, I, J and K
/// count as zero on a reliable transport, whatever the values here.
struct timers {
    duration t1{500};   ///< RTT estimate
    duration t2{4000};  ///< maximum retransmit interval for non-INVITE requests and INVITE responses
    duration t4{5000};  ///< maximum duration a message will remain in the network

    duration b{64 * 500};  ///< 64*T1: INVITE transaction timeout
    /// Proxy INVITE transaction timeout, > 3 min (16.6 step 11, 16.7 step 2):
    /// kept here so one struct holds the stack's timers; the proxy core runs it,
    /// no transaction machine does.
    duration c{181'000};
    duration d{32'000};    ///< > 32 s for UDP, 0 for reliable transports
    duration f{64 * 500};  ///< 64*T1: non-INVITE transaction timeout
    duration h{64 * 500};  ///< 64*T1: wait time for ACK receipt
    duration i{5000};      ///< T4 for UDP, 0 for reliable transports
    duration j{64 * 500};  ///< 64*T1 for UDP, 0 for reliable transports
    duration k{5000};      ///< T4 for UDP, 0 for reliable transports
    duration l{64 * 500};  ///< 64*T1 (RFC 6026 8.7)
    duration m{64 * 500};  ///< 64*T1 (RFC 6026 8.4)

    /// 17.2.1: an INVITE server transaction sends 100 (Trying) unless the TU
    /// answers within 200 ms. Zero sends it at once.
    duration trying_invite{200};
    /// RFC 4320 4.1: a non-INVITE server transaction that has not otherwise
    /// responded sends 100 once a client's Timer E would have reached T2
    /// (T1 + 2*T1 + 4*T1 = 3.5 s with the defaults); see timer_e_reaches_t2().
    duration trying_non_invite{3500};

    /// Every derived value recomputed from @p t1, @p t2 and @p t4 by the
    /// formulas of table 4 (D and C are not functions of T1: they keep their values).
    static timers scaled(duration t1, duration t2, duration t4) noexcept;

    /// The time from sending a non-INVITE request until its Timer E is reset
    /// to T2 (17.1.2.2: T1, then MIN(2*T1, T2), MIN(4*T1, T2), ...): the sum
    /// of the intervals before the first one equal to T2. T1 >= T2 gives T1.
    static duration timer_e_reaches_t2(duration t1, duration t2) noexcept;
};

inline duration timers::timer_e_reaches_t2(duration t1, duration t2) noexcept
{
    if (t1 <= duration::zero())
        return duration::zero();
    duration elapsed{0};
    duration interval = t1;
    for (;;) {
        elapsed += interval;
        interval = std::min(2 * interval, t2);
        if (interval >= t2)
            return elapsed;
    }
}

inline timers timers::scaled(duration t1, duration t2, duration t4) noexcept
{
    timers t;
    t.t1 = t1;
    t.t2 = t2;
    t.t4 = t4;
    t.b = t.f = t.h = t.j = t.l = t.m = 64 * t1;
    t.i = t.k = t4;
    t.trying_non_invite = timer_e_reaches_t2(t1, t2);
    return t;
}

} // namespace cpm::sip::transaction
