#include "sip/feature_tags.hpp"

#include "sip/abnf/unescape.hpp"
#include "sip/grammar/header_rules.hpp"

#include <array>
#include <cstring>

namespace cpm::sip {

namespace {
using grammar::header_error;
using grammar::view;
namespace x3 = boost::spirit::x3;
namespace g = abnf::grammar;

constexpr std::array<std::string_view, 20> base_tags{
    "audio", "automata", "class", "duplex", "data", "control", "mobility", "description", "events", "priority",
    "methods", "schemes", "application", "video", "language", "type", "isfocus", "actor", "text", "extensions"};

const auto digit = g::cls(abnf::cc_digit);
// token-nobang = 1*( alphanum / "-" / "." / "%" / "*" / "_" / "+" / "`" / "'" / "~" )
const auto token_nobang = +(g::cls(abnf::cc_token) - x3::lit('!'));
// number = [ "+" / "-" ] 1*DIGIT [ "." 0*DIGIT ]
const auto number = -x3::char_("+-") >> +digit >> -('.' >> *digit);
// numeric = "#" numeric-relation number; numeric-relation = ">=" / "<=" / "=" / (number ":")
const auto numeric = '#' >> (x3::lit(">=") | "<=" | "=" | (number >> ':')) >> number;
// tag-value = [ "!" ] ( token-nobang / boolean / numeric ); boolean is a token-nobang
const auto tag_value_rule = -x3::lit('!') >> (numeric | token_nobang);
const auto tag_value_list_rule = tag_value_rule % ',';
// string-value = "<" *(qdtext-no-abkt / quoted-pair ) ">", where
// qdtext-no-abkt = LWS / %x21 / %x23-3B / %x3D / %x3F-5B / %x5D-7E / UTF8-NONASCII
// (the plain characters are tried before LWS: they start with other bytes,
// so the order changes no match, and they are almost every byte)
const auto qdtext_no_abkt = x3::char_('\x21') | x3::char_('\x23', '\x3b') | x3::char_('\x3d') |
                            x3::char_('\x3f', '\x5b') | x3::char_('\x5d', '\x7e') | g::lws | g::utf8_nonascii;
const auto string_value = '<' >> *(qdtext_no_abkt | g::quoted_pair) >> '>';

// ftag-name = ALPHA *( ALPHA / DIGIT / "!" / "'" / "." / "-" / "%" )
constexpr std::array<bool, 256> ftag_name_chars = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c)
        t[static_cast<std::size_t>(c)] = abnf::is(static_cast<char>(c), abnf::cc_alphanum);
    for (char c : std::string_view("!'.-%"))
        t[static_cast<unsigned char>(c)] = true;
    return t;
}();

bool is_hex(char c) noexcept
{
    return abnf::is(c, abnf::cc_hex);
}

// What a byte is to plain_token_list(): a token-nobang character, the '%'
// of an escape (a token-nobang character too), or anything else.
enum class tag_byte : std::uint8_t { other, item, percent };
constexpr std::array<tag_byte, 256> tag_bytes = [] {
    std::array<tag_byte, 256> t{};
    for (int c = 0; c < 256; ++c)
        if (abnf::is_token_char(static_cast<char>(c)) && c != '!')
            t[static_cast<std::size_t>(c)] = tag_byte::item;
    t[static_cast<unsigned char>('%')] = tag_byte::percent;
    return t;
}();

