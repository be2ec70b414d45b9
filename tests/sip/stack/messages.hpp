#pragma once
// Requests and responses the test transaction users write.

#include "sip/builder.hpp"
#include "sip/dialog/response.hpp"
#include "sip/stack/core.hpp"

#include <string>
#include <string_view>

namespace cpm::sip::stack::test {

/// Extra fields of a request: name and value.
struct field {
    std::string_view name;
    std::string_view value;
};

/// A request outside any dialog from @p c to @p to (8.1.1): Request-URI
/// sip:peer@<address>, a fresh Via from the core, From with @p from_tag,
/// To without tag, Call-ID @p call_id, CSeq 1, Contact, @p extra fields
/// and @p body (text/plain when non-empty).
inline std::string out_of_dialog(core& c, std::string_view method, peer const& to, std::string_view call_id,
                                 std::string_view from_tag, std::initializer_list<field> extra = {},
                                 std::string_view body = {}, std::string_view content_type = "text/plain")
{
    std::string const target = "sip:peer@" + to.address + ":" + std::to_string(to.port);
    std::string out;
    message_builder b(out);
    b.request_line(method, target);
    b.header(header_id::via, c.via(to));
    b.header(header_id::max_forwards, "70");
    b.tagged(header_id::from, "<" + c.configuration().contact + ">", from_tag);
    b.header(header_id::to, "<" + target + ">");
    b.header(header_id::call_id, call_id);
    b.header(header_id::cseq, "1 " + std::string(method));
    b.header(header_id::contact, "<" + c.configuration().contact + ">");
    for (auto const& f : extra)
        b.header(f.name, f.value);
    if (!body.empty())
        b.header(header_id::content_type, content_type);
    b.finish(body);
    return out;
}

/// A response to @p request (8.2.6) with To tag @p tag and extra fields.
inline std::string reply(sip::message const& request, unsigned code, std::string_view reason, std::string_view tag,
                         std::initializer_list<field> extra = {})
{
    std::string out;
    response_options o;
    o.to_tag = tag;
    auto b = make_response(out, request, code, reason, o);
    for (auto const& f : extra)
        b.header(f.name, f.value);
    b.finish();
    return out;
}

/// A response that creates or confirms a dialog (12.1.1): To tag, Contact.
inline std::string dialog_reply(core& c, sip::message const& request, unsigned code, std::string_view reason,
                                std::string_view tag, std::initializer_list<field> extra = {})
{
    std::string out;
    auto b = dialog::start_dialog_response(out, request, code, reason, tag, c.configuration().contact);
    for (auto const& f : extra)
        b.header(f.name, f.value);
    b.finish();
    return out;
}

} // namespace cpm::sip::stack::test
