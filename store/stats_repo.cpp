#include "store/stats_repo.hpp"

namespace rml::store {
namespace {

std::vector<std::pair<std::string, std::int64_t>> counts(statement& st) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    while (st.step()) out.emplace_back(st.column_text(0), st.column_int(1));
    st.reset();
    return out;
}

}  // namespace

std::vector<std::pair<std::string, std::int64_t>> stats_repo::jobs_by_status() {
    return counts(db_.prepare("SELECT status, COUNT(*) FROM deployment_jobs GROUP BY status ORDER BY status"));
}

std::vector<std::pair<std::string, std::int64_t>> stats_repo::robots_by_status() {
    return counts(db_.prepare("SELECT status, COUNT(*) FROM robots GROUP BY status ORDER BY status"));
}

}  // namespace rml::store
