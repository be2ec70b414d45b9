#pragma once
/// @file
/// The state of one dialog (RFC 3261 section 12): id, route set, remote
/// target, local and remote CSeq, secure flag, early / confirmed /
/// terminated. A dialog owns copies of what it keeps; the messages it was
/// built from may go away. Building requests from it: request.hpp.

#include "sip/dialog/dialog_id.hpp"
#include "sip/dialog/error.hpp"
#include "sip/dialog/route_set.hpp"
#include "sip/message.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cpm::sip::dialog {

enum class state : std::uint8_t { early, confirmed, terminated };

/// What the UA creating the dialog decides itself.
struct local_options {
    /// The URI this UA puts in Contact (its local target, 12.1.1/12.1.2).
    std::string_view contact;
    /// The request was sent or received over TLS (12.1.1, 12.1.2: the
    /// dialog is secure when that holds and the Request-URI is a SIPS URI).
    bool tls = false;
    /// UAS: the To tag chosen for the responses (8.2.6.2). Ignored by the UAC.
    std::string_view local_tag;
    /// UAS: the first CSeq number of the requests it will send in the
    /// dialog, chosen per 8.1.1.5 (12.2.1.1: the local sequence number is
    /// empty until then). Ignored by the UAC, whose number follows its request's.
    std::uint32_t initial_cseq = 1;
};

/// What a UAS does with a request received in a dialog (12.2.2).
enum class request_verdict : std::uint8_t {
    accept,       ///< go on (the remote CSeq and, for a target refresh, the remote target are updated)
    out_of_order, ///< CSeq lower than the remote sequence number: answer 500 (Server Internal Error)
    wrong_dialog, ///< Call-ID or tags differ (a dialog table answers 481 when none matches)
};

/// RFC 3261 12.2, RFC 3311 5, RFC 6665 4.1.2.1: INVITE, UPDATE, SUBSCRIBE
/// and NOTIFY are target refresh requests (their Contact replaces the
/// remote target).
bool is_target_refresh(sip::method m) noexcept;

class dialog_state {
public:
    /// 12.1.2: a UAC's dialog from @p response (101-299 with a To tag) to
    /// @p request, which the UAC sent. A 1xx makes an early dialog, a 2xx a
    /// confirmed one. Route set: Record-Route of the response, reversed;
    /// remote target: its Contact; local CSeq: the request's; remote CSeq
    /// empty. errc::missing_contact for a response without Contact (12.1.2
    /// requires one in a 2xx, and the dialog needs a remote target).
    static result<dialog_state> create_uac(sip::message const& request, sip::message const& response,
                                     local_options const& options);

    /// 12.1.1: a UAS's dialog from @p request as it answers @p status
    /// (101-299) with To tag options.local_tag. Route set: Record-Route of
    /// the request, in order; remote target: its Contact; remote CSeq: its
    /// CSeq; local CSeq empty (options.initial_cseq will be the first).
    static result<dialog_state> create_uas(sip::message const& request, unsigned status, local_options const& options);

    /// RFC 6665 4.1.2.4: a subscriber's dialog from a @p notify (with a
    /// From tag) to its @p subscribe, each NOTIFY with a new From tag
    /// making one (a forked SUBSCRIBE). The subscriber sent the SUBSCRIBE
    /// (role uac, Call-ID owner, local CSeq its CSeq) but received the NOTIFY:
    /// route set = the NOTIFY's Record-Route in order, remote target = its
    /// Contact, remote CSeq = its CSeq; confirmed at once.
    static result<dialog_state> create_from_notify(sip::message const& subscribe, sip::message const& notify,
                                                   local_options const& options);

    dialog_id const& id() const noexcept { return id_; }
    sip::dialog::state current() const noexcept { return state_; }
    sip::dialog::role role() const noexcept { return role_; }
    /// The From value of the requests this UA sends in the dialog (its
    /// local URI with the local tag).
    std::string const& local_field() const noexcept { return local_field_; }
    /// The To value of those requests (the remote URI with the remote tag).
    std::string const& remote_field() const noexcept { return remote_field_; }
    std::string const& local_target() const noexcept { return local_target_; }
    std::string const& remote_target() const noexcept { return remote_target_; }
    sip::dialog::route_set const& route_set() const noexcept { return route_set_; }
    std::optional<std::uint32_t> local_cseq() const noexcept { return local_cseq_; }
    std::optional<std::uint32_t> remote_cseq() const noexcept { return remote_cseq_; }
    bool secure() const noexcept { return secure_; }
    /// 14.1: whether this UA generated the Call-ID (the UAC of the request
    /// that created the dialog).
    bool owns_call_id() const noexcept { return role_ == role::uac; }

    /// 12.2.1.1: the CSeq number of the next request (other than ACK and
    /// CANCEL) this UA sends in the dialog; increments the local sequence number.
    std::uint32_t next_cseq() noexcept;

    /// 12.2.2: a request received in this dialog. ACK and CANCEL neither
    /// check nor move the remote sequence number (ACK carries the INVITE's,
    /// CANCEL the cancelled request's).
    request_verdict on_request(sip::message const& request);

    /// A response this UAC received to a request in the dialog (or to the
    /// request that created it). 13.2.2.4: a 2xx to the INVITE confirms an
    /// early dialog and recomputes route set and remote target from it;
    /// 12.3 (13.2.2.3): a 300-699 to the INVITE terminates an early dialog;
    /// 12.2.1.2: a 2xx to a target refresh request replaces the remote
    /// target with its Contact. errc::wrong_dialog when the response's id
    /// differs.
    result<void> on_response(sip::message const& response);

    /// A final response this UAS sends to the request that created the
    /// dialog: 2xx confirms an early dialog, 300-699 terminates it (12.3).
    void on_response_sent(unsigned status) noexcept;

    /// 15: BYE sent or received, or the usage ended otherwise.
    void terminate() noexcept { state_ = state::terminated; }

private:
    dialog_state() = default;

    dialog_id id_;
    sip::dialog::state state_ = state::early;
    sip::dialog::role role_ = role::uac;
    std::string local_field_;
    std::string remote_field_;
    std::string local_target_;
    std::string remote_target_;
    sip::dialog::route_set route_set_;
    std::optional<std::uint32_t> local_cseq_;
    std::optional<std::uint32_t> remote_cseq_;
    std::uint32_t initial_cseq_ = 1;
    bool secure_ = false;
};

/// The URI of the single Contact of @p m (the remote target it offers):
/// errc::missing_contact without one, errc::bad_contact when it is not
/// exactly one address.
result<std::string_view> contact_uri(sip::message const& m);

} // namespace cpm::sip::dialog
