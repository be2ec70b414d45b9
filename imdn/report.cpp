#include "imdn/report.hpp"

#include "imdn/error.hpp"
#include "imdn/headers.hpp"

#include "cpim/builder.hpp"
#include "cpim/escape.hpp"

#include <string>

namespace cpm::imdn {

using sip::abnf::parse_error;

namespace {

parse_error refuse(errc code, std::string sentence)
{
    return parse_error{make_error_code(code), 0, 1, 1, "IMDN: " + std::move(sentence)};
}

/// RFC 5438 section 5: which disposition-notification value asks for @p r.
sip::abnf::result<void> check_requested(disposition_request const& asked, report const& r)
{
    bool ok = false;
    char const* needed = "";
    switch (r.kind) {
    case notification_kind::delivery:
        if (r.status == notification_status::delivered) {
            ok = asked.positive_delivery;
            needed = "positive-delivery";
        } else {
            ok = asked.negative_delivery;
            needed = "negative-delivery";
        }
        break;
    case notification_kind::display:
        ok = asked.display;
        needed = "display";
        break;
    case notification_kind::processing:
        ok = asked.processing;
        needed = "processing";
        break;
    }
    if (!ok)
        return refuse(errc::not_requested, "the IM did not ask for " + std::string(needed) +
                                               " notifications (imdn.Disposition-Notification)");
    return {};
}

/// An address as a header value: "[display name ]<uri>". A display name
/// holding escapes is dropped (the URI is what routes).
std::string address_value(cpim::address const& a)
{
    std::string v;
    if (!a.display_name.empty() && !cpim::has_escapes(a.display_name)) {
        v += a.display_name;
        v += ' ';
    }
    v += '<';
    v += a.uri;
    v += '>';
    return v;
}

} // namespace

sip::abnf::result<outgoing_report> make_report(cpim::message const& im, report const& r)
{
    auto headers = read_headers(im);
    if (!headers)
        return headers.error();
    if (headers->message_id.empty())
        return refuse(errc::missing_header, "the IM has no imdn.Message-ID, so no notification can refer to it");
    if (!headers->date_time)
        return refuse(errc::missing_header, "the IM has no DateTime, which the notification must repeat");
    if (!im.from())
        return refuse(errc::missing_header, "the IM has no From to send the notification to");
    if (!parse_message_id(r.message_id))
        return refuse(errc::bad_message_id, "the IMDN's own imdn.Message-ID must be a Token");
    if (!allowed(r.kind, r.status))
        return refuse(errc::unknown_status, std::string(element_name(r.kind)) + " cannot report " +
                                                std::string(element_name(r.status)));
    if (auto asked = check_requested(headers->requested, r); !asked)
        return asked.error();

    std::string_view recipient = r.recipient_uri;
    if (recipient.empty()) {
        if (im.to().empty())
            return refuse(errc::missing_header, "the IM has no To and no recipient URI was given");
        recipient = im.to().front().uri;
    }

    std::string subject;
    if (r.include_subject && !im.subjects().empty()) {
        auto s = cpim::unescape(im.subjects().front().text);
        if (!s)
            return s.error();
        subject = std::move(*s);
    }

    auto document = build_notification({headers->message_id, headers->date_time->raw, recipient,
                                        headers->original_to ? headers->original_to->uri : std::string_view(),
                                        subject, r.kind, r.status});
    if (!document)
        return document.error();

    cpim::builder b;
    b.from(recipient).to(im.from()->uri).ns("imdn", header_namespace).header("imdn.Message-ID", r.message_id);
    b.date_time(r.date_time);
    // RFC 5438 section 7: the IMDN follows the IM's IMDN-Record-Route
    // entries back, in the order the IM carried them.
    for (auto const& hop : headers->record_route)
        b.header("imdn.IMDN-Route", address_value(hop));
    b.mime_header("Content-Type", content_type);
    b.mime_header("Content-Disposition", "notification");
    b.mime_header("Content-Length", std::to_string(document->size()));
    b.body(*document);
    auto message = b.build();
    if (!message)
        return message.error();

    outgoing_report out{std::move(*message), {}};
    out.next_hop = headers->record_route.empty() ? std::string(im.from()->uri)
                                                 : std::string(headers->record_route.front().uri);
    return out;
}

} // namespace cpm::imdn
