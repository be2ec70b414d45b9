#include "sip/transport/transport.hpp"

#include "sip/transport/detail/connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <deque>
#include <unordered_map>

namespace cpm::sip::transport {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

// The largest UDP payload (65535 - 8 byte UDP header - 20 byte IPv4
// header) fits: a datagram is never truncated by the receive buffer.
constexpr std::size_t datagram_buffer_size = 65536;

// Datagrams read by one system call at most.
constexpr std::size_t datagram_batch = 16;

// How long an accept loop waits after a failed accept before the next.
constexpr std::chrono::milliseconds accept_error_pause(50);

// SO_REUSEPORT as an Asio socket option: every worker binds the same
// port and the kernel spreads datagrams and connections over them.
class reuse_port {
public:
    template <class Protocol> int level(Protocol const&) const noexcept { return SOL_SOCKET; }
    template <class Protocol> int name(Protocol const&) const noexcept { return SO_REUSEPORT; }
    template <class Protocol> void const* data(Protocol const&) const noexcept { return &value_; }
    template <class Protocol> std::size_t size(Protocol const&) const noexcept { return sizeof(value_); }

private:
    int value_ = 1;
};

// An IPv4 peer seen through a dual-stack socket is the IPv4 address, so
// that it compares equal to the sent-by it wrote (RFC 3261 18.2.1).
asio::ip::address canonical(asio::ip::address const& a)
{
    if (a.is_v6() && a.to_v6().is_v4_mapped())
        return asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6());
    return a;
}

// RFC 3261 7.5 allows CRLFs before a message; a datagram of nothing but
// line ends is a keep-alive, not a malformed message.
bool only_line_ends(std::span<char const> bytes) noexcept
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == '\r' || c == '\n'; });
}

} // namespace

namespace detail {

// The sockets a layer listens on. Deques: a coroutine holds a reference
// to its socket while others are added.
class listeners {
public:
    struct stream_listener {
        asio::ip::tcp::acceptor acceptor;
        transport_kind kind;
    };

    std::deque<asio::ip::udp::socket> udp;
    /// The address family of each udp socket, known from bind (no
    /// getsockname per send).
    std::deque<bool> udp_is_v6;
    std::deque<stream_listener> streams;
};

// Open connections, by id and by remote peer. One thread, no lock.
class connection_table {
public:
    std::size_t size() const noexcept { return by_id_.size(); }

    void add(std::shared_ptr<connection> c)
    {
        if (directory_)
            directory_->add(c->remote(), owner_);
        by_peer_.try_emplace(c->remote(), c->id());
        by_id_.emplace(c->id(), std::move(c));
    }

    std::shared_ptr<connection> find(connection_id id) const
    {
        auto it = by_id_.find(id);
        return it == by_id_.end() ? nullptr : it->second;
    }

    std::shared_ptr<connection> find(peer const& p) const
    {
        auto it = by_peer_.find(p);
        return it == by_peer_.end() ? nullptr : find(it->second);
    }

    void erase(connection const& c)
    {
        if (by_id_.erase(c.id()) == 0)
            return;
        if (directory_)
            directory_->remove(c.remote(), owner_);
        if (auto it = by_peer_.find(c.remote()); it != by_peer_.end() && it->second == c.id())
            by_peer_.erase(it);
    }

    /// Reports connections to @p directory as @p owner's from now on.
    void share(std::shared_ptr<stream_directory> directory, layer* owner)
    {
        directory_ = std::move(directory);
        owner_ = owner;
    }
    stream_directory* directory() const noexcept { return directory_.get(); }

    /// Every connection, for shutdown (a copy: closing erases).
    std::vector<std::shared_ptr<connection>> all() const
    {
        std::vector<std::shared_ptr<connection>> out;
        for (auto const& [id, c] : by_id_)
            out.push_back(c);
        return out;
    }

    connection_id next_id() noexcept { return static_cast<connection_id>(shard_bits_ | ++counter_); }
    void set_shard(std::uint16_t shard) noexcept { shard_bits_ = std::uint64_t(shard) << 48; }

private:
    std::unordered_map<connection_id, std::shared_ptr<connection>> by_id_;
    std::unordered_map<peer, connection_id, peer_hash> by_peer_;
    std::uint64_t shard_bits_ = 0;
    std::uint64_t counter_ = 0;
    std::shared_ptr<stream_directory> directory_;
    layer* owner_ = nullptr;
};

} // namespace detail

layer::layer(asio::any_io_executor executor, transport::config config, std::unique_ptr<resolver> names_resolver,
             std::uint16_t shard)
    : executor_(std::move(executor)), config_(std::move(config)), resolver_(std::move(names_resolver)),
      listeners_(std::make_unique<detail::listeners>()), connections_(std::make_unique<detail::connection_table>())
{
    if (!resolver_)
        resolver_ = std::make_unique<system_resolver>(executor_);
    connections_->set_shard(shard);
}