// The usual tag-value-list, plain tokens without '!' ("INVITE,BYE",
// "urn%3Aurn-7%3A..."), checked by hand in one pass, %HH escapes included
// when @p escapes. Whatever this accepts the grammar (and bad_escape())
// accepts too; anything else (negation, numerics, errors) goes to them.
bool plain_token_list(std::string_view body, bool escapes) noexcept
{
    std::size_t const n = body.size();
    std::size_t i = 0;
    while (true) {
        // One item: 1*(token-nobang character), a '%' starting %HH when @p escapes.
        std::size_t const item = i;
        while (i < n) {
            tag_byte const b = tag_bytes[static_cast<unsigned char>(body[i])];
            if (b == tag_byte::item) {
                ++i;
            } else if (b == tag_byte::percent) {
                if (escapes && (i + 2 >= n || !is_hex(body[i + 1]) || !is_hex(body[i + 2])))
                    return false;
                i += escapes ? 3 : 1;
            } else {
                break;
            }
        }
        if (i == item)
            return false;
        if (i == n)
            return true;
        if (body[i] != ',')
            return false;
        ++i;
    }
}

int hex_value(char c) noexcept
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Every '%' starts a %HH escape.
char const* bad_escape(std::string_view s) noexcept
{
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] == '%' && (i + 2 >= s.size() || hex_value(s[i + 1]) < 0 || hex_value(s[i + 2]) < 0))
            return s.data() + i;
    return nullptr;
}

// Parses all of @p s with @p rule; on failure @p at is where it stopped.
template <class Rule>
bool whole(std::string_view s, Rule const& rule, char const*& at)
{
    char const* p = s.data();
    char const* const end = p + s.size();
    bool const ok = x3::parse(p, end, rule) && p == end;
    at = p;
    return ok;
}

bool names_ref_tag(feature_param const& f, std::string_view tag)
{
    return f.kind == feature_value_kind::tag_list && abnf::iequals(f.name, tag);
}

// Whether the reference tag @p tag of @p features lists @p urn (after %-decoding).
bool ref_lists(feature_params const& features, std::string_view tag, std::string_view urn)
{
    for (auto const& f : features)
        if (names_ref_tag(f, tag))
            for (auto const& v : f.values())
                if (!v.negated && v.decodes_to(urn))
                    return true;
    return false;
}
} // namespace

namespace {
// The byte at text[i] after %-decoding, advancing i past an escape. A '%'
// not followed by two hex digits stands for itself (values outside
// URN-bearing tags are not checked for escapes), so decoded() and
// decodes_to() agree on every accepted value.
char decode_at(std::string_view text, std::size_t& i) noexcept
{
    char const c = text[i];
    if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
        i += 2;
        return static_cast<char>(hex_value(text[i - 1]) * 16 + hex_value(text[i]));
    }
    return c;
}
} // namespace

std::string tag_value::decoded() const
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i)
        out.push_back(decode_at(text, i));
    return out;
}

bool tag_value::decodes_to(std::string_view plain) const noexcept
{
    std::size_t j = 0;
    for (std::size_t i = 0; i < text.size(); ++i, ++j)
        if (j >= plain.size() || plain[j] != decode_at(text, i))
            return false;
    return j == plain.size();
}

tag_value_list::iterator& tag_value_list::iterator::operator++() noexcept
{
    if (next_ == nullptr) {
        at_ = nullptr;
        current_ = {};
        return *this;
    }
    at_ = next_;
    auto const* comma = static_cast<char const*>(std::memchr(next_, ',', static_cast<std::size_t>(end_ - next_)));
    std::string_view item = view(next_, comma == nullptr ? end_ : comma);
    next_ = comma == nullptr ? nullptr : comma + 1;
    current_ = tag_value{};
    if (!item.empty() && item.front() == '!') {
        current_.negated = true;
        item.remove_prefix(1);
    }
    current_.text = item;
    if (!item.empty() && item.front() == '#')
        current_.kind = tag_value::type::numeric;
    else if (abnf::iequals(item, "TRUE") || abnf::iequals(item, "FALSE"))
        current_.kind = tag_value::type::boolean;
    return *this;
}

bool tag_value_list::contains(std::string_view token) const noexcept
{
    for (auto const& v : *this)
        if (!v.negated && abnf::iequals(v.text, token))
            return true;
    return false;
}

tag_value_list feature_param::values() const noexcept
{
    return kind == feature_value_kind::tag_list ? tag_value_list(value) : tag_value_list();
}

