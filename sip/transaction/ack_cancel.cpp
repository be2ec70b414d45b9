#include "sip/transaction/ack_cancel.hpp"

#include "sip/builder.hpp"

#include <charconv>

namespace cpm::sip::transaction {

namespace {

/// Start line and the fields ACK and CANCEL copy alike; @p to_value is the
/// To field to write (the response's for ACK, the request's for CANCEL).
message_builder start_copy(std::string& out, message const& request, std::string_view method,
                           std::string_view to_value)
{
    message_builder b(out);
    b.request_line(method, request.request_uri());
    // 17.1.1.3, 9.1: a single Via equal to the request's top Via (the first
    // via-parm, even when the field holds several).
    b.header(header_id::via, request.top_via().raw);
    if (auto const* h = request.find(header_id::max_forwards))
        b.header(header_id::max_forwards, h->value);
    if (auto const* h = request.find(header_id::from))
        b.header(header_id::from, h->value);
    b.header(header_id::to, to_value);
    if (auto const* h = request.find(header_id::call_id))
        b.header(header_id::call_id, h->value);
    // CSeq: the request's number, the new method.
    char digits[10];
    auto const r = std::to_chars(digits, digits + sizeof digits, request.cseq().number);
    std::string cseq(digits, r.ptr);
    cseq.append(1, ' ').append(method);
    b.header(header_id::cseq, cseq);
    // 17.1.1.3, 9.1: the Route fields of the request, in order.
    for (auto const& h : request.headers())
        if (h.id == header_id::route)
            b.header(header_id::route, h.value);
    return b;
}

std::string_view field_value(message const& m, header_id id)
{
    auto const* h = m.find(id);
    return h != nullptr ? h->value : std::string_view{};
}

} // namespace

void build_ack(std::string& out, message const& invite, message const& response)
{
    start_copy(out, invite, "ACK", field_value(response, header_id::to)).finish();
}

void build_cancel(std::string& out, message const& request)
{
    start_copy(out, request, "CANCEL", field_value(request, header_id::to)).finish();
}

} // namespace cpm::sip::transaction
