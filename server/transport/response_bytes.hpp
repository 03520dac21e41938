#pragma once
// The bytes of a response's status line and header fields, as Beast's serializer writes them
// ("HTTP/1.1 200 OK\r\n", "Name: value\r\n" per field in order, an empty line), with a `Date`
// field last (SEMANTICS §2: on every response) that is not in res. write_response
// sends them and the body as two buffers of one write: Beast's generic serializer costs more per
// response than the rest of a DescribeRobot (bench/README.md). Every response the emulator builds
// carries a Content-Length (prepare_payload), so nothing is chunked.
#include <string>
#include <string_view>

#include "server/transport/dispatch.hpp"

namespace rml::server::transport {

std::string header_bytes(const http_response& res, std::string_view date);

}  // namespace rml::server::transport
