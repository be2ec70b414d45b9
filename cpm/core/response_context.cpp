#include "cpm/core/response_context.hpp"

#include "sip/header_id.hpp"

#include <algorithm>
#include <array>

namespace cpm::core {

namespace {

/// 16.7 step 6: within the 4xx class, "responses that provide information
/// affecting resubmission of this request".
bool resubmission_hint(unsigned status) noexcept
{
    constexpr std::array<unsigned, 5> hints{401, 407, 415, 420, 484};
    return std::find(hints.begin(), hints.end(), status) != hints.end();
}

bool is_challenge(unsigned status) noexcept { return status == 401 || status == 407; }

} // namespace

std::size_t response_context::add_branch()
{
    branches_.push_back({});
    ++pending_;
    return branches_.size() - 1;
}

disposition response_context::on_response(std::size_t b, sip::stack::message_ptr response)
{
    unsigned const status = response->status_code();
    disposition d;
    if (status < 200) {
        // 16.7 step 5: 100 is not forwarded; other provisional responses
        // are, until a final one went.
        d.forward = status > 100 && !final_sent_;
        return d;
    }
    if (status < 300) {
        // 16.7 step 5: any 2xx to an INVITE is forwarded at once (every
        // fork's, retransmissions included: RFC 6026 7.2 and 8.5); a 2xx to
        // another request only while no final response went.
        d.forward = invite_ || !final_sent_;
        if (d.forward) {
            final_sent_ = true;
            success_sent_ = true;
        }
        // 16.7 step 10: a final response went, cancel the others (a 2xx
        // retransmission, or a further 2xx of the same fork, changes nothing).
        if (!branches_[b].done) {
            finish(b, status, std::move(response));
            d.cancel_pending = invite_;
        }
        return d;
    }
    if (branches_[b].done)
        return d; // a retransmitted final response
    // 16.7 step 5: a 6xx is not forwarded at once, but the pending
    // branches are cancelled.
    if (status >= 600)
        d.cancel_pending = invite_;
    d.send_best = finish(b, status, std::move(response)).send_best;
    return d;
}

disposition response_context::on_failure(std::size_t b, unsigned status)
{
    if (branches_[b].done)
        return {};
    return finish(b, status, nullptr);
}

disposition response_context::finish(std::size_t b, unsigned status, sip::stack::message_ptr response)
{
    auto& br = branches_[b];
    br.done = true;
    br.status = status;
    br.response = std::move(response);
    --pending_;
    disposition d;
    // 16.7 step 6: "until all client transactions ... are terminated"
    // (done, for the purpose of choosing) and no final response went.
    d.send_best = pending_ == 0 && !final_sent_;
    return d;
}

best_response response_context::best() const
{
    branch const* chosen = nullptr;
    auto better = [](branch const& a, branch const& b) {
        // 6xx first; else the lowest class; within 4xx the resubmission
        // hints; a 503 (or a transport failure) only when nothing else of
        // its class came; otherwise the first received.
        bool const a6 = a.status >= 600, b6 = b.status >= 600;
        if (a6 != b6)
            return a6;
        if (a6)
            return false;
        unsigned const ac = a.status / 100, bc = b.status / 100;
        if (ac != bc)
            return ac < bc;
        if (ac == 4 && resubmission_hint(a.status) != resubmission_hint(b.status))
            return resubmission_hint(a.status);
        if (ac == 5 && (a.status == 503) != (b.status == 503))
            return b.status == 503;
        return false;
    };
    for (auto const& br : branches_)
        if (br.done && br.status >= 300 && (chosen == nullptr || better(br, *chosen)))
            chosen = &br;
    best_response out;
    if (chosen == nullptr)
        return out; // 408: no final response stored
    out.status = chosen->status;
    out.response = chosen->response;
    if (chosen->status == 503) {
        // 16.7 step 6: a 503 is not forwarded: "the proxy SHOULD generate a
        // 500 (Server Internal Error) response and forward that upstream".
        out.status = 500;
        out.response = nullptr;
    }
    if (is_challenge(out.status) && out.response) {
        // 16.7 step 7: the challenges of every other 401 and 407, unmodified.
        for (auto const& br : branches_) {
            if (&br == chosen || !br.response || !is_challenge(br.status))
                continue;
            for (auto const& h : br.response->headers())
                if (h.id == sip::header_id::www_authenticate || h.id == sip::header_id::proxy_authenticate)
                    out.extra_challenges.append(h.line);
        }
    }
    return out;
}

} // namespace cpm::core
