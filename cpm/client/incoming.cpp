#include "cpm/client/incoming.hpp"

#include "cpim/message.hpp"
#include "sip/name_addr.hpp"

namespace cpm::client {

namespace {

std::string field(sip::message const& m, sip::header_id id)
{
    auto const* f = m.find(id);
    return f == nullptr ? std::string() : std::string(f->value);
}

/// The URI of the first P-Asserted-Identity element (a sip: one first,
/// RFC 3325 9.1 allows a sip and a tel identity).
std::string asserted_identity(sip::message const& m)
{
    auto const* f = m.find(sip::header_id::p_asserted_identity);
    if (f == nullptr)
        return {};
    auto const list = sip::parse_name_addr_list(f->value);
    if (!list || list->empty())
        return {};
    for (auto const& na : *list)
        if (na.uri.starts_with("sip:") || na.uri.starts_with("sips:"))
            return std::string(na.uri);
    return std::string(list->front().uri);
}

} // namespace

std::variant<received_message, refusal> decode_message(sip::message const& m)
{
    received_message out;
    out.from = std::string(m.from().uri);
    out.to = std::string(m.to().uri);
    out.asserted = asserted_identity(m);
    out.conversation_id = field(m, sip::header_id::conversation_id);
    out.contribution_id = field(m, sip::header_id::contribution_id);
    out.in_reply_to = field(m, sip::header_id::inreplyto_contribution_id);

    auto const& type = m.content_type();
    if (m.body().empty())
        return refusal{400, "Bad Request", "MESSAGE: empty body"};
    // RFC 3428 7: a body without Content-Type is not one we can render.
    if (!type)
        return refusal{415, "Unsupported Media Type", "MESSAGE: no Content-Type"};
    if (type->is("text", "*")) {
        out.text = std::string(m.body());
        out.content_type = std::string(type->raw);
        return out;
    }
    if (type->is("message", "cpim")) {
        auto const cpim = cpm::cpim::message::parse_borrowed(m.body());
        if (!cpim)
            return refusal{400, "Bad Request", "message/cpim: " + cpim.error().message};
        auto const& inner = cpim->content_type();
        if (!inner || !inner->is("text", "*"))
            return refusal{415, "Unsupported Media Type", "message/cpim: the content is not text/*"};
        out.text = std::string(cpim->body());
        out.content_type = std::string(inner->raw);
        out.cpim = true;
        return out;
    }
    return refusal{415, "Unsupported Media Type", "MESSAGE: only text/plain and message/cpim are understood"};
}

} // namespace cpm::client
