#pragma once
// Deployment job operations (SEMANTICS §6): CreateDeploymentJob, DescribeDeploymentJob,
// ListDeploymentJobs, CancelDeploymentJob, SyncDeploymentJob. Each returns the JSON response body.
#include <string>

#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api::ops {

result<std::string> create_deployment_job(state& st, const call& c);
result<std::string> describe_deployment_job(state& st, const call& c);
result<std::string> list_deployment_jobs(state& st, const call& c);
result<std::string> cancel_deployment_job(state& st, const call& c);
result<std::string> sync_deployment_job(state& st, const call& c);

}  // namespace rml::api::ops
