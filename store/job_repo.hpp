#pragma once
// The deployment_jobs, job_robots and job_events tables. Scoped lookups take the caller's
// (account, region); the engine's lookups by id are unscoped.
#include <optional>
#include <vector>

#include "store/database.hpp"
#include "store/job_records.hpp"
#include "store/records.hpp"

namespace rml::store {

class job_repo {
public:
    explicit job_repo(database& db) : db_(db) {}

    // Sets row.id from the insert.
    void insert(const scope& s, job_row& row);
    // Writes every mutable column (status, failure, times, due, counters).
    void update(const job_row& row);
    std::optional<job_row> find(const scope& s, const std::string& arn);
    std::optional<job_row> find_by_id(std::int64_t id);
    // Unscoped, for the control API: the full ARN or its last part ("deployment-xxxxxxxxxxxx").
    std::optional<job_row> find_by_ref(const std::string& ref);
    std::optional<job_row> find_by_token(const scope& s, const std::string& token);
    bool arn_exists(const std::string& arn);
    // ListDeploymentJobs: newest first; before_id 0 starts at the newest, else rows with id < before_id.
    page<job_row> list(const scope& s, std::int64_t before_id, int limit, const filter_values& statuses,
                       const filter_values& fleet_names);
    int count_active(const scope& s);
    std::optional<job_row> active_for_fleet(const std::string& fleet_arn);
    std::optional<job_row> latest_for_fleet(const std::string& fleet_arn);
    std::optional<job_row> latest_succeeded_for_fleet(const std::string& fleet_arn);
    // True when the job's application configs equal those of `job_arn` (same deployment).
    bool same_deployment(const std::string& job_arn, const std::string& application_configs);

    void insert_robot(const job_robot_row& row);
    void update_robot(const job_robot_row& row);
    std::optional<job_robot_row> robot(std::int64_t job_id, int position);
    std::vector<job_robot_row> robots(std::int64_t job_id);
    // Robots still queued or deploying.
    std::vector<job_robot_row> unfinished_robots(std::int64_t job_id);
    // Barriers: put the due times of the job's robots aside as time left, or bring them back.
    void hold_robots(std::int64_t job_id, std::int64_t now_ms);
    // held_for_ms moves step starts on too, so progress continues where it stood.
    void release_robots(std::int64_t job_id, std::int64_t now_ms, std::int64_t held_for_ms);
    void forget_held_robots(std::int64_t job_id);
    // Stalled (offline) deployments of this robot become due at `now`, so they resume.
    void wake_stalled(const std::string& robot_arn, std::int64_t now_ms);

    // The earliest due job transition and robot transition, in (due, job, position) order.
    std::optional<due_event> next_job_due();
    std::optional<due_event> next_robot_due();
    std::optional<std::int64_t> oldest_created_ms();
    // Deletes jobs created at or before cutoff_ms, with their robots, events and tags.
    int expire(std::int64_t cutoff_ms);

    void add_event(const job_event_row& e);
    std::vector<job_event_row> events(std::int64_t job_id);

private:
    database& db_;
};

}  // namespace rml::store
