#include "cpm/client/outgoing.hpp"

#include "sip/builder.hpp"
#include "sip/digest.hpp"

namespace cpm::client {

namespace st = sip::stack;

std::string outgoing::render(st::core& c, st::peer const& next_hop) const
{
    std::string out;
    sip::message_builder b(out);
    b.request_line(method, request_uri);
    b.header(sip::header_id::via, c.via(next_hop));
    b.header(sip::header_id::max_forwards, "70");
    for (auto const& r : route)
        b.header(sip::header_id::route, r);
    b.tagged(sip::header_id::from, from, from_tag);
    b.header(sip::header_id::to, to);
    b.header(sip::header_id::call_id, call_id);
    b.header(sip::header_id::cseq, std::to_string(cseq) + " " + method);
    for (auto const& [name, value] : fields)
        b.header(name, value);
    for (auto const& a : credentials)
        b.header(a.header, a.value);
    if (!content_type.empty())
        b.header(sip::header_id::content_type, content_type);
    b.finish(body);
    return out;
}

st::result<st::client_handle> send(st::core& c, st::peer const& to, pending_request& p)
{
    p.sent = p.request.render(c, to);
    auto h = c.send_request(p.sent, to);
    if (h)
        p.handle = *h;
    return h;
}

bool answer_challenge(sip::auth::digest_client& digest, sip::message const& response, pending_request& p)
{
    auto const request = sip::message::parse(sip::abnf::text_buffer(p.sent));
    if (!request)
        return false;
    // 22.2: one retry per challenge; a second challenge right after an
    // answer means the credentials were refused, unless the server only
    // found the nonce stale (RFC 7616 3.3), which the digest client retries
    // with the cached secret.
    bool stale = false;
    for (auto const& f : response.headers()) {
        if (f.id != sip::header_id::www_authenticate && f.id != sip::header_id::proxy_authenticate)
            continue;
        auto const c = sip::parse_challenge(f.value, f.name);
        stale = stale || (c && c->stale);
    }
    if (p.challenges > 0 && !stale)
        return false;
    if (p.challenges >= 3)
        return false;
    auto fields = digest.answer(response, *request);
    if (!fields)
        return false;
    ++p.challenges;
    p.request.credentials = std::move(*fields);
    ++p.request.cseq;
    return true;
}

void preauthorize(sip::auth::digest_client& digest, outgoing& r)
{
    r.credentials = digest.authorize(r.method, r.request_uri);
}

} // namespace cpm::client
