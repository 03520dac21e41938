#pragma once
// `robomaker-local health [--url URL]`: asks a running server for GET /_emulator/health and exits 0
// when it answers 200 with {"status":"ok"}, 1 (one line on stderr) when it does not (nothing
// listening, no answer within 2 s, another status or body), 2 on a bad URL or argument. The
// container image's HEALTHCHECK runs it, so the image needs no shell or HTTP client.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rml::server::health {

// Where to ask: a numeric address (no name lookups, so a static binary needs no NSS).
struct target {
    std::string address;  // "127.0.0.1", "::1"
    std::uint16_t port = 0;
    std::string url;      // normalized, for messages: "http://127.0.0.1:4567", "http://[::1]:4567"
};

struct url_result {
    std::optional<target> value;
    std::string error;  // one line, when !value
};

// "http://HOST[:PORT][/]": HOST is an IPv4 address, a bracketed IPv6 address or localhost
// (127.0.0.1); PORT defaults to 80. No user info, path, query or fragment.
url_result parse_url(std::string_view url);

// args excludes "robomaker-local health". env as in config::parse_config: without --url the target
// is the host and port the server would use from ROBOMAKER_LOCAL_CONFIG and ROBOMAKER_LOCAL_*
// (0.0.0.0 and :: become the loopback address). Prints the outcome; returns the exit code.
int run(const std::vector<std::string>& args, const char* (*env)(const char*));

std::string help_text();

}  // namespace rml::server::health
