#pragma once
/// @file
/// The authenticating stateful proxy of the SIP/IP core (RFC 3261 16) as
/// a transaction user of a stack core in proxy mode (config::forwards):
/// request validation the core leaves to it (16.3 step 4 loop detection),
/// Route preprocessing (16.4), Digest authentication of our users with 407
/// (22.3), RFC 3325 asserted identity and RFC 3323 privacy (identity.hpp),
/// target determination from the location service (16.5, targets.hpp:
/// GRUUs, RFC 3841 caller preferences), parallel forking (16.6) and
/// response processing (16.7, response_context.hpp), CANCEL (16.10) and
/// the stateless forwarding of ACKs for 2xx (16.11).
///
/// Sans-I/O: each entry point takes the core the notification came from
/// and acts through it (send_request, respond, cancel, forward_stateless).
/// One proxy per core (per worker strand): not
/// thread-safe; the location service and user directory it reads are shared.
///
/// Not done: 16.6 step 6 (a next hop that is a strict router: no lr on the
/// next Route), RFC 3263 resolution (the driver's), 3xx recursion (16.5:
/// a 3xx is forwarded like any best response), RFC 3325 identity in
/// responses, RFC 3323 header/session privacy (see identity.hpp).
///
/// Policy (issue 6, cpm-server's --trust):
/// - a request from a trusted peer (its source address is in
///   proxy_config::trusted) is never challenged, and its
///   P-Asserted-Identity is kept;
/// - otherwise a request whose From is in our domain (or anonymous, RFC
///   3323 4.1.1.3: "anonymous.invalid") needs valid Proxy-Authorization:
///   407 with a challenge per algorithm when missing or wrong, 403 when the
///   authenticated user is not the From user; the proxy then asserts that
///   user (P-Asserted-Identity). Requests within a dialog this proxy
///   record-routed (a To tag, and our URI on top of Route or, after a
///   strict router, in the Request-URI) are not challenged;
/// - a request from another domain to ours passes unauthenticated;
/// - a request to a domain not ours goes to its Request-URI (16.5) only for
///   an authenticated user or a trusted peer; otherwise 403.
///
/// Next hop (16.6 step 7; no RFC 3263 lookup here: the driver resolves a
/// host name): the first Route value left, else the target URI: its host,
/// its port (5060, 5061 for sips), its transport parameter (sips: TLS).
/// A registered contact is reached over the flow its REGISTER came on (the
/// binding's received peer, RFC 5626 5.3 and the NAT case of RFC 3261
/// 18.2.2), unless the binding has a Path, whose first value is then the
/// next hop (RFC 3327 5.2).

#include "cpm/core/identity.hpp"
#include "cpm/core/location.hpp"
#include "cpm/core/response_context.hpp"
#include "cpm/core/targets.hpp"
#include "cpm/core/users_file.hpp"
#include "sip/auth/challenger.hpp"
#include "sip/stack/actions.hpp"
#include "sip/stack/core.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cpm::core {

struct proxy_config {
    /// The domain this proxy is responsible for (16.5): Request-URIs in it
    /// go to the location service; the realm of its challenges.
    std::string domain = "example.com";
    /// Other host[:port] names of this proxy (its listening addresses): a
    /// Route or Request-URI naming one of them, or the domain without a
    /// user part, names this proxy (16.4). The core's sent_by is one always.
    std::vector<std::string> aliases{};
    /// Source addresses (IP literals) of the Trust Domain (RFC 3325 2.3):
    /// never challenged, their asserted identity kept; a next hop among them
    /// is a trusted recipient.
    std::vector<std::string> trusted{};
    /// 16.6 step 4: Record-Route dialog-creating requests (INVITE,
    /// SUBSCRIBE, REFER without To tag), so requests within the dialog come
    /// through this proxy.
    bool record_route = true;
    /// Secret of the Digest nonces (share it across the workers and nodes).
    std::string nonce_secret;
    /// Server header field value / warn-agent of the responses the proxy writes.
    std::string agent = "cpm-server";
    /// The display name of a user of our domain for its asserted identity;
    /// empty when none. Unset: the user directory's (the users file).
    std::function<std::string(std::string_view user)> display_name{};
    /// Wall clock for nonces and binding expiry (tests fix it).
    std::function<wall_clock::time_point()> clock = [] { return wall_clock::now(); };
};

