#include "cpm/core/gruu.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace cpm::core {

std::string public_gruu(std::string_view aor, std::string_view instance)
{
    std::string out;
    out.reserve(aor.size() + 4 + instance.size());
    out.append(aor).append(";gr=").append(instance);
    return out;
}

std::string temp_gruu_uri(std::string_view user, std::string_view domain, bool sips)
{
    std::string out = sips ? "sips:" : "sip:";
    out.append(user).append("@").append(domain).append(";gr");
    return out;
}

std::string_view temp_gruu_key(std::string_view user) noexcept
{
    auto const dot = user.rfind('.');
    return dot == std::string_view::npos ? user : user.substr(0, dot);
}

namespace {

constexpr char hex_digits[] = "0123456789abcdef";
constexpr std::size_t key_bytes = 12; // 96 bits: unguessable, short enough for a user part

} // namespace

std::string temp_gruu_issuer::issue(std::string_view aor, std::string_view instance, std::string_view call_id)
{
    // HMAC(secret, aor NUL instance NUL call-id): NULs keep the fields apart.
    std::string input;
    input.reserve(aor.size() + instance.size() + call_id.size() + 2);
    input.append(aor).push_back('\0');
    input.append(instance).push_back('\0');
    input.append(call_id);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_size = 0;
    HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
         reinterpret_cast<unsigned char const*>(input.data()), input.size(), mac, &mac_size);
    std::string out;
    out.reserve(2 * key_bytes + 17);
    for (std::size_t i = 0; i < key_bytes && i < mac_size; ++i) {
        out += hex_digits[mac[i] >> 4];
        out += hex_digits[mac[i] & 0xf];
    }
    out += '.';
    std::uint64_t serial = serial_.fetch_add(1, std::memory_order_relaxed) + 1;
    char digits[16];
    std::size_t n = 0;
    do {
        digits[n++] = hex_digits[serial & 0xf];
        serial >>= 4;
    } while (serial != 0);
    while (n > 0)
        out += digits[--n];
    return out;
}

} // namespace cpm::core