layer::~layer()
{
    shutdown();
}

void layer::share_streams(std::shared_ptr<stream_directory> directory)
{
    connections_->share(std::move(directory), this);
}

void layer::on_message(message_handler handler)
{
    handler_ = std::move(handler);
}

std::size_t layer::connection_count() const noexcept
{
    return connections_->size();
}

result<std::uint16_t> layer::listen(transport_kind kind, asio::ip::address const& address, std::uint16_t port)
{
    error_code ec;
    if (kind == transport_kind::udp) {
        asio::ip::udp::endpoint const at(address, port);
        asio::ip::udp::socket socket(executor_);
        socket.open(at.protocol(), ec);
        if (!ec)
            socket.set_option(reuse_port(), ec);
        if (!ec && config_.datagram_receive_buffer != 0)
            socket.set_option(asio::socket_base::receive_buffer_size(static_cast<int>(
                                  std::min<std::size_t>(config_.datagram_receive_buffer, INT_MAX))),
                              ec);
        if (!ec)
            socket.bind(at, ec);
        // Sends try the socket at once (try_send_datagram): it must say
        // EAGAIN instead of waiting when its buffer is full.
        if (!ec)
            socket.non_blocking(true, ec);
        auto const bound = ec ? at : socket.local_endpoint(ec);
        if (ec)
            return ec;
        auto& s = listeners_->udp.emplace_back(std::move(socket));
        listeners_->udp_is_v6.push_back(bound.address().is_v6());
        asio::co_spawn(executor_, receive_datagrams(s), asio::detached);
        return bound.port();
    }
    if (kind == transport_kind::tls && !config_.tls_server)
        return make_error_code(errc::no_tls_context);
    asio::ip::tcp::endpoint const at(address, port);
    asio::ip::tcp::acceptor acceptor(executor_);
    acceptor.open(at.protocol(), ec);
    if (!ec)
        acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        acceptor.set_option(reuse_port(), ec);
    if (!ec)
        acceptor.bind(at, ec);
    if (!ec)
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
    auto const bound = ec ? at : acceptor.local_endpoint(ec);
    if (ec)
        return ec;
    auto& l = listeners_->streams.emplace_back(detail::listeners::stream_listener{std::move(acceptor), kind});
    asio::co_spawn(executor_, accept_connections(l.acceptor, kind), asio::detached);
    return bound.port();
}

asio::awaitable<void> layer::receive_datagrams(asio::ip::udp::socket& socket)
{
    // Up to datagram_batch datagrams a system call (recvmmsg), each into a
    // buffer that holds the largest datagram (its pages are touched only
    // as far as datagrams fill them): at thousands of messages a second a
    // recvfrom each, and one more to find the socket empty, cost more than
    // handling the messages.
    struct batch {
        std::array<mmsghdr, datagram_batch> headers{};
        std::array<iovec, datagram_batch> vectors{};
        std::array<sockaddr_storage, datagram_batch> sources{};
        std::unique_ptr<char[]> bytes = std::make_unique<char[]>(datagram_batch * datagram_buffer_size);
    };
    auto b = std::make_unique<batch>();
    for (std::size_t i = 0; i < datagram_batch; ++i) {
        b->vectors[i] = iovec{b->bytes.get() + i * datagram_buffer_size, datagram_buffer_size};
        b->headers[i].msg_hdr.msg_iov = &b->vectors[i];
        b->headers[i].msg_hdr.msg_iovlen = 1;
        b->headers[i].msg_hdr.msg_name = &b->sources[i];
    }
    for (;;) {
        if (!socket.is_open())
            co_return;
        for (auto& h : b->headers)
            h.msg_hdr.msg_namelen = sizeof(sockaddr_storage);
        int const n = ::recvmmsg(socket.native_handle(), b->headers.data(), datagram_batch, MSG_DONTWAIT, nullptr);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                // Drained: wait for the next datagram. (The worker's one
                // thread runs the reactor only once this coroutine waits,
                // so a datagram that came meanwhile is not missed.)
                auto [ec] = co_await socket.async_wait(asio::socket_base::wait_read, tuple_awaitable);
                if (ec == asio::error::operation_aborted)
                    co_return;
            } else {
                // E.g. an ICMP error reported on the socket (consumed by
                // this call): the next datagram is unaffected. Let others run.
                co_await asio::post(executor_, asio::use_awaitable);
            }
            continue;
        }
        for (int i = 0; i < n; ++i) {
            auto const& h = b->headers[static_cast<std::size_t>(i)];
            std::size_t const size = h.msg_len;
            if ((h.msg_hdr.msg_flags & MSG_TRUNC) != 0 || size > config_.limits.max_message_size) {
                ++stats_.datagrams_dropped;
                continue;
            }
            std::string_view const bytes(b->bytes.get() + static_cast<std::size_t>(i) * datagram_buffer_size, size);
            if (only_line_ends(bytes))
                continue;
            asio::ip::udp::endpoint sender;
            if (h.msg_hdr.msg_namelen > sender.capacity())
                continue;
            std::memcpy(sender.data(), &b->sources[static_cast<std::size_t>(i)], h.msg_hdr.msg_namelen);
            sender.resize(h.msg_hdr.msg_namelen);
            peer const from{canonical(sender.address()), sender.port(), transport_kind::udp};
            hand_up(prepare_datagram(bytes, from, config_.limits, config_.warning_agent), from, connection_id::none,
                    nullptr);
        }
        // A full batch: more may be waiting; others on this worker first.
        if (n == static_cast<int>(datagram_batch))
            co_await asio::post(executor_, asio::use_awaitable);
    }
}

