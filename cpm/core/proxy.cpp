#include "cpm/core/proxy.hpp"

#include "cpm/core/log.hpp"

#include "sip/abnf/char_class.hpp"
#include "sip/builder.hpp"
#include "sip/digest.hpp"
#include "sip/error.hpp"
#include "sip/forward.hpp"
#include "sip/name_addr.hpp"
#include "sip/stack/next_hop.hpp"
#include "sip/via.hpp"

#include <algorithm>
#include <charconv>

namespace cpm::core {

namespace stack = sip::stack;
using sip::header_id;

/// One destination of a request (16.5): where it goes and over what.
struct proxy::destination {
    std::string request_uri;        ///< the new Request-URI (16.6 step 2); empty keeps the received one
    std::vector<std::string> route; ///< RFC 3327: Path values of the binding, added as Route
    stack::peer hop;                ///< next hop (16.6 step 7)
};

/// The outcome of 16.4 for one request: views into it.
struct proxy::routing {
    bool strip_top = false;        ///< the top Route names this proxy
    std::string_view request_uri;  ///< 16.4 strict-routing fix-up: the new Request-URI; empty: none
    std::string_view cut;          ///< the Route value that fix-up took
    sip::uri target;               ///< the effective Request-URI
    std::optional<sip::uri> next;  ///< the first Route value left (the next hop), if any
};

/// The response context of one forwarded server transaction (16.7).
struct proxy::context {
    std::uint64_t id = 0;
    stack::server_handle server{};
    stack::message_ptr request;
    response_context responses;
    std::vector<stack::client_handle> branches{};
    bool server_failed = false; ///< the upstream transaction died: nothing more goes up
    bool lingering = false;

    context(std::uint64_t i, stack::server_handle s, stack::message_ptr r)
        : id(i), server(s), request(std::move(r)), responses(request->method() == sip::method::invite)
    {
    }
    bool invite() const noexcept { return request->method() == sip::method::invite; }
};

namespace {

std::uint64_t key(stack::client_handle h) noexcept { return static_cast<std::uint64_t>(h); }
std::uint64_t key(stack::server_handle h) noexcept { return static_cast<std::uint64_t>(h); }
std::uint64_t key(stack::timer_handle h) noexcept { return static_cast<std::uint64_t>(h); }

/// host[:port] of @p name split.
std::pair<std::string_view, std::optional<std::uint16_t>> split_hostport(std::string_view name)
{
    auto const colon = name.rfind(':');
    if (colon == std::string_view::npos || name.find(']', colon) != std::string_view::npos)
        return {name, std::nullopt};
    std::uint16_t port = 0;
    auto const digits = name.substr(colon + 1);
    auto const r = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (r.ec != std::errc{} || r.ptr != digits.data() + digits.size())
        return {name, std::nullopt};
    return {name.substr(0, colon), port};
}

bool names(std::string_view alias, std::string_view host, std::optional<std::uint16_t> port) noexcept
{
    auto const [h, p] = split_hostport(alias);
    return sip::abnf::iequals(h, host) && p.value_or(5060) == port.value_or(5060);
}

/// 64-bit FNV-1a, for the loop-detection part of the branch (16.6 step 8).
struct fnv {
    std::uint64_t h = 14695981039346656037ull;
    void add(std::string_view s) noexcept
    {
        for (unsigned char const c : s) {
            h ^= c;
            h *= 1099511628211ull;
        }
        h ^= 0xff; // field separator
        h *= 1099511628211ull;
    }
};

std::string hex16(std::uint64_t v)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4)
        s[static_cast<std::size_t>(i)] = digits[v & 0xf];
    return s;
}

/// The Via of core::via() with the loop hash appended to its branch.
std::string with_loop_hash(std::string via, std::uint64_t hash)
{
    auto const at = via.find(";branch=");
    auto const end = via.find(';', at + 1);
    via.insert(end == std::string::npos ? via.size() : end, "." + hex16(hash));
    return via;
}

/// RFC 3261 22.3: credentials for this proxy's realm are consumed here;
/// those of other realms (proxies further on) must go on. True when every
/// Proxy-Authorization value is for @p realm (the fields can go whole).
bool only_own_credentials(sip::message const& m, std::string_view realm)
{
    bool any = false;
    for (auto const& h : m.headers()) {
        if (h.id != header_id::proxy_authorization)
            continue;
        auto const c = sip::parse_credentials(h.value, "Proxy-Authorization");
        if (!c || c->realm != realm)
            return false;
        any = true;
    }
    return any;
}

