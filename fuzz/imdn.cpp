// Fuzz target: RFC 5438 IMDN on arbitrary bytes, read three ways: as a
// message/imdn+xml document, as a message/cpim body (IMDN headers, and the
// report a recipient would make for it), and its first line as a
// Disposition-Notification value.
//
// Properties checked on every input:
// - nothing crashes, hangs or reads outside the input; every error points
//   inside the text it was given;
// - a parsed document's texts lie inside the input unless decoded; building
//   a document from the parsed fields succeeds, and parsing that gives the
//   same fields back (parse(build(parse(x))) == parse(x));
// - for a CPIM message whose IMDN headers read, a delivery report (when
//   positive-delivery was asked, the IM has a Message-ID and a DateTime)
//   is built, goes to the first IMDN-Record-Route or else the From URI,
//   carries the IMDN-Record-Route URIs as IMDN-Route in order, and its body
//   parses as a notification about the IM's Message-ID;
// - a Disposition-Notification value that parses has one item per
//   notify-req, each a non-empty view into the value.

#include "imdn/headers.hpp"
#include "imdn/notification.hpp"
#include "imdn/report.hpp"
#include "require.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace cpm::imdn;

using cpm::fuzz::require;

bool inside(std::string_view whole, std::string_view part)
{
    return part.empty() ||
           (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

void check_error(cpm::sip::abnf::parse_error const& e, std::size_t size)
{
    require(e.offset <= size, "error offset inside the input");
    require(!e.message.empty(), "an error says something");
}

std::string_view opt(std::optional<xml::text_value> const& v)
{
    return v ? v->view() : std::string_view();
}

void check_document(std::string_view input)
{
    auto const n = parse_notification(input);
    if (!n) {
        check_error(n.error(), input.size());
        return;
    }
    require(n->message_id.decoded() || inside(input, n->message_id.view()), "message-id in the input or decoded");
    require(allowed(n->kind, n->status), "a parsed status belongs to its notification");
    (void)n->date_time();
    auto const built = build_notification({n->message_id.view(), n->datetime.view(), opt(n->recipient_uri),
                                           opt(n->original_recipient_uri), opt(n->subject), n->kind, n->status});
    require(built.has_value(), "the fields of a parsed document build a document");
    auto const again = parse_notification(*built);
    require(again.has_value(), "a built document parses");
    require(again->message_id.view() == n->message_id.view() && again->datetime.view() == n->datetime.view() &&
                opt(again->recipient_uri) == opt(n->recipient_uri) &&
                opt(again->original_recipient_uri) == opt(n->original_recipient_uri) &&
                again->kind == n->kind && again->status == n->status,
            "parse(build(parse(x))) == parse(x)");
    // An empty subject is omitted by build; any other must survive.
    require(opt(again->subject) == opt(n->subject) || (opt(n->subject).empty() && !again->subject),
            "the subject survives");
}

void check_cpim(std::string_view input)
{
    auto const m = cpm::cpim::message::parse_borrowed(input);
    if (!m)
        return; // the CPIM codec has its own fuzz target
    auto const h = read_headers(*m);
    if (!h) {
        check_error(h.error(), input.size());
        return;
    }
    require(inside(input, h->message_id), "Message-ID is a view into the input");
    for (auto const& item : h->requested.items)
        require(!item.name.empty() && inside(input, item.name), "notify-req views into the input");
    report r;
    r.message_id = "fuzz-report-1";
    r.date_time = *cpm::cpim::parse_date_time("2026-11-25T12:00:00Z");
    r.recipient_uri = "sip:recipient@example.com";
    auto const out = make_report(*m, r);
    bool const possible = h->requested.positive_delivery && !h->message_id.empty() && h->date_time && m->from();
    if (!out) {
        check_error(out.error(), input.size());
        // A From URI or a Message-ID the builder refuses is the only other way to fail.
        return;
    }
    require(possible, "a report is only made when it can be");
    auto const expected_hop = h->record_route.empty() ? m->from()->uri : h->record_route.front().uri;
    require(out->next_hop == expected_hop, "next hop: first IMDN-Record-Route, else From");
    auto const back = read_headers(out->message);
    require(back.has_value(), "the report's headers read");
    require(back->route.size() == h->record_route.size(), "every IMDN-Record-Route becomes an IMDN-Route");
    for (std::size_t i = 0; i < h->record_route.size(); ++i)
        require(back->route[i].uri == h->record_route[i].uri, "IMDN-Route in the same order");
    require(back->requested.items.empty(), "a report asks for no report");
    auto const doc = parse_notification(out->message.body());
    require(doc.has_value(), "the report's body is a notification");
    require(doc->message_id.view() == h->message_id, "it is about the IM's Message-ID");
}

void check_disposition(std::string_view input)
{
    auto const line = input.substr(0, input.find('\n'));
    auto const r = parse_disposition_notification(line);
    if (!r) {
        check_error(r.error(), line.size());
        return;
    }
    for (auto const& item : r->items)
        require(!item.name.empty() && inside(line, item.name) && inside(line, item.params), "items are views");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    check_document(input);
    check_cpim(input);
    check_disposition(input);
    return 0;
}