asio::awaitable<void> layer::accept_connections(asio::ip::tcp::acceptor& acceptor, transport_kind kind)
{
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(tuple_awaitable);
        if (ec == asio::error::operation_aborted || !acceptor.is_open())
            co_return;
        if (ec) {
            // Out of descriptors (EMFILE) and the like: pause instead of
            // spinning, then try again; the listener stays.
            asio::steady_timer pause(executor_, accept_error_pause);
            co_await pause.async_wait(tuple_awaitable);
            continue;
        }
        if (connections_->size() >= config_.max_connections) {
            // config::max_connections: refuse by closing at once.
            ++stats_.connections_refused;
            error_code ignored;
            socket.close(ignored);
            continue;
        }
        auto const remote = socket.remote_endpoint(ec);
        if (ec)
            continue;
        peer const from{canonical(remote.address()), remote.port(), kind};
        auto const id = connections_->next_id();
        auto c = kind == transport_kind::tls
                     ? detail::make_tls_connection(*this, id, from, std::move(socket), *config_.tls_server)
                     : detail::make_tcp_connection(*this, id, from, std::move(socket));
        ++stats_.connections_accepted;
        connections_->add(c);
        c->start_accepted();
    }
}

void layer::deliver(detail::connection& from, abnf::text_buffer text)
{
    hand_up(prepare_stream(std::move(text), from.remote(), config_.limits, config_.warning_agent), from.remote(),
            from.id(), &from);
}

void layer::unframed(detail::connection& from, std::string_view seen, abnf::parse_error const& error)
{
    auto answer = answer_unframed(seen, error, config_.warning_agent);
    if (answer.empty())
        return;
    if (answer.starts_with("SIP/2.0 513"))
        ++stats_.too_large_answered;
    else
        ++stats_.bad_requests_answered;
    from.post(std::move(answer));
}

void layer::hand_up(std::variant<sip::message, rejected> outcome, peer const& from, connection_id id,
                    detail::connection* stream)
{
    if (auto* m = std::get_if<sip::message>(&outcome)) {
        if (m->is_response() && !config_.sent_by.empty() && !sent_by_matches(m->top_via(), config_.sent_by)) {
            // RFC 3261 18.1.2: "the response MUST be silently discarded".
            ++stats_.responses_discarded;
            return;
        }
        ++stats_.messages_received;
        if (handler_)
            handler_(inbound{std::move(*m), from, id});
        return;
    }
    auto& r = std::get<rejected>(outcome);
    if (r.response.empty()) {
        // A malformed response (RFC 3261 18.1.2), or a request lacking what
        // an answer copies. On a stream the framer kept in step: carry on.
        ++(stream == nullptr ? stats_.datagrams_dropped : stats_.malformed_discarded);
        return;
    }
    ++stats_.bad_requests_answered;
    if (stream != nullptr)
        stream->post(std::move(r.response));
    else
        asio::co_spawn(executor_, send_udp(std::move(r.response), r.reply_to), asio::detached);
}

void layer::closed(detail::connection& which) noexcept
{
    ++stats_.connections_closed;
    connections_->erase(which);
}

void layer::close(connection_id id)
{
    if (auto c = connections_->find(id))
        c->close(make_error_code(errc::connection_closed));
}

void layer::shutdown()
{
    error_code ignored;
    for (auto& s : listeners_->udp)
        s.close(ignored);
    for (auto& l : listeners_->streams)
        l.acceptor.close(ignored);
    for (auto& c : connections_->all())
        c->close(make_error_code(errc::connection_closed));
}

