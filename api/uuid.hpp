#pragma once
// Random UUIDv4 strings (request ids, revision ids) and base-36 ids (deployment job ids). Seeded
// once from the OS; not for secrets.
// Not thread-safe: one instance per owning thread.
#include <cstdint>
#include <cstddef>
#include <random>
#include <string>

namespace rml::api {

class uuid_source {
public:
    uuid_source() : rng_(std::random_device{}()) {}

    std::string next() {
        std::uint64_t a = rng_(), b = rng_();
        a = (a & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
        b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10
        // 8-4-4-4-12 hex digits, written by hand (snprintf costs more than the rest of a request id)
        static constexpr char hex[] = "0123456789abcdef";
        std::string out(36, '-');
        std::size_t at = 0;
        auto put = [&](std::uint64_t v, int digits) {
            for (int i = digits - 1; i >= 0; --i) out[at++] = hex[(v >> (4 * i)) & 0xF];
        };
        put(a >> 32, 8), ++at, put(a >> 16, 4), ++at, put(a, 4), ++at, put(b >> 48, 4), ++at, put(b, 12);
        return out;
    }

    // n characters drawn uniformly from [0-9a-z], like AWS's job ids ("xl8qssl6pbcn").
    std::string base36(std::size_t n) {
        static constexpr char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
        std::uniform_int_distribution<int> pick(0, 35);
        std::string out(n, '0');
        for (auto& ch : out) ch = digits[pick(rng_)];
        return out;
    }

private:
    std::mt19937_64 rng_;
};

}  // namespace rml::api
