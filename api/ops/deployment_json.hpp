#pragma once
// The DeploymentJob structures as the five deployment operations return them.
#include <cstdint>

#include "api/json_out.hpp"
#include "api/state.hpp"
#include "store/job_records.hpp"

namespace rml::api::ops {

// The members every deployment job response shares (arn, fleet, status, configs, failure,
// createdAt), written into an object the caller has begun.
void write_job_fields(json_out& out, const store::job_row& job);

// robotDeploymentSummary as of simulated time now_ms (percentDone grows with time).
void write_robot_summary(json_out& out, state& st, const store::job_row& job, std::int64_t now_ms);

}  // namespace rml::api::ops