/// 16.6 step 7 for a registered contact: the first Path value when the
/// binding has one (RFC 3327 5.2), else, for an RFC 5626 outbound
/// registration (instance and reg-id), the flow its REGISTER came on (5.3:
/// behind a NAT the contact itself is not reachable), else the contact URI
/// (16.6 step 6: the Request-URI names the next hop).
std::optional<stack::peer> hop_for(target const& t)
{
    std::string_view const uri_text = t.route.empty() ? std::string_view(t.uri) : std::string_view(t.route.front());
    bool const flow = !t.instance.empty() && t.reg_id != 0 && !t.received.address.empty();
    if (t.route.empty() && flow)
        return t.received;
    std::string_view addr = uri_text;
    if (!t.route.empty()) {
        auto const na = sip::parse_name_addr(uri_text);
        if (!na)
            return std::nullopt;
        addr = na->uri;
    }
    auto const uri = sip::parse_uri(addr);
    if (!uri || !uri->is_sip_or_sips())
        return std::nullopt;
    return stack::uri_peer(*uri);
}

bool creates_dialog(sip::message const& m) noexcept
{
    auto const method = m.method();
    return m.to().tag.empty()
           && (method == sip::method::invite || method == sip::method::subscribe || method == sip::method::refer);
}

/// The reason phrase of the responses send_best() writes itself.
std::string_view reason_of(unsigned status) noexcept
{
    return status == 408 ? "Request Timeout" : "Server Internal Error";
}

} // namespace

proxy::proxy(proxy_config config, location_service const& locations, user_directory const& users)
    : config_(std::move(config)),
      locations_(locations),
      users_(users),
      challenger_(
          sip::auth::challenger_config{
              .realm = config_.domain,
              .secret = config_.nonce_secret,
              .kind = sip::auth::auth_kind::proxy,
              .warning_agent = config_.agent,
          },
          users)
{
}

proxy::~proxy() = default;

bool proxy::is_ours(sip::uri const& uri) const noexcept
{
    // 16.4: a URI "this proxy placed" in Record-Route, or that names it as a
    // hop: no user part, and its host is the domain or an alias.
    if (!uri.is_sip_or_sips() || uri.sip.has_userinfo)
        return false;
    if (sip::abnf::iequals(uri.sip.host, config_.domain))
        return true;
    return std::any_of(config_.aliases.begin(), config_.aliases.end(),
                       [&](std::string const& a) { return names(a, uri.sip.host, uri.sip.port); });
}

bool proxy::is_trusted(std::string_view address) const noexcept
{
    return std::find(config_.trusted.begin(), config_.trusted.end(), address) != config_.trusted.end();
}

std::uint64_t proxy::loop_hash(sip::message const& request) const
{
    // 16.6 step 8: the fields that shape the request's processing. The Via
    // stack is left out: it differs on every pass by construction, so a
    // request that comes back with all of these unchanged has looped
    // (16.3 step 4); a changed one (a new Request-URI) spirals.
    fnv f;
    f.add(request.request_uri());
    f.add(request.from().tag);
    f.add(request.to().tag);
    f.add(request.call_id());
    f.add(std::to_string(request.cseq().number));
    for (auto const& h : request.headers())
        if (h.id == header_id::route || h.id == header_id::proxy_require || h.id == header_id::proxy_authorization)
            f.add(h.value);
    return f.h;
}

bool proxy::looped(sip::message const& request, std::string_view sent_by, std::uint64_t hash) const
{
    // 16.3 step 4: a Via this proxy wrote (its sent-by) whose branch ends
    // with the hash of the request as it is now.
    std::string const want = hex16(hash);
    auto const [our_host, our_port] = split_hostport(sent_by);
    for (auto const& h : request.headers()) {
        if (h.id != header_id::via)
            continue;
        auto const vias = sip::parse_via_list(h.value);
        if (!vias)
            continue;
        for (auto const& v : *vias) {
            if (!sip::abnf::iequals(v.host, our_host) || v.port.value_or(5060) != our_port.value_or(5060))
                continue;
            auto const dot = v.branch.rfind('.');
            if (dot != std::string_view::npos && v.branch.substr(dot + 1) == want)
                return true;
        }
    }
    return false;
}

