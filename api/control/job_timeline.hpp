#pragma once
// Control API: GET /_emulator/jobs/{jobId}/events, a deployment job's timeline (DESIGN §2). Every
// transition of the job and of each of its robots, oldest first, with the simulated and the wall
// time. Stored with the job, so it survives restarts and goes when the job is deleted.
#include <string>

#include "api/error.hpp"
#include "api/state.hpp"

namespace rml::api::control {

// job_ref: the job's ARN or its id ("deployment-xxxxxxxxxxxx"), in any account and region.
result<std::string> job_timeline(state& st, const std::string& job_ref);

}  // namespace rml::api::control
