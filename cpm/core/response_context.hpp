#pragma once
/// @file
/// The response context of a stateful proxy (RFC 3261 16.7): the branches
/// one server transaction was forwarded on, the final responses they
/// brought, and the decisions of response processing: what goes upstream
/// at once (1xx but 100, every 2xx), when pending branches are cancelled
/// (a 2xx or 6xx, step 5 and 10), and which response is best once every
/// branch is done (step 6: 6xx first, else the lowest class, a 503 turned
/// into 500, 408 when nothing came; step 7: the challenges of every 401 and
/// 407 merged). Pure logic: no core, no I/O; the proxy acts on it.

#include "sip/stack/actions.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cpm::core {

/// What the proxy does after one event of a branch.
struct disposition {
    /// Forward this response upstream now (16.7 step 5): a 101-199, or a
    /// 2xx (to an INVITE even after a final response went, RFC 6026).
    bool forward = false;
    /// 16.7 steps 5 and 10: cancel every pending branch (a 2xx or a 6xx
    /// to an INVITE came).
    bool cancel_pending = false;
    /// Every branch is done and no final response went upstream yet: send
    /// best() now (16.7 step 6).
    bool send_best = false;
};

/// The final response 16.7 step 6 selects.
struct best_response {
    unsigned status = 408;
    /// The response to forward (its top Via stripped); null when the proxy
    /// writes its own: 408 when no final response came (every branch timed
    /// out, 8.1.3.1), 500 in place of a 503 (16.7 step 6).
    sip::stack::message_ptr response;
    /// 16.7 step 7: when the best is a 401 or 407, the WWW-Authenticate and
    /// Proxy-Authenticate fields of every other 401 and 407 of the context,
    /// as whole lines ("Name: value\r\n"), to add before forwarding.
    std::string extra_challenges;
};

class response_context {
public:
    explicit response_context(bool invite) noexcept : invite_(invite) {}

    /// A new branch (16.6): its index.
    std::size_t add_branch();
    std::size_t branch_count() const noexcept { return branches_.size(); }
    /// The branch has no final response yet.
    bool pending(std::size_t branch) const noexcept { return !branches_[branch].done; }
    /// No branch is pending.
    bool complete() const noexcept { return pending_ == 0; }
    /// A final response went upstream.
    bool final_sent() const noexcept { return final_sent_; }
    /// A 2xx went upstream (an INVITE context then lingers for the 2xx
    /// retransmissions of its branches, RFC 6026).
    bool success_sent() const noexcept { return success_sent_; }

    /// 16.7 steps 4, 5 and 10 for @p response, received on @p branch.
    disposition on_response(std::size_t branch, sip::stack::message_ptr response);
    /// 8.1.3.1: @p branch got no response (408: Timer B, F or C) or could
    /// not be sent (503); handled as a response with that status.
    disposition on_failure(std::size_t branch, unsigned status);

    /// 16.7 step 6 and 7, from the final responses stored so far.
    best_response best() const;

    /// The proxy sent a final response upstream (best(), or a 2xx forwarded).
    void mark_final_sent() noexcept { final_sent_ = true; }

private:
    struct branch {
        bool done = false;
        unsigned status = 0;                ///< final status, 0 while pending
        sip::stack::message_ptr response{}; ///< the final response; null for a failure
    };

    disposition finish(std::size_t branch, unsigned status, sip::stack::message_ptr response);

    bool invite_;
    bool final_sent_ = false;
    bool success_sent_ = false;
    std::size_t pending_ = 0;
    std::vector<branch> branches_;
};

} // namespace cpm::core
