#include "sip/stack/next_hop.hpp"

#include "sip/abnf/char_class.hpp"
#include "sip/abnf/host.hpp"
#include "sip/uri.hpp"

namespace cpm::sip::stack {

peer uri_peer(sip::uri const& u)
{
    std::string_view host = u.sip.host;
    // 19.1.1: an IPv6 reference keeps its brackets in the URI, not in the peer.
    if (host.size() > 2 && host.front() == '[')
        host = host.substr(1, host.size() - 2);
    peer hop;
    hop.address = std::string(host);
    // RFC 3263 4.1: SIPS is TLS; else ;transport=, else UDP.
    if (u.kind == uri_kind::sips || abnf::iequals(u.sip.transport, "tls"))
        hop.kind = transport_kind::tls;
    else if (abnf::iequals(u.sip.transport, "tcp"))
        hop.kind = transport_kind::tcp;
    hop.port = u.sip.port.value_or(default_port(hop.kind));
    return hop;
}

peer next_hop(dialog::dialog_state const& d, peer const& current)
{
    auto const& routes = d.route_set();
    std::string_view const target = routes.empty() ? std::string_view(d.remote_target()) : routes.front().uri;
    auto const u = parse_uri(target);
    if (!u || !u->is_sip_or_sips() || u->sip.host_type == abnf::host_kind::hostname)
        return current;
    peer const hop = uri_peer(*u);
    // The dialog's own peer without a ;transport=: keep its transport (and
    // so the connection a reliable transport already has, 18.1.1).
    if (u->sip.transport.empty() && u->kind != uri_kind::sips && hop.address == current.address
        && hop.port == current.port)
        return current;
    return hop;
}

peer response_target(sip::via const& top, peer const& from)
{
    // RFC 3581 4: with rport the transport stamped received and rport with
    // the source address and port: the response goes back there.
    if (from.kind != transport_kind::udp || (top.has_rport && top.maddr.empty()))
        return from;
    peer to = from;
    std::string_view host = !top.maddr.empty() ? top.maddr : !top.received.empty() ? top.received : top.host;
    if (host.size() > 2 && host.front() == '[')
        host = host.substr(1, host.size() - 2);
    if (abnf::is_ipv4(host) || abnf::is_ipv6(host))
        to.address = std::string(host);
    to.port = top.port.value_or(5060);
    return to;
}

} // namespace cpm::sip::stack
