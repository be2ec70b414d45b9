#include "sip/dialog/forks.hpp"

namespace cpm::sip::dialog {

invite_forks::invite_forks(sip::message invite, local_options const& options)
    : invite_(std::move(invite)), contact_(options.contact), tls_(options.tls)
{
}

dialog_state* invite_forks::find(std::string_view tag) noexcept
{
    for (auto& d : dialogs_)
        if (d.id().remote_tag == tag)
            return &d;
    return nullptr;
}

invite_forks::result_type invite_forks::on_response(sip::message const& response)
{
    unsigned const code = response.status_code();
    if (code >= 300) {
        // 13.2.2.3: a non-2xx final response ends every early dialog the
        // INVITE created (only one final non-2xx reaches the UAC).
        for (auto& d : dialogs_)
            if (d.current() == state::early)
                d.terminate();
        return {outcome::terminated_early, nullptr};
    }
    if (code <= 100 || response.to().tag.empty())
        return {};
    dialog_state* d = find(response.to().tag);
    if (d == nullptr) {
        // 12.1.2 / 13.2.2.4: a new To tag: a 1xx creates an early dialog,
        // a 2xx (one per fork that answered) a confirmed one.
        local_options options;
        options.contact = contact_;
        options.tls = tls_;
        auto created = dialog_state::create_uac(invite_, response, options);
        if (!created)
            return {};
        dialogs_.push_back(std::move(*created));
        return {code < 200 ? outcome::early_created : outcome::created_confirmed, &dialogs_.back()};
    }
    if (code < 200)
        return {d->current() == state::early ? outcome::early_updated : outcome::ignored, d};
    if (d->current() == state::confirmed)
        return {outcome::retransmitted_2xx, d};
    if (d->current() == state::terminated || !d->on_response(response))
        return {};
    return {outcome::confirmed, d};
}

} // namespace cpm::sip::dialog
