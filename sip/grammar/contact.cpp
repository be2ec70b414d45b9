#include "sip/contact.hpp"

#include "sip/grammar/header_rules.hpp"
#include "sip/header_values.hpp"

#include <optional>
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

// Checks the parameters RFC 3261, 5626 and 5627 define and fills a
// contact while parse_name_addr() validates them (one pass over the
// parameters); the first fault is kept.
class contact_params final : public abnf::param_visitor {
public:
    contact_params(std::string_view text, contact& c) : text_(text), c_(c) {}

    void on_param(abnf::param const& p) override
    {
        if (!error_)
            if (auto r = check(p); !r)
                error_ = std::move(r).error();
    }

    abnf::result<void> result() const
    {
        if (error_)
            return *error_;
        return {};
    }

private:
    abnf::result<void> check(abnf::param const& p)
    {
        if (abnf::iequals(p.name, "q")) {
            auto const q = parse_qvalue(p.value);
            if (!q)
                return header_error(text_, p.name.data(), header, "q must be a qvalue (0 to 1, at most 3 decimals)");
            c_.q = *q;
        } else if (abnf::iequals(p.name, "expires")) {
            auto n = grammar::delta_seconds(text_, p.value, p.name.data(), header, "expires");
            if (!n)
                return n.error();
            c_.expires = *n;
        } else if (abnf::iequals(p.name, "reg-id")) {
            auto n = grammar::delta_seconds(text_, p.value, p.name.data(), header, "reg-id");
            if (!n || *n == 0 || *n >= 0x80000000u)
                return header_error(text_, p.name.data(), header, "reg-id must be 1 to 2**31-1");
            c_.reg_id = *n;
        } else if (abnf::iequals(p.name, "+sip.instance")) {
            // c-p-instance = "+sip.instance" EQUAL LDQUOT "<" instance-val ">" RDQUOT
            auto const body = grammar::quoted_body(p);
            char const* at = nullptr;
            char const* const end = body ? body->data() + body->size() : nullptr;
            if (body) {
                char const* const after = instance_end(*body);
                if (after == end) {
                    c_.instance = body->substr(1, body->size() - 2);
                    return {};
                }
                at = after != nullptr ? after : body->data();
            }
            return header_error(text_, at != nullptr ? at : p.name.data(), header,
                                "+sip.instance must be a quoted \"<URN>\"");
        } else if (abnf::iequals(p.name, "pub-gruu") || abnf::iequals(p.name, "temp-gruu")) {
            // pub-gruu / temp-gruu = name EQUAL LDQUOT *(qdtext / quoted-pair) RDQUOT
            auto const body = grammar::quoted_body(p);
            if (!body)
                return header_error(text_, p.name.data(), header, std::string(p.name) + " must be a quoted URI");
            (abnf::iequals(p.name, "pub-gruu") ? c_.pub_gruu : c_.temp_gruu) = *body;
        }
        if (is_feature_tag_name(p.name)) {
            auto f = parse_feature_param(text_, p, header);
            if (!f)
                return f.error();
        }
        return {};
    }

    std::string_view text_;
    contact& c_;
    std::optional<abnf::parse_error> error_;
};
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
            contact& c = contacts.emplace_back();
            contact_params params(rest, c);
            auto na = parse_name_addr(rest, &consumed, &params);
            if (!na)
                return na.error();
            c.address = *na;
            length = na->raw.size();
            return params.result();
        });
    if (!walked)
        out = std::move(walked).error();
    return out;
}

} // namespace cpm::sip
