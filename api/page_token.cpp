#include "api/page_token.hpp"

#include <cstdint>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "api/hex.hpp"

namespace rml::api {
namespace {

std::string base64(std::string_view in) {
    std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::optional<std::string> unbase64(std::string_view in) {
    if (in.empty() || in.size() % 4 != 0) return std::nullopt;
    std::string out(3 * in.size() / 4 + 1, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
    if (n < 0) return std::nullopt;
    out.resize(static_cast<std::size_t>(n));
    // EVP_DecodeBlock counts padding as zero bytes; valid base64 has at most two.
    std::size_t padding = in.size() - in.find_last_not_of('=') - 1;
    if (in.find_last_not_of('=') == std::string_view::npos || padding > 2 || padding > out.size()) return std::nullopt;
    out.resize(out.size() - padding);
    return out;
}

}  // namespace

std::string page_token::hmac(std::string_view payload) const {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
         reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), md, &len);
    return std::string(reinterpret_cast<const char*>(md), len);
}

namespace {
constexpr std::size_t nonce_size = 8, id_size = 8, mac_size = 12;

std::string id_bytes(std::int64_t id) {
    std::string out(id_size, '\0');
    auto u = static_cast<std::uint64_t>(id);
    for (std::size_t i = 0; i < id_size; ++i) out[i] = static_cast<char>((u >> (8 * i)) & 0xff);
    return out;
}

std::int64_t id_of(std::string_view bytes) {
    std::uint64_t u = 0;
    for (std::size_t i = 0; i < id_size; ++i) u |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[i])) << (8 * i);
    return static_cast<std::int64_t>(u);
}

std::string xored(std::string_view a, std::string_view pad) {
    std::string out(a);
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<char>(out[i] ^ pad[i]);
    return out;
}
}  // namespace

std::string page_token::binding(std::string_view operation, std::string_view account, std::string_view region) {
    return std::string(operation) + "|" + std::string(account) + "|" + std::string(region);
}

std::string page_token::encode(std::string_view binding, std::int64_t last_id) const {
    unsigned char nonce[nonce_size];
    if (RAND_bytes(nonce, sizeof nonce) != 1) throw std::runtime_error("no randomness for a page token");
    std::string n(reinterpret_cast<const char*>(nonce), nonce_size);
    std::string hidden = xored(id_bytes(last_id), hmac("pad|" + n + "|" + std::string(binding)));
    std::string mac = hmac("mac|" + n + hidden + "|" + std::string(binding)).substr(0, mac_size);
    return base64(n + hidden + mac);
}

std::optional<std::int64_t> page_token::decode(std::string_view binding, std::string_view token) const {
    auto raw = unbase64(token);
    if (!raw || raw->size() != nonce_size + id_size + mac_size) return std::nullopt;
    std::string n = raw->substr(0, nonce_size), hidden = raw->substr(nonce_size, id_size);
    std::string expected = hmac("mac|" + n + hidden + "|" + std::string(binding)).substr(0, mac_size);
    if (CRYPTO_memcmp(expected.data(), raw->data() + nonce_size + id_size, mac_size) != 0) return std::nullopt;
    return id_of(xored(hidden, hmac("pad|" + n + "|" + std::string(binding))));
}

std::string page_token::new_secret() {
    unsigned char bytes[32];
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no randomness for the token secret");
    return to_hex(bytes, sizeof bytes);
}

}  // namespace rml::api
