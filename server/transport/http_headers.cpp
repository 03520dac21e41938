#include "server/transport/http_headers.hpp"

#include <cstdio>
#include <ctime>

namespace rml::server::transport {

const std::string& http_date(std::chrono::system_clock::time_point t) {
    static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    // Every response of one second carries the same Date: formatted once per second and thread.
    thread_local std::time_t cached_second = -1;
    thread_local std::string cached;
    std::time_t secs = std::chrono::system_clock::to_time_t(t);
    if (secs == cached_second) return cached;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday % 7], tm.tm_mday,
                  months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    cached = buf;
    cached_second = secs;
    return cached;
}

std::string header_safe(std::string_view text, std::size_t max_bytes) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    for (unsigned char ch : text) {
        std::size_t need = (ch >= 0x20 && ch < 0x7f) ? 1 : 4;
        if (out.size() + need > max_bytes) {
            out += "...";
            break;
        }
        if (need == 1) {
            out += static_cast<char>(ch);
        } else {
            out += "\\x";
            out += hex[ch >> 4];
            out += hex[ch & 15];
        }
    }
    return out;
}

}  // namespace rml::server::transport
