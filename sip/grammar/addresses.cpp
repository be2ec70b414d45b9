#include "sip/addresses.hpp"

#include "sip/feature_tags.hpp"
#include "sip/grammar/header_rules.hpp"

#include <string>

namespace cpm::sip {

namespace {
using grammar::header_error;
using grammar::view;
namespace x3 = boost::spirit::x3;
namespace g = abnf::grammar;

// One (name-addr / addr-spec) *(SEMI param) at the start of @p rest; the
// walk of the caller checks what follows it.
abnf::result<name_addr> element(std::string_view rest, std::size_t& length)
{
    std::size_t consumed = 0;
    auto na = parse_name_addr(rest, &consumed);
    if (!na)
        return na.error();
    length = na->raw.size();
    return na;
}

abnf::result<name_addr_list> bracketed_list(std::string_view value, std::string_view header,
                                            grammar::empty_list empty)
{
    return grammar::parse_comma_list<name_addr_list>(
        value, header, "a <URI>", empty, [&](std::string_view rest, std::size_t& length) -> abnf::result<name_addr> {
            auto na = element(rest, length);
            if (na && !na->bracketed)
                return header_error(rest, rest.data(), header, "each entry must be written <URI> (name-addr)");
            return na;
        });
}

std::string_view scheme_of(std::string_view uri) noexcept
{
    return uri.substr(0, uri.find(':'));
}

// atom = 1*( alphanum / "-" / "!" / "%" / "*" / "_" / "+" / "'" / "`" / "~" )
const auto atom = +(g::cls(abnf::cc_token) - x3::lit('.'));
const auto dot_atom = atom >> *('.' >> atom);
// sip-clean-msg-id = LDQUOT dot-atom "@" (dot-atom / host) RDQUOT
const auto clean_msg_id = '"' >> dot_atom >> '@' >> (g::host | dot_atom) >> '"';
} // namespace

abnf::result<name_addr_list> parse_route(std::string_view value, std::string_view header)
{
    return bracketed_list(value, header, grammar::empty_list::rejected);
}

abnf::result<name_addr_list> parse_associated_uri(std::string_view value)
{
    return bracketed_list(value, "P-Associated-URI", grammar::empty_list::allowed);
}

abnf::result<name_addr> parse_address(std::string_view value, std::string_view header)
{
    std::size_t length = 0;
    auto na = element(value, length);
    if (!na)
        return grammar::rebase(value, value, na.error(), header);
    if (auto r = grammar::expect_end(value, value.data() + length, header, "the address"); !r)
        return r.error();
    return na;
}

abnf::result<name_addr_list> parse_asserted_identity(std::string_view value, std::string_view header)
{
    auto ids = grammar::parse_comma_list<name_addr_list>(
        value, header, "an identity", grammar::empty_list::rejected,
        [&](std::string_view rest, std::size_t& length) -> abnf::result<name_addr> {
            auto na = element(rest, length);
            if (!na || na->params.empty())
                return na;
            // PAssertedID-value has no header parameters: an addr-spec's
            // ";..." belongs to its URI; after a name-addr it is an error.
            auto const params = na->params.raw();
            if (na->bracketed || abnf::is_wsp(params.front()) || params.front() == '\r')
                return header_error(rest, params.data(), header, "parameters are not allowed (RFC 3325 9.1)");
            na->uri = view(na->uri.data(), params.data() + params.size());
            na->params = {};
            na->tag = {};
            return na;
        });
    if (!ids)
        return ids;
    auto const is_sip = [](name_addr const& n) {
        auto const s = scheme_of(n.uri);
        return abnf::iequals(s, "sip") || abnf::iequals(s, "sips");
    };
    auto const is_tel = [](name_addr const& n) { return abnf::iequals(scheme_of(n.uri), "tel"); };
    if (ids->size() > 2)
        return header_error(value, (*ids)[2].raw.data(), header, "at most two identities are allowed (RFC 3325 9.1)");
    if (ids->size() == 1 && !is_sip(ids->front()) && !is_tel(ids->front()))
        return header_error(value, ids->front().uri.data(), header, "the identity must be a sip, sips or tel URI");
    if (ids->size() == 2 && !((is_sip((*ids)[0]) && is_tel((*ids)[1])) || (is_tel((*ids)[0]) && is_sip((*ids)[1]))))
        return header_error(value, (*ids)[1].raw.data(), header,
                            "two identities must be one sip/sips URI and one tel URI");
    return ids;
}

abnf::result<referred_by> parse_referred_by(std::string_view value)
{
    constexpr std::string_view header = "Referred-By";
    auto na = parse_address(value, header);
    if (!na)
        return na.error();
    referred_by rb{*na, {}};
    if (auto const cid = na->params.find("cid")) {
        char const* p = cid->value.data();
        char const* const end = p + cid->value.size();
        if (!cid->has_value || !x3::parse(p, end, clean_msg_id) || p != end)
            return header_error(value, cid->name.data(), header, "cid must be a quoted msg-id (\"local@domain\")");
        rb.cid = cid->value.substr(1, cid->value.size() - 2);
    }
    return rb;
}

abnf::result<name_addr> parse_refer_to(std::string_view value)
{
    constexpr std::string_view header = "Refer-To";
    auto na = parse_address(value, header);
    if (!na) {
        auto const at = na.error().offset;
        if (at < value.size() && value[at] == '?')
            return header_error(value, value.data() + at, header,
                                "a URI with headers ('?') must be enclosed in <> (RFC 3515 2.1)");
        return na;
    }
    for (auto const& p : na->params)
        if (is_feature_tag_name(p.name))
            if (auto f = parse_feature_param(value, p, header); !f)
                return f.error();
    return na;
}

} // namespace cpm::sip
