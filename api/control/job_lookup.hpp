#pragma once
// Control-API access to one deployment job by its ARN or id, in any account and region (the
// control API is not scoped): its status, and its DescribeDeploymentJob body.
#include <optional>
#include <string>

#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api::control {

struct job_brief {
    std::string arn;
    std::string status;
};

// Applies what is due first, so the answer is the simulated present's.
std::optional<job_brief> job_status(state& st, const std::string& job_ref);
// The DescribeDeploymentJob body, as the job's own account and region would see it.
result<std::string> describe_job(state& st, const std::string& job_ref);

}  // namespace rml::api::control