/// Counters for logs and tests.
struct proxy_stats {
    std::uint64_t forwarded = 0;   ///< requests forwarded (each branch counts)
    std::uint64_t challenged = 0;  ///< 407 sent
    std::uint64_t rejected = 0;    ///< other final responses the proxy wrote itself (403, 404, 480, 482, 483, ...)
    std::uint64_t acks = 0;        ///< ACKs forwarded statelessly
};

class proxy {
public:
    /// @p locations and @p users must outlive the proxy.
    proxy(proxy_config config, location_service const& locations, user_directory const& users);
    ~proxy();
    proxy(proxy const&) = delete;
    proxy& operator=(proxy const&) = delete;

    /// A new request (not a REGISTER for our domain: the registrar takes
    /// those; not ACK or CANCEL: the core handles them), outside or within
    /// a dialog.
    void on_request(sip::stack::core& core, sip::stack::request_received const& n);
    /// A response on one of the proxy's branches (16.7).
    void on_response(sip::stack::core& core, sip::stack::response_received const& n);
    /// A branch got no response or could not be sent (408 / 503, 8.1.3.1).
    void on_request_failed(sip::stack::core& core, sip::stack::request_failed const& n);
    /// The upstream INVITE was cancelled (16.10): every pending branch is.
    void on_cancelled(sip::stack::core& core, sip::stack::request_cancelled const& n);
    /// The upstream server transaction failed (17.2.4, Timer H): pending
    /// branches are cancelled, the context goes when they end.
    void on_response_failed(sip::stack::core& core, sip::stack::response_failed const& n);
    /// An ACK matching no server transaction (the ACK for a 2xx): forwarded
    /// statelessly by its Route set (16.11).
    void on_ack(sip::stack::core& core, sip::stack::ack_to_forward const& n);
    /// A timer the proxy started (the lingering of an INVITE context for
    /// the 2xx retransmissions of its branches, RFC 6026 7.2). Returns
    /// false when the timer is not the proxy's.
    bool on_timer(sip::stack::core& core, sip::stack::tu_timer_fired const& n);

    /// Whether @p address (an IP literal) is a peer of the Trust Domain.
    bool is_trusted(std::string_view address) const noexcept;

    /// Dispatches any notification to the entry point above; returns false
    /// for those the proxy does not take (ack_received, a timer not its own, ...).
    bool on_notification(sip::stack::core& core, sip::stack::action const& a);

    /// Live response contexts (one per forwarded server transaction).
    std::size_t context_count() const noexcept { return contexts_.size(); }
    proxy_stats const& stats() const noexcept { return stats_; }
    proxy_config const& config() const noexcept { return config_; }

private:
    struct context;
    struct destination;
    struct routing;

    static std::optional<destination> branch_to(target found);
    void process(sip::stack::core& core, sip::stack::request_received const& n);
    std::optional<routing> preprocess_routes(sip::message const& request) const;
    void forward(sip::stack::core& core, sip::stack::request_received const& n, routing const& r,
                 std::vector<destination> const& targets, std::optional<asserted_user> const& user,
                 std::uint64_t hash);
    void reply(sip::stack::core& core, sip::stack::request_received const& n, unsigned status,
               std::string_view reason, std::string_view extra = {});
    /// Sends @p response to the request of server transaction @p h (logged
    /// when final, log_answer()).
    static void answer(sip::stack::core& core, sip::stack::server_handle h, sip::message const& request,
                       std::string_view response);
    void send_best(sip::stack::core& core, context& ctx);
    void apply(sip::stack::core& core, context& ctx, disposition const& d, sip::stack::message_ptr const& response);
    void cancel_pending(sip::stack::core& core, context& ctx);
    void settle(sip::stack::core& core, context& ctx);
    void erase(context& ctx);
    context* find(sip::stack::client_handle h, std::size_t& branch);

    bool is_ours(sip::uri const& uri) const noexcept;
    std::uint64_t loop_hash(sip::message const& request) const;
    bool looped(sip::message const& request, std::string_view sent_by, std::uint64_t hash) const;

    proxy_config config_;
    location_service const& locations_;
    user_directory const& users_;
    sip::auth::challenger challenger_;
    proxy_stats stats_;

    std::uint64_t next_context_ = 0;
    std::unordered_map<std::uint64_t, std::unique_ptr<context>> contexts_;          ///< by context id
    std::unordered_map<std::uint64_t, std::uint64_t> by_server_;  ///< server handle -> context id
    std::unordered_map<std::uint64_t, std::pair<std::uint64_t, std::size_t>> by_client_; ///< client handle -> (context, branch)
    std::unordered_map<std::uint64_t, std::uint64_t> by_timer_;   ///< linger timer -> context id
};

} // namespace cpm::core
