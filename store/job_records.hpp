#pragma once
// Rows of the deployment engine's tables. Times are simulated epoch milliseconds.
#include <cstdint>
#include <optional>
#include <string>

namespace rml::store {

// One deployment job. Counters drive the sliding window: robots [0, next_position) have left
// the queue, deploying_count of them are deploying now, failed_count ended failed.
struct job_row {
    std::int64_t id = 0;
    std::string arn;
    std::string fleet_arn;
    std::string fleet_name;
    std::string status;
    std::optional<std::string> failure_code;
    std::optional<std::string> failure_reason;
    std::int64_t created_ms = 0;
    std::optional<std::int64_t> started_ms;   // entered InProgress
    std::optional<std::int64_t> finished_ms;  // reached a terminal status
    std::optional<std::int64_t> due_ms;       // the job's next own transition
    std::optional<std::string> deployment_config;  // JSON as the caller gave it
    std::string application_configs;               // JSON as the caller gave it
    std::string client_token;
    std::string fingerprint;
    std::optional<std::string> sync_of;  // SyncDeploymentJob: the Succeeded job it repeats
    int robot_count = 0;
    int next_position = 0;
    int deploying_count = 0;
    int failed_count = 0;
    // A barrier (control API): once the job reaches hold_status it is held: its own and its
    // robots' due times are put aside as time left (held_left_ms) until it is released.
    std::optional<std::string> hold_status;
    bool held = false;
    std::optional<std::int64_t> held_left_ms;
    std::optional<std::int64_t> held_at_ms;  // when the hold took effect
};

// One robot of one job, as the job saw it when it entered Preparing.
struct job_robot_row {
    std::int64_t job_id = 0;
    int position = 0;  // registration order within the job
    std::string robot_arn;
    std::string robot_name;
    std::string architecture;
    std::string prior_status;  // the robot's status before the job
    std::string status;        // PendingNewDeployment, Deploying, InSync, Failed, NoResponse, or prior_status when aborted
    std::optional<std::string> step;
    std::optional<std::int64_t> step_started_ms;
    std::optional<std::int64_t> due_ms;  // end of the current step (or of the stall)
    std::optional<std::int64_t> started_ms;
    std::optional<std::int64_t> finished_ms;
    std::optional<std::string> failure_code;
    std::optional<std::string> failure_reason;
    std::optional<std::string> fail_code;  // injected: fail with this code ...
    std::optional<std::string> fail_step;  // ... when this step ends
    bool stalled = false;                  // offline: waiting to answer until due_ms
    std::int64_t register_seq = 0;         // the robot's registration the job deploys to
    std::optional<std::int64_t> held_left_ms;  // while its job is held: what was left of due_ms (read only)
};

// A due transition: a job's own (position < 0) or one of its robots'.
struct due_event {
    std::int64_t due_ms = 0;
    std::int64_t job_id = 0;
    int position = -1;
};

// One entry of a job's timeline.
struct job_event_row {
    std::int64_t job_id = 0;
    std::int64_t sim_ms = 0;
    std::int64_t wall_ms = 0;
    std::optional<std::string> robot_arn;  // empty: the job itself
    std::optional<std::string> old_status;
    std::string new_status;
    std::optional<std::string> step;
    std::optional<std::string> failure_code;
    std::optional<std::string> failure_reason;
};

}  // namespace rml::store
