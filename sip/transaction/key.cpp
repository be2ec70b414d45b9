#include "sip/transaction/key.hpp"

#include "sip/abnf/char_class.hpp"

#include <functional>

namespace cpm::sip::transaction {

namespace {

std::size_t mix(std::size_t seed, std::size_t h) noexcept
{
    return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

std::size_t hash_of(std::string_view s) noexcept { return std::hash<std::string_view>{}(s); }

/// FNV-1a over the lower-cased bytes: equal under abnf::iequals, equal hash.
std::size_t hash_icase(std::string_view s) noexcept
{
    std::uint64_t h = 14695981039346656037ULL;
    for (char c : s) {
        h ^= static_cast<unsigned char>(abnf::to_lower(c));
        h *= 1099511628211ULL;
    }
    return static_cast<std::size_t>(h);
}

/// 17.2.3: ACK matches the INVITE transaction.
std::string_view key_method(sip::message const& request) noexcept
{
    return request.method() == method::ack ? to_string(method::invite) : request.method_text();
}

} // namespace

client_key client_key_of(sip::message const& m) noexcept
{
    return {m.top_via().branch, m.cseq().method_text};
}

server_key server_key_of(sip::message const& request) noexcept
{
    server_key k;
    auto const& via = request.top_via();
    k.method = key_method(request);
    k.rfc3261 = via.rfc3261_branch();
    if (k.rfc3261) {
        k.branch = via.branch;
        k.host = via.host;
        k.port = via.port;
    } else {
        k.request_uri = request.request_uri();
        k.from_tag = request.from().tag;
        k.call_id = request.call_id();
        k.cseq_number = request.cseq().number;
        k.top_via = via.raw;
    }
    return k;
}

server_key cancelled_key_of(sip::message const& cancel, std::string_view method) noexcept
{
    server_key k = server_key_of(cancel);
    k.method = method;
    return k;
}

bool operator==(server_key const& a, server_key const& b) noexcept
{
    if (a.rfc3261 != b.rfc3261 || a.method != b.method)
        return false;
    if (a.rfc3261)
        return a.branch == b.branch && abnf::iequals(a.host, b.host) && a.port == b.port;
    return a.request_uri == b.request_uri && a.from_tag == b.from_tag && a.call_id == b.call_id &&
           a.cseq_number == b.cseq_number && a.top_via == b.top_via;
}

bool legacy_to_tag_matches(sip::message const& request, sip::message const& creating_request,
                           sip::message const* last_response) noexcept
{
    if (request.method() == method::ack)
        return last_response != nullptr && request.to().tag == last_response->to().tag;
    return request.to().tag == creating_request.to().tag;
}

std::size_t key_hash::operator()(client_key const& k) const noexcept
{
    return mix(hash_of(k.branch), hash_of(k.method));
}

std::size_t key_hash::operator()(server_key const& k) const noexcept
{
    std::size_t h = mix(hash_of(k.method), k.rfc3261 ? 1 : 2);
    if (k.rfc3261)
        return mix(mix(mix(h, hash_of(k.branch)), hash_icase(k.host)), k.port ? *k.port + 1u : 0u);
    h = mix(h, hash_of(k.request_uri));
    h = mix(h, hash_of(k.from_tag));
    h = mix(h, hash_of(k.call_id));
    h = mix(h, k.cseq_number);
    return mix(h, hash_of(k.top_via));
}

} // namespace cpm::sip::transaction
