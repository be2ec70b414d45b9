#pragma once
// The pieces sip_json.cpp assembles: one JSON conversion per typed view of
// sip/decode.hpp, grouped by concept (URIs, addresses, authentication,
// everything else). Private to cpm-inspect.
//
// Shape rules, so the output is stable: object keys are inserted in a
// fixed order; a string field that the view leaves empty when absent and an
// optional that is nullopt are omitted; booleans and lists are always
// written, except flags that stand for a URI parameter's presence (lr),
// written only when set. Text is shown as written ("value") and, where the
// wire form has escapes or quotes, also decoded ("value_decoded",
// "display_name_decoded").

#include "sip/abnf/params.hpp"
#include "sip/abnf/parse_error.hpp"
#include "sip/decode.hpp"
#include "sip/uri.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cpm::inspect {

namespace json = boost::json;

/// Parses the URIs found inside one header value. The first URI that does
/// not parse is kept as the header's error (offset relative to the value,
/// so it can be rebased like any decode() error); the conversion goes on
/// and the caller checks error() once at the end.
class uri_reader {
public:
    /// @p value is the header value every URI given to read() lies in.
    explicit uri_reader(std::string_view value) noexcept : value_(value) {}

    /// The JSON of @p text (a view into the value), or null when it does
    /// not parse.
    json::value read(std::string_view text);
    /// read() for a URI written inside a quoted-string (pub-gruu, the
    /// Digest uri): one holding a quoted-pair is shown as written, since
    /// its view is not the URI itself (and a URI never needs one).
    json::value read_quoted(std::string_view inside_quotes);
    std::optional<sip::abnf::parse_error> const& error() const noexcept { return error_; }

private:
    std::string_view value_;
    std::optional<sip::abnf::parse_error> error_;
};

// --- sip_json_uri.cpp -------------------------------------------------------

/// Header parameters (generic-param): name, value as written, and the
/// value without quotes when it is a quoted-string.
json::array params_json(sip::abnf::param_list const& params);
json::array params_json(sip::auth_params const& params);
/// A parsed URI: kind, scheme, and the parts of its kind (SIP/SIPS user,
/// password, host, port, parameters, headers; tel number and parameters;
/// the rest of any other scheme).
json::object uri_json(sip::uri const& u);

// --- sip_json_addresses.cpp -------------------------------------------------

json::object name_addr_json(sip::name_addr const& na, uri_reader& uris);
json::array name_addr_list_json(sip::name_addr_list const& list, uri_reader& uris);
json::object contact_list_json(sip::contact_list const& list, uri_reader& uris);
json::object referred_by_json(sip::referred_by const& r, uri_reader& uris);
json::array info_uris_json(sip::info_uri_list const& list, uri_reader& uris);
json::object identity_json(sip::identity const& id, uri_reader& uris);
/// The RFC 3840 feature parameters among @p features, with tag values
/// %-decoded (the +g.3gpp.icsi-ref URNs).
json::array features_json(sip::feature_params const& features);
json::array caller_preferences_json(sip::caller_preference_list const& list);

// --- sip_json_auth.cpp ------------------------------------------------------

json::object challenge_json(sip::challenge const& c);
json::object credentials_json(sip::credentials const& c, uri_reader& uris);
json::object authentication_info_json(sip::authentication_info const& a);

// --- sip_json_headers.cpp ---------------------------------------------------

/// A qvalue in thousandths as RFC 3261 writes it: 700 -> "0.7", 1000 -> "1".
std::string qvalue_text(std::uint16_t thousandths);

/// The JSON of the value of a header with @p id, as sip::decode() types
/// it; null for an unknown header. Errors (the decoder's, or a URI inside
/// the value that does not parse) name the header and have offsets
/// relative to @p value.
sip::abnf::result<json::value> header_json(sip::header_id id, std::string_view value);

} // namespace cpm::inspect
