#include "sip/contact.hpp"

#include "sip/grammar/header_rules.hpp"
#include "sip/header_values.hpp"

#include <string>

namespace cpm::sip {

namespace {
using grammar::header_error;
namespace x3 = boost::spirit::x3;
namespace g = abnf::grammar;

constexpr std::string_view header = "Contact";

// "<" instance-val ">" at the start of @p body, instance-val = *uric (RFC
// 5626 section 10), uric = reserved / unreserved / escaped: where it ends,
// or nullptr when @p body does not start with one.
char const* instance_end(std::string_view body) noexcept
{
    std::size_t const n = body.size();
    if (n == 0 || body.front() != '<')
        return nullptr;
    std::size_t i = 1;
    while (i < n) {
        char const c = body[i];
        if (abnf::is(c, abnf::cc_reserved | abnf::cc_unreserved))
            ++i;
        else if (c == '%' && i + 2 < n && abnf::is(body[i + 1], abnf::cc_hex) && abnf::is(body[i + 2], abnf::cc_hex))
            i += 3;
        else
            break;
    }
    return i < n && body[i] == '>' ? body.data() + i + 1 : nullptr;
}

// Checks the parameters RFC 3261, 5626 and 5627 define and fills @p c.
abnf::result<void> decode_params(std::string_view text, contact& c)
{
    for (auto const& p : c.address.params) {
        if (abnf::iequals(p.name, "q")) {
            auto const q = parse_qvalue(p.value);
            if (!q)
                return header_error(text, p.name.data(), header, "q must be a qvalue (0 to 1, at most 3 decimals)");
            c.q = *q;
        } else if (abnf::iequals(p.name, "expires")) {
            auto n = grammar::delta_seconds(text, p.value, p.name.data(), header, "expires");
            if (!n)
                return n.error();
            c.expires = *n;
        } else if (abnf::iequals(p.name, "reg-id")) {
            auto n = grammar::delta_seconds(text, p.value, p.name.data(), header, "reg-id");
            if (!n || *n == 0 || *n >= 0x80000000u)
                return header_error(text, p.name.data(), header, "reg-id must be 1 to 2**31-1");
            c.reg_id = *n;
        } else if (abnf::iequals(p.name, "+sip.instance")) {
            // c-p-instance = "+sip.instance" EQUAL LDQUOT "<" instance-val ">" RDQUOT
            auto const body = grammar::quoted_body(p);
            char const* at = nullptr;
            char const* const end = body ? body->data() + body->size() : nullptr;
            if (body) {
                char const* const after = instance_end(*body);
                if (after == end) {
                    c.instance = body->substr(1, body->size() - 2);
                    continue;
                }
                at = after != nullptr ? after : body->data();
            }
            return header_error(text, at != nullptr ? at : p.name.data(), header,
                                "+sip.instance must be a quoted \"<URN>\"");
        } else if (abnf::iequals(p.name, "pub-gruu") || abnf::iequals(p.name, "temp-gruu")) {
            // pub-gruu / temp-gruu = name EQUAL LDQUOT *(qdtext / quoted-pair) RDQUOT
            auto const body = grammar::quoted_body(p);
            if (!body)
                return header_error(text, p.name.data(), header, std::string(p.name) + " must be a quoted URI");
            (abnf::iequals(p.name, "pub-gruu") ? c.pub_gruu : c.temp_gruu) = *body;
        }
        if (is_feature_tag_name(p.name)) {
            auto f = parse_feature_param(text, p, header);
            if (!f)
                return f.error();
        }
    }
    return {};
}
} // namespace

abnf::result<contact_list> parse_contact(std::string_view value)
{
    // Built inside the result (returned by NRVO), and each contact in its
    // place in the list: nothing is copied on the way out.
    abnf::result<contact_list> out(boost::system::in_place_value);
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    // STAR = SWS "*" SWS
    if (x3::parse(p, end, g::star) && p == end) {
        out->wildcard = true;
        return out;
    }
    contact_vector& contacts = out->contacts;
    auto walked = grammar::walk_comma_list(
        value, header, "a contact (name-addr or addr-spec)", grammar::empty_list::rejected,
        [&](std::string_view rest, std::size_t& length) -> abnf::result<void> {
            if (rest.front() == '*')
                return header_error(rest, rest.data(), header, "\"*\" must be the whole value");
            std::size_t consumed = 0;
            auto na = parse_name_addr(rest, &consumed);
            if (!na)
                return na.error();
            contact& c = contacts.emplace_back();
            c.address = *na;
            length = na->raw.size();
            return decode_params(rest, c);
        });
    if (!walked)
        out = std::move(walked).error();
    return out;
}

} // namespace cpm::sip
