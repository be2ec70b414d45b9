#include "msrp/session/wire.hpp"

#include "msrp/serialize.hpp"

namespace cpm::msrp {

std::string_view reason_phrase(std::uint16_t code) noexcept
{
    // RFC 4975 10: the response codes an endpoint produces.
    switch (code) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 408: return "Request Timeout";
    case 413: return "Message Too Large";
    case 415: return "Unsupported Media Type";
    case 481: return "No Such Session";
    case 501: return "Not Implemented";
    case 506: return "Session Already In Use";
    default: return {};
    }
}

report_mode failure_report_of(head const& request) noexcept
{
    auto const* f = request.find(header_id::failure_report);
    if (!f)
        return report_mode::yes;
    auto const r = parse_failure_report(f->value);
    return r ? *r : report_mode::yes;
}

bool wants_response(head const& request, report_mode failure_report, std::uint16_t code) noexcept
{
    if (request.method == method::report)
        return false;
    switch (failure_report) {
    case report_mode::yes: return true;
    case report_mode::partial: return code != 200;
    case report_mode::no: return false;
    }
    return true;
}

void append_response(head const& request, std::uint16_t code, std::string& out)
{
    write_response(request, code, reason_phrase(code), out);
}

void append_report(head const& send, std::string_view tid, byte_range const& range, std::uint16_t code,
                   std::string& out)
{
    outgoing const r = make_report(send, tid, range, status{0, code, reason_phrase(code)});
    write_head(r, false, out);
    write_end(r.transaction_id, continuation::complete, false, out);
}

} // namespace cpm::msrp
