#include "sip/identity.hpp"

#include "sip/grammar/header_rules.hpp"

namespace cpm::sip {

namespace {
using grammar::header_error;
using grammar::view;
namespace x3 = boost::spirit::x3;
namespace g = abnf::grammar;

// signed-identity-digest = 1*(base64-char / "."); the PASSporT compact form
// is base64url, so "-" and "_" join RFC 8224's base64-char (ALPHA / DIGIT /
// "/" / "+"), with "=" padding.
const auto signed_digest = +(g::cls(abnf::cc_alphanum) | x3::char_("/+._=-"));
// SEMI "info" EQUAL, before "<" absoluteURI ">"
const auto info_equal = g::semi >> x3::no_case[x3::lit("info")] >> g::equal >> '<';
const auto raquot = x3::lit('>');
} // namespace

abnf::result<identity> parse_identity(std::string_view value)
{
    constexpr std::string_view header = "Identity";
    identity id;
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    std::string_view quoted;
    if (g::match(p, end, g::quoted_string_body, quoted)) {
        // RFC 4474 section 9: Identity = LDQUOT signed-identity-digest RDQUOT
        id.form = identity_form::rfc4474;
        id.digest = quoted.substr(1, quoted.size() - 2);
        if (auto r = grammar::expect_end(value, p, header, "the quoted signature"); !r)
            return r.error();
        return id;
    }
    if (!g::match(p, end, signed_digest, id.digest))
        return header_error(value, p, header, "expected a signed-identity-digest (base64 with '.')");
    // A PASSporT has '.' separators; a bare base64 signature is the draft form.
    if (p == end && id.digest.find('.') == std::string_view::npos) {
        id.form = identity_form::draft;
        return id;
    }
    char const* const info_at = p;
    if (!(g::skip(p, end, info_equal) && g::match(p, end, grammar::bracketed_absolute_uri, id.info_uri) &&
          g::skip(p, end, raquot)))
        return header_error(value, info_at, header, "expected ;info=<absoluteURI> after the digest");
    std::size_t plen = 0;
    id.params = grammar::leading_params(view(p, end), plen);
    if (auto r = grammar::expect_end(value, p + plen, header, "the parameters"); !r)
        return r.error();
    for (auto const& prm : id.params) {
        bool const alg = abnf::iequals(prm.name, "alg");
        if (!alg && !abnf::iequals(prm.name, "ppt"))
            continue;
        if (!prm.has_value || prm.is_quoted())
            return header_error(value, prm.name.data(), header, std::string(prm.name) + " must be a token");
        (alg ? id.alg : id.ppt) = prm.value;
    }
    return id;
}

} // namespace cpm::sip
