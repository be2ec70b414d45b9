#include "sip_checks.hpp"

#include "sip/abnf/char_class.hpp"

#include <iterator>
#include <string>
#include <variant>

namespace cpm::fuzz {

namespace {

// Keeps the byte reads of view_checker from being optimised away.
volatile std::uint64_t sink;

} // namespace

void check_error(sip::abnf::parse_error const& e, std::size_t size)
{
    require(e.offset <= size, "error offset inside the input");
    require(e.line >= 1 && e.column >= 1, "error line and column are 1-based");
    require(!e.message.empty(), "error has a sentence");
    require(static_cast<bool>(e.code), "error has a code");
}

view_checker::~view_checker()
{
    sink = sink + sum_;
}

void view_checker::operator()(std::string_view view, char const* what)
{
    if (view.empty())
        return;
    auto const begin = buffer_.data();
    auto const end = begin + buffer_.size();
    require(view.data() >= begin && view.data() + view.size() <= end, what);
    for (char c : view)
        sum_ += static_cast<unsigned char>(c);
}

void view_checker::operator()(sip::abnf::param const& p, char const* what)
{
    (*this)(p.name, what);
    (*this)(p.value, what);
    require(p.has_value || p.value.empty(), "a valueless parameter has an empty value");
    sum_ += p.unquoted_value().size();
}

void view_checker::operator()(sip::abnf::param_list const& params, char const* what)
{
    (*this)(params.raw(), what);
    for (auto const& p : params) {
        (*this)(p, what);
        require(params.find(p.name).has_value(), "param_list::find() finds every parameter");
    }
}

void view_checker::operator()(sip::uri const& u)
{
    (*this)(u.raw, "URI");
    (*this)(u.scheme, "URI scheme");
    (*this)(u.rest, "URI rest");
    if (u.is_sip_or_sips()) {
        auto const& s = u.sip;
        (*this)(s.user, "SIP-URI user");
        (*this)(s.password, "SIP-URI password");
        (*this)(s.host, "SIP-URI host");
        (*this)(s.params, "SIP-URI params");
        (*this)(s.headers.raw(), "SIP-URI headers");
        std::size_t headers = 0;
        for (auto const& h : s.headers) {
            (*this)(h.name, "SIP-URI header name");
            (*this)(h.value, "SIP-URI header value");
            sum_ += h.name_text().size() + h.value_text().size();
            require(s.headers.find(h.name).has_value(), "uri_header_list::find() finds every header");
            ++headers;
        }
        require(headers == s.headers.size(), "uri_header_list::size() counts the iterated headers");
        (*this)(s.transport, "SIP-URI transport");
        (*this)(s.user_param, "SIP-URI user param");
        (*this)(s.method, "SIP-URI method");
        (*this)(s.maddr, "SIP-URI maddr");
        (*this)(s.gr, "SIP-URI gr");
        require(!s.has_password || s.has_userinfo, "a password comes with userinfo");
        std::string const user = s.user_text();
        sum_ += user.size() + s.password_text().size();
        if (s.user_is_phone()) {
            // RFC 3261 19.1.6: the user part is a telephone-subscriber.
            if (auto tel = sip::parse_telephone_subscriber(user)) {
                view_checker inner(user);
                inner(tel->number, "telephone-subscriber number");
                inner(tel->params, "telephone-subscriber params");
                inner(tel->phone_context, "telephone-subscriber phone-context");
                sum_ += tel->number_digits().size();
            } else {
                check_error(tel.error(), user.size());
            }
        }
    } else if (u.kind == sip::uri_kind::tel) {
        auto const& t = u.tel;
        (*this)(t.number, "tel number");
        (*this)(t.params, "tel params");
        (*this)(t.phone_context, "tel phone-context");
        (*this)(t.extension, "tel extension");
        (*this)(t.isub, "tel isub");
        sum_ += t.number_digits().size();
    }
    require(sip::equivalent(u, u), "a URI is equivalent to itself");
}

void view_checker::operator()(sip::via const& v)
{
    (*this)(v.protocol_name, "Via protocol");
    (*this)(v.protocol_version, "Via version");
    (*this)(v.transport, "Via transport");
    (*this)(v.host, "Via host");
    (*this)(v.params, "Via params");
    (*this)(v.branch, "Via branch");
    (*this)(v.received, "Via received");
    (*this)(v.maddr, "Via maddr");
    (*this)(v.raw, "Via");
}

void view_checker::operator()(sip::name_addr const& na)
{
    (*this)(na.display_name, "display name");
    (*this)(na.uri, "name-addr URI");
    (*this)(na.params, "name-addr params");
    (*this)(na.tag, "name-addr tag");
    (*this)(na.raw, "name-addr");
    sum_ += na.display_name_text().size();
    nested_uri(na.uri);
}

void view_checker::operator()(sip::media_type const& mt)
{
    (*this)(mt.type, "media type");
    (*this)(mt.subtype, "media subtype");
    (*this)(mt.params, "media type params");
    (*this)(mt.raw, "media type");
}

void view_checker::operator()(sip::token_list const& list)
{
    (*this)(list.raw(), "token list");
    std::size_t n = 0;
    for (auto const item : list) {
        (*this)(item, "token list item");
        require(list.contains(item) && list.contains_ignore_case(item), "token_list::contains() finds every item");
        ++n;
    }
    require(n == list.size(), "token_list::size() counts the iterated items");
}

void view_checker::operator()(sip::feature_params const& features)
{
    for (auto const& f : features) {
        (*this)(f.name, "feature tag name");
        (*this)(f.value, "feature tag value");
        require(features.find(f.name).has_value(), "feature_params::find() finds every feature");
        for (auto const& v : f.values()) {
            (*this)(v.text, "feature tag value item");
            std::string const decoded = v.decoded();
            require(v.decodes_to(decoded), "tag_value::decodes_to(decoded()) holds");
        }
    }
    for (auto const& urn : features.icsi_urns())
        sum_ += urn.size();
}

void view_checker::operator()(sip::typed_value const& value)
{
    std::visit([this](auto const& v) { (*this)(v); }, value);
}

void view_checker::operator()(sip::cseq const& c)
{
    (*this)(c.method_text, "CSeq method");
}

void view_checker::operator()(sip::contact const& c)
{
    (*this)(c.address);
    (*this)(c.instance, "Contact +sip.instance");
    (*this)(c.pub_gruu, "Contact pub-gruu");
    (*this)(c.temp_gruu, "Contact temp-gruu");
    (*this)(c.features());
}

void view_checker::operator()(sip::contact_list const& list)
{
    require(!list.wildcard || list.contacts.empty(), "a wildcard Contact has no addresses");
    (*this)(list.contacts);
}

void view_checker::operator()(sip::referred_by const& r)
{
    (*this)(r.address);
    (*this)(r.cid, "Referred-By cid");
}

void view_checker::operator()(sip::session_expires const& s)
{
    (*this)(s.params, "Session-Expires params");
}

void view_checker::operator()(sip::retry_after const& r)
{
    (*this)(r.comment, "Retry-After comment");
    (*this)(r.params, "Retry-After params");
}

void view_checker::operator()(sip::timestamp const& t)
{
    (*this)(t.time, "Timestamp time");
    (*this)(t.delay, "Timestamp delay");
    sum_ += static_cast<std::uint64_t>(t.time_value() >= 0) + static_cast<std::uint64_t>(t.delay_value() >= 0);
}

void view_checker::operator()(sip::sip_date const& d)
{
    (*this)(d.raw, "Date");
}

void view_checker::operator()(sip::rack const& r)
{
    (*this)(r.method_text, "RAck method");
}

void view_checker::operator()(sip::refer_sub const& r)
{
    (*this)(r.params, "Refer-Sub params");
}

void view_checker::operator()(sip::accept_range const& a)
{
    (*this)(a.range);
}

void view_checker::operator()(sip::accept_value const& a)
{
    (*this)(a.value, "accept value");
    (*this)(a.params, "accept params");
    (*this)(a.raw, "accept entry");
}

void view_checker::operator()(sip::caller_preference const& c)
{
    (*this)(c.params, "caller preference params");
    (*this)(c.raw, "caller preference");
    (*this)(c.features());
}

void view_checker::operator()(sip::event const& e)
{
    (*this)(e.type, "Event type");
    (*this)(e.package, "Event package");
    (*this)(e.templates, "Event templates");
    (*this)(e.id, "Event id");
    (*this)(e.params, "Event params");
}

void view_checker::operator()(sip::subscription_state const& s)
{
    (*this)(s.state_text, "Subscription-State");
    (*this)(s.reason, "Subscription-State reason");
    (*this)(s.params, "Subscription-State params");
}

void view_checker::operator()(sip::product_list const& list)
{
    for (auto const& p : list.items) {
        (*this)(p.name, "product name");
        (*this)(p.version, "product version");
        (*this)(p.comment, "product comment");
        if (!p.is_comment())
            require(list.find(p.name).has_value(), "product_list::find() finds every product");
    }
}

void view_checker::operator()(sip::warning const& w)
{
    (*this)(w.agent, "Warning agent");
    (*this)(w.text, "Warning text");
    sum_ += w.text_unquoted().size();
}

void view_checker::operator()(sip::info_uri const& i)
{
    (*this)(i.uri, "info URI");
    (*this)(i.params, "info URI params");
    (*this)(i.purpose, "info URI purpose");
    (*this)(i.raw, "info URI entry");
    nested_uri(i.uri);
}

void view_checker::operator()(sip::content_disposition const& c)
{
    (*this)(c.type, "Content-Disposition type");
    (*this)(c.handling_text, "Content-Disposition handling");
    (*this)(c.params, "Content-Disposition params");
}

void view_checker::operator()(sip::reason const& r)
{
    (*this)(r.protocol, "Reason protocol");
    (*this)(r.text, "Reason text");
    (*this)(r.params, "Reason params");
    sum_ += r.text_unquoted().size();
}

void view_checker::operator()(sip::identity const& i)
{
    (*this)(i.digest, "Identity digest");
    (*this)(i.info_uri, "Identity info");
    (*this)(i.alg, "Identity alg");
    (*this)(i.ppt, "Identity ppt");
    (*this)(i.params, "Identity params");
}

void view_checker::operator()(sip::challenge const& c)
{
    (*this)(c.scheme, "challenge scheme");
    for (auto const& p : c.params)
        (*this)(p, "challenge param");
    (*this)(c.token68, "challenge token68");
    (*this)(c.realm, "challenge realm");
    (*this)(c.domain, "challenge domain");
    (*this)(c.nonce, "challenge nonce");
    (*this)(c.opaque, "challenge opaque");
    (*this)(c.algorithm_text, "challenge algorithm");
    (*this)(c.qop_options);
    (*this)(c.charset, "challenge charset");
}

void view_checker::operator()(sip::credentials const& c)
{
    (*this)(c.scheme, "credentials scheme");
    for (auto const& p : c.params)
        (*this)(p, "credentials param");
    (*this)(c.token68, "credentials token68");
    (*this)(c.username, "credentials username");
    (*this)(c.realm, "credentials realm");
    (*this)(c.nonce, "credentials nonce");
    (*this)(c.uri, "credentials uri");
    (*this)(c.response, "credentials response");
    (*this)(c.cnonce, "credentials cnonce");
    (*this)(c.opaque, "credentials opaque");
    (*this)(c.algorithm_text, "credentials algorithm");
    (*this)(c.qop, "credentials qop");
    (*this)(c.nc, "credentials nc");
}

void view_checker::operator()(sip::authentication_info const& a)
{
    for (auto const& p : a.params)
        (*this)(p, "Authentication-Info param");
    (*this)(a.nextnonce, "Authentication-Info nextnonce");
    (*this)(a.qop, "Authentication-Info qop");
    (*this)(a.rspauth, "Authentication-Info rspauth");
    (*this)(a.cnonce, "Authentication-Info cnonce");
    (*this)(a.nc, "Authentication-Info nc");
}

void view_checker::nested_uri(std::string_view text)
{
    if (auto u = sip::parse_uri(text)) {
        require(u->raw == text, "a URI parses as a whole");
        (*this)(*u);
    } else {
        check_error(u.error(), text.size());
    }
}

void check_message(sip::message const& m)
{
    view_checker check(m.buffer().view());
    check(m.text(), "text");
    check(m.start_line(), "start line");
    check(m.method_text(), "method");
    check(m.request_uri(), "Request-URI");
    check(m.version(), "version");
    check(m.reason(), "reason phrase");
    check(m.body(), "body");
    if (m.is_request() && !m.parsed_request_uri().raw.empty()) {
        require(m.parsed_request_uri().raw == m.request_uri(), "the decoded Request-URI is the Request-URI");
        check(m.parsed_request_uri());
    }

    bool first_via = true;
    for (auto const& h : m.headers()) {
        check(h.name, "header name");
        check(h.value, "header value");
        check(h.line, "header line");
        require(h.name.data() >= h.line.data() && h.value.data() + h.value.size() <= h.line.data() + h.line.size(),
                "header name and value lie inside the header line");
        require(m.find(h.name) != nullptr, "find(name) finds every indexed header");
        if (h.id != sip::header_id::unknown) {
            auto const* first = m.find(h.id);
            require(first != nullptr && first <= &h, "find(id) returns the first field with that id");
            require(m.count(h.id) >= 1, "count(id) counts every indexed header");
        }

        bool const top_via = h.id == sip::header_id::via && first_via;
        first_via = first_via && h.id != sip::header_id::via;

        // On access: every header value through its typed grammar.
        auto decoded = sip::decode(h.id, h.value);
        // decode(message, field) reuses the hot values: the same answer.
        auto const reused = sip::decode(m, h);
        require(reused.has_value() == decoded.has_value() &&
                    (decoded ? reused->index() == decoded->index()
                             : reused.error().offset == decoded.error().offset &&
                                   reused.error().message == decoded.error().message),
                "decode(message, field) agrees with decode(id, value)");
        if (!decoded) {
            auto const error = decoded.error(); // by value: keep the sentence alive
            check_error(error, h.value.size());
            std::string_view const name = sip::canonical_name(h.id);
            std::string_view const sentence = error.message;
            require(sentence.size() > name.size() && sentence.substr(0, name.size()) == name &&
                        sentence[name.size()] == ':',
                    "a decode error names its header");
            continue;
        }
        view_checker in_value(h.value);
        in_value(*decoded);
        if (top_via) {
            // The hot path decodes the first via-parm alone; the full list
            // must agree with it.
            auto const& all = std::get<sip::via_list>(*decoded);
            auto const& top = m.top_via();
            require(!all.empty() && all.front().raw == top.raw && all.front().branch == top.branch &&
                        all.front().host == top.host && all.front().port == top.port,
                    "decode(Via) starts with top_via()");
        }
    }

    check(m.top_via());
    check(m.from());
    check(m.to());
    check(m.call_id(), "Call-ID");
    check(m.cseq().method_text, "CSeq method");
    if (auto const& ct = m.content_type())
        check(*ct);
}

} // namespace cpm::fuzz
