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

// What handle does for a write between the catch-up and the commit: parses, validates and runs
// the operation inside the caller's open write transaction, which the caller commits or rolls
// back. The seed document (api/control/seed.hpp) applies its items through it.
result<std::string> run_in_transaction(state& st, const api_request& req);

class service {
public:
    explicit service(state& st) : st_(st) {}
    result<std::string> handle(const api_request& req);
    state& shared_state() { return st_; }

private:
    state& st_;
};

}  // namespace rml::api
