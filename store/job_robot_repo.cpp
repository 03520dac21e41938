// job_repo: the robots of a job, due transitions, expiry and the timeline.
#include "store/job_repo.hpp"

namespace rml::store {
namespace {

constexpr const char* robot_columns =
    "job_id, position, robot_arn, robot_name, architecture, prior_status, status, step, step_started_ms, due_ms, "
    "started_ms, finished_ms, failure_code, failure_reason, fail_code, fail_step, stalled, register_seq, held_left_ms";

job_robot_row read_robot(statement& st) {
    job_robot_row r;
    r.job_id = st.column_int(0);
    r.position = static_cast<int>(st.column_int(1));
    r.robot_arn = st.column_text(2);
    r.robot_name = st.column_text(3);
    r.architecture = st.column_text(4);
    r.prior_status = st.column_text(5);
    r.status = st.column_text(6);
    r.step = st.column_optional_text(7);
    r.step_started_ms = st.column_optional_int(8);
    r.due_ms = st.column_optional_int(9);
    r.started_ms = st.column_optional_int(10);
    r.finished_ms = st.column_optional_int(11);
    r.failure_code = st.column_optional_text(12);
    r.failure_reason = st.column_optional_text(13);
    r.fail_code = st.column_optional_text(14);
    r.fail_step = st.column_optional_text(15);
    r.stalled = st.column_int(16) != 0;
    r.register_seq = st.column_optional_int(17).value_or(0);
    r.held_left_ms = st.column_optional_int(18);
    return r;
}

std::string select_robots(const char* rest) {
    return std::string("SELECT ") + robot_columns + " FROM job_robots " + rest;
}

}  // namespace

void job_repo::insert_robot(const job_robot_row& r) {
    db_.prepare("INSERT INTO job_robots (job_id, position, robot_arn, robot_name, architecture, prior_status, status, "
                "register_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, r.job_id).bind(2, std::int64_t{r.position}).bind(3, r.robot_arn).bind(4, r.robot_name)
        .bind(5, r.architecture).bind(6, r.prior_status).bind(7, r.status).bind(8, r.register_seq)
        .run();
}

void job_repo::update_robot(const job_robot_row& r) {
    db_.prepare("UPDATE job_robots SET status = ?3, step = ?4, step_started_ms = ?5, due_ms = ?6, started_ms = ?7, "
                "finished_ms = ?8, failure_code = ?9, failure_reason = ?10, fail_code = ?11, fail_step = ?12, "
                "stalled = ?13 WHERE job_id = ?1 AND position = ?2")
        .bind(1, r.job_id).bind(2, std::int64_t{r.position}).bind(3, r.status).bind_optional(4, r.step)
        .bind_optional(5, r.step_started_ms).bind_optional(6, r.due_ms).bind_optional(7, r.started_ms)
        .bind_optional(8, r.finished_ms).bind_optional(9, r.failure_code).bind_optional(10, r.failure_reason)
        .bind_optional(11, r.fail_code).bind_optional(12, r.fail_step).bind(13, std::int64_t{r.stalled ? 1 : 0})
        .run();
}

std::optional<job_robot_row> job_repo::robot(std::int64_t job_id, int position) {
    return db_.prepare(select_robots("WHERE job_id = ?1 AND position = ?2"))
        .bind(1, job_id).bind(2, std::int64_t{position})
        .first(read_robot);
}

std::vector<job_robot_row> job_repo::robots(std::int64_t job_id) {
    auto& st = db_.prepare(select_robots("WHERE job_id = ?1 ORDER BY position"));
    st.bind(1, job_id);
    std::vector<job_robot_row> out;
    while (st.step()) out.push_back(read_robot(st));
    return out;
}

std::vector<job_robot_row> job_repo::unfinished_robots(std::int64_t job_id) {
    auto& st = db_.prepare(
        select_robots("WHERE job_id = ?1 AND status IN ('PendingNewDeployment', 'Deploying') ORDER BY position"));
    st.bind(1, job_id);
    std::vector<job_robot_row> out;
    while (st.step()) out.push_back(read_robot(st));
    return out;
}

void job_repo::hold_robots(std::int64_t job_id, std::int64_t now_ms) {
    db_.prepare("UPDATE job_robots SET held_left_ms = max(due_ms - ?2, 0), due_ms = NULL "
                "WHERE job_id = ?1 AND due_ms IS NOT NULL")
        .bind(1, job_id).bind(2, now_ms).run();
}

void job_repo::release_robots(std::int64_t job_id, std::int64_t now_ms, std::int64_t held_for_ms) {
    db_.prepare("UPDATE job_robots SET due_ms = ?2 + held_left_ms, held_left_ms = NULL, "
                "step_started_ms = step_started_ms + ?3 WHERE job_id = ?1 AND held_left_ms IS NOT NULL")
        .bind(1, job_id).bind(2, now_ms).bind(3, held_for_ms).run();
}

void job_repo::forget_held_robots(std::int64_t job_id) {
    db_.prepare("UPDATE job_robots SET held_left_ms = NULL WHERE job_id = ?1 AND held_left_ms IS NOT NULL")
        .bind(1, job_id).run();
}

void job_repo::wake_stalled(const std::string& robot_arn, std::int64_t now_ms) {
    db_.prepare("UPDATE job_robots SET due_ms = ?2 WHERE robot_arn = ?1 AND stalled = 1 AND due_ms > ?2")
        .bind(1, robot_arn).bind(2, now_ms).run();
    // Held: due at once when the hold is released.
    db_.prepare("UPDATE job_robots SET held_left_ms = 0 WHERE robot_arn = ?1 AND stalled = 1 AND held_left_ms > 0")
        .bind(1, robot_arn).run();
}

std::optional<due_event> job_repo::next_job_due() {
    return db_.prepare("SELECT due_ms, id FROM deployment_jobs WHERE due_ms IS NOT NULL ORDER BY due_ms, id LIMIT 1")
        .first([](statement& st) { return due_event{st.column_int(0), st.column_int(1), -1}; });
}

std::optional<due_event> job_repo::next_robot_due() {
    return db_.prepare("SELECT due_ms, job_id, position FROM job_robots WHERE due_ms IS NOT NULL "
                       "ORDER BY due_ms, job_id, position LIMIT 1")
        .first([](statement& st) {
            return due_event{st.column_int(0), st.column_int(1), static_cast<int>(st.column_int(2))};
        });
}

std::optional<std::int64_t> job_repo::oldest_created_ms() {
    return db_.prepare("SELECT MIN(created_ms) FROM deployment_jobs").first([](statement& st) {
        return st.column_optional_int(0);
    }).value_or(std::nullopt);
}

int job_repo::expire(std::int64_t cutoff_ms) {
    db_.prepare("DELETE FROM tags WHERE resource_arn IN (SELECT arn FROM deployment_jobs WHERE created_ms <= ?1)")
        .bind(1, cutoff_ms).run();
    db_.prepare("DELETE FROM deployment_jobs WHERE created_ms <= ?1").bind(1, cutoff_ms).run();
    return db_.changes();
}

void job_repo::add_event(const job_event_row& e) {
    db_.prepare("INSERT INTO job_events (job_id, sim_ms, wall_ms, robot_arn, old_status, new_status, step, "
                "failure_code, failure_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        .bind(1, e.job_id).bind(2, e.sim_ms).bind(3, e.wall_ms).bind_optional(4, e.robot_arn)
        .bind_optional(5, e.old_status).bind(6, e.new_status).bind_optional(7, e.step)
        .bind_optional(8, e.failure_code).bind_optional(9, e.failure_reason)
        .run();
}

std::vector<job_event_row> job_repo::events(std::int64_t job_id) {
    auto& st = db_.prepare("SELECT job_id, sim_ms, wall_ms, robot_arn, old_status, new_status, step, failure_code, "
                           "failure_reason FROM job_events WHERE job_id = ?1 ORDER BY id");
    st.bind(1, job_id);
    std::vector<job_event_row> out;
    while (st.step()) {
        out.push_back({st.column_int(0), st.column_int(1), st.column_int(2), st.column_optional_text(3),
                       st.column_optional_text(4), st.column_text(5), st.column_optional_text(6),
                       st.column_optional_text(7), st.column_optional_text(8)});
    }
    return out;
}

}  // namespace rml::store