std::optional<proxy::routing> proxy::preprocess_routes(sip::message const& request) const
{
    routing r;
    r.target = request.parsed_request_uri();
    std::vector<sip::name_addr> routes;
    for (auto const& h : request.headers()) {
        if (h.id != header_id::route)
            continue;
        std::size_t at = 0;
        while (at < h.value.size()) {
            std::size_t used = 0;
            auto na = sip::parse_name_addr(h.value.substr(at), &used);
            if (!na || used == 0)
                return std::nullopt;
            routes.push_back(*na);
            at += used;
        }
    }
    std::size_t first = 0, last = routes.size();
    // 16.4: "If the Request-URI contains a value this proxy previously
    // placed into a Record-Route header field", the previous hop was a
    // strict router: the Request-URI becomes the last Route value.
    if (is_ours(r.target) && !routes.empty()) {
        auto const& tail = routes.back();
        auto const uri = sip::parse_uri(tail.uri);
        if (!uri)
            return std::nullopt;
        r.request_uri = tail.uri;
        r.target = *uri;
        // Its field goes when it holds only it, else the value and the COMMA before it.
        auto const* field = static_cast<sip::header_field const*>(nullptr);
        for (auto const& h : request.headers())
            if (h.id == header_id::route)
                field = &h;
        char const* const end = tail.raw.data() + tail.raw.size();
        if (tail.raw.data() == field->value.data())
            r.cut = field->line;
        else {
            auto const& prev = routes[routes.size() - 2];
            char const* const begin = prev.raw.data() + prev.raw.size();
            r.cut = std::string_view(begin, static_cast<std::size_t>(end - begin));
        }
        --last;
    }
    // 16.4: the top Route names this proxy: it goes.
    if (first < last) {
        auto const uri = sip::parse_uri(routes[first].uri);
        if (!uri)
            return std::nullopt;
        if (is_ours(*uri)) {
            r.strip_top = true;
            ++first;
        }
    }
    if (first < last) {
        auto const uri = sip::parse_uri(routes[first].uri);
        if (!uri || !uri->is_sip_or_sips())
            return std::nullopt;
        r.next = *uri;
    }
    return r;
}

void proxy::reply(stack::core& core, stack::request_received const& n, unsigned status, std::string_view reason,
                  std::string_view extra)
{
    std::string out;
    std::string const tag = core.new_tag();
    auto b = sip::make_response(out, *n.request, status, reason, {.to_tag = status > 100 ? tag : std::string_view{}});
    b.header(header_id::server, config_.agent);
    if (!extra.empty())
        b.warning(config_.agent, extra);
    b.finish();
    if (status >= 300)
        ++stats_.rejected;
    answer(core, n.transaction, *n.request, out);
}

void proxy::on_request(stack::core& core, stack::request_received const& n)
{
    process(core, n);
}

