#pragma once
// Applying a seed document (api/control/seed_document.hpp): --init FILE at start-up and
// POST /_emulator/init. Every item goes through the same operation as its API call
// (api::run_in_transaction: the model's validation, then the handler), all of them in one write
// transaction: on the first error nothing is applied, and the error names the item by JSON pointer
// (with the member the operation complained about, when it names one).
#include <string>
#include <string_view>

#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api::control {

struct seed_counts {
    int fleets = 0;
    int robots = 0;
    int robot_applications = 0;
    int versions = 0;
};

// Runs inside the caller's write transaction (the caller commits, or rolls back on an error).
result<seed_counts> apply_seed(state& st, std::string_view document);

// POST /_emulator/init: the body is a seed document, applied in one transaction.
// {"created":{"fleets":N,"robots":N,"robotApplications":N,"robotApplicationVersions":N}}
result<std::string> init_from_body(state& st, std::string_view body);

// --init at start-up: applies the document when the database holds no resources in any account
// (true), or leaves the database as it is (false), so a restart does not apply it twice.
result<bool> init_at_startup(state& st, std::string_view document);

}  // namespace rml::api::control