std::shared_ptr<detail::connection> layer::open_connection(peer const& target, std::string server_name, error_code& ec)
{
    if (connections_->size() >= config_.max_connections) {
        ec = make_error_code(errc::connection_limit);
        return nullptr;
    }
    if (target.kind == transport_kind::tls && !config_.tls_client) {
        ec = make_error_code(errc::no_tls_context);
        return nullptr;
    }
    auto const id = connections_->next_id();
    asio::ip::tcp::socket socket(executor_);
    auto c = target.kind == transport_kind::tls
                 ? detail::make_tls_connection(*this, id, target, std::move(socket), *config_.tls_client)
                 : detail::make_tcp_connection(*this, id, target, std::move(socket));
    ++stats_.connections_opened;
    // Registered before it connects: sends to the same peer meanwhile
    // queue on it instead of opening another.
    connections_->add(c);
    c->start_client(asio::ip::tcp::endpoint(target.address, target.port), std::move(server_name));
    return c;
}

asio::ip::udp::socket* layer::datagram_socket_for(asio::ip::address& address)
{
    for (std::size_t i = 0; i < listeners_->udp.size(); ++i) {
        bool const v6 = listeners_->udp_is_v6[i];
        if (v6 && address.is_v4())
            address = asio::ip::make_address_v6(asio::ip::v4_mapped, address.to_v4());
        if (v6 == address.is_v6())
            return &listeners_->udp[i];
    }
    return nullptr;
}

std::optional<error_code> layer::try_send_datagram(std::string_view bytes, peer target)
{
    if (target.kind != transport_kind::udp)
        return std::nullopt;
    target.address = canonical(target.address);
    auto* socket = datagram_socket_for(target.address);
    if (socket == nullptr)
        return make_error_code(errc::no_listener);
    error_code ec;
    socket->send_to(asio::buffer(bytes.data(), bytes.size()), asio::ip::udp::endpoint(target.address, target.port), 0,
                    ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again)
        return std::nullopt;
    return ec;
}

asio::awaitable<error_code> layer::send_udp(std::string bytes, peer target)
{
    auto* socket = datagram_socket_for(target.address);
    if (socket == nullptr)
        co_return make_error_code(errc::no_listener);
    auto [ec, n] = co_await socket->async_send_to(asio::buffer(bytes), asio::ip::udp::endpoint(target.address, target.port),
                                                  tuple_awaitable);
    co_return ec;
}

asio::awaitable<error_code> layer::send_stream(std::string bytes, peer target, connection_id prefer,
                                               std::string server_name)
{
    if (prefer != connection_id::none)
        if (auto c = connections_->find(prefer); c && c->is_open())
            co_return co_await c->write(std::move(bytes));
    target.address = canonical(target.address);
    if (target.kind == transport_kind::udp)
        co_return co_await send_udp(std::move(bytes), target);
    auto c = connections_->find(target);
    if (!c && connections_->directory() != nullptr)
        if (layer* owner = connections_->directory()->find(target, this))
            // Another worker holds the connection: the bytes go out there.
            co_return co_await asio::co_spawn(owner->get_executor(), owner->send(std::move(bytes), target),
                                              asio::use_awaitable);
    if (!c) {
        error_code ec;
        c = open_connection(target, std::move(server_name), ec);
        if (!c)
            co_return ec;
    }
    co_return co_await c->write(std::move(bytes));
}

asio::awaitable<error_code> layer::send(std::string bytes, peer target, connection_id prefer)
{
    co_return co_await send_stream(std::move(bytes), target, prefer, {});
}

asio::awaitable<error_code> layer::send(sip::message const& message, peer target, connection_id prefer)
{
    return send(std::string(message.text()), target, prefer);
}

asio::awaitable<error_code> layer::send_response(std::string bytes, response_route route)
{
    // RFC 3261 18.2.2: the connection the request arrived on first.
    if (route.connection != connection_id::none)
        if (auto c = connections_->find(route.connection); c && c->is_open())
            co_return co_await c->write(std::move(bytes));
    co_return co_await send_to_host(std::move(bytes), std::move(route.host), route.port, route.kind);
}

asio::awaitable<error_code> layer::send_to_host(std::string bytes, std::string host, std::uint16_t port,
                                                transport_kind kind)
{
    if (auto literal = parse_ip_literal(host))
        co_return co_await send_stream(std::move(bytes), peer{*literal, port, kind}, connection_id::none, {});
    auto addresses = co_await resolver_->resolve(host, kind);
    if (!addresses)
        co_return addresses.error();
    if (addresses->empty())
        co_return make_error_code(errc::host_not_found);
    co_return co_await send_stream(std::move(bytes), peer{addresses->front(), port, kind}, connection_id::none,
                                   std::move(host));
}

} // namespace cpm::sip::transport