void proxy::process(stack::core& core, stack::request_received const& n)
{
    sip::message const& req = *n.request;
    std::string_view const sent_by = core.configuration().sent_by;
    // 16.3 step 4.
    std::uint64_t const hash = loop_hash(req);
    if (looped(req, sent_by, hash))
        return reply(core, n, 482, "Loop Detected");
    auto const routing = preprocess_routes(req);
    if (!routing)
        return reply(core, n, 400, "Bad Request", "Route: malformed value");
    // 16.3 step 2: only SIP and SIPS Request-URIs are routed here.
    if (!routing->next && !routing->target.is_sip_or_sips())
        return reply(core, n, 416, "Unsupported URI Scheme");
    // 16.3 step 3: the core answered Max-Forwards 0 with 483, except for
    // OPTIONS, which the proxy answers as its final recipient.
    if (req.method() == sip::method::options && req.max_forwards() == 0u)
        return reply(core, n, 200, "OK");
    // A request for this proxy itself (no user part, no Route left).
    if (!routing->next && is_ours(routing->target)) {
        if (req.method() == sip::method::options)
            return reply(core, n, 200, "OK");
        return reply(core, n, 404, "Not Found", "no user in the Request-URI");
    }

    // Authentication (22.3) and the relaying policy.
    auto const from = sip::parse_uri(req.from().uri);
    bool const from_sip = from && from->is_sip_or_sips();
    bool const from_ours = from_sip && sip::abnf::iequals(from->sip.host, config_.domain);
    bool const anonymous = from_sip && sip::abnf::iequals(from->sip.host, "anonymous.invalid");
    bool const trusted = is_trusted(n.from.address);
    // Within a dialog this proxy record-routed: our URI was in the Route
    // set (loose routing) or in the Request-URI (a strict router before us).
    bool const in_dialog = !req.to().tag.empty() && (routing->strip_top || !routing->request_uri.empty());
    bool const target_ours = !routing->next && sip::abnf::iequals(routing->target.sip.host, config_.domain);
    std::optional<asserted_user> user;
    if (!trusted && (from_ours || anonymous) && !in_dialog) {
        auto const now = config_.clock();
        auto const v = challenger_.verify(req, now);
        if (!v.ok()) {
            std::string out;
            std::string const tag = core.new_tag();
            out = challenger_.respond(req, v, now, {.to_tag = tag});
            ++stats_.challenged;
            answer(core, n.transaction, req, out);
            return;
        }
        if (from_ours && v.username != from->sip.user_text())
            return reply(core, n, 403, "Forbidden", "the authenticated user is not the From user");
        asserted_user u;
        u.aor = "sip:" + std::string(v.username) + "@" + config_.domain;
        u.display_name = config_.display_name ? config_.display_name(v.username)
                                              : std::string(users_.display_name(v.username));
        user = std::move(u);
    }
    if (!trusted && !user && !target_ours && !in_dialog)
        return reply(core, n, 403, "Forbidden", "relaying to another domain needs authentication");

    // 16.5: the targets.
    std::vector<destination> targets;
    if (routing->next) {
        targets.push_back({{}, {}, stack::uri_peer(*routing->next)});
    } else if (target_ours) {
        auto found = find_targets(routing->target, locations_, config_.domain, users_, config_.clock(),
                                  preferences_of(req));
        using outcome = targets_result::outcome;
        switch (found.result) {
        case outcome::not_ours: break;
        case outcome::unknown_user: return reply(core, n, 404, "Not Found");
        case outcome::offline: return reply(core, n, 480, "Temporarily Unavailable");
        case outcome::no_match:
            return reply(core, n, 480, "Temporarily Unavailable", "no contact matches the caller preferences");
        case outcome::bad_request: return reply(core, n, 400, "Bad Request", found.error);
        case outcome::found: break;
        }
        for (auto& f : found.targets)
            if (auto t = branch_to(std::move(f)))
                targets.push_back(std::move(*t));
        if (found.result == outcome::found && targets.empty())
            return reply(core, n, 480, "Temporarily Unavailable", "no registered contact is reachable");
        if (found.result == outcome::not_ours)
            targets.push_back({{}, {}, stack::uri_peer(routing->target)});
    } else {
        targets.push_back({{}, {}, stack::uri_peer(routing->target)});
    }
    forward(core, n, *routing, targets, user, hash);
}

std::optional<proxy::destination> proxy::branch_to(target found)
{
    auto const hop = hop_for(found);
    if (!hop)
        return std::nullopt;
    return destination{std::move(found.uri), std::move(found.route), *hop};
}

