// Authentication headers (RFC 3261 22, RFC 7616 / RFC 8760 Digest) as
// JSON: the auth-params as written, then the Digest fields by name.

#include "json_text.hpp"
#include "sip_json_parts.hpp"

#include <utility>

namespace cpm::inspect {

using namespace cpm::sip;

namespace {

/// The algorithm as the RFC spells it; "unspecified" means MD5 (RFC 7616 3.3).
std::string_view algorithm_name(digest_algorithm a) noexcept
{
    switch (a) {
    case digest_algorithm::unspecified: return "unspecified";
    case digest_algorithm::md5: return "MD5";
    case digest_algorithm::md5_sess: return "MD5-sess";
    case digest_algorithm::sha_256: return "SHA-256";
    case digest_algorithm::sha_256_sess: return "SHA-256-sess";
    case digest_algorithm::sha_512_256: return "SHA-512-256";
    case digest_algorithm::sha_512_256_sess: return "SHA-512-256-sess";
    case digest_algorithm::other: return "other";
    }
    return "other";
}

void put_if(json::object& o, std::string_view key, std::string_view value)
{
    if (!value.empty())
        o[key] = text(value);
}

void algorithm_into(json::object& o, std::string_view written, digest_algorithm a)
{
    put_if(o, "algorithm", written);
    o["algorithm_kind"] = algorithm_name(a);
}

/// scheme, every auth-param as written, and the token68 of a non-Digest scheme.
template <class T>
json::object common_json(T const& v)
{
    json::object o;
    o["scheme"] = text(v.scheme);
    o["params"] = params_json(v.params);
    put_if(o, "token68", v.token68);
    return o;
}

} // namespace

json::object challenge_json(challenge const& c)
{
    json::object o = common_json(c);
    if (!c.is_digest())
        return o;
    json::object d;
    put_if(d, "realm", c.realm);
    put_if(d, "domain", c.domain);
    put_if(d, "nonce", c.nonce);
    put_if(d, "opaque", c.opaque);
    d["stale"] = c.stale;
    algorithm_into(d, c.algorithm_text, c.algorithm);
    json::array qop;
    for (auto const q : c.qop_options)
        qop.push_back(text(q));
    d["qop_options"] = std::move(qop);
    put_if(d, "charset", c.charset);
    d["userhash"] = c.userhash;
    o["digest"] = std::move(d);
    return o;
}

json::object credentials_json(credentials const& c, uri_reader& uris)
{
    json::object o = common_json(c);
    if (!c.is_digest())
        return o;
    json::object d;
    put_if(d, "username", c.username);
    put_if(d, "realm", c.realm);
    put_if(d, "nonce", c.nonce);
    // RFC 3261 25.1: digest-uri-value = Request-URI.
    if (!c.uri.empty()) d["uri"] = uris.read_quoted(c.uri);
    put_if(d, "response", c.response);
    put_if(d, "cnonce", c.cnonce);
    put_if(d, "opaque", c.opaque);
    algorithm_into(d, c.algorithm_text, c.algorithm);
    put_if(d, "qop", c.qop);
    put_if(d, "nc", c.nc);
    if (c.nonce_count) d["nonce_count"] = *c.nonce_count;
    d["userhash"] = c.userhash;
    o["digest"] = std::move(d);
    return o;
}

json::object authentication_info_json(authentication_info const& a)
{
    json::object o;
    o["params"] = params_json(a.params);
    put_if(o, "nextnonce", a.nextnonce);
    put_if(o, "qop", a.qop);
    put_if(o, "rspauth", a.rspauth);
    put_if(o, "cnonce", a.cnonce);
    put_if(o, "nc", a.nc);
    if (a.nonce_count) o["nonce_count"] = *a.nonce_count;
    return o;
}

} // namespace cpm::inspect
