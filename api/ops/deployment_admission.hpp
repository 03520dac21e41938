#pragma once
// What CreateDeploymentJob and SyncDeploymentJob share: the clientRequestToken rule, the
// per-fleet concurrency rule, the active-jobs quota, and making the job row (SEMANTICS §6).
#include <optional>
#include <string>

#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api::ops {

// A new job about to be admitted; fingerprint identifies its parameters for idempotency.
struct new_job {
    std::string fleet_arn;
    std::string fleet_name;
    std::optional<std::string> deployment_config;
    std::string application_configs;
    std::string client_token;
    std::string fingerprint;
    std::optional<std::string> sync_of;
};

// The job an earlier request with the same token made, when the parameters match; a mismatch
// is IdempotentParameterMismatchException. nullopt: the token is new.
result<std::optional<store::job_row>> earlier_job(state& st, const call& c, const std::string& token,
                                                  const std::string& fingerprint);

// ConcurrentDeploymentException / LimitExceededException checks, then inserts the job in
// Pending. Returns the stored row.
result<store::job_row> admit_job(state& st, const call& c, const new_job& job);

}  // namespace rml::api::ops