void proxy::forward(stack::core& core, stack::request_received const& n, routing const& r,
                    std::vector<destination> const& targets, std::optional<asserted_user> const& user,
                    std::uint64_t hash)
{
    sip::message const& req = *n.request;
    bool const trusted = is_trusted(n.from.address);
    // 16.6 step 4: this proxy's Record-Route, over the transport the
    // request came on.
    std::string rr;
    if (config_.record_route && creates_dialog(req)) {
        rr = "<sip:" + core.configuration().sent_by;
        if (n.from.kind == stack::transport_kind::tcp)
            rr += ";transport=tcp";
        else if (n.from.kind == stack::transport_kind::tls)
            rr += ";transport=tls";
        rr += ";lr>";
    }
    std::unique_ptr<context> ctx;
    std::vector<std::size_t> failed;
    for (auto const& t : targets) {
        identity_edits ident =
            plan_identity(req, {.trusted_source = trusted, .trusted_recipient = is_trusted(t.hop.address), .user = user});
        if (user && only_own_credentials(req, config_.domain))
            ident.remove.push_back(header_id::proxy_authorization);
        if (ident.privacy_unavailable && !ctx)
            return reply(core, n, 500, "Privacy Unavailable", "Privacy: critical asks for header or session privacy");
        std::string extra = ident.extra_headers;
        if (!t.route.empty()) {
            extra += "Route: ";
            for (std::size_t i = 0; i < t.route.size(); ++i)
                extra.append(i == 0 ? "" : ", ").append(t.route[i]);
            extra += "\r\n";
        }
        std::string const via = with_loop_hash(core.via(t.hop), hash);
        sip::request_edits edits{
            .request_uri = t.request_uri.empty() ? r.request_uri : std::string_view(t.request_uri),
            .via = via,
            .record_route = rr,
            .strip_top_route = r.strip_top,
            .remove = ident.remove,
            .extra_headers = extra,
            .cut = r.cut,
        };
        std::string out;
        auto const spliced = sip::forward_request(req, edits, out);
        if (!spliced) {
            if (ctx)
                continue;
            if (spliced.error().code == sip::errc::too_many_hops)
                return reply(core, n, 483, "Too Many Hops");
            return reply(core, n, 400, "Bad Request", spliced.error().message);
        }
        if (!ctx) {
            ctx = std::make_unique<context>(++next_context_, n.transaction, n.request);
            // 16.2 / 17.2.1: a stateful proxy answers an INVITE with 100 at once.
            if (ctx->invite()) {
                std::string trying;
                sip::make_response(trying, req, 100, "Trying").finish();
                answer(core, n.transaction, req, trying);
            }
        }
        std::size_t const b = ctx->responses.add_branch();
        auto const h = core.send_request(out, t.hop);
        ctx->branches.push_back(h ? *h : stack::client_handle{});
        if (h) {
            by_client_[key(*h)] = {ctx->id, b};
            ++stats_.forwarded;
        } else {
            failed.push_back(b);
        }
    }
    if (!ctx)
        return reply(core, n, 480, "Temporarily Unavailable");
    context& c = *ctx;
    by_server_[key(n.transaction)] = c.id;
    contexts_.emplace(c.id, std::move(ctx));
    // Branches that could not even be sent count as 503 (8.1.3.1), once
    // all of them exist (a context is complete only when all are done).
    for (auto const b : failed)
        apply(core, c, c.responses.on_failure(b, 503), nullptr);
    if (contexts_.contains(c.id))
        settle(core, c);
}

proxy::context* proxy::find(stack::client_handle h, std::size_t& branch)
{
    auto const it = by_client_.find(key(h));
    if (it == by_client_.end())
        return nullptr;
    auto const ctx = contexts_.find(it->second.first);
    if (ctx == contexts_.end())
        return nullptr;
    branch = it->second.second;
    return ctx->second.get();
}

void proxy::on_response(stack::core& core, stack::response_received const& n)
{
    std::size_t b = 0;
    context* ctx = find(n.transaction, b);
    if (ctx == nullptr)
        return;
    apply(core, *ctx, ctx->responses.on_response(b, n.response), n.response);
}

void proxy::on_request_failed(stack::core& core, stack::request_failed const& n)
{
    std::size_t b = 0;
    context* ctx = find(n.transaction, b);
    if (ctx == nullptr)
        return;
    apply(core, *ctx, ctx->responses.on_failure(b, n.status), nullptr);
}

void proxy::on_cancelled(stack::core& core, stack::request_cancelled const& n)
{
    auto const it = by_server_.find(key(n.transaction));
    if (it == by_server_.end())
        return;
    // 16.10: cancel every pending branch; their 487s make the final response.
    cancel_pending(core, *contexts_.at(it->second));
}

void proxy::on_response_failed(stack::core& core, stack::response_failed const& n)
{
    auto const it = by_server_.find(key(n.transaction));
    if (it == by_server_.end())
        return;
    context& ctx = *contexts_.at(it->second);
    ctx.server_failed = true;
    cancel_pending(core, ctx);
    settle(core, ctx);
}

void proxy::answer(stack::core& core, stack::server_handle h, sip::message const& request, std::string_view response)
{
    log_answer(request, response);
    (void)core.respond(h, response);
}

void proxy::apply(stack::core& core, context& ctx, disposition const& d, stack::message_ptr const& response)
{
    if (d.forward && !ctx.server_failed) {
        std::string out;
        // 16.7 step 3: our Via goes; a response without another Via was
        // not for a request this proxy forwarded and is dropped.
        if (sip::forward_response(*response, out))
            answer(core, ctx.server, *ctx.request, out);
    }
    if (d.cancel_pending)
        cancel_pending(core, ctx);
    if (d.send_best && !ctx.server_failed)
        send_best(core, ctx);
    settle(core, ctx);
}

