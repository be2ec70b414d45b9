#include "imdn/notification.hpp"

#include "imdn/error.hpp"
#include "imdn/headers.hpp"
#include "imdn/xml/escape.hpp"

#include <array>
#include <string>

namespace cpm::imdn {

using sip::abnf::make_parse_error;
using sip::abnf::parse_error;

namespace {

constexpr std::array kind_names{std::string_view("delivery-notification"), std::string_view("display-notification"),
                                std::string_view("processing-notification")};
constexpr std::array status_names{std::string_view("delivered"), std::string_view("failed"),
                                  std::string_view("displayed"), std::string_view("processed"),
                                  std::string_view("stored"),    std::string_view("forbidden"),
                                  std::string_view("error")};

/// The statuses of each notification, for error sentences.
std::string_view status_list(notification_kind k) noexcept
{
    switch (k) {
    case notification_kind::delivery: return "delivered, failed, forbidden or error";
    case notification_kind::display: return "displayed, forbidden or error";
    case notification_kind::processing: return "processed, stored, forbidden or error";
    }
    return {};
}

/// XML white space (S) around a value of type xs:token / xs:anyURI.
std::string_view trim(std::string_view s) noexcept
{
    auto const space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && space(s.back()))
        s.remove_suffix(1);
    return s;
}

xml::text_value trimmed(xml::text_value const& v)
{
    auto const t = trim(v.view());
    return v.decoded() ? xml::text_value(std::string(t)) : xml::text_value(t);
}

class reader {
public:
    reader(std::string_view text, xml::document const& doc) : text_(text), doc_(doc) {}

    sip::abnf::result<notification> run();

private:
    std::string_view text_;
    xml::document const& doc_;

    parse_error fail(std::size_t offset, errc code, std::string sentence) const
    {
        return make_parse_error(text_, text_.data() + offset, code, "imdn: " + std::move(sentence));
    }
    sip::abnf::result<notification_status> status(xml::element const& notification_element, notification_kind k) const;
};

sip::abnf::result<notification_status> reader::status(xml::element const& n, notification_kind k) const
{
    xml::element const* status = nullptr;
    for (auto const& c : doc_.children(n)) {
        if (c.ns != xml_namespace)
            continue; // an extension
        if (c.local() != "status")
            return fail(c.begin, errc::unexpected_element,
                        "<" + std::string(c.name) + "> is not allowed in <" + std::string(n.name) + ">");
        if (status != nullptr)
            return fail(c.begin, errc::duplicate_element, "<status> appears twice in <" + std::string(n.name) + ">");
        status = &c;
    }
    if (status == nullptr)
        return fail(n.begin, errc::missing_element, "<" + std::string(n.name) + "> has no <status>");
    xml::element const* value = nullptr;
    for (auto const& c : doc_.children(*status)) {
        if (c.ns != xml_namespace)
            continue;
        if (value != nullptr)
            return fail(c.begin, errc::duplicate_element, "<status> holds more than one status");
        value = &c;
    }
    if (value == nullptr)
        return fail(status->begin, errc::missing_element,
                    "<status> is empty (expected one of " + std::string(status_list(k)) + ")");
    for (std::size_t i = 0; i < status_names.size(); ++i) {
        auto const s = static_cast<notification_status>(i);
        if (value->local() == status_names[i] && allowed(k, s))
            return s;
    }
    return fail(value->begin, errc::unknown_status,
                std::string(kind_names[static_cast<std::size_t>(k)]) + " status must be " +
                    std::string(status_list(k)) + ", not <" + std::string(value->local()) + ">");
}

sip::abnf::result<notification> reader::run()
{
    auto const& root = doc_.root();
    if (!root.is(xml_namespace, "imdn"))
        return fail(root.begin, errc::not_an_imdn,
                    "the root element must be <imdn> in namespace " + std::string(xml_namespace) + ", not <" +
                        std::string(root.local()) + ">" +
                        (root.ns.empty() ? std::string(" in no namespace") : " in " + std::string(root.ns)));
    notification out;
    xml::element const* seen[5] = {};
    constexpr std::array<std::string_view, 5> fields{"message-id", "datetime", "recipient-uri",
                                                      "original-recipient-uri", "subject"};
    xml::element const* report = nullptr;
    for (auto const& c : doc_.children(root)) {
        if (c.ns != xml_namespace)
            continue; // an extension (xs:any namespace="##other")
        std::size_t field = fields.size();
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (c.local() == fields[i])
                field = i;
        if (field < fields.size()) {
            if (seen[field] != nullptr)
                return fail(c.begin, errc::duplicate_element, "<" + std::string(fields[field]) + "> appears twice");
            if (c.first_child != xml::none) // simple types in the schema
                return fail(doc_.at(c.first_child).begin, errc::unexpected_element,
                            "<" + std::string(fields[field]) + "> holds text, not elements");
            seen[field] = &c;
            continue;
        }
        std::size_t kind = kind_names.size();
        for (std::size_t i = 0; i < kind_names.size(); ++i)
            if (c.local() == kind_names[i])
                kind = i;
        if (kind == kind_names.size())
            return fail(c.begin, errc::unexpected_element, "<" + std::string(c.local()) + "> is not an IMDN element");
        if (report != nullptr)
            return fail(c.begin, errc::duplicate_element,
                        "one notification per document: <" + std::string(report->local()) + "> and <" +
                            std::string(c.local()) + ">");
        report = &c;
        out.kind = static_cast<notification_kind>(kind);
    }
    if (seen[0] == nullptr)
        return fail(root.begin, errc::missing_element, "<imdn> has no <message-id>");
    if (seen[1] == nullptr)
        return fail(root.begin, errc::missing_element, "<imdn> has no <datetime>");
    if (report == nullptr)
        return fail(root.begin, errc::missing_element,
                    "<imdn> has no delivery-notification, display-notification or processing-notification");

    out.message_id = trimmed(doc_.text(*seen[0]));
    if (out.message_id.view().empty() || !parse_message_id(out.message_id.view()))
        return fail(seen[0]->begin, errc::bad_message_id, "<message-id> must be a Message-ID Token");
    out.datetime = trimmed(doc_.text(*seen[1]));
    if (auto dt = cpim::parse_date_time(out.datetime.view()); !dt)
        return fail(seen[1]->begin, errc::bad_datetime,
                    "<datetime> must be an RFC 3339 date-time (" + dt.error().message + ")");
    if (seen[2] != nullptr)
        out.recipient_uri = trimmed(doc_.text(*seen[2]));
    if (seen[3] != nullptr)
        out.original_recipient_uri = trimmed(doc_.text(*seen[3]));
    if (seen[4] != nullptr)
        out.subject = doc_.text(*seen[4]);
    auto st = status(*report, out.kind);
    if (!st)
        return st.error();
    out.status = *st;
    return out;
}

} // namespace

