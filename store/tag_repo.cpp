#include "store/tag_repo.hpp"

namespace rml::store {

tag_map tag_repo::get(const std::string& arn) {
    auto& st = db_.prepare("SELECT key, value FROM tags WHERE resource_arn = ?1");
    st.bind_borrowed(1, arn);  // arn outlives the loop below
    tag_map out;
    while (st.step()) out.emplace(st.column_text(0), st.column_text(1));
    return out;
}

void tag_repo::put(const std::string& arn, const tag_map& tags) {
    for (const auto& [k, v] : tags) {
        db_.prepare("INSERT INTO tags (resource_arn, key, value) VALUES (?1, ?2, ?3) "
                    "ON CONFLICT (resource_arn, key) DO UPDATE SET value = excluded.value")
            .bind(1, arn).bind(2, k).bind(3, v).run();
    }
}

void tag_repo::remove(const std::string& arn, const std::vector<std::string>& keys) {
    for (const auto& k : keys) {
        db_.prepare("DELETE FROM tags WHERE resource_arn = ?1 AND key = ?2").bind(1, arn).bind(2, k).run();
    }
}

void tag_repo::remove_all(const std::string& arn) {
    db_.prepare("DELETE FROM tags WHERE resource_arn = ?1").bind(1, arn).run();
}

std::optional<std::string> tag_repo::value(const std::string& arn, const std::string& key) {
    return db_.prepare("SELECT value FROM tags WHERE resource_arn = ?1 AND key = ?2")
        .bind(1, arn).bind(2, key)
        .first([](statement& st) { return st.column_text(0); });
}

}  // namespace rml::store
