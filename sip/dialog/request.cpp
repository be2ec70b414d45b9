#include "sip/dialog/request.hpp"

#include "sip/builder.hpp"

#include <charconv>

namespace cpm::sip::dialog {

namespace {

std::string cseq_value(std::uint32_t number, std::string_view method)
{
    char digits[10];
    auto const r = std::to_chars(digits, digits + sizeof digits, number);
    std::string s(digits, r.ptr);
    s.append(1, ' ').append(method);
    return s;
}

/// The start line and the fields every request of the dialog carries, in
/// the order 12.2.1.1 lists them; the caller adds the rest and finishes.
message_builder start_request(dialog_state const& d, std::string_view method, std::uint32_t cseq, std::string& out,
                              request_options const& options)
{
    request_target const target = target_for(d.route_set(), d.remote_target());
    message_builder b(out);
    b.request_line(method, target.request_uri);
    b.header(header_id::via, options.via);
    char digits[10];
    auto const r = std::to_chars(digits, digits + sizeof digits, options.max_forwards);
    b.header(header_id::max_forwards, std::string_view(digits, static_cast<std::size_t>(r.ptr - digits)));
    // 12.2.1.1: one Route field per route-set entry, in order.
    for (auto const& route : target.route)
        b.header(header_id::route, route);
    b.header(header_id::from, d.local_field());
    b.header(header_id::to, d.remote_field());
    b.header(header_id::call_id, d.id().call_id);
    b.header(header_id::cseq, cseq_value(cseq, method));
    return b;
}

void finish(message_builder& b, request_options const& options)
{
    for (auto const& [name, value] : options.headers)
        b.header(name, value);
    if (!options.content_type.empty())
        b.header(header_id::content_type, options.content_type);
    b.finish(options.body);
}

} // namespace

std::uint32_t build_request(dialog_state& d, sip::method m, std::string& out, request_options const& options)
{
    std::uint32_t const cseq = d.next_cseq();
    auto b = start_request(d, to_string(m), cseq, out, options);
    // 12.2.1.1: a target refresh request carries the local target in
    // Contact (so may a REFER, which can create a subscription).
    if (is_target_refresh(m) || m == method::refer)
        b.header(header_id::contact, "<" + d.local_target() + ">");
    finish(b, options);
    return cseq;
}

void build_ack(dialog_state const& d, sip::message const& invite, std::string& out, request_options const& options)
{
    // 13.2.2.4: the CSeq number of the INVITE being acknowledged, method ACK.
    auto b = start_request(d, "ACK", invite.cseq().number, out, options);
    // 13.2.2.4: the ACK carries the INVITE's credentials.
    for (auto const& h : invite.headers())
        if (h.id == header_id::authorization || h.id == header_id::proxy_authorization)
            b.header(h.id, h.value);
    finish(b, options);
}

} // namespace cpm::sip::dialog
