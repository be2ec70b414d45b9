#pragma once
/// @file
/// REFER within a dialog (RFC 3515) with Referred-By (RFC 3892), and the
/// pieces of its implicit "refer" subscription: the Event of the NOTIFYs
/// and their message/sipfrag bodies. A CPM client adds a participant to a
/// group session this way.

#include "sip/dialog/request.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace cpm::sip::dialog {

/// RFC 3515 2.4.5: the NOTIFY bodies of a refer subscription.
inline constexpr std::string_view sipfrag_content_type = "message/sipfrag;version=2.0";

struct refer_options {
    /// The URI the recipient should contact (Refer-To, RFC 3515 2.1); written
    /// as <URI>, which a URI with '?' headers (Replaces=...) requires.
    std::string_view refer_to;
    /// The referrer (Referred-By, RFC 3892): a URI, or a name-addr with its
    /// parameters (written as given when it holds '<'). Empty: none.
    std::string_view referred_by;
    /// Via, Max-Forwards, further fields, body.
    request_options request;
};

/// Appends to @p out a REFER within @p d (12.2.1.1 like any request, with
/// Contact, Refer-To and Referred-By). Returns its CSeq number, the id of
/// the implicit subscription (RFC 3515 2.4.6).
std::uint32_t build_refer(dialog_state& d, std::string& out, refer_options const& options);

/// RFC 3515 2.4.6: the Event of the NOTIFYs reporting on the REFER with
/// CSeq @p refer_cseq: "refer;id=<cseq>".
std::string refer_event_value(std::uint32_t refer_cseq);

/// RFC 3515 2.4.5: the sipfrag body reporting the referred request's
/// progress: its status line, "SIP/2.0 200 OK\r\n".
std::string refer_progress_body(unsigned status, std::string_view reason);

} // namespace cpm::sip::dialog
