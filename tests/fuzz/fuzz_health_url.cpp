// libFuzzer target: the URL of `robomaker-local health --url URL` (server/health_probe.hpp
// parse_url). Input: the URL's bytes. Checked: an accepted URL names a numeric address and a port
// from 1 to 65535, its normalized form parses to the same target; a refused one has a one-line
// message of printable ASCII.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "server/health_probe.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    auto r = rml::server::health::parse_url(in);
    if (r.value) {
        if (r.value->port == 0 || r.value->address.empty() || !r.value->url.starts_with("http://")) std::abort();
        auto again = rml::server::health::parse_url(r.value->url);
        if (!again.value || again.value->address != r.value->address || again.value->port != r.value->port ||
            again.value->url != r.value->url) {
            std::abort();
        }
        return 0;
    }
    if (r.error.empty()) std::abort();
    for (char c : r.error) {
        if (c < 0x20 || c > 0x7e) std::abort();
    }
    return 0;
}
