#include "server/transport/response_bytes.hpp"

namespace rml::server::transport {

std::string header_bytes(const http_response& res, std::string_view date) {
    std::string out;
    out.reserve(256);
    out.append(res.version() == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
    out.append(std::to_string(res.result_int())).append(" ");
    out.append(res.reason());
    out.append("\r\n");
    for (const auto& field : res.base()) {
        out.append(field.name_string()).append(": ").append(field.value()).append("\r\n");
    }
    out.append("Date: ").append(date).append("\r\n\r\n");
    return out;
}

}  // namespace rml::server::transport
