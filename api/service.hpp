#pragma once
// The emulated service's single entry point: one parsed HTTP request in, a JSON body or an
// api_error out. Parses and validates the body, then runs the operation, inside one committed
// write transaction for operations that write. Store failures propagate as exceptions (the
// server answers 500).
#include <string>
#include <string_view>
#include <vector>

#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api {

struct api_request {
    std::string_view operation;
    store::scope scope;
    std::string_view body;            // raw JSON; empty means {}
    std::string resource_arn;         // tag operations: the decoded ARN from the path
    std::vector<std::string> tag_keys;  // UntagResource: the tagKeys query values
};

class service {
public:
    explicit service(state& st) : st_(st) {}
    result<std::string> handle(const api_request& req);
    state& shared_state() { return st_; }

private:
    state& st_;
};

}  // namespace rml::api
