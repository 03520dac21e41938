#pragma once
// Maps method + request target to what should answer it: one of the 24 service operations
// (api::operations()), the control API under /_emulator/, or nothing.
#include <optional>
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
    // Set when a percent escape in the path's ARN or in the query is malformed or decodes to NUL or
    // to invalid UTF-8 (SEMANTICS §10): the InvalidParameterException message naming the parameter.
    // Nothing is ever truncated or half-decoded; dispatch answers 400 instead of running the route.
    std::optional<std::string> uri_error;
};

route match_route(std::string_view method, std::string_view target);

// Percent-decoding; '+' stays '+'. Returns false on a malformed escape (not %XX with two hex
// digits), on a NUL byte (raw or decoded) and when the result is not valid UTF-8; `out` is then unusable.
bool percent_decode(std::string_view in, std::string& out);

}  // namespace rml::server::transport