void proxy::send_best(stack::core& core, context& ctx)
{
    best_response const best = ctx.responses.best();
    std::string out;
    if (best.response) {
        if (!sip::forward_response(*best.response, {.extra_headers = best.extra_challenges}, out))
            out.clear();
    }
    if (out.empty()) {
        std::string const tag = core.new_tag();
        sip::make_response(out, *ctx.request, best.status, reason_of(best.status), {.to_tag = tag})
            .header(header_id::server, config_.agent)
            .finish();
    }
    ctx.responses.mark_final_sent();
    answer(core, ctx.server, *ctx.request, out);
}

void proxy::cancel_pending(stack::core& core, context& ctx)
{
    // 9.1: only INVITE is cancellable; the core sends the CANCEL once the
    // branch got a provisional response.
    if (!ctx.invite())
        return;
    for (std::size_t b = 0; b < ctx.branches.size(); ++b)
        if (ctx.responses.pending(b) && ctx.branches[b] != stack::client_handle{})
            (void)core.cancel(ctx.branches[b]);
}

void proxy::settle(stack::core& core, context& ctx)
{
    if (!ctx.responses.complete() || !(ctx.responses.final_sent() || ctx.server_failed) || ctx.lingering)
        return;
    // RFC 6026 7.2: the 2xx retransmissions of an INVITE's branches keep
    // coming for 64*T1; the context stays to forward them.
    if (ctx.invite() && ctx.responses.success_sent() && !ctx.server_failed) {
        auto const t = core.start_tu_timer(core.configuration().timers.t1 * 64, ctx.id);
        if (t) {
            ctx.lingering = true;
            by_timer_[key(*t)] = ctx.id;
            return;
        }
    }
    erase(ctx);
}

bool proxy::on_timer(stack::core&, stack::tu_timer_fired const& n)
{
    auto const it = by_timer_.find(key(n.id));
    if (it == by_timer_.end())
        return false;
    auto const ctx = contexts_.find(it->second);
    by_timer_.erase(it);
    if (ctx != contexts_.end())
        erase(*ctx->second);
    return true;
}

void proxy::erase(context& ctx)
{
    for (auto const h : ctx.branches)
        by_client_.erase(key(h));
    by_server_.erase(key(ctx.server));
    contexts_.erase(ctx.id);
}

void proxy::on_ack(stack::core& core, stack::ack_to_forward const& n)
{
    // 16.11: the ACK for a 2xx is forwarded statelessly, by its Route set.
    sip::message const& ack = *n.ack;
    if (looped(ack, core.configuration().sent_by, loop_hash(ack)))
        return;
    auto const routing = preprocess_routes(ack);
    if (!routing)
        return;
    sip::uri const& to = routing->next ? *routing->next : routing->target;
    if (!to.is_sip_or_sips() || (!routing->next && is_ours(to)))
        return;
    stack::peer const hop = stack::uri_peer(to);
    std::string const via = core.via(hop);
    sip::request_edits const edits{
        .request_uri = routing->request_uri,
        .via = via,
        .record_route = {},
        .strip_top_route = routing->strip_top,
        .cut = routing->cut,
    };
    std::string out;
    if (!sip::forward_request(ack, edits, out))
        return;
    ++stats_.acks;
    core.forward_stateless(std::move(out), hop);
}

bool proxy::on_notification(stack::core& core, stack::action const& a)
{
    if (auto const* x = std::get_if<stack::request_received>(&a)) {
        on_request(core, *x);
    } else if (auto const* x = std::get_if<stack::response_received>(&a)) {
        on_response(core, *x);
    } else if (auto const* x = std::get_if<stack::request_failed>(&a)) {
        on_request_failed(core, *x);
    } else if (auto const* x = std::get_if<stack::request_cancelled>(&a)) {
        on_cancelled(core, *x);
    } else if (auto const* x = std::get_if<stack::response_failed>(&a)) {
        on_response_failed(core, *x);
    } else if (auto const* x = std::get_if<stack::ack_to_forward>(&a)) {
        on_ack(core, *x);
    } else if (auto const* x = std::get_if<stack::tu_timer_fired>(&a)) {
        return on_timer(core, *x);
    } else {
        return false;
    }
    return true;
}

} // namespace cpm::core
