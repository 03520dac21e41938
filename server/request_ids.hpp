#pragma once
// Fresh UUIDv4 strings for x-amzn-RequestId. Seeded once from the OS; owned by the io_context thread.
#include <cstdio>
#include <random>
#include <string>

namespace rml::server {

class request_ids {
public:
    request_ids() : rng_(std::random_device{}()) {}

    std::string next() {
        std::uint64_t a = rng_(), b = rng_();
        a = (a & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
        b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10
        char buf[37];
        std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                      static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFFF),
                      static_cast<unsigned>(b >> 48), static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
        return buf;
    }

private:
    std::mt19937_64 rng_;
};

}  // namespace rml::server
