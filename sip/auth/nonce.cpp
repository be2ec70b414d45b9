#include "sip/auth/nonce.hpp"

#include "sip/auth/digest_hash.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cstring>

namespace cpm::sip::auth {

namespace {

constexpr std::size_t field_digits = 16; // one 64-bit field in hex
constexpr std::size_t seal_digits = 32;  // 128 bits of HMAC-SHA-256
constexpr std::size_t nonce_digits = 2 * field_digits + seal_digits;

std::string hex64(std::uint64_t v)
{
    unsigned char bytes[8];
    for (int i = 7; i >= 0; --i, v >>= 8)
        bytes[i] = static_cast<unsigned char>(v & 0xFF);
    return to_lower_hex(bytes);
}

bool parse_hex64(std::string_view text, std::uint64_t& out) noexcept
{
    std::uint64_t v = 0;
    for (char c : text) {
        unsigned d;
        if (c >= '0' && c <= '9')
            d = static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = static_cast<unsigned>(c - 'a' + 10);
        else
            return false; // we issue lower case only
        v = v << 4 | d;
    }
    out = v;
    return true;
}

std::uint64_t random64()
{
    unsigned char bytes[8] = {};
    // RAND_bytes fails only without entropy; a zero salt still yields a valid (if less unique) nonce.
    (void)RAND_bytes(bytes, sizeof bytes);
    std::uint64_t v = 0;
    for (unsigned char b : bytes)
        v = v << 8 | b;
    return v;
}

} // namespace

nonce_codec::nonce_codec(std::string secret, std::chrono::seconds lifetime)
    : secret_(std::move(secret)), lifetime_(lifetime)
{
}

std::string nonce_codec::seal(std::string_view label, std::string_view payload, std::string_view realm) const
{
    // HMAC(secret, label NUL realm NUL payload): the realm binds a nonce to its challenger.
    std::string data;
    data.reserve(label.size() + realm.size() + payload.size() + 2);
    data.append(label).push_back('\0');
    data.append(realm).push_back('\0');
    data.append(payload);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned size = 0;
    if (HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
             reinterpret_cast<unsigned char const*>(data.data()), data.size(), mac, &size) == nullptr)
        return std::string(seal_digits, 'x'); // never matches a hex seal
    return to_lower_hex({mac, seal_digits / 2});
}

std::string nonce_codec::issue(std::string_view realm, wall_clock::time_point now) const
{
    auto const ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    std::string payload = hex64(static_cast<std::uint64_t>(ms)) + hex64(random64());
    return payload + seal("nonce", payload, realm);
}

nonce_check nonce_codec::check(std::string_view nonce, std::string_view realm, wall_clock::time_point now) const
{
    nonce_check out;
    std::uint64_t ms = 0;
    std::uint64_t salt = 0;
    if (nonce.size() != nonce_digits || !parse_hex64(nonce.substr(0, field_digits), ms) ||
        !parse_hex64(nonce.substr(field_digits, field_digits), salt))
        return out;
    std::string_view const payload = nonce.substr(0, 2 * field_digits);
    if (!digest_equal(seal("nonce", payload, realm), nonce.substr(2 * field_digits)))
        return out;
    out.issued = wall_clock::time_point(std::chrono::duration_cast<wall_clock::duration>(
        std::chrono::milliseconds(static_cast<std::int64_t>(ms))));
    out.state = now - out.issued > lifetime_ ? nonce_check::status::expired : nonce_check::status::valid;
    return out;
}

std::string nonce_codec::opaque(std::string_view realm) const
{
    return seal("opaque", {}, realm);
}

} // namespace cpm::sip::auth
