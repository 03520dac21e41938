#pragma once
// The 24 emulated operations (SEMANTICS §1) with their HTTP binding. The server's router matches
// requests against this table; the service dispatches on the name.
#include <span>
#include <string>
#include <string_view>

#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api {

using handler = result<std::string> (*)(state&, const call&);

struct operation {
    std::string_view name;    // e.g. "CreateFleet"
    std::string_view method;  // "POST", "GET" or "DELETE"
    std::string_view path;    // "/createFleet"; "/tags/" is a prefix followed by the resource ARN
    bool writes;              // runs in one write transaction
    handler run;              // nullptr until the operation is implemented (answers 501)
};

std::span<const operation> operations();
const operation* find_operation(std::string_view name);

}  // namespace rml::api
