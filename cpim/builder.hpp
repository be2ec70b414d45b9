#pragma once
/// @file
/// Builds a CPIM message in canonical wire form from plain values: names
/// are checked, header values escaped (RFC 3862 2.3), display names written
/// as tokens or as a String, and the result parsed back before it is handed
/// out, so a built message is always one the parser accepts.

#include "cpim/date_time.hpp"
#include "cpim/message.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace cpm::cpim {

class builder {
public:
    /// From / To / cc: [display name] <uri>. @p display_name is plain text.
    builder& from(std::string_view uri, std::string_view display_name = {});
    builder& to(std::string_view uri, std::string_view display_name = {});
    builder& cc(std::string_view uri, std::string_view display_name = {});
    builder& date_time(cpim::date_time const& dt);
    /// Subject, tagged with language @p lang when not empty.
    builder& subject(std::string_view text, std::string_view lang = {});
    /// NS: declares @p prefix (empty: the default namespace) as @p uri.
    builder& ns(std::string_view prefix, std::string_view uri);
    /// Require: one header name ("MyFeatures.VitalMessageOption").
    builder& require(std::string_view header_name);
    /// Any other header, "Name" or "prefix.Name"; @p value is plain text.
    builder& header(std::string_view name, std::string_view value);
    /// An encapsulated MIME header ("Content-Type", "text/plain").
    builder& mime_header(std::string_view name, std::string_view value);
    builder& body(std::string_view content);

    /// The message, parsed back from its wire form (message::text()). The
    /// first misuse (a value that is not UTF-8, a name or URI of the wrong
    /// shape, ...) is reported here.
    sip::abnf::result<message> build(parse_options const& options = {}) const;

private:
    builder& address_header(std::string_view name, std::string_view uri, std::string_view display_name);
    void fail(std::string sentence);

    std::string headers_;
    std::string mime_;
    std::string body_;
    std::optional<std::string> error_;
};

} // namespace cpm::cpim