std::string_view element_name(notification_kind k) noexcept
{
    return kind_names[static_cast<std::size_t>(k)];
}

std::string_view element_name(notification_status s) noexcept
{
    return status_names[static_cast<std::size_t>(s)];
}

bool allowed(notification_kind k, notification_status s) noexcept
{
    if (s == notification_status::forbidden || s == notification_status::error)
        return true;
    switch (k) {
    case notification_kind::delivery:
        return s == notification_status::delivered || s == notification_status::failed;
    case notification_kind::display: return s == notification_status::displayed;
    case notification_kind::processing:
        return s == notification_status::processed || s == notification_status::stored;
    }
    return false;
}

cpim::date_time notification::date_time() const
{
    // parse_notification checked it.
    return *cpim::parse_date_time(datetime.view());
}

sip::abnf::result<notification> parse_notification(std::string_view text, xml::limits const& lim)
{
    auto doc = xml::document::parse(text, lim);
    if (!doc)
        return doc.error();
    return reader(text, *doc).run();
}

sip::abnf::result<std::string> build_notification(notification_fields const& f)
{
    auto const refuse = [](errc code, std::string sentence) {
        return parse_error{make_error_code(code), 0, 1, 1, "imdn: " + std::move(sentence)};
    };
    if (!allowed(f.kind, f.status))
        return refuse(errc::unknown_status, std::string(element_name(f.kind)) + " status must be " +
                                                std::string(status_list(f.kind)) + ", not " +
                                                std::string(element_name(f.status)));
    if (!parse_message_id(f.message_id))
        return refuse(errc::bad_message_id, "message-id must be a Message-ID Token");
    if (!cpim::parse_date_time(f.datetime))
        return refuse(errc::bad_datetime, "datetime must be an RFC 3339 date-time");

    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<imdn xmlns=\"";
    out += xml_namespace;
    out += "\">\n";
    struct field {
        std::string_view name, value;
    };
    for (auto const& [name, value] : {field{"message-id", f.message_id}, field{"datetime", f.datetime},
                                      field{"recipient-uri", f.recipient_uri},
                                      field{"original-recipient-uri", f.original_recipient_uri},
                                      field{"subject", f.subject}}) {
        if (value.empty())
            continue;
        out += "  <";
        out += name;
        out += '>';
        if (!xml::append_text(out, value))
            return refuse(errc::bad_value, std::string(name) + " is not UTF-8 text XML can carry");
        out += "</";
        out += name;
        out += ">\n";
    }
    out += "  <";
    out += element_name(f.kind);
    out += ">\n    <status>\n      <";
    out += element_name(f.status);
    out += "/>\n    </status>\n  </";
    out += element_name(f.kind);
    out += ">\n</imdn>\n";
    return out;
}

} // namespace cpm::imdn
