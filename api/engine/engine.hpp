#pragma once
// The deployment engine's entry points (docs/engine.md). Event-driven: every job and every
// deploying robot has one due time in the database; advance_to applies, in time order, every
// transition due up to a simulated instant. Nothing polls: the api catches up before each
// request, and the server arms one timer for next_due().
#include <cstdint>
#include <optional>
#include <string>

#include "store/job_records.hpp"

namespace rml::api {
struct state;
}

namespace rml::api::engine {

// Applies every transition due at or before now_ms, in order of due time (ties: jobs before
// robots, then by job and position), and deletes jobs 90 days old. Caller holds a write
// transaction.
void advance_to(state& st, std::int64_t now_ms);

// Runs advance_to(clock now) in its own write transaction, when anything is due by now.
// Costs one comparison when nothing is due.
void catch_up(state& st);
// catch_up for a read: when the catch-up cannot be written (the database locked by another
// process, a full disk, any store_error), nothing of it is kept and the read answers from the
// committed state (SEMANTICS §10); returns false then. The engine timer retries with a backoff.
bool catch_up_for_read(state& st);

// The earliest simulated instant at which anything becomes due, or nullopt.
std::optional<std::int64_t> next_due(state& st);

// Hooks for the operations; the caller holds the write transaction.
void cancel_job(state& st, store::job_row& job, std::int64_t now_ms);
// Barriers: hold the job once it is in `status` (now, if it already is); release it. A held job
// and its robots do not advance; on release every due time resumes with the time it had left.
void set_hold(state& st, store::job_row& job, const std::string& status, std::int64_t now_ms);
void release_hold(state& st, store::job_row& job, std::int64_t now_ms);
// The fleet is being deleted: its active job fails with DeploymentFleetDoesNotExist.
void fleet_deleted(state& st, const std::string& fleet_arn, std::int64_t now_ms);
// The robot's emulator:offline tag was removed: stalled deployments resume, and a robot that
// ended NoResponse fetches its fleet's latest Succeeded deployment and becomes InSync.
void robot_back_online(state& st, const std::string& robot_arn, std::int64_t now_ms);

}  // namespace rml::api::engine