bool feature_param::is(std::string_view written) const noexcept
{
    return abnf::iequals(name, written);
}

bool is_feature_tag_name(std::string_view name) noexcept
{
    if (name.size() >= 2 && name.front() == '+') {
        if (!abnf::is_alpha(name[1]))
            return false;
        for (char c : name.substr(2))
            if (!ftag_name_chars[static_cast<unsigned char>(c)])
                return false;
        return true;
    }
    for (auto const tag : base_tags)
        if (abnf::iequals(tag, name))
            return true;
    return false;
}

feature_param feature_param_of(abnf::param const& p) noexcept
{
    feature_param f;
    f.name = p.name;
    if (!p.has_value)
        return f;
    std::string_view body = p.is_quoted() ? p.value.substr(1, p.value.size() - 2) : p.value;
    if (!body.empty() && body.front() == '<') {
        f.kind = feature_value_kind::string;
        f.value = body.substr(1, body.size() - 2);
    } else {
        f.kind = feature_value_kind::tag_list;
        f.value = body;
    }
    return f;
}

abnf::result<feature_param> parse_feature_param(std::string_view text, abnf::param const& p, std::string_view header)
{
    // The sentence is built only when there is an error to report.
    auto const fail = [&](char const* at, std::string_view problem) {
        return header_error(text, at, header, "feature parameter " + std::string(p.name) + std::string(problem));
    };
    if (!is_feature_tag_name(p.name))
        return header_error(text, p.name.data(), header, std::string(p.name) + " is not a feature tag (RFC 3840)");
    if (!p.has_value)
        return feature_param_of(p);
    // 3GPP TS 24.229 7.9A: the reference tags carry URL-encoded URNs.
    bool const url_encoded = abnf::iequals(p.name, icsi_ref_tag) || abnf::iequals(p.name, iari_ref_tag);
    char const* at = nullptr;
    if (!p.is_quoted()) {
        if (!whole(p.value, tag_value_rule, at))
            return fail(at, " must be a quoted tag-value list or \"<string>\"");
    } else {
        std::string_view const body = p.value.substr(1, p.value.size() - 2);
        if (!body.empty() && body.front() == '<') {
            if (!whole(body, string_value, at))
                return fail(at, " string value must be <...> without unescaped '<', '>' or '\"'");
        } else if (plain_token_list(body, url_encoded)) {
            return feature_param_of(p);
        } else if (!whole(body, tag_value_list_rule, at)) {
            return fail(at, " must hold tag-value *(\",\" tag-value)");
        }
    }
    auto f = feature_param_of(p);
    if (url_encoded) {
        if (char const* bad = bad_escape(f.value))
            return fail(bad, " has a malformed %-escape");
    }
    return f;
}

void feature_params::iterator::settle()
{
    while (it_ != abnf::param_list::iterator() && !is_feature_tag_name(it_->name))
        ++it_;
    current_ = it_ == abnf::param_list::iterator() ? feature_param{} : feature_param_of(*it_);
}

feature_params::iterator& feature_params::iterator::operator++()
{
    ++it_;
    settle();
    return *this;
}

std::optional<feature_param> feature_params::find(std::string_view name) const
{
    for (auto const& f : *this)
        if (f.is(name))
            return f;
    return std::nullopt;
}

bool feature_params::has_icsi(std::string_view urn) const
{
    return ref_lists(*this, icsi_ref_tag, urn);
}

bool feature_params::has_iari(std::string_view urn) const
{
    return ref_lists(*this, iari_ref_tag, urn);
}

std::vector<std::string> feature_params::icsi_urns() const
{
    std::vector<std::string> out;
    for (auto const& f : *this)
        if (names_ref_tag(f, icsi_ref_tag))
            for (auto const& v : f.values())
                out.push_back(v.decoded());
    return out;
}

} // namespace cpm::sip
