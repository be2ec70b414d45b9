#include "sip/auth/client_credentials.hpp"

#include "sip/abnf/char_class.hpp"
#include "sip/auth/digest_hash.hpp"
#include "sip/auth/quoted.hpp"

#include <boost/throw_exception.hpp>

#include <openssl/rand.h>

#include <cstdio>
#include <stdexcept>

namespace cpm::sip::auth {

namespace {

std::string random_cnonce()
{
    unsigned char bytes[16] = {};
    // Without entropy RAND_bytes fails; the cnonce then carries less
    // randomness but the exchange stays correct.
    (void)RAND_bytes(bytes, sizeof bytes);
    return to_lower_hex(bytes);
}

client_error error(client_errc code, std::string sentence)
{
    return client_error{code, std::move(sentence)};
}

bool offers_auth(challenge const& c)
{
    for (std::string_view q : c.qop_options)
        if (abnf::iequals(q, "auth"))
            return true;
    return false;
}

} // namespace

void throw_exception_from_error(client_error const& e, boost::source_location const& loc)
{
    boost::throw_exception(std::runtime_error(e.sentence), loc);
}

digest_client::digest_client(credential_source& source, client_config config)
    : source_(source), config_(std::move(config))
{
    if (!config_.make_cnonce)
        config_.make_cnonce = random_cnonce;
}

client_result<void> digest_client::take(auth_kind kind, challenge const& c)
{
    std::string realm_storage;
    std::string realm(quoted_text(c.realm, realm_storage));
    auto it = cache_.find(key(kind, realm));
    // RFC 7616 3.3 stale=true: the credentials were right, the nonce old:
    // retry with the new nonce "without reprompting the user".
    if (it == cache_.end() || !c.stale) {
        auto secret = source_.credentials(realm);
        if (!secret)
            return error(client_errc::no_credentials, "no credentials for realm \"" + realm + "\"");
        it = cache_.insert_or_assign(key(kind, realm), entry{}).first;
        it->second.secret = std::move(*secret);
    }
    entry& e = it->second;
    std::string storage;
    e.nonce = quoted_text(c.nonce, storage); // hashed unquoted (RFC 7616 3.4.1), re-quoted when sent
    e.opaque = quoted_text(c.opaque, storage);
    e.algorithm = c.algorithm;
    e.qop_auth = offers_auth(c);
    e.nc = 0;
    e.cnonce = config_.make_cnonce();
    return {};
}

client_result<std::vector<authorization>> digest_client::answer(message const& response, message const& request)
{
    auth_kind kind;
    if (response.status_code() == 401)
        kind = auth_kind::www;
    else if (response.status_code() == 407)
        kind = auth_kind::proxy;
    else
        return error(client_errc::not_a_challenge,
                     "status " + std::to_string(response.status_code()) + " is not a 401 or 407 challenge");

    header_id const id = challenge_header(kind);
    std::string_view const header = canonical_name(id);
    // Per realm, the strongest challenge we can answer (RFC 3261 22.3: one
    // challenge per proxy realm; RFC 7616 3.7: several per realm, one per algorithm).
    std::map<std::string_view, challenge> best;
    std::optional<client_error> first_error;
    for (header_field const& field : response.headers()) {
        if (field.id != id)
            continue;
        auto parsed = parse_challenge(field.value, header);
        if (!parsed) {
            if (!first_error)
                first_error = error(client_errc::malformed_challenge, parsed.error().message);
            continue;
        }
        challenge& c = *parsed;
        if (!c.is_digest() || !digest_supported(c.algorithm) || (!c.qop_options.empty() && !offers_auth(c))) {
            if (!first_error)
                first_error = error(client_errc::unsupported_challenge,
                                    std::string(header) + ": cannot answer \"" + std::string(field.value) + "\"");
            continue;
        }
        auto [it, inserted] = best.try_emplace(c.realm, std::move(c));
        if (!inserted && digest_strength(parsed->algorithm) > digest_strength(it->second.algorithm))
            it->second = std::move(*parsed);
    }
    if (best.empty())
        return first_error ? std::move(*first_error)
                           : error(client_errc::malformed_challenge,
                                   "status " + std::to_string(response.status_code()) + " without " +
                                       std::string(header));
    for (auto const& [realm, c] : best)
        if (auto taken = take(kind, c); !taken)
            return taken.error();
    return authorize(request.method_text(), request.request_uri());
}

std::string digest_client::credentials_value(std::string_view realm, entry& e, std::string_view method,
                                             std::string_view request_uri)
{
    digest_algorithm const base = base_algorithm(e.algorithm);
    std::string const ha1 = digest_ha1(base, e.secret.username, realm, e.secret.password);
    char nc[9] = "";
    if (e.qop_auth)
        std::snprintf(nc, sizeof nc, "%08x", static_cast<unsigned>(++e.nc));
    // RFC 2069 form (no qop): no cnonce either, unless -sess needs one.
    bool const with_cnonce = e.qop_auth || is_session_algorithm(e.algorithm);
    std::string const response = digest_response({.algorithm = e.algorithm,
                                                  .ha1 = ha1,
                                                  .nonce = e.nonce,
                                                  .nc = e.qop_auth ? std::string_view(nc) : std::string_view(),
                                                  .cnonce = with_cnonce ? std::string_view(e.cnonce) : std::string_view(),
                                                  .qop = e.qop_auth ? "auth" : "",
                                                  .method = method,
                                                  .uri = request_uri});
    // RFC 7616 3.4: username, realm, nonce, uri, response, cnonce and opaque
    // quoted; algorithm, qop and nc as tokens.
    std::string out = "Digest username=";
    append_quoted(out, e.secret.username);
    out.append(", realm=");
    append_quoted(out, realm);
    out.append(", nonce=");
    append_quoted(out, e.nonce);
    out.append(", uri=");
    append_quoted(out, request_uri);
    out.append(", response=\"").append(response).append("\"");
    if (e.algorithm != digest_algorithm::unspecified)
        out.append(", algorithm=").append(digest_algorithm_name(e.algorithm));
    if (with_cnonce)
        out.append(", cnonce=\"").append(e.cnonce).append("\"");
    if (!e.opaque.empty()) {
        out.append(", opaque=");
        append_quoted(out, e.opaque);
    }
    if (e.qop_auth)
        out.append(", qop=auth, nc=").append(nc);
    return out;
}

std::vector<authorization> digest_client::authorize(std::string_view method, std::string_view request_uri)
{
    std::vector<authorization> out;
    out.reserve(cache_.size());
    for (auto& [k, e] : cache_)
        out.push_back(authorization{credentials_header(k.first), k.second,
                                    credentials_value(k.second, e, method, request_uri)});
    return out;
}

void digest_client::forget(std::string_view realm)
{
    cache_.erase(key(auth_kind::www, std::string(realm)));
    cache_.erase(key(auth_kind::proxy, std::string(realm)));
}

} // namespace cpm::sip::auth
