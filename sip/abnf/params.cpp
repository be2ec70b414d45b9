#include "sip/abnf/params.hpp"

#include "sip/abnf/grammar/core_rules.hpp"
#include "sip/abnf/scan.hpp"
#include "sip/abnf/unescape.hpp"

namespace cpm::sip::abnf {

namespace {
namespace g = grammar;
namespace x3 = boost::spirit::x3;

// RFC 3261: paramchar = param-unreserved / unreserved / escaped
const auto escaped = '%' >> g::cls(cc_hex) >> g::cls(cc_hex);
const auto paramchar = g::cls(cc_param_unreserved | cc_unreserved) | escaped;
// RFC 3966: pname = 1*( alphanum / "-" ); a value is pvalue (paramchar) or,
// for isub, 1*uric; ';' always starts the next par.
const auto tel_value_char = paramchar | x3::char_("/?:@&=+$,");
const auto uri_word = +paramchar;
const auto tel_name = +(g::alphanum | '-');
const auto tel_value = +tel_value_char;

char const* token_end(char const* p, char const* end) noexcept
{
    return run_end(p, end, cc_token);
}

// The common spellings of a header parameter, ";flag", ";name=token" and
// ";name="text"", with no whitespace around ';' or '=' and no IP literal,
// scanned by hand. Returns false when the text needs the full grammar; it
// never accepts what the grammar would not, nor splits a parameter
// differently (a value followed by ':' may be an IPv6address, so it is left
// to the grammar too).
bool next_header_param_fast(char const*& pos, char const* end, param& out) noexcept
{
    if (pos == end || *pos != ';')
        return false;
    char const* const name = pos + 1;
    char const* p = token_end(name, end);
    if (p == name)
        return false;
    out.name = std::string_view(name, static_cast<std::size_t>(p - name));
    if (p != end && *p == '=') {
        char const* const value = p + 1;
        if (value != end && *value == '"') {
            // Plain qdtext and SP/HTAB, which the grammar's qdtext also takes
            // one by one; folds, quoted-pairs and UTF-8 are left to it.
            p = plain_quoted_end(value + 1, end);
            if (p == end || *p != '"')
                return false;
            ++p;
        } else {
            p = token_end(value, end);
            if (p == value || (p != end && *p == ':'))
                return false;
        }
        out.value = std::string_view(value, static_cast<std::size_t>(p - value));
        out.has_value = true;
    } else if (p != end && (is_wsp(*p) || *p == '\r')) {
        return false; // SWS before '=' is allowed by the grammar
    }
    pos = p;
    return true;
}

bool next_param(char const*& pos, char const* end, param_syntax syntax, param& out)
{
    out = param{};
    if (syntax == param_syntax::header && next_header_param_fast(pos, end, out))
        return true;
    out = param{};
    // Every syntax starts a parameter with ';', the header one after SWS.
    if (pos == end || !(*pos == ';' || (syntax == param_syntax::header && (is_wsp(*pos) || *pos == '\r'))))
        return false;
    char const* p = pos;
    if (syntax == param_syntax::header) {
        // SEMI token [ EQUAL gen-value ]
        if (!(g::skip(p, end, g::semi) && g::match(p, end, g::token, out.name)))
            return false;
        char const* q = p;
        if (g::skip(q, end, g::equal) && g::match(q, end, g::gen_value, out.value)) {
            out.has_value = true;
            p = q;
        }
    } else {
        // ";" pname [ "=" pvalue ], with the character sets of the syntax
        bool const tel = syntax == param_syntax::tel;
        if (!(g::skip(p, end, x3::lit(';')) &&
              (tel ? g::match(p, end, tel_name, out.name) : g::match(p, end, uri_word, out.name))))
            return false;
        char const* q = p;
        if (g::skip(q, end, x3::lit('=')) &&
            (tel ? g::match(q, end, tel_value, out.value) : g::match(q, end, uri_word, out.value))) {
            out.has_value = true;
            p = q;
        }
    }
    pos = p;
    return true;
}
} // namespace

std::string param::unquoted_value() const
{
    return unquote(value);
}

param_list::iterator& param_list::iterator::operator++()
{
    if (pos_ == nullptr || pos_ == end_ || !next_param(pos_, end_, syntax_, current_))
        pos_ = nullptr;
    else if (current_.name.empty())
        pos_ = nullptr;
    return *this;
}

std::optional<param> param_list::find(std::string_view name) const
{
    for (auto const& p : *this)
        if (iequals(p.name, name))
            return p;
    return std::nullopt;
}

std::string_view param_list::value_of(std::string_view name) const
{
    auto const p = find(name);
    return p ? p->value : std::string_view{};
}

param_list make_param_list(std::string_view validated, param_syntax syntax) noexcept
{
    param_list list;
    list.raw_ = validated;
    list.syntax_ = syntax;
    return list;
}

std::size_t parse_params(std::string_view text, param_syntax syntax, param_visitor* visitor) noexcept
{
    char const* const begin = text.data();
    char const* const end = begin + text.size();
    char const* pos = begin;
    param p;
    while (true) {
        char const* attempt = pos;
        if (!next_param(attempt, end, syntax, p))
            break;
        pos = attempt;
        if (visitor != nullptr)
            visitor->on_param(p);
    }
    return static_cast<std::size_t>(pos - begin);
}

} // namespace cpm::sip::abnf
