#include "sdp/offer_answer.hpp"

namespace cpm::sdp {

namespace {

constexpr bool sends(direction d) noexcept
{
    return d == direction::sendrecv || d == direction::sendonly;
}
constexpr bool receives(direction d) noexcept
{
    return d == direction::sendrecv || d == direction::recvonly;
}

} // namespace

direction answer_direction(direction offered, direction wanted) noexcept
{
    bool const send = receives(offered) && sends(wanted);
    bool const receive = sends(offered) && receives(wanted);
    if (send && receive)
        return direction::sendrecv;
    if (send)
        return direction::sendonly;
    if (receive)
        return direction::recvonly;
    return direction::inactive;
}

setup_role answer_setup(std::optional<setup_role> offered, setup_role actpass_choice) noexcept
{
    switch (offered.value_or(setup_role::active)) {
    case setup_role::active: return setup_role::passive;
    case setup_role::passive: return setup_role::active;
    case setup_role::holdconn: return setup_role::holdconn;
    case setup_role::actpass: break;
    }
    return actpass_choice == setup_role::passive ? setup_role::passive : setup_role::active;
}

bool answerer_connects(std::optional<setup_role> answered) noexcept
{
    return answered == setup_role::active;
}

std::vector<media_range> intersect_types(std::span<media_range const> offered, std::span<media_range const> local)
{
    std::vector<media_range> out;
    auto add = [&out](media_range const& r) {
        for (auto const& have : out)
            if (r.within(have) && have.within(r))
                return;
        out.push_back(r);
    };
    for (auto const& o : offered) {
        for (auto const& l : local) {
            if (o.within(l))
                add(o);
            else if (l.within(o))
                add(l);
        }
    }
    return out;
}

std::string_view to_string(rejection r) noexcept
{
    switch (r) {
    case rejection::none: return "accepted";
    case rejection::disabled: return "the offer disabled the stream (port 0)";
    case rejection::not_msrp: return "not an MSRP media line (message over TCP/MSRP or TCP/TLS/MSRP)";
    case rejection::no_common_type: return "no accept-types in common";
    }
    return "accepted";
}

msrp_answer answer_msrp(media_description const& offer, msrp_media const& offered, msrp_answer_policy const& local)
{
    msrp_answer a;
    // RFC 3264 section 6: a stream offered with port 0 is answered with port 0.
    if (offer.port == 0) {
        a.rejection = rejection::disabled;
        return a;
    }
    if (!is_msrp(offer)) {
        a.rejection = rejection::not_msrp;
        return a;
    }
    a.media.accept_types = intersect_types(offered.accept_types, local.accept_types);
    if (a.media.accept_types.empty()) {
        a.rejection = rejection::no_common_type;
        return a;
    }
    a.media.accept_wrapped_types = intersect_types(offered.accept_wrapped_types, local.accept_wrapped_types);
    a.media.path = local.path;
    a.media.max_size = local.max_size;
    a.media.direction = answer_direction(offered.direction, local.wanted);
    // RFC 6135: a=setup is answered only when offered; without it both ends
    // keep the RFC 4975 model (the offerer connects).
    if (offered.setup)
        a.media.setup = answer_setup(offered.setup, local.actpass_choice);
    // RFC 6714 section 4: msrp-cema appears in the answer only when both support it.
    a.media.cema = offered.cema && local.cema;
    if (offered.file) {
        sdp::file_transfer f;
        f.selector = offered.file->selector;
        f.transfer_id = offered.file->transfer_id;
        f.range = offered.file->range;
        a.media.file = f;
    }
    return a;
}

} // namespace cpm::sdp
