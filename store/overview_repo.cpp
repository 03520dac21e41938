#include "store/overview_repo.hpp"

namespace rml::store {

std::vector<scope> overview_repo::scopes() {
    auto& st = db_.prepare(
        "SELECT account, region FROM fleets UNION SELECT account, region FROM robots "
        "UNION SELECT account, region FROM robot_applications UNION SELECT account, region FROM deployment_jobs "
        "ORDER BY 1, 2");
    std::vector<scope> out;
    while (st.step()) out.push_back({st.column_text(0), st.column_text(1)});
    st.reset();
    return out;
}

std::vector<robot_brief> overview_repo::unassigned_robots(const scope& s, int limit) {
    auto& st = db_.prepare(
        "SELECT arn, name, status, architecture FROM robots "
        "WHERE account = ?1 AND region = ?2 AND fleet_arn IS NULL ORDER BY id LIMIT ?3");
    st.bind(1, s.account).bind(2, s.region).bind(3, std::int64_t{limit});
    std::vector<robot_brief> out;
    while (st.step()) out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3)});
    st.reset();
    return out;
}

std::vector<std::int64_t> overview_repo::newest_job_ids(const scope& s, int limit) {
    auto& st = db_.prepare(
        "SELECT id FROM deployment_jobs WHERE account = ?1 AND region = ?2 ORDER BY id DESC LIMIT ?3");
    st.bind(1, s.account).bind(2, s.region).bind(3, std::int64_t{limit});
    std::vector<std::int64_t> out;
    while (st.step()) out.push_back(st.column_int(0));
    st.reset();
    return out;
}

}  // namespace rml::store
