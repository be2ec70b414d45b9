#include "sip/auth/challenger.hpp"

#include "sip/abnf/char_class.hpp"
#include "sip/auth/digest_hash.hpp"
#include "sip/auth/quoted.hpp"

#include <algorithm>

namespace cpm::sip::auth {

namespace {

verification fail(verdict v, std::string sentence, std::string_view username = {})
{
    return verification{v, std::move(sentence), username};
}

// RFC 3261 22.4 / RFC 2617 3.2.2: the digest-uri names the Request-URI; a
// proxy may have re-escaped it, so equivalent URIs (19.1.4) also match.
bool uri_matches(std::string_view digest_uri, message const& request)
{
    if (digest_uri == request.request_uri())
        return true;
    auto parsed = parse_uri(digest_uri);
    return parsed && equivalent(*parsed, request.parsed_request_uri());
}

} // namespace

unsigned status_for(verdict v, auth_kind kind) noexcept
{
    switch (v) {
    case verdict::ok: return 0;
    case verdict::malformed: return 400;
    default: return challenge_status(kind);
    }
}

challenger::challenger(challenger_config config, user_store const& users)
    : config_(std::move(config)),
      users_(users),
      nonces_(config_.secret, config_.nonce_lifetime),
      counts_(config_.replay_capacity, config_.nonce_lifetime),
      opaque_(nonces_.opaque(config_.realm))
{
}

bool challenger::offered(digest_algorithm algorithm) const noexcept
{
    // RFC 7616 3.3: no algorithm parameter means MD5.
    if (algorithm == digest_algorithm::unspecified)
        algorithm = digest_algorithm::md5;
    return std::find(config_.algorithms.begin(), config_.algorithms.end(), algorithm) != config_.algorithms.end();
}

std::string challenger::challenge_value(digest_algorithm algorithm, std::string_view nonce, bool stale) const
{
    // RFC 7616 3.3: realm, nonce, opaque and qop quoted; algorithm and stale as tokens.
    std::string out = "Digest realm=";
    append_quoted(out, config_.realm);
    out.append(", nonce=\"").append(nonce);
    out.append("\", opaque=\"").append(opaque_);
    out.append("\", algorithm=").append(digest_algorithm_name(algorithm));
    out.append(", qop=\"auth\"");
    if (stale)
        out.append(", stale=true");
    return out;
}

std::vector<std::string> challenger::challenges(wall_clock::time_point now, bool stale, std::string_view user) const
{
    // RFC 8760 2.4: a client answers the topmost challenge it supports, so
    // one the user's stored secret cannot verify (an HA1 of another
    // algorithm) would lock the user out. A user the store does not know
    // gets every challenge: the answer must not tell who exists.
    auto const verifiable = [&](digest_algorithm a) {
        return user.empty() || users_.find(config_.realm, user, a).has_value();
    };
    bool const known = !user.empty() && std::any_of(config_.algorithms.begin(), config_.algorithms.end(), verifiable);
    std::vector<std::string> out;
    out.reserve(config_.algorithms.size());
    for (digest_algorithm algorithm : config_.algorithms)
        if (digest_supported(algorithm) && (!known || verifiable(algorithm)))
            out.push_back(challenge_value(algorithm, nonces_.issue(config_.realm, now), stale));
    return out;
}

void challenger::add_challenges(message_builder& response, wall_clock::time_point now, bool stale,
                                std::string_view user) const
{
    for (std::string const& value : challenges(now, stale, user))
        response.header(challenge_header(config_.kind), value);
}

verification challenger::verify(message const& request, wall_clock::time_point now)
{
    header_id const id = credentials_header(config_.kind);
    std::string_view const header = canonical_name(id);

    // RFC 3261 22.3: a request may carry credentials for several realms
    // (one per proxy); ours is the one whose realm matches.
    std::optional<credentials> mine;
    std::optional<verification> first_error;
    std::string realm_storage;
    for (header_field const& field : request.headers()) {
        if (field.id != id)
            continue;
        auto parsed = parse_credentials(field.value, header);
        if (!parsed) {
            if (!first_error)
                first_error = fail(verdict::malformed, parsed.error().message);
            continue;
        }
        if (parsed->is_digest() && quoted_text(parsed->realm, realm_storage) == config_.realm) {
            mine = std::move(*parsed);
            break;
        }
    }
    if (!mine) {
        if (first_error)
            return std::move(*first_error);
        std::string sentence = std::string(header) + ": no Digest credentials for realm \"";
        return fail(verdict::no_credentials, sentence.append(config_.realm).append("\""));
    }
    credentials const& c = *mine;
    std::string const h(header);

    if (c.userhash)
        return fail(verdict::unsupported_algorithm, h + ": userhash is not supported", c.username);
    if (!digest_supported(c.algorithm) || !offered(c.algorithm)) {
        std::string const name = c.algorithm_text.empty() ? "MD5" : std::string(c.algorithm_text);
        return fail(verdict::unsupported_algorithm, h + ": algorithm " + name + " was not offered", c.username);
    }
    std::string_view const qop = c.qop; // the parser has taken off the quotes some clients add
    if (qop.empty()) {
        if (!config_.accept_rfc2069)
            return fail(verdict::unsupported_qop, h + ": qop=auth is required", c.username);
        if (is_session_algorithm(c.algorithm) && c.cnonce.empty())
            return fail(verdict::malformed, h + ": a -sess algorithm needs cnonce", c.username);
    } else {
        if (!abnf::iequals(qop, "auth"))
            return fail(verdict::unsupported_qop, h + ": qop " + std::string(qop) + " was not offered", c.username);
        if (!c.nonce_count || *c.nonce_count == 0)
            return fail(verdict::malformed, h + ": nc must be 8 hex digits from 00000001", c.username);
    }
    if (!uri_matches(c.uri, request))
        return fail(verdict::uri_mismatch,
                    h + ": uri \"" + std::string(c.uri) + "\" is not the Request-URI", c.username);

    nonce_check const nonce = nonces_.check(c.nonce, config_.realm, now);
    if (nonce.state == nonce_check::status::forged)
        return fail(verdict::bad_nonce, h + ": nonce was not issued by this server", c.username);
    if (c.opaque != opaque_)
        return fail(verdict::opaque_mismatch, h + ": opaque was not returned unchanged", c.username);

    std::string user_storage;
    std::string_view const username = quoted_text(c.username, user_storage);
    digest_algorithm const base = base_algorithm(c.algorithm);
    auto secret = users_.find(config_.realm, username, base);
    if (!secret)
        return fail(verdict::unknown_user, h + ": unknown user \"" + std::string(username) + "\"", c.username);
    std::string const ha1 = secret->type == user_secret::kind::password
                                ? digest_ha1(base, username, config_.realm, secret->value)
                                : secret->value;
    std::string const expected = digest_response({.algorithm = c.algorithm,
                                                  .ha1 = ha1,
                                                  .nonce = c.nonce,
                                                  .nc = c.nc,
                                                  .cnonce = c.cnonce,
                                                  .qop = qop,
                                                  .method = request.method_text(),
                                                  .uri = c.uri});
    if (!digest_equal(expected, c.response))
        return fail(verdict::bad_response, h + ": response does not match (wrong password?)", c.username);

    // RFC 7616 3.3 stale: the credentials are right, only the nonce is old.
    if (nonce.state == nonce_check::status::expired)
        return fail(verdict::stale, h + ": nonce expired", c.username);
    if (!qop.empty()) {
        switch (counts_.record(c.nonce, nonce.issued, *c.nonce_count, now)) {
        case nonce_count_table::verdict::fresh: break;
        case nonce_count_table::verdict::replay:
            return fail(verdict::replay, h + ": nc " + std::string(c.nc) + " was already used with this nonce",
                        c.username);
        case nonce_count_table::verdict::forgotten:
            return fail(verdict::stale, h + ": nonce no longer tracked", c.username);
        }
    }
    return verification{verdict::ok, {}, c.username};
}

std::string challenger::respond(message const& request, verification const& result, wall_clock::time_point now,
                                response_options const& options) const
{
    std::string out;
    unsigned const status = status_for(result.result, config_.kind);
    if (status == 0)
        return out;
    if (status == 400) {
        make_response(out, request, 400, "Bad Request", options)
            .warning(config_.warning_agent, result.sentence)
            .finish();
        return out;
    }
    auto builder = make_response(out, request, status, challenge_reason(config_.kind), options);
    // The credentials name the user; without them the From does (22.1).
    std::string user(result.username);
    if (user.empty())
        if (auto from = parse_uri(request.from().uri); from && from->is_sip_or_sips())
            user = from->sip.user_text();
    add_challenges(builder, now, result.result == verdict::stale, user);
    builder.finish();
    return out;
}

} // namespace cpm::sip::auth
