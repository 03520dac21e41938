#pragma once
// Who sent a service request, and whether it may run (--auth; README "Signature verification").
// auth none: the account and region come from the Authorization header's credential scope
// (SEMANTICS §2), nothing is verified (verdict "unverified"). auth sigv4: the request is verified
// against the configured credentials (test/test in the default account when none are), and a
// failure is the 403 to answer with. Owned by the io_context thread, like app_state.
#include <optional>
#include <string>

#include "api/error.hpp"
#include "server/app_state.hpp"
#include "server/transport/dispatch.hpp"
#include "store/records.hpp"

namespace rml::server::auth {

struct request_identity {
    store::scope scope;
    std::string access_key_id;  // from the credential; empty without one
    std::string verdict;        // "ok", "unverified" (auth none) or the error code
    std::optional<api::api_error> error;  // set when the request must be refused
};

request_identity authenticate(app_state& app, const transport::http_request& req);

// The control API's bearer token (--control-token): nullopt when the call may proceed.
std::optional<api::api_error> check_control_token(const app_state& app, const transport::http_request& req);

}  // namespace rml::server::auth
