#include "sip/decode.hpp"

#include "sip/grammar/header_rules.hpp"

#include <utility>

namespace cpm::sip {

namespace {
// Builds the typed_value in place inside the result (no extra move of a
// large alternative).
template <class T>
abnf::result<typed_value> wrap(abnf::result<T>&& r)
{
    if (!r)
        return std::move(r).error();
    return abnf::result<typed_value>(boost::system::in_place_value, std::in_place_type<T>, std::move(*r));
}

// RFC 3261 section 7.3.1: a Via value is a comma list of via-parms. The
// first one is @p top when it is given (already decoded by the hot path).
abnf::result<via_list> parse_via_field(std::string_view value, via const* top)
{
    // Walked here rather than with parse_via_list(), so a trailing or
    // doubled comma is an error like in every other list header.
    return grammar::parse_comma_list<via_list>(
        value, canonical_name(header_id::via), "a via-parm", grammar::empty_list::rejected,
        [&](std::string_view rest, std::size_t& length) -> abnf::result<via> {
            if (top != nullptr && rest.data() == top->raw.data()) {
                length = top->raw.size();
                return *top;
            }
            std::size_t used = 0;
            auto v = parse_via(rest, &used);
            if (v)
                length = v->raw.size();
            return v;
        });
}

abnf::result<typed_value> dispatch(header_id id, std::string_view value)
{
    std::string_view const name = canonical_name(id);
    switch (id) {
    case header_id::unknown:
    case header_id::count_:
        return typed_value{};
    case header_id::via: return wrap(parse_via_field(value, nullptr));
    case header_id::from:
    case header_id::to: return wrap(parse_name_addr(value));
    case header_id::call_id: return wrap(parse_call_id(value));
    case header_id::cseq: return wrap(parse_cseq(value));
    case header_id::max_forwards:
    case header_id::content_length: return wrap(parse_uint32(value, name));
    case header_id::content_type: return wrap(parse_media_type(value));
    case header_id::contact: return wrap(parse_contact(value));
    case header_id::route:
    case header_id::record_route:
    case header_id::path:
    case header_id::service_route: return wrap(parse_route(value, name));
    case header_id::expires:
    case header_id::min_expires:
    case header_id::flow_timer: return wrap(parse_delta_seconds(value, name));
    case header_id::session_expires: return wrap(parse_session_expires(value));
    case header_id::min_se: return wrap(parse_min_se(value));
    case header_id::supported: return wrap(parse_supported(value));
    case header_id::require:
    case header_id::proxy_require:
    case header_id::unsupported: return wrap(parse_option_tags(value, name));
    case header_id::allow: return wrap(parse_allow(value));
    case header_id::accept: return wrap(parse_accept(value));
    case header_id::accept_encoding: return wrap(parse_accept_encoding(value));
    case header_id::accept_language: return wrap(parse_accept_language(value));
    case header_id::accept_contact: return wrap(parse_accept_contact(value));
    case header_id::reject_contact: return wrap(parse_reject_contact(value));
    case header_id::feature_caps: return wrap(parse_feature_caps(value));
    case header_id::request_disposition: return wrap(parse_request_disposition(value));
    case header_id::event: return wrap(parse_event(value));
    case header_id::allow_events: return wrap(parse_allow_events(value));
    case header_id::subscription_state: return wrap(parse_subscription_state(value));
    case header_id::privacy: return wrap(parse_privacy(value));
    case header_id::p_asserted_identity:
    case header_id::p_preferred_identity: return wrap(parse_asserted_identity(value, name));
    case header_id::p_asserted_service:
    case header_id::p_preferred_service: return wrap(parse_service_ids(value, name));
    case header_id::p_associated_uri: return wrap(parse_associated_uri(value));
    case header_id::p_called_party_id:
    case header_id::reply_to: return wrap(parse_address(value, name));
    case header_id::referred_by: return wrap(parse_referred_by(value));
    case header_id::refer_to: return wrap(parse_refer_to(value));
    case header_id::refer_sub: return wrap(parse_refer_sub(value));
    case header_id::user_agent:
    case header_id::server: return wrap(parse_product_list(value, name));
    case header_id::warning: return wrap(parse_warning(value));
    case header_id::error_info:
    case header_id::call_info:
    case header_id::alert_info:
    case header_id::identity_info: return wrap(parse_info_list(value, name));
    case header_id::retry_after: return wrap(parse_retry_after(value));
    case header_id::date: return wrap(parse_date(value));
    case header_id::content_disposition: return wrap(parse_content_disposition(value));
    case header_id::content_encoding: return wrap(parse_content_encoding(value));
    case header_id::content_language: return wrap(parse_content_language(value));
    case header_id::mime_version: return wrap(parse_mime_version(value));
    case header_id::www_authenticate:
    case header_id::proxy_authenticate: return wrap(parse_challenge(value, name));
    case header_id::authorization:
    case header_id::proxy_authorization: return wrap(parse_credentials(value, name));
    case header_id::authentication_info: return wrap(parse_authentication_info(value));
    case header_id::timestamp: return wrap(parse_timestamp(value));
    case header_id::subject:
    case header_id::organization: return wrap(parse_text_utf8(value, name));
    case header_id::priority:
    case header_id::sip_etag:
    case header_id::sip_if_match: return wrap(parse_token_value(value, name));
    case header_id::in_reply_to: return wrap(parse_in_reply_to(value));
    case header_id::rseq: return wrap(parse_rseq(value));
    case header_id::rack: return wrap(parse_rack(value));
    case header_id::reason: return wrap(parse_reason(value));
    case header_id::identity: return wrap(parse_identity(value));
    case header_id::conversation_id:
    case header_id::contribution_id:
    case header_id::inreplyto_contribution_id: return wrap(parse_cpm_id(value, name));
    }
    return typed_value{};
}
} // namespace

abnf::result<typed_value> decode(header_id id, std::string_view value)
{
    auto r = dispatch(id, value);
    // The hot-path parsers (name-addr, media-type) leave naming the header to
    // their caller.
    if (!r)
        r = grammar::rebase(value, value, r.error(), canonical_name(id));
    return r;
}

abnf::result<typed_value> decode(message const& msg, header_field const& field)
{
    // parse() decoded the first field of each hot header (or failed), so a
    // field that is the first of its id has its typed value in msg already.
    switch (field.id) {
    case header_id::via:
    case header_id::from:
    case header_id::to:
    case header_id::call_id:
    case header_id::cseq:
    case header_id::max_forwards:
    case header_id::content_length:
    case header_id::content_type:
        if (msg.find(field.id) == &field)
            break;
        [[fallthrough]];
    default: return decode(field.id, field.value);
    }
    using result = abnf::result<typed_value>;
    switch (field.id) {
    case header_id::via: {
        auto r = wrap(parse_via_field(field.value, &msg.top_via()));
        if (!r)
            r = grammar::rebase(field.value, field.value, r.error(), canonical_name(field.id));
        return r;
    }
    case header_id::from: return result(boost::system::in_place_value, std::in_place_type<name_addr>, msg.from());
    case header_id::to: return result(boost::system::in_place_value, std::in_place_type<name_addr>, msg.to());
    case header_id::call_id:
        return result(boost::system::in_place_value, std::in_place_type<std::string_view>, msg.call_id());
    case header_id::cseq: return result(boost::system::in_place_value, std::in_place_type<cseq>, msg.cseq());
    case header_id::max_forwards:
        if (auto const n = msg.max_forwards())
            return result(boost::system::in_place_value, std::in_place_type<std::uint32_t>, *n);
        break;
    case header_id::content_length:
        if (auto const n = msg.content_length())
            return result(boost::system::in_place_value, std::in_place_type<std::uint32_t>, *n);
        break;
    case header_id::content_type:
        if (auto const& t = msg.content_type())
            return result(boost::system::in_place_value, std::in_place_type<media_type>, *t);
        break;
    default: break;
    }
    return decode(field.id, field.value);
}

} // namespace cpm::sip
