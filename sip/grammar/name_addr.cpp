#include "sip/name_addr.hpp"

#include "sip/abnf/grammar/core_rules.hpp"
#include "sip/abnf/scan.hpp"
#include "sip/abnf/unescape.hpp"
#include "sip/grammar/parse_into.hpp"
#include "sip/grammar/value_error.hpp"

namespace cpm::sip {

namespace {
namespace g = abnf::grammar;

// scheme ":" then the URI runs to a byte that ends it: inside "<...>" the
// closing bracket (its own grammar is checked by parse_uri() on access),
// outside brackets (addr-spec form, RFC 3261 20.10) also ',' ';' or '?'.
// Scanned by hand (the hot path of From and To); returns where the URI
// ends, or nullptr.
// scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
template <bool Bracketed>
char const* scan_uri(char const* p, char const* end) noexcept
{
    if (p == end || !abnf::is_alpha(*p))
        return nullptr;
    ++p;
    while (p != end && (abnf::is(*p, abnf::cc_alphanum) || *p == '+' || *p == '-' || *p == '.'))
        ++p;
    if (p == end || *p != ':')
        return nullptr;
    char const* const body = ++p;
    if constexpr (Bracketed)
        p = abnf::find_any<'<', '>', '"', '\r', '\n', ' ', '\t'>(p, end);
    else
        p = abnf::find_any<'<', '>', '"', '\r', '\n', ' ', '\t', ',', ';', '?'>(p, end);
    return p == body ? nullptr : p;
}

// Matches a URI (see scan_uri) into @p uri.
template <bool Bracketed>
bool match_uri(char const*& p, char const* end, std::string_view& uri) noexcept
{
    char const* const e = scan_uri<Bracketed>(p, end);
    if (e == nullptr)
        return false;
    uri = std::string_view(p, static_cast<std::size_t>(e - p));
    p = e;
    return true;
}

// RAQUOT = ">" SWS: a '>' followed by neither whitespace nor a line end is
// skipped alone; anything else takes the grammar (SWS may fold).
bool skip_raquot(char const*& p, char const* end)
{
    if (p != end && *p == '>' && (end - p == 1 || !(abnf::is_wsp(p[1]) || p[1] == '\r' || p[1] == '\n'))) {
        ++p;
        return true;
    }
    return g::skip(p, end, g::raquot);
}

// display-name = *(token LWS) / quoted-string
const auto display_name = g::quoted_string_body | (g::token >> *(g::lws >> g::token));

} // namespace

std::string name_addr::display_name_text() const
{
    return abnf::unquote(display_name);
}

abnf::result<void> grammar::parse_name_addr_into(std::string_view value, std::size_t* consumed,
                                                 abnf::param_visitor* visitor, name_addr& na)
{
    char const* const begin = value.data();
    char const* const end = begin + value.size();
    char const* p = begin;

    // name-addr = [ display-name ] LAQUOT addr-spec RAQUOT; "<uri>" with no
    // display name and no whitespace around the brackets (the common From
    // and To) is read without the grammar.
    char const* q = p;
    std::string_view display;
    bool const plain_open = q != end && *q == '<';
    if (plain_open)
        ++q;
    else
        g::match(q, end, display_name, display);
    if ((plain_open || g::skip(q, end, g::laquot)) && match_uri<true>(q, end, na.uri) && skip_raquot(q, end)) {
        na.display_name = display;
        na.bracketed = true;
        p = q;
    } else if (!match_uri<false>(p, end, na.uri)) {
        // Say what went wrong: an unclosed bracket, a bad display name, or no URI.
        auto const lt = value.find('<');
        if (lt != std::string_view::npos && value.find('>', lt) == std::string_view::npos)
            return grammar::value_error(value, begin + lt, "'<' without matching '>'");
        if (lt != std::string_view::npos)
            return grammar::value_error(value, begin, "malformed display name or URI");
        return grammar::value_error(value, begin, "expected a URI (scheme:...)");
    }
    std::string_view rest(p, static_cast<std::size_t>(end - p));
    char const* bad_tag = nullptr;
    std::size_t const plen = abnf::parse_params_visit(rest, abnf::param_syntax::header, [&](abnf::param const& prm) {
        if (na.tag.empty() && bad_tag == nullptr && abnf::iequals(prm.name, "tag")) {
            if (!prm.has_value || prm.is_quoted())
                bad_tag = prm.name.data();
            else
                na.tag = prm.value;
        }
        if (visitor != nullptr)
            visitor->on_param(prm);
    });
    if (bad_tag != nullptr)
        return grammar::value_error(value, bad_tag, "tag parameter must be a token");
    na.params = abnf::make_param_list(rest.substr(0, plen), abnf::param_syntax::header);
    p += plen;
    na.raw = std::string_view(begin, static_cast<std::size_t>(p - begin));
    g::skip(p, end, g::sws);
    if (p != end) {
        if (consumed == nullptr || !g::skip(p, end, g::comma))
            return grammar::value_error(value, p, "unexpected character after the address");
    }
    if (consumed != nullptr)
        *consumed = static_cast<std::size_t>(p - begin);
    return {};
}

abnf::result<name_addr> parse_name_addr(std::string_view value, std::size_t* consumed, abnf::param_visitor* visitor)
{
    return grammar::built_in_place<name_addr>(
        [&](name_addr& na) { return grammar::parse_name_addr_into(value, consumed, visitor, na); });
}

abnf::result<name_addr_list> parse_name_addr_list(std::string_view value)
{
    name_addr_list out;
    std::size_t pos = 0;
    while (pos < value.size() || out.empty()) {
        std::size_t used = 0;
        auto one = parse_name_addr(value.substr(pos), &used);
        if (!one) {
            auto e = one.error();
            return abnf::make_parse_error(value, value.data() + pos + e.offset, e.code, std::move(e.message));
        }
        out.push_back(*one);
        if (used == 0)
            break;
        pos += used;
        if (pos == value.size() && value.substr(0, pos).find(',', static_cast<std::size_t>(one->raw.data() + one->raw.size() - value.data())) != std::string_view::npos)
            return grammar::value_error(value, value.data() + pos, "expected an address after ','");
    }
    return out;
}

} // namespace cpm::sip
