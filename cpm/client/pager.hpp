#pragma once
/// @file
/// Pager Mode messages (draft 5.1 and 7.3.1, RFC 3428): MESSAGE out with
/// the CPM headers (Accept-Contact with the CPM feature tag, User-Agent
/// with the CPM release version, Conversation-ID and Contribution-ID per
/// DECISIONS.md), Digest answers to 401/407, and MESSAGE in: answered 200,
/// decoded (incoming.hpp) and handed to a listener.

#include "cpm/client/account.hpp"
#include "cpm/client/error.hpp"
#include "cpm/client/incoming.hpp"
#include "cpm/client/outgoing.hpp"

#include "sip/auth/client_credentials.hpp"
#include "sip/stack/core.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cpm::client {

/// How a MESSAGE this client sent ended.
struct message_outcome {
    std::uint64_t id = 0;    ///< what send() returned
    unsigned status = 0;     ///< the final status (408/503 when none came, RFC 3261 8.1.3.1)
    std::string reason;
    std::string conversation_id;
    std::string contribution_id;
};

class pager {
public:
    using sent_listener = std::function<void(message_outcome const&)>;
    using received_listener = std::function<void(received_message const&)>;

    /// @p a and @p digest must outlive the pager.
    pager(account const& a, sip::auth::digest_client& digest);

    void on_sent(sent_listener l) { sent_ = std::move(l); }
    void on_received(received_listener l) { received_ = std::move(l); }

    /// RFC 3608: the Service-Route of the registration, preloaded as Route
    /// on every MESSAGE (empty: none).
    void set_route(std::vector<std::string> route) { route_ = std::move(route); }

    /// Sends @p text to @p to (a URI, draft 7.3.1 step 6) as text/plain.
    /// The Conversation-ID is the one of the last message exchanged with
    /// @p to, or a fresh one; the Contribution-ID is always fresh.
    /// Errors: errc::too_large above pager_limit bytes (draft 5.1),
    /// errc::bad_uri, errc::bad_text, or the core's refusal.
    result<std::uint64_t> send(sip::stack::core& c, std::string_view to, std::string_view text);

    /// Takes @p a when it belongs to the pager: a response to one of its
    /// MESSAGEs, its failure, or a MESSAGE request (answered here).
    bool handle(sip::stack::core& c, sip::stack::action const& a);

    std::size_t in_flight() const noexcept { return pending_.size(); }
    /// The Conversation-ID used with @p peer (a URI), empty when none yet.
    std::string conversation_with(std::string_view peer) const;
    /// The MESSAGE last sent (for tests and logs).
    std::string const& last_request() const noexcept { return last_sent_; }

private:
    struct entry {
        std::uint64_t id = 0;
        pending_request request;
        std::string conversation_id;
        std::string contribution_id;
    };

    void on_final(sip::stack::core& c, std::uint64_t key, unsigned status, std::string reason,
                  sip::message const* response);
    void on_request(sip::stack::core& c, sip::stack::request_received const& r);

    account const& account_;
    sip::auth::digest_client& digest_;
    sent_listener sent_;
    received_listener received_;
    std::vector<std::string> route_;
    std::uint64_t next_id_ = 0;
    std::map<std::uint64_t, entry> pending_; ///< by client transaction handle
    std::map<std::string, std::string, std::less<>> conversations_; ///< peer URI -> Conversation-ID
    std::string last_sent_;
};

} // namespace cpm::client
