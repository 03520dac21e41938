#include "api/page_token.hpp"

#include <charconv>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/hmac.h>
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

std::string page_token::mac(std::string_view payload) const {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
         reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), md, &len);
    return to_hex(md, 12);
}

std::string page_token::encode(std::string_view operation, std::int64_t last_id) const {
    std::string payload = std::string(operation) + "|" + std::to_string(last_id);
    return base64(payload + "|" + mac(payload));
}

std::optional<std::int64_t> page_token::decode(std::string_view operation, std::string_view token) const {
    auto raw = unbase64(token);
    if (!raw) return std::nullopt;
    auto bar = raw->rfind('|');
    if (bar == std::string::npos) return std::nullopt;
    std::string payload = raw->substr(0, bar);
    if (mac(payload) != raw->substr(bar + 1)) return std::nullopt;
    auto op_end = payload.find('|');
    if (op_end == std::string::npos || payload.substr(0, op_end) != operation) return std::nullopt;
    std::int64_t id = 0;
    const char* first = payload.data() + op_end + 1;
    const char* last = payload.data() + payload.size();
    auto [ptr, ec] = std::from_chars(first, last, id);
    if (ec != std::errc() || ptr != last) return std::nullopt;
    return id;
}

std::string page_token::new_secret() {
    unsigned char bytes[32];
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no randomness for the token secret");
    return to_hex(bytes, sizeof bytes);
}

}  // namespace rml::api
