#pragma once
/// @file
/// The dialogs one INVITE creates at its UAC (RFC 3261 12.1.2, 13.2.2.4):
/// a forking proxy may return 1xx and 2xx from several UASs, each with its
/// own To tag, so one INVITE can hold several early dialogs and end with
/// several confirmed ones.

#include "sip/dialog/dialog.hpp"

#include <deque>

namespace cpm::sip::dialog {

class invite_forks {
public:
    /// What a response did.
    enum class outcome : std::uint8_t {
        ignored,            ///< 100, a 1xx without a To tag, or a response that cannot create a dialog
        early_created,      ///< 12.1.2: the first 1xx with a new To tag: a new early dialog
        early_updated,      ///< another 1xx in an existing early dialog
        confirmed,          ///< 13.2.2.4: a 2xx confirmed an early dialog (the TU sends its ACK)
        created_confirmed,  ///< 13.2.2.4: a 2xx with a new To tag: a new confirmed dialog (another fork)
        retransmitted_2xx,  ///< 13.2.2.4: a 2xx for a dialog already confirmed: the same ACK again
        terminated_early,   ///< 13.2.2.3: a 300-699: every early dialog of the INVITE ended
    };

    struct result_type {
        invite_forks::outcome what = outcome::ignored;
        dialog_state* dialog = nullptr; ///< the dialog concerned (nullptr for ignored / terminated_early)
    };

    /// @p invite is the INVITE this UAC sent (kept for creating dialogs and ACKs).
    invite_forks(sip::message invite, local_options const& options);

    /// A response to the INVITE (any branch of a fork).
    result_type on_response(sip::message const& response);

    sip::message const& invite() const noexcept { return invite_; }
    /// Every dialog created so far, in order of creation (stable addresses).
    std::deque<dialog_state> const& dialogs() const noexcept { return dialogs_; }
    std::deque<dialog_state>& dialogs() noexcept { return dialogs_; }
    /// The dialog with remote tag @p tag, or nullptr.
    dialog_state* find(std::string_view tag) noexcept;

private:
    sip::message invite_;
    std::string contact_;
    bool tls_ = false;
    std::deque<dialog_state> dialogs_;
};

} // namespace cpm::sip::dialog
