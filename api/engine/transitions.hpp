#pragma once
// The engine's transitions, shared by its files (api/engine/job_steps.cpp, robot_steps.cpp,
// advance.cpp). Every function runs inside the caller's write transaction at simulated time t.
#include <cstdint>
#include <optional>
#include <string>

#include "api/engine/plan.hpp"
#include "store/job_records.hpp"

namespace rml::api {
struct state;
}

namespace rml::api::engine {

// The job's own due transition: Pending -> Preparing -> InProgress, or the 30-day timeout.
void job_due(state& st, std::int64_t job_id, std::int64_t t);
// A robot's due transition: its step ends (or its stall does).
void robot_due(state& st, store::job_row& job, int position, std::int64_t t);
// Takes the robot at `position` out of the queue and starts its first step.
void start_robot(state& st, store::job_row& job, const job_plan& plan, int position, std::int64_t t);
// A robot reached InSync, Failed or NoResponse: frees its window slot, then starts the next
// queued robot, breaks the threshold or finishes the job.
void robot_finished(state& st, store::job_row& job, const job_plan& plan, bool failed, std::int64_t t);
// Ends the job in a terminal status; robots still queued or deploying end with
// RobotDeploymentAborted and go back to their status from before the job.
void finish_job(state& st, store::job_row& job, const std::string& status, const std::optional<std::string>& code,
                std::int64_t t);

// Holds the job when it has just reached its barrier's status (api/engine/barrier.cpp).
void hold_if_due(state& st, store::job_row& job, std::int64_t t);

// Timeline entries.
void job_event(state& st, const store::job_row& job, const std::string& old_status, std::int64_t t);
void robot_event(state& st, const std::string& job_arn, const store::job_robot_row& r, const std::string& old_status,
                 std::int64_t t);

// Injected failures for one robot of a job leaving Preparing: the robot's emulator:fail tag, the
// job's EMULATOR_FAIL variable, then fault rules. Sets r.fail_code/fail_step.
void plan_injected_failure(state& st, const store::job_row& job, const job_plan& plan, store::job_robot_row& r);
// True when the robot's emulator:offline tag is "true".
bool robot_offline(state& st, const std::string& robot_arn);

}  // namespace rml::api::engine
