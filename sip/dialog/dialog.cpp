#include "sip/dialog/dialog.hpp"

#include "sip/contact.hpp"

namespace cpm::sip::dialog {

bool is_target_refresh(sip::method m) noexcept
{
    return m == method::invite || m == method::update || m == method::subscribe || m == method::notify;
}

result<std::string_view> contact_uri(sip::message const& m)
{
    if (m.count(header_id::contact) != 1)
        return m.count(header_id::contact) == 0 ? errc::missing_contact : errc::bad_contact;
    auto list = parse_contact(m.find(header_id::contact)->value);
    if (!list || list->wildcard || list->contacts.size() != 1)
        return errc::bad_contact;
    return list->contacts.front().address.uri;
}

namespace {

std::string_view field(sip::message const& m, header_id id)
{
    auto const* h = m.find(id);
    return h != nullptr ? h->value : std::string_view{};
}

/// 12.1.1, 12.1.2: secure when the request went over TLS with a SIPS Request-URI.
bool secure_request(sip::message const& request, bool tls) noexcept
{
    return tls && request.parsed_request_uri().kind == uri_kind::sips;
}

} // namespace

result<dialog_state> dialog_state::create_uac(sip::message const& request, sip::message const& response,
                                  local_options const& options)
{
    unsigned const code = response.status_code();
    // 12.1: only 101-299 with a To tag establish a dialog.
    if (!request.is_request() || code <= 100 || code >= 300 || response.to().tag.empty())
        return errc::not_a_dialog_message;
    auto target = contact_uri(response);
    if (!target)
        return target.error();
    auto routes = route_set_of(response, role::uac);
    if (!routes)
        return routes.error();

    dialog_state d;
    d.role_ = role::uac;
    d.state_ = code < 200 ? state::early : state::confirmed;
    // 12.1.2: Call-ID of the request, local tag its From tag, remote tag
    // the response's To tag.
    d.id_ = {std::string(request.call_id()), std::string(request.from().tag), std::string(response.to().tag)};
    // 12.1.2: local URI from the request's From, remote URI from its To;
    // the tags are those of the response, kept with the fields.
    d.local_field_ = std::string(field(request, header_id::from));
    d.remote_field_ = std::string(field(response, header_id::to));
    d.local_target_ = std::string(options.contact);
    d.remote_target_ = std::string(*target);
    d.route_set_ = std::move(*routes);
    // 12.1.2: local sequence number = the request's CSeq, remote empty.
    d.local_cseq_ = request.cseq().number;
    d.secure_ = secure_request(request, options.tls);
    return d;
}

result<dialog_state> dialog_state::create_uas(sip::message const& request, unsigned status, local_options const& options)
{
    if (!request.is_request() || status <= 100 || status >= 300 || options.local_tag.empty()
        || !request.to().tag.empty())
        return errc::not_a_dialog_message;
    auto target = contact_uri(request);
    if (!target)
        return target.error();
    auto routes = route_set_of(request, role::uas);
    if (!routes)
        return routes.error();

    dialog_state d;
    d.role_ = role::uas;
    d.state_ = status < 200 ? state::early : state::confirmed;
    // 12.1.1: local tag = the To tag of the response, remote tag = the
    // request's From tag (empty for an RFC 2543 peer that sent none).
    d.id_ = {std::string(request.call_id()), std::string(options.local_tag), std::string(request.from().tag)};
    d.local_field_ = std::string(field(request, header_id::to)).append(";tag=").append(options.local_tag);
    d.remote_field_ = std::string(field(request, header_id::from));
    d.local_target_ = std::string(options.contact);
    d.remote_target_ = std::string(*target);
    d.route_set_ = std::move(*routes);
    // 12.1.1: remote sequence number = the request's CSeq, local empty.
    d.remote_cseq_ = request.cseq().number;
    d.initial_cseq_ = options.initial_cseq;
    d.secure_ = secure_request(request, options.tls);
    return d;
}

result<dialog_state> dialog_state::create_from_notify(sip::message const& subscribe, sip::message const& notify,
                                                     local_options const& options)
{
    if (!subscribe.is_request() || !notify.is_request() || notify.method() != method::notify
        || notify.from().tag.empty() || notify.to().tag != subscribe.from().tag
        || notify.call_id() != subscribe.call_id())
        return errc::not_a_dialog_message;
    auto target = contact_uri(notify);
    if (!target)
        return target.error();
    // RFC 6665 4.1.2.4: the NOTIFY is a request received, so its
    // Record-Route is taken in order (as a UAS does, 12.1.1).
    auto routes = route_set_of(notify, role::uas);
    if (!routes)
        return routes.error();

    dialog_state d;
    d.role_ = role::uac;
    d.state_ = state::confirmed;
    d.id_ = {std::string(subscribe.call_id()), std::string(subscribe.from().tag), std::string(notify.from().tag)};
    d.local_field_ = std::string(field(subscribe, header_id::from));
    d.remote_field_ = std::string(field(notify, header_id::from));
    d.local_target_ = std::string(options.contact);
    d.remote_target_ = std::string(*target);
    d.route_set_ = std::move(*routes);
    d.local_cseq_ = subscribe.cseq().number;
    d.remote_cseq_ = notify.cseq().number;
    d.secure_ = secure_request(subscribe, options.tls);
    return d;
}

std::uint32_t dialog_state::next_cseq() noexcept
{
    // 12.2.1.1: incremented by one per request; an empty local sequence
    // number starts at the value chosen per 8.1.1.5.
    local_cseq_ = local_cseq_ ? *local_cseq_ + 1 : initial_cseq_;
    return *local_cseq_;
}

request_verdict dialog_state::on_request(sip::message const& request)
{
    if (!(id_of_received_request(request) == id_.view()))
        return request_verdict::wrong_dialog;
    sip::method const m = request.method();
    if (m == method::ack || m == method::cancel)
        return request_verdict::accept;
    std::uint32_t const number = request.cseq().number;
    // 12.2.2: a remote sequence number that is set and higher than the
    // request's means the request is out of order: 500.
    if (remote_cseq_ && number < *remote_cseq_)
        return request_verdict::out_of_order;
    remote_cseq_ = number;
    // 12.2.2: a target refresh request replaces the remote target with its
    // Contact URI, if present.
    if (is_target_refresh(m))
        if (auto target = contact_uri(request))
            remote_target_ = std::string(*target);
    return request_verdict::accept;
}

result<void> dialog_state::on_response(sip::message const& response)
{
    if (!(id_of_received_response(response) == id_.view()))
        return errc::wrong_dialog;
    if (state_ == state::terminated)
        return errc::terminated;
    unsigned const code = response.status_code();
    sip::method const m = response.cseq().method;
    bool const to_creating_invite = m == method::invite && state_ == state::early;
    if (to_creating_invite && code >= 300) {
        // 12.3 / 13.2.2.3: a non-2xx final response ends the early dialog.
        state_ = state::terminated;
        return {};
    }
    if (code < 200 || code >= 300)
        return {};
    if (to_creating_invite) {
        // 13.2.2.4: the 2xx confirms the early dialog; route set (12.1.2)
        // and remote target are recomputed from it.
        auto routes = route_set_of(response, role::uac);
        if (!routes)
            return routes.error();
        auto target = contact_uri(response);
        if (!target)
            return target.error();
        route_set_ = std::move(*routes);
        remote_target_ = std::string(*target);
        state_ = state::confirmed;
        return {};
    }
    // 12.2.1.2: a 2xx to a target refresh request replaces the remote
    // target with its Contact URI, if present; the route set stays.
    if (is_target_refresh(m))
        if (auto target = contact_uri(response))
            remote_target_ = std::string(*target);
    return {};
}

void dialog_state::on_response_sent(unsigned status) noexcept
{
    if (state_ != state::early || status < 200)
        return;
    state_ = status < 300 ? state::confirmed : state::terminated;
}

} // namespace cpm::sip::dialog
