#include "cpm/core/node.hpp"

#include "cpm/core/log.hpp"

#include <boost/asio/post.hpp>

#include <charconv>
#include <optional>

namespace cpm::core {

namespace net = boost::asio;
namespace st = sip::stack;

namespace {

/// The branch tag of node @p index: "w<index>.".
std::string branch_tag(std::size_t index)
{
    return 'w' + std::to_string(index) + '.';
}

st::config proxy_mode(st::config c, std::size_t index)
{
    c.forwards = true;
    c.branch_tag = branch_tag(index);
    return c;
}

/// The node named by the tag in @p branch ("z9hG4bKw3.<random>"), if any.
std::optional<std::size_t> tagged_node(std::string_view branch)
{
    constexpr std::string_view prefix = "z9hG4bKw";
    if (branch.substr(0, prefix.size()) != prefix)
        return std::nullopt;
    branch.remove_prefix(prefix.size());
    std::size_t index = 0;
    auto const r = std::from_chars(branch.data(), branch.data() + branch.size(), index);
    if (r.ec != std::errc() || r.ptr == branch.data() + branch.size() || *r.ptr != '.')
        return std::nullopt;
    return index;
}

std::string describe(st::peer const& p)
{
    return std::string(sip::via_token(p.kind)) + ' ' + p.address + ':' + std::to_string(p.port);
}

} // namespace

node::node(sip::transport::layer& layer, node_config config, location_service& location, user_directory const& users,
           std::size_t index)
    : layer_(layer),
      driver_(layer, proxy_mode(std::move(config.stack), index)),
      registrar_(std::move(config.registrar), location, users),
      proxy_(std::move(config.proxy), location, users),
      index_(index)
{
    driver_.on_tu([this](st::action const& a) { driver_.call([&](st::core& c) { on_tu(c, a); }); });
}

void node::join(std::vector<node*> all)
{
    all_ = std::move(all);
    layer_.on_message([this](sip::transport::inbound in) { on_inbound(std::move(in)); });
}

void node::on_inbound(sip::transport::inbound in)
{
    // Requests stay: the kernel keeps a source on one worker, so a
    // retransmission or a CANCEL finds its server transaction here.
    if (!in.message.is_request()) {
        auto const owner = tagged_node(in.message.top_via().branch);
        if (owner && *owner != index_ && *owner < all_.size()) {
            ++stats_.handed_over;
            node* const n = all_[*owner];
            net::post(n->layer_.get_executor(), [n, in = std::move(in)]() mutable { n->driver_.on_inbound(std::move(in)); });
            return;
        }
    }
    driver_.on_inbound(std::move(in));
}

void node::shutdown()
{
    driver_.shutdown();
}

void node::on_tu(st::core& core, st::action const& a)
{
    if (auto const* n = std::get_if<st::request_received>(&a)) {
        ++stats_.requests;
        sip::message const& request = *n->request;
        if (log_enabled(log_level::debug))
            log(log_level::debug, std::string(request.method_text()) + ' ' + std::string(request.request_uri())
                                      + " Call-ID " + std::string(request.call_id()) + " from " + describe(n->from));
        // 10.3 step 1: a REGISTER for our domain is the registrar's; one for
        // another domain is proxied like any request (16).
        if (request.method() == sip::method::register_ && registrar_.responsible_for(request)) {
            ++stats_.registers;
            bool const trusted = proxy_.is_trusted(n->from.address);
            auto const response = registrar_.handle(request, n->from, wall_clock::now(), trusted);
            log_answer(request, response);
            core.respond(n->transaction, response);
            return;
        }
    }
    proxy_.on_notification(core, a);
}

} // namespace cpm::core
