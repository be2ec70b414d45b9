#include "cpm/client/pager.hpp"

#include "cpm/client/uuid.hpp"

#include "sip/builder.hpp"
#include "sip/uri.hpp"

namespace cpm::client {

namespace st = sip::stack;

pager::pager(account const& a, sip::auth::digest_client& digest) : account_(a), digest_(digest) {}

std::string pager::conversation_with(std::string_view peer) const
{
    auto it = conversations_.find(peer);
    return it == conversations_.end() ? std::string() : it->second;
}

result<std::uint64_t> pager::send(st::core& c, std::string_view to, std::string_view text)
{
    auto const target = sip::parse_uri(to);
    if (!target || target->kind == sip::uri_kind::absolute)
        return errc::bad_uri;
    if (text.empty())
        return errc::bad_text;
    // Draft 5.1: over 1300 bytes the content goes as a Large Message (MSRP).
    if (text.size() > pager_limit)
        return errc::too_large;

    entry e;
    e.id = ++next_id_;
    auto conv = conversations_.find(to);
    e.conversation_id = conv == conversations_.end() ? random_uuid(c) : conv->second;
    e.contribution_id = random_uuid(c);

    outgoing& r = e.request.request;
    r.method = "MESSAGE";
    r.request_uri = std::string(to); // REQ-7.3.1-A.6
    // REQ-7.3.1-A.2: the CPM Address of the user, which the SIP/IP core
    // asserts once it has authenticated the request (draft 6.2).
    r.from = name_addr(account_.display_name, address_of_record(account_));
    r.from_tag = c.new_tag();
    r.to = "<" + std::string(to) + ">";
    r.call_id = c.new_call_id();
    r.cseq = 1;
    r.route = route_;
    // REQ-7.3.1-A.1: Accept-Contact with the CPM feature tag (RFC 3841).
    std::string const service(pager_service);
    r.fields.emplace_back("Accept-Contact", "*;" + icsi_feature(std::span<std::string const>(&service, 1)));
    // RFC 6050: the service the request asks for (DECISIONS.md ICSI table).
    r.fields.emplace_back("P-Preferred-Service", service);
    r.fields.emplace_back("User-Agent", std::string(user_agent_text)); // REQ-7.3.1-A.4
    r.fields.emplace_back("Conversation-ID", e.conversation_id);
    r.fields.emplace_back("Contribution-ID", e.contribution_id);
    r.content_type = "text/plain;charset=UTF-8";
    r.body = std::string(text);
    preauthorize(digest_, r);

    auto h = client::send(c, account_.server, e.request); // REQ-7.3.1-A.10
    if (!h)
        return h.error();
    last_sent_ = e.request.sent;
    conversations_.insert_or_assign(std::string(to), e.conversation_id);
    std::uint64_t const id = e.id;
    pending_.emplace(static_cast<std::uint64_t>(*h), std::move(e));
    return id;
}

bool pager::handle(st::core& c, st::action const& a)
{
    if (auto const* r = std::get_if<st::request_received>(&a)) {
        if (r->request->method() != sip::method::message || r->dialog != st::no_dialog)
            return false;
        on_request(c, *r);
        return true;
    }
    if (auto const* f = std::get_if<st::request_failed>(&a)) {
        auto const key = static_cast<std::uint64_t>(f->transaction);
        if (!pending_.contains(key))
            return false;
        on_final(c, key, f->status, f->status == 408 ? "Request Timeout" : "Service Unavailable", nullptr);
        return true;
    }
    auto const* r = std::get_if<st::response_received>(&a);
    if (r == nullptr)
        return false;
    auto const key = static_cast<std::uint64_t>(r->transaction);
    if (!pending_.contains(key))
        return false;
    if (r->response->status_code() >= 200)
        on_final(c, key, r->response->status_code(), std::string(r->response->reason()), r->response.get());
    return true;
}

void pager::on_final(st::core& c, std::uint64_t key, unsigned status, std::string reason,
                     sip::message const* response)
{
    auto node = pending_.extract(key);
    entry& e = node.mapped();
    if (response != nullptr && (status == 401 || status == 407) && answer_challenge(digest_, *response, e.request)) {
        // RFC 3261 22.2: the same request again (same Call-ID, next CSeq)
        // with the credentials.
        if (auto h = client::send(c, account_.server, e.request); h) {
            last_sent_ = e.request.sent;
            node.key() = static_cast<std::uint64_t>(*h);
            pending_.insert(std::move(node));
            return;
        }
        reason = "MESSAGE could not be sent again";
    }
    if (sent_)
        sent_(message_outcome{e.id, status, std::move(reason), e.conversation_id, e.contribution_id});
}

void pager::on_request(st::core& c, st::request_received const& r)
{
    sip::message const& m = *r.request;
    auto decoded = decode_message(m);
    std::string out;
    sip::response_options o;
    std::string const tag = c.new_tag();
    o.to_tag = tag;
    if (auto const* no = std::get_if<refusal>(&decoded)) {
        auto b = sip::make_response(out, m, no->status, no->reason, o);
        if (no->status == 415)
            b.header(sip::header_id::accept, accepted_types); // RFC 3261 21.4.13
        b.warning(c.configuration().sent_by, no->sentence);
        b.finish();
        (void)c.respond(r.transaction, out);
        return;
    }
    // RFC 3428 7: a 200 says the message was delivered to the user.
    sip::make_response(out, m, 200, "OK", o).finish();
    (void)c.respond(r.transaction, out);
    auto& msg = std::get<received_message>(decoded);
    // DECISIONS.md: a reply stays in the sender's conversation.
    if (!msg.conversation_id.empty())
        conversations_.insert_or_assign(msg.sender(), msg.conversation_id);
    if (received_)
        received_(msg);
}

} // namespace cpm::client
