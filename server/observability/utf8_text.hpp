#pragma once
// UTF-8 helpers for text the emulator shows back (journal raw bodies): pure functions, any thread.
#include <cstddef>
#include <string>
#include <string_view>

namespace rml::server::observability {

// The first `limit` bytes of s, cut back to a character boundary when that is close (at most 3 bytes).
std::string_view utf8_prefix(std::string_view s, std::size_t limit);

// Valid UTF-8 from arbitrary bytes: each byte that does not start a valid sequence becomes U+FFFD.
std::string sanitize_utf8(std::string_view in);

}  // namespace rml::server::observability
