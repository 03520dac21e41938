#pragma once
// A deployment job's plan: what its stored request says, parsed once and cached by job id (the
// request never changes after CreateDeploymentJob). The values in force for absent members are
// SEMANTICS §6's: concurrency 100 %, failure threshold 100 %, robot timeout 18000 s.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/engine/timing.hpp"
#include "store/job_records.hpp"

namespace rml::api::engine {

struct s3_object_ref {
    std::string bucket;
    std::string key;
    std::optional<std::string> etag;
};

struct job_plan {
    // Part of the jitter's key: the job's row number, not its (random) ARN, so the same seed, clock
    // and requests give the same timeline in every run.
    std::string job_key;
    std::string application_arn;
    std::string application_name;
    std::string version;
    std::string launch_file;
    std::map<std::string, std::string> environment;
    std::vector<robot_step> steps;  // every robot walks these, ending with Finished
    int concurrency = 100;
    int threshold = 100;
    std::int64_t timeout_ms = 18'000'000;
    std::optional<s3_object_ref> download_condition;
};

job_plan parse_plan(const store::job_row& job);

// The step that follows `step` in the plan, or Finished.
robot_step step_after(const job_plan& plan, robot_step step);

// The engine's in-memory cache: plans by job ARN and the earliest due time (recomputed from the
// database when unknown). Owned by api::state.
struct schedule {
    std::unordered_map<std::string, job_plan> plans;  // by job ARN (ids may be reused after deletes)
    bool due_known = false;
    std::optional<std::int64_t> next_due_ms;

    // Called whenever the due time may have changed (the server re-arms its timer).
    std::function<void()> changed;
    // Called with a job's ARN whenever its status changes (the server wakes its waiters); with an
    // empty ARN when jobs were deleted (reset, expiry), so every waiter looks again.
    std::function<void(const std::string&)> job_changed;
    // Called for every transition the engine records (job ARN, the timeline entry): metrics, logs.
    std::function<void(const std::string&, const store::job_event_row&)> transition;

    const job_plan& plan_for(const store::job_row& job);
    void invalidate() {
        due_known = false;
        if (changed) changed();
    }
};

}  // namespace rml::api::engine
