#include "sip/stack/next_hop.hpp"

#include "sip/abnf/char_class.hpp"
#include "sip/abnf/host.hpp"
#include "sip/uri.hpp"

namespace cpm::sip::stack {

peer next_hop(dialog::dialog_state const& d, peer const& current)
{
    auto const& routes = d.route_set();
    std::string_view const target = routes.empty() ? std::string_view(d.remote_target()) : routes.front().uri;
    auto const u = parse_uri(target);
    if (!u || !u->is_sip_or_sips() || u->sip.host_type == abnf::host_kind::hostname)
        return current;
    bool const sips = u->kind == uri_kind::sips;
    std::string_view host = u->sip.host;
    // 19.1.1: an IPv6 reference keeps its brackets in the URI, not in the peer.
    if (u->sip.host_type == abnf::host_kind::ipv6 && host.size() > 2 && host.front() == '[')
        host = host.substr(1, host.size() - 2);
    std::string_view const transport = u->sip.transport;
    peer hop;
    hop.address = std::string(host);
    if (sips || abnf::iequals(transport, "tls"))
        hop.protocol = protocol::tls;
    else if (abnf::iequals(transport, "tcp"))
        hop.protocol = protocol::tcp;
    else
        hop.protocol = protocol::udp;
    hop.port = u->sip.port.value_or(hop.protocol == protocol::tls ? 5061 : 5060);
    // The dialog's own peer without a ;transport=: keep its protocol (and
    // so the connection a reliable transport already has, 18.1.1).
    if (transport.empty() && !sips && hop.address == current.address && hop.port == current.port)
        return current;
    return hop;
}

peer response_target(sip::via const& top, peer const& from)
{
    // RFC 3581 4: with rport the transport stamped received and rport with
    // the source address and port: the response goes back there.
    if (from.protocol != protocol::udp || (top.has_rport && top.maddr.empty()))
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
