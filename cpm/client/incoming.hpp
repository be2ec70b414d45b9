#pragma once
/// @file
/// What a received pager-mode MESSAGE (RFC 3428) says: the text, from a
/// text/plain body or from the text/plain object inside a message/cpim
/// body (RFC 3862), the sender, and the CPM conversation headers
/// (DECISIONS.md: Conversation-ID, Contribution-ID,
/// InReplyTo-Contribution-ID).

#include "sip/message.hpp"

#include <string>
#include <variant>

namespace cpm::client {

struct received_message {
    std::string from;      ///< the From URI
    /// RFC 3325: the identity the SIP/IP core asserted (P-Asserted-Identity,
    /// draft 6.2: the Authenticated Originator's CPM Address); empty when none.
    std::string asserted;
    std::string to;        ///< the To URI
    std::string text;      ///< the content, as received (no charset conversion)
    std::string content_type; ///< of the text: "text/plain;charset=UTF-8"
    bool cpim = false;     ///< the text came inside message/cpim
    std::string conversation_id;
    std::string contribution_id;
    std::string in_reply_to;

    /// The sender to show: the asserted identity, else From.
    std::string const& sender() const noexcept { return asserted.empty() ? from : asserted; }
};

/// Why a MESSAGE is refused: the response to send.
struct refusal {
    unsigned status = 0; ///< 415 (Unsupported Media Type, RFC 3428 7) or 400
    std::string reason;
    std::string sentence; ///< for a Warning (RFC 3261 20.43)
};

/// Decodes @p m, a MESSAGE request. text/* bodies are taken as they are;
/// message/cpim must parse and encapsulate text/*; anything else is refused
/// with 415 and an empty body with 400.
std::variant<received_message, refusal> decode_message(sip::message const& m);

} // namespace cpm::client
