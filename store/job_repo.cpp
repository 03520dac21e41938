#include "store/job_repo.hpp"

#include "store/list_query.hpp"

namespace rml::store {
namespace {

constexpr const char* job_columns =
    "id, arn, fleet_arn, fleet_name, status, failure_code, failure_reason, created_ms, started_ms, finished_ms, "
    "due_ms, deployment_config, application_configs, client_token, fingerprint, sync_of, robot_count, "
    "next_position, deploying_count, failed_count, hold_status, held, held_left_ms, held_at_ms";

job_row read_job(statement& st) {
    job_row r;
    r.id = st.column_int(0);
    r.arn = st.column_text(1);
    r.fleet_arn = st.column_text(2);
    r.fleet_name = st.column_text(3);
    r.status = st.column_text(4);
    r.failure_code = st.column_optional_text(5);
    r.failure_reason = st.column_optional_text(6);
    r.created_ms = st.column_int(7);
    r.started_ms = st.column_optional_int(8);
    r.finished_ms = st.column_optional_int(9);
    r.due_ms = st.column_optional_int(10);
    r.deployment_config = st.column_optional_text(11);
    r.application_configs = st.column_text(12);
    r.client_token = st.column_text(13);
    r.fingerprint = st.column_text(14);
    r.sync_of = st.column_optional_text(15);
    r.robot_count = static_cast<int>(st.column_int(16));
    r.next_position = static_cast<int>(st.column_int(17));
    r.deploying_count = static_cast<int>(st.column_int(18));
    r.failed_count = static_cast<int>(st.column_int(19));
    r.hold_status = st.column_optional_text(20);
    r.held = st.column_int(21) != 0;
    r.held_left_ms = st.column_optional_int(22);
    r.held_at_ms = st.column_optional_int(23);
    return r;
}

std::string select_jobs(const char* rest) { return std::string("SELECT ") + job_columns + " FROM deployment_jobs " + rest; }

constexpr const char* active = "status IN ('Pending', 'Preparing', 'InProgress')";

}  // namespace

void job_repo::insert(const scope& s, job_row& row) {
    auto& st = db_.prepare(
        "INSERT INTO deployment_jobs (arn, account, region, fleet_arn, fleet_name, status, created_ms, due_ms, "
        "deployment_config, application_configs, client_token, fingerprint, sync_of) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id");
    st.bind(1, row.arn).bind(2, s.account).bind(3, s.region).bind(4, row.fleet_arn).bind(5, row.fleet_name);
    st.bind(6, row.status).bind(7, row.created_ms).bind_optional(8, row.due_ms).bind_optional(9, row.deployment_config);
    st.bind(10, row.application_configs).bind(11, row.client_token).bind(12, row.fingerprint);
    st.bind_optional(13, row.sync_of);
    row.id = st.scalar_int();
}

void job_repo::update(const job_row& r) {
    db_.prepare("UPDATE deployment_jobs SET status = ?2, failure_code = ?3, failure_reason = ?4, started_ms = ?5, "
                "finished_ms = ?6, due_ms = ?7, robot_count = ?8, next_position = ?9, deploying_count = ?10, "
                "failed_count = ?11, hold_status = ?12, held = ?13, held_left_ms = ?14, held_at_ms = ?15 WHERE id = ?1")
        .bind(1, r.id).bind(2, r.status).bind_optional(3, r.failure_code).bind_optional(4, r.failure_reason)
        .bind_optional(5, r.started_ms).bind_optional(6, r.finished_ms).bind_optional(7, r.due_ms)
        .bind(8, std::int64_t{r.robot_count}).bind(9, std::int64_t{r.next_position})
        .bind(10, std::int64_t{r.deploying_count}).bind(11, std::int64_t{r.failed_count})
        .bind_optional(12, r.hold_status).bind(13, std::int64_t{r.held ? 1 : 0}).bind_optional(14, r.held_left_ms)
        .bind_optional(15, r.held_at_ms)
        .run();
}

std::optional<job_row> job_repo::find(const scope& s, const std::string& arn) {
    return db_.prepare(select_jobs("WHERE arn = ?1 AND account = ?2 AND region = ?3"))
        .bind(1, arn).bind(2, s.account).bind(3, s.region)
        .first(read_job);
}

std::optional<job_row> job_repo::find_by_id(std::int64_t id) {
    return db_.prepare(select_jobs("WHERE id = ?1")).bind(1, id).first(read_job);
}

std::optional<job_row> job_repo::find_by_ref(const std::string& ref) {
    return db_.prepare(select_jobs("WHERE arn = ?1 OR (instr(?1, '/') = 0 AND substr(arn, -length(?1) - 1) = '/' || ?1)"))
        .bind(1, ref)
        .first(read_job);
}

std::optional<job_row> job_repo::find_by_token(const scope& s, const std::string& token) {
    return db_.prepare(select_jobs("WHERE account = ?1 AND region = ?2 AND client_token = ?3"))
        .bind(1, s.account).bind(2, s.region).bind(3, token)
        .first(read_job);
}

bool job_repo::arn_exists(const std::string& arn) {
    return db_.prepare("SELECT 1 FROM deployment_jobs WHERE arn = ?1").bind(1, arn).exists();
}

page<job_row> job_repo::list(const scope& s, std::int64_t before_id, int limit, const filter_values& statuses,
                             const filter_values& fleet_names) {
    statement* st;
    if (!statuses.empty()) {
        st = &db_.prepare(select_jobs("WHERE account = ?1 AND region = ?2 AND (?3 = 0 OR id < ?3) AND status IN (?5, ?6, ?7) "
                                      "ORDER BY id DESC LIMIT ?4"));
        bind_filter(*st, 5, statuses);
    } else if (!fleet_names.empty()) {
        st = &db_.prepare(select_jobs("WHERE account = ?1 AND region = ?2 AND (?3 = 0 OR id < ?3) "
                                      "AND fleet_name IN (?5, ?6, ?7) ORDER BY id DESC LIMIT ?4"));
        bind_filter(*st, 5, fleet_names);
    } else {
        st = &db_.prepare(select_jobs("WHERE account = ?1 AND region = ?2 AND (?3 = 0 OR id < ?3) ORDER BY id DESC LIMIT ?4"));
    }
    st->bind(1, s.account).bind(2, s.region).bind(3, before_id).bind(4, std::int64_t{limit} + 1);
    return collect_page<job_row>(*st, limit, read_job);
}

int job_repo::count_active(const scope& s) {
    return static_cast<int>(
        db_.prepare(std::string("SELECT COUNT(*) FROM deployment_jobs WHERE account = ?1 AND region = ?2 AND ") + active)
            .bind(1, s.account).bind(2, s.region)
            .scalar_int());
}

std::optional<job_row> job_repo::active_for_fleet(const std::string& fleet_arn) {
    return db_.prepare(select_jobs((std::string("WHERE fleet_arn = ?1 AND ") + active + " ORDER BY id DESC LIMIT 1").c_str()))
        .bind(1, fleet_arn)
        .first(read_job);
}

std::optional<job_row> job_repo::latest_for_fleet(const std::string& fleet_arn) {
    return db_.prepare(select_jobs("WHERE fleet_arn = ?1 ORDER BY id DESC LIMIT 1")).bind(1, fleet_arn).first(read_job);
}

std::optional<job_row> job_repo::latest_succeeded_for_fleet(const std::string& fleet_arn) {
    return db_.prepare(select_jobs("WHERE fleet_arn = ?1 AND status = 'Succeeded' ORDER BY id DESC LIMIT 1"))
        .bind(1, fleet_arn)
        .first(read_job);
}

bool job_repo::same_deployment(const std::string& job_arn, const std::string& application_configs) {
    return db_.prepare("SELECT 1 FROM deployment_jobs WHERE arn = ?1 AND application_configs = ?2")
        .bind(1, job_arn).bind(2, application_configs)
        .exists();
}

}  // namespace rml::store
