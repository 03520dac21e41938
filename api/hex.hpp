#pragma once
// Lower-case hex of a byte string (digests, secrets).
#include <cstddef>
#include <string>

namespace rml::api {

inline std::string to_hex(const unsigned char* p, std::size_t n) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * n);
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[p[i] >> 4];
        out += digits[p[i] & 15];
    }
    return out;
}

}  // namespace rml::api
