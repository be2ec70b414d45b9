#include "sip/dialog/response.hpp"

namespace cpm::sip::dialog {

message_builder start_dialog_response(std::string& out, sip::message const& request, unsigned code,
                                      std::string_view reason, std::string_view local_tag,
                                      std::string_view contact)
{
    response_options options;
    options.to_tag = local_tag;
    message_builder b = make_response(out, request, code, reason, options);
    // 12.1.1: every Record-Route value of the request, URI and header
    // parameters included, in order.
    for (auto const& h : request.headers())
        if (h.id == header_id::record_route)
            b.header(header_id::record_route, h.value);
    // 12.1.1: the UAS's Contact (its remote target for the peer).
    std::string value = "<";
    value.append(contact).append(">");
    b.header(header_id::contact, value);
    return b;
}

} // namespace cpm::sip::dialog
