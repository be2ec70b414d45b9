#pragma once
// Helpers of the transport tests: a bounded event loop, sample messages,
// a throw-away self-signed certificate, a fake resolver.

#include "sip/transport/resolver.hpp"
#include "sip/framer.hpp"
#include "sip/transport/transport.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/ssl/context.hpp>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cpm::sip::transport::test {

namespace asio = boost::asio;
using namespace std::chrono_literals;

/// Runs @p ctx until @p done() holds or @p limit passes (every test is
/// bounded in time); returns done().
template <class Done>
bool run_until(asio::io_context& ctx, Done done, std::chrono::milliseconds limit = 5000ms)
{
    auto const end = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < end) {
        ctx.run_for(5ms);
        if (ctx.stopped())
            ctx.restart();
    }
    return done();
}

/// A MESSAGE request whose top Via has @p via_sent_by and @p via_params.
inline std::string request(std::string_view via_sent_by = "127.0.0.1:5060", std::string_view via_params = "",
                           std::string_view body = "hello", std::string_view transport = "UDP")
{
    std::string s = "MESSAGE sip:bob@127.0.0.1 SIP/2.0\r\n";
    s.append("Via: SIP/2.0/").append(transport).append(" ").append(via_sent_by).append(";branch=z9hG4bK776asdhds");
    s.append(via_params).append("\r\n");
    s += "Max-Forwards: 70\r\n"
         "From: <sip:alice@127.0.0.1>;tag=1928301774\r\n"
         "To: <sip:bob@127.0.0.1>\r\n"
         "Call-ID: a84b4c76e66710@127.0.0.1\r\n"
         "CSeq: 1 MESSAGE\r\n"
         "Content-Type: text/plain\r\n";
    s.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n\r\n").append(body);
    return s;
}

/// A 200 answering request().
inline std::string response(std::string_view via = "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK776asdhds")
{
    std::string s = "SIP/2.0 200 OK\r\n";
    s.append("Via: ").append(via).append("\r\n");
    s += "From: <sip:alice@127.0.0.1>;tag=1928301774\r\n"
         "To: <sip:bob@127.0.0.1>;tag=a6c85cf\r\n"
         "Call-ID: a84b4c76e66710@127.0.0.1\r\n"
         "CSeq: 1 MESSAGE\r\n"
         "Content-Length: 0\r\n\r\n";
    return s;
}

/// A key pair and a self-signed certificate for "localhost", made at run
/// time (nothing checked in), and the two contexts that use them: the
/// server presents it, the client trusts it and verifies the peer.
struct tls_contexts {
    std::shared_ptr<asio::ssl::context> server;
    std::shared_ptr<asio::ssl::context> client;
};

inline tls_contexts make_tls_contexts()
{
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<unsigned char const*>("localhost"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509_sign(cert.get(), key.get(), EVP_sha256());

    tls_contexts out{std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server),
                     std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client)};
    SSL_CTX_use_certificate(out.server->native_handle(), cert.get());
    SSL_CTX_use_PrivateKey(out.server->native_handle(), key.get());
    X509_STORE_add_cert(SSL_CTX_get_cert_store(out.client->native_handle()), cert.get());
    out.client->set_verify_mode(asio::ssl::verify_peer);
    return out;
}

/// A resolver that answers from a table and counts its calls.
class fake_resolver final : public resolver {
public:
    explicit fake_resolver(std::map<std::string, asio::ip::address> table) : table_(std::move(table)) {}

    asio::awaitable<result<std::vector<asio::ip::address>>> resolve(std::string host, transport_kind) override
    {
        ++calls;
        auto it = table_.find(host);
        if (it == table_.end())
            co_return make_error_code(errc::host_not_found);
        co_return std::vector<asio::ip::address>{it->second};
    }

    int calls = 0;

private:
    std::map<std::string, asio::ip::address> table_;
};

inline asio::ip::address loopback() { return asio::ip::make_address("127.0.0.1"); }

} // namespace cpm::sip::transport::test

namespace cpm::sip::transport::test {

/// Collects what a layer hands up.
struct inbox {
    std::vector<inbound> messages;

    layer::message_handler handler()
    {
        return [this](inbound in) { messages.push_back(std::move(in)); };
    }
};

/// Reads from @p stream (a raw test client) until one whole SIP message
/// (or a lone CRLF pong, returned as "\r\n") arrived, or the stream ends
/// (returns what came, possibly nothing).
template <class Stream>
asio::awaitable<std::string> read_message(Stream& stream, std::string& pending)
{
    for (;;) {
        if (pending.starts_with("\r\n") && !pending.starts_with("\r\n\r\n")) {
            pending.erase(0, 2);
            co_return "\r\n";
        }
        sip::framer f;
        auto [used, status] = f.feed(pending);
        if (status == frame_status::message_ready) {
            auto text = f.release();
            pending.erase(0, used);
            co_return std::string(text.view());
        }
        char buffer[4096];
        auto [ec, n] = co_await stream.async_read_some(asio::buffer(buffer), asio::as_tuple(asio::use_awaitable));
        if (ec)
            co_return std::exchange(pending, {});
        pending.append(buffer, n);
    }
}

} // namespace cpm::sip::transport::test
