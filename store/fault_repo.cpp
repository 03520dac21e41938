#include "store/fault_repo.hpp"

#include <algorithm>

#include "store/meta_repo.hpp"

namespace rml::store {
namespace {

// The highest id ever handed out, kept in meta so deleting the newest rule does not free its id.
constexpr const char* last_id_key = "fault_rules_last_id";

}  // namespace

std::vector<fault_rule_row> fault_repo::all() {
    auto& st = db_.prepare("SELECT id, source, rule, matches, fired FROM fault_rules ORDER BY id");
    std::vector<fault_rule_row> out;
    while (st.step()) {
        out.push_back({st.column_int(0), st.column_text(1), st.column_text(2), st.column_int(3), st.column_int(4)});
    }
    return out;
}

std::int64_t fault_repo::insert(const std::string& source, const std::string& rule) {
    meta_repo meta(db_);
    std::int64_t last = db_.prepare("SELECT COALESCE(MAX(id), 0) FROM fault_rules").scalar_int();
    if (auto kept = meta.get(last_id_key)) last = std::max<std::int64_t>(last, std::stoll(*kept));
    std::int64_t id = last + 1;
    db_.prepare("INSERT INTO fault_rules (id, source, rule) VALUES (?1, ?2, ?3)")
        .bind(1, id).bind(2, source).bind(3, rule).run();
    meta.set(last_id_key, std::to_string(id));
    return id;
}

bool fault_repo::remove(std::int64_t id) {
    db_.prepare("DELETE FROM fault_rules WHERE id = ?1").bind(1, id).run();
    return db_.changes() > 0;
}

int fault_repo::remove_source(const std::string& source) {
    db_.prepare("DELETE FROM fault_rules WHERE source = ?1").bind(1, source).run();
    return db_.changes();
}

void fault_repo::set_counters(std::int64_t id, std::int64_t matches, std::int64_t fired) {
    db_.prepare("UPDATE fault_rules SET matches = ?2, fired = ?3 WHERE id = ?1")
        .bind(1, id).bind(2, matches).bind(3, fired).run();
}

}  // namespace rml::store
