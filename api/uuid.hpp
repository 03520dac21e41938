#pragma once
// Random UUIDv4 strings (request ids, revision ids) and base-36 ids (deployment job ids). Seeded
// once from the OS; not for secrets.
// Not thread-safe: one instance per owning thread.
#include <cstdint>
#include <cstddef>
#include <cstdio>
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
        char buf[40];
        std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                      static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFFF),
                      static_cast<unsigned>(b >> 48), static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
        return buf;
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
