#pragma once
// Header values every response carries beside the body (SEMANTICS §2): `Date` in the RFC 7231
// IMF-fixdate form, and on errors `x-amzn-ErrorMessage`, the message made safe for a header.
#include <chrono>
#include <string>
#include <string_view>

namespace rml::server::transport {

// "Sun, 06 Nov 1994 08:49:37 GMT" for the given wall-clock instant (always GMT, English names).
const std::string& http_date(std::chrono::system_clock::time_point t);

// The text as a header value: printable ASCII (0x20-0x7e) is kept; every other byte (control
// characters, DEL, the bytes of non-ASCII UTF-8) becomes \xHH, so a header can never be split or
// carry bytes a client may refuse. A backslash stays as it is. Cut at max_bytes (on an escape's
// boundary) with "..." appended, so a long message cannot blow the header limit of a client.
std::string header_safe(std::string_view text, std::size_t max_bytes = 4096);

}  // namespace rml::server::transport
