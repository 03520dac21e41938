#include "store/fleet_repo.hpp"

#include "store/list_query.hpp"

namespace rml::store {
namespace {

fleet_row read_fleet(statement& st) {
    return fleet_row{st.column_int(0), st.column_text(1), st.column_text(2), st.column_int(3)};
}

}  // namespace

void fleet_repo::insert(const scope& s, fleet_row& row) {
    auto& st = db_.prepare("INSERT INTO fleets (arn, account, region, name, created_ms) VALUES (?1, ?2, ?3, ?4, ?5) "
                           "RETURNING id");
    st.bind(1, row.arn).bind(2, s.account).bind(3, s.region).bind(4, row.name).bind(5, row.created_ms);
    row.id = st.scalar_int();  // RETURNING id
}

std::optional<fleet_row> fleet_repo::find(const scope& s, const std::string& arn) {
    return db_.prepare("SELECT id, arn, name, created_ms FROM fleets WHERE arn = ?1 AND account = ?2 AND region = ?3")
        .bind(1, arn).bind(2, s.account).bind(3, s.region)
        .first(read_fleet);
}

bool fleet_repo::arn_exists(const std::string& arn) {
    return db_.prepare("SELECT 1 FROM fleets WHERE arn = ?1")
        .bind(1, arn)
        .exists();
}

bool fleet_repo::remove(const scope& s, const std::string& arn) {
    db_.prepare("DELETE FROM fleets WHERE arn = ?1 AND account = ?2 AND region = ?3")
        .bind(1, arn).bind(2, s.account).bind(3, s.region).run();
    return db_.changes() > 0;
}

int fleet_repo::count(const scope& s) {
    return static_cast<int>(db_.prepare("SELECT COUNT(*) FROM fleets WHERE account = ?1 AND region = ?2")
        .bind(1, s.account).bind(2, s.region)
        .scalar_int());
}

page<fleet_row> fleet_repo::list(const scope& s, std::int64_t after_id, int limit, const filter_values& names) {
    statement* st;
    if (names.empty()) {
        st = &db_.prepare("SELECT id, arn, name, created_ms FROM fleets WHERE account = ?1 AND region = ?2 "
                          "AND id > ?3 ORDER BY id LIMIT ?4");
    } else {
        st = &db_.prepare("SELECT id, arn, name, created_ms FROM fleets WHERE account = ?1 AND region = ?2 "
                          "AND id > ?3 AND name IN (?5, ?6, ?7) ORDER BY id LIMIT ?4");
        bind_filter(*st, 5, names);
    }
    st->bind(1, s.account).bind(2, s.region).bind(3, after_id).bind(4, std::int64_t{limit} + 1);
    return collect_page<fleet_row>(*st, limit, read_fleet);
}

}  // namespace rml::store
