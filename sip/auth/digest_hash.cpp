#include "sip/auth/digest_hash.hpp"

#include <openssl/evp.h>

#include <memory>

namespace cpm::sip::auth {

namespace {

EVP_MD const* evp_of(digest_algorithm algorithm) noexcept
{
    switch (base_algorithm(algorithm)) {
    case digest_algorithm::md5: return EVP_md5();
    case digest_algorithm::sha_256: return EVP_sha256();
    case digest_algorithm::sha_512_256: return EVP_sha512_256();
    default: return nullptr;
    }
}

struct md_ctx_free {
    void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};

char lower_hex(char c) noexcept
{
    return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace

digest_algorithm base_algorithm(digest_algorithm algorithm) noexcept
{
    switch (algorithm) {
    case digest_algorithm::unspecified:
    case digest_algorithm::md5:
    case digest_algorithm::md5_sess: return digest_algorithm::md5;
    case digest_algorithm::sha_256:
    case digest_algorithm::sha_256_sess: return digest_algorithm::sha_256;
    case digest_algorithm::sha_512_256:
    case digest_algorithm::sha_512_256_sess: return digest_algorithm::sha_512_256;
    default: return digest_algorithm::other;
    }
}

bool digest_supported(digest_algorithm algorithm) noexcept
{
    return base_algorithm(algorithm) != digest_algorithm::other;
}

bool is_session_algorithm(digest_algorithm algorithm) noexcept
{
    return algorithm == digest_algorithm::md5_sess || algorithm == digest_algorithm::sha_256_sess ||
           algorithm == digest_algorithm::sha_512_256_sess;
}

int digest_strength(digest_algorithm algorithm) noexcept
{
    switch (base_algorithm(algorithm)) {
    case digest_algorithm::md5: return 1;
    case digest_algorithm::sha_256: return 2;
    case digest_algorithm::sha_512_256: return 3;
    default: return 0;
    }
}

std::string_view digest_algorithm_name(digest_algorithm algorithm) noexcept
{
    switch (algorithm) {
    case digest_algorithm::unspecified:
    case digest_algorithm::md5: return "MD5";
    case digest_algorithm::md5_sess: return "MD5-sess";
    case digest_algorithm::sha_256: return "SHA-256";
    case digest_algorithm::sha_256_sess: return "SHA-256-sess";
    case digest_algorithm::sha_512_256: return "SHA-512-256";
    case digest_algorithm::sha_512_256_sess: return "SHA-512-256-sess";
    default: return {};
    }
}

std::string to_lower_hex(std::span<unsigned char const> bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(bytes.size() * 2, '0');
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 0xF];
    }
    return out;
}

std::string digest_hash(digest_algorithm algorithm, std::initializer_list<std::string_view> parts)
{
    EVP_MD const* md = evp_of(algorithm);
    std::unique_ptr<EVP_MD_CTX, md_ctx_free> ctx(EVP_MD_CTX_new());
    unsigned char bytes[EVP_MAX_MD_SIZE];
    unsigned size = 0;
    bool ok = md != nullptr && ctx && EVP_DigestInit_ex(ctx.get(), md, nullptr) == 1;
    bool first = true;
    for (std::string_view part : parts) {
        if (!first)
            ok = ok && EVP_DigestUpdate(ctx.get(), ":", 1) == 1;
        first = false;
        ok = ok && EVP_DigestUpdate(ctx.get(), part.data(), part.size()) == 1;
    }
    ok = ok && EVP_DigestFinal_ex(ctx.get(), bytes, &size) == 1;
    if (!ok)
        return {}; // unsupported algorithm or an OpenSSL failure: never equal to a real digest
    return to_lower_hex({bytes, size});
}

std::string digest_ha1(digest_algorithm algorithm, std::string_view username, std::string_view realm,
                       std::string_view password)
{
    return digest_hash(algorithm, {username, realm, password});
}

std::string digest_response(digest_input const& in)
{
    // RFC 7616 3.4.2: for -sess, A1 = H(user:realm:pass):nonce:cnonce, so H(A1) hashes HA1 again.
    std::string session;
    std::string_view ha1 = in.ha1;
    if (is_session_algorithm(in.algorithm)) {
        session = digest_hash(in.algorithm, {in.ha1, in.nonce, in.cnonce});
        ha1 = session;
    }
    // RFC 7616 3.4.3: A2 = Method ":" request-uri for qop=auth (and without qop).
    std::string const ha2 = digest_hash(in.algorithm, {in.method, in.uri});
    if (in.qop.empty()) // RFC 2069 (RFC 2617 3.2.2.1): KD(H(A1), nonce:H(A2))
        return digest_hash(in.algorithm, {ha1, in.nonce, ha2});
    return digest_hash(in.algorithm, {ha1, in.nonce, in.nc, in.cnonce, in.qop, ha2});
}

bool digest_equal(std::string_view a, std::string_view b) noexcept
{
    if (a.size() != b.size() || a.empty())
        return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(lower_hex(a[i]) ^ lower_hex(b[i]));
    return diff == 0;
}

} // namespace cpm::sip::auth
