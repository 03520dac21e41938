#pragma once
// Maps method + request target to what should answer it: one of the 24 service operations
// (api::operations()), the control API under /_emulator/, or nothing.
#include <string>
#include <string_view>
#include <vector>

#include "api/operations.hpp"

namespace rml::server::transport {

struct route {
    enum class kind { operation, control, unknown } what = kind::unknown;
    const api::operation* op = nullptr;
    std::string path;                  // the target without its query string
    std::string resource_arn;          // tag operations: percent-decoded ARN
    std::vector<std::pair<std::string, std::string>> query;  // decoded name/value pairs, in order
};

route match_route(std::string_view method, std::string_view target);

// Percent-decoding; '+' stays '+'. Returns false on a malformed escape.
bool percent_decode(std::string_view in, std::string& out);

}  // namespace rml::server::transport
