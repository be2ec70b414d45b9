#include "sip/token_list.hpp"

#include "sip/grammar/header_rules.hpp"

#include <cstring>
#include <string>

namespace cpm::sip {

namespace {
using grammar::empty_list;
using grammar::header_error;
using grammar::view;
namespace x3 = boost::spirit::x3;
namespace g = abnf::grammar;

bool is_lws_char(char c) noexcept
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// token-nodot = 1*( alphanum / "-" / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" )
const auto token_nodot = +(g::cls(abnf::cc_token) - x3::lit('.'));
// event-type = event-package *( "." event-template )  (RFC 6665 8.4)
const auto event_type = token_nodot >> *('.' >> token_nodot);
const auto alpha = g::cls(abnf::cc_alpha);
// language-tag = primary-tag *( "-" subtag ), 1*8ALPHA each (RFC 3261 20.13)
const auto language_tag = x3::repeat(1, 8)[alpha] >> *('-' >> x3::repeat(1, 8)[alpha]);
// callid = word [ "@" word ]
const auto callid = g::word >> -('@' >> g::word);
// Service-ID = "urn:urn-7:" urn-service-id (RFC 6050 4.1)
const auto let_dig = g::cls(abnf::cc_alphanum) | x3::char_('-');
const auto service_id = x3::no_case[x3::lit("urn:urn-7:")] >> x3::repeat(1, 27)[let_dig] >> *('.' >> +let_dig);

// One item: @p element, not followed by more item characters.
struct item_spec {
    std::string_view name;        // "option-tag"
    std::string_view description; // "a token"
};

// Validates `item *(sep item)` (SWS around separators) and wraps it.
template <class Element>
abnf::result<token_list> scan(std::string_view value, std::string_view header, item_spec item, char sep,
                              empty_list empty, Element const& element)
{
    char const* const end = value.data() + value.size();
    char const* p = value.data();
    grammar::skip_sws(p, end);
    if (p == end) {
        if (empty == empty_list::allowed)
            return token_list({}, sep);
        return header_error(value, p, header, "expected " + std::string(item.name));
    }
    char const* const first = p;
    auto const malformed = [&](char const* at) {
        return header_error(value, at, header, std::string(item.name) + " must be " + std::string(item.description));
    };
    while (true) {
        char const* const at = p;
        if (!x3::parse(p, end, element))
            return malformed(at);
        char const* const last = p;
        if (p != end && *p != sep && !is_lws_char(*p))
            return malformed(p);
        grammar::skip_sws(p, end);
        if (p == end)
            return token_list(view(first, last), sep);
        if (*p != sep)
            return header_error(value, p, header,
                                std::string("expected '") + sep + "' or the end of the value after " + std::string(item.name));
        ++p;
        grammar::skip_sws(p, end);
        if (p == end || *p == sep)
            return header_error(value, p, header, "expected " + std::string(item.name) + " after '" + sep + "'");
    }
}

constexpr item_spec option_tag{"option-tag", "a token"};
} // namespace

token_list::iterator& token_list::iterator::operator++() noexcept
{
    if (next_ == nullptr) {
        current_ = {};
        return *this;
    }
    auto const* sep = static_cast<char const*>(std::memchr(next_, separator_, static_cast<std::size_t>(end_ - next_)));
    char const* b = next_;
    char const* e = sep == nullptr ? end_ : sep;
    while (b < e && is_lws_char(*b))
        ++b;
    while (e > b && is_lws_char(e[-1]))
        --e;
    current_ = view(b, e);
    next_ = sep == nullptr ? nullptr : sep + 1;
    return *this;
}

std::size_t token_list::size() const noexcept
{
    std::size_t n = 0;
    for (auto it = begin(); it != end(); ++it)
        ++n;
    return n;
}

bool token_list::contains(std::string_view item) const noexcept
{
    for (auto t : *this)
        if (t == item)
            return true;
    return false;
}

bool token_list::contains_ignore_case(std::string_view item) const noexcept
{
    for (auto t : *this)
        if (abnf::iequals(t, item))
            return true;
    return false;
}

abnf::result<token_list> parse_supported(std::string_view value)
{
    return scan(value, "Supported", option_tag, ',', empty_list::allowed, g::token);
}

abnf::result<token_list> parse_option_tags(std::string_view value, std::string_view header)
{
    return scan(value, header, option_tag, ',', empty_list::rejected, g::token);
}

abnf::result<token_list> parse_allow(std::string_view value)
{
    return scan(value, "Allow", {"method", "a token"}, ',', empty_list::allowed, g::token);
}

abnf::result<token_list> parse_allow_events(std::string_view value)
{
    return scan(value, "Allow-Events", {"event-type", "package *(\".\" template), tokens without '.'"}, ',',
                empty_list::rejected, event_type);
}

abnf::result<token_list> parse_content_encoding(std::string_view value)
{
    return scan(value, "Content-Encoding", {"content-coding", "a token"}, ',', empty_list::rejected, g::token);
}

abnf::result<token_list> parse_content_language(std::string_view value)
{
    return scan(value, "Content-Language", {"language-tag", "1*8ALPHA *(\"-\" 1*8ALPHA)"}, ',',
                empty_list::rejected, language_tag);
}

abnf::result<token_list> parse_in_reply_to(std::string_view value)
{
    return scan(value, "In-Reply-To", {"callid", "word [\"@\" word]"}, ',', empty_list::rejected, callid);
}

abnf::result<token_list> parse_privacy(std::string_view value)
{
    return scan(value, "Privacy", {"priv-value", "a token"}, ';', empty_list::rejected, g::token);
}

abnf::result<token_list> parse_service_ids(std::string_view value, std::string_view header)
{
    return scan(value, header, {"Service-ID", "urn:urn-7:<top-level>*(.<sub-service-id>)"}, ',',
                empty_list::rejected, service_id);
}

} // namespace cpm::sip
