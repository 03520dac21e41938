#include "store/robot_repo.hpp"

#include "store/list_query.hpp"

namespace rml::store {
namespace {

constexpr const char* columns =
    "id, arn, name, architecture, greengrass_group_id, created_ms, fleet_arn, status, last_deployment_job, "
    "last_deployment_ms, register_seq";

robot_row read_robot(statement& st) {
    robot_row r;
    r.id = st.column_int(0);
    r.arn = st.column_text(1);
    r.name = st.column_text(2);
    r.architecture = st.column_text(3);
    r.greengrass_group_id = st.column_text(4);
    r.created_ms = st.column_int(5);
    r.fleet_arn = st.column_optional_text(6);
    r.status = st.column_text(7);
    r.last_deployment_job = st.column_optional_text(8);
    r.last_deployment_ms = st.column_optional_int(9);
    r.register_seq = st.column_optional_int(10);
    return r;
}

std::string select_robots(const char* where_and_order) {
    return std::string("SELECT ") + columns + " FROM robots " + where_and_order;
}

}  // namespace

void robot_repo::insert(const scope& s, robot_row& row) {
    auto& st = db_.prepare(
        "INSERT INTO robots (arn, account, region, name, architecture, greengrass_group_id, created_ms, status) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
    st.bind(1, row.arn).bind(2, s.account).bind(3, s.region).bind(4, row.name).bind(5, row.architecture);
    st.bind(6, row.greengrass_group_id).bind(7, row.created_ms).bind(8, row.status);
    row.id = st.scalar_int();  // RETURNING id
}

std::optional<robot_row> robot_repo::find(const scope& s, const std::string& arn) {
    static const std::string sql = select_robots("WHERE arn = ?1 AND account = ?2 AND region = ?3");
    return db_.prepare(sql)
        .bind_borrowed(1, arn).bind_borrowed(2, s.account).bind_borrowed(3, s.region)
        .first(read_robot);
}

std::optional<robot_row> robot_repo::find_any(const std::string& arn) {
    return db_.prepare(select_robots("WHERE arn = ?1")).bind(1, arn).first(read_robot);
}

bool robot_repo::name_exists(const scope& s, const std::string& name) {
    return db_.prepare("SELECT 1 FROM robots WHERE account = ?1 AND region = ?2 AND name = ?3")
        .bind(1, s.account).bind(2, s.region).bind(3, name)
        .exists();
}

bool robot_repo::arn_exists(const std::string& arn) {
    return db_.prepare("SELECT 1 FROM robots WHERE arn = ?1")
        .bind(1, arn)
        .exists();
}

bool robot_repo::remove(const scope& s, const std::string& arn) {
    db_.prepare("DELETE FROM robots WHERE arn = ?1 AND account = ?2 AND region = ?3")
        .bind(1, arn).bind(2, s.account).bind(3, s.region).run();
    return db_.changes() > 0;
}

int robot_repo::count(const scope& s) {
    return static_cast<int>(db_.prepare("SELECT COUNT(*) FROM robots WHERE account = ?1 AND region = ?2")
        .bind(1, s.account).bind(2, s.region)
        .scalar_int());
}

int robot_repo::count_in_fleet(const std::string& fleet_arn) {
    return static_cast<int>(db_.prepare("SELECT COUNT(*) FROM robots WHERE fleet_arn = ?1")
        .bind(1, fleet_arn)
        .scalar_int());
}

void robot_repo::register_to(const std::string& robot_arn, const std::string& fleet_arn, const std::string& status) {
    db_.prepare("UPDATE robots SET fleet_arn = ?2, status = ?3, "
                "register_seq = (SELECT COALESCE(MAX(register_seq), 0) + 1 FROM robots) WHERE arn = ?1")
        .bind(1, robot_arn).bind(2, fleet_arn).bind(3, status).run();
}

void robot_repo::deregister(const std::string& robot_arn, const std::string& status) {
    db_.prepare("UPDATE robots SET fleet_arn = NULL, status = ?2 WHERE arn = ?1")
        .bind(1, robot_arn).bind(2, status).run();
}

void robot_repo::deregister_all(const std::string& fleet_arn, const std::string& status) {
    db_.prepare("UPDATE robots SET fleet_arn = NULL, status = ?2 WHERE fleet_arn = ?1")
        .bind(1, fleet_arn).bind(2, status).run();
}

void robot_repo::set_deployment_status(const std::string& robot_arn, std::int64_t register_seq,
                                       const std::string& status) {
    db_.prepare("UPDATE robots SET status = ?3 WHERE arn = ?1 AND register_seq = ?2 AND fleet_arn IS NOT NULL")
        .bind(1, robot_arn).bind(2, register_seq).bind(3, status).run();
}

void robot_repo::set_last_deployment(const std::string& robot_arn, std::int64_t register_seq,
                                     const std::string& status, const std::string& job_arn,
                                     std::int64_t job_created_ms) {
    db_.prepare("UPDATE robots SET status = ?3, last_deployment_job = ?4, last_deployment_ms = ?5 "
                "WHERE arn = ?1 AND register_seq = ?2 AND fleet_arn IS NOT NULL")
        .bind(1, robot_arn).bind(2, register_seq).bind(3, status).bind(4, job_arn).bind(5, job_created_ms).run();
}

std::vector<robot_row> robot_repo::in_fleet(const std::string& fleet_arn, int limit) {
    auto& st = db_.prepare(select_robots("WHERE fleet_arn = ?1 ORDER BY register_seq LIMIT ?2"));
    st.bind(1, fleet_arn).bind(2, std::int64_t{limit});
    std::vector<robot_row> out;
    while (st.step()) out.push_back(read_robot(st));
    return out;
}

std::vector<robot_row> robot_repo::newest_in_fleet(const std::string& fleet_arn, int limit) {
    auto& st = db_.prepare(select_robots("WHERE fleet_arn = ?1 ORDER BY id DESC LIMIT ?2"));
    st.bind(1, fleet_arn).bind(2, std::int64_t{limit});
    std::vector<robot_row> out;
    while (st.step()) out.push_back(read_robot(st));
    return out;
}

page<robot_row> robot_repo::list(const scope& s, std::int64_t before_id, int limit, const filter_values& statuses,
                                 const filter_values& fleet_names) {
    statement* st;
    if (!statuses.empty()) {
        st = &db_.prepare(select_robots("WHERE account = ?1 AND region = ?2 AND (?3 = 0 OR id < ?3) AND status IN (?5, ?6, ?7) "
                                        "ORDER BY id DESC LIMIT ?4"));
        bind_filter(*st, 5, statuses);
    } else if (!fleet_names.empty()) {
        st = &db_.prepare(select_robots(
            "WHERE account = ?1 AND region = ?2 AND (?3 = 0 OR id < ?3) AND fleet_arn IN (SELECT arn FROM fleets "
            "WHERE account = ?1 AND region = ?2 AND name IN (?5, ?6, ?7)) ORDER BY id DESC LIMIT ?4"));
        bind_filter(*st, 5, fleet_names);
    } else {
        st = &db_.prepare(select_robots("WHERE account = ?1 AND region = ?2 AND (?3 = 0 OR id < ?3) ORDER BY id DESC LIMIT ?4"));
    }
    st->bind(1, s.account).bind(2, s.region).bind(3, before_id).bind(4, std::int64_t{limit} + 1);
    return collect_page<robot_row>(*st, limit, read_robot);
}

}  // namespace rml::store
